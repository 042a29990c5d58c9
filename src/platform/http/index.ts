/** What modules' controllers may use of HTTP: problem documentation, pagination, validators, idempotency, rate classes. */
export { ApiProblems } from './api-problems.decorator';
export { IDEMPOTENCY_PROBLEMS, Idempotent } from './idempotency/idempotent.decorator';
export { ApiPageResponse, toPage, type Page } from './pagination/page';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQueryDto } from './pagination/page-query.dto';
export { MovesMoney } from './rate-limit/rate-limit.decorator';
export {
  IsAmount,
  IsCurrency,
  IsMetadata,
  IsNestedObject,
  IsOmittable,
  IsResourceId,
  IsTimestamp,
  MAX_AMOUNT,
  NormalizeId,
} from './validators';
