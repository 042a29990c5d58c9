import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://payments-platform.dev/problems/';

export class FieldErrorDto {
  @ApiProperty({ example: 'amount' })
  field: string;

  @ApiProperty({ example: 'must be a positive integer' })
  message: string;
}

/** The one error shape of the API (RFC 9457), with a stable machine-readable `code`. */
export class ProblemDetails {
  @ApiProperty({ example: 'https://payments-platform.dev/problems/accounts.insufficient-funds' })
  type: string;

  @ApiProperty({ example: 'Insufficient funds' })
  title: string;

  @ApiProperty({ example: 422 })
  status: number;

  @ApiProperty({ example: 'ACCOUNTS.INSUFFICIENT_FUNDS', description: 'Stable, machine-readable error code' })
  code: string;

  @ApiProperty({ example: 'Account 0193… has 500 USD available, 1050 requested' })
  detail: string;

  @ApiPropertyOptional({ example: '0193a1c2-…', description: 'The X-Request-Id of the failed request' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Per-field problems, for invalid input' })
  errors?: FieldErrorDto[];
}

/** `ACCOUNTS.INSUFFICIENT_FUNDS` → `https://…/problems/accounts.insufficient-funds` */
export function problemType(code: string): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');
}
