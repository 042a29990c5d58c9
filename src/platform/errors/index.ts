/** Errors with stable codes; the problem-details filter maps them to HTTP (business code never throws HTTP errors). */
export { DomainError, InvalidRequestError, ResourceNotFoundError, type ErrorKind, type FieldError } from './domain-error';
