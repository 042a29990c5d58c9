import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (see `errors` for each field)',
  401: 'No API key, or an unknown or revoked one',
  403: 'The API key lacks the scope this operation needs',
  404: 'Unknown resource',
  409: 'Conflict with the current state',
  413: 'Body too large',
  422: 'Refused by a business rule',
  429: 'Over the rate limit: retry after `Retry-After` seconds',
  503: 'Temporarily unavailable: retry after `Retry-After` seconds',
};

/** The code a status answers with when an operation names none (the platform raises these everywhere). */
const DEFAULT_CODES: Record<number, string> = {
  400: 'REQUEST.VALIDATION_FAILED',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  413: 'REQUEST.BODY_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE.DATABASE_UNAVAILABLE',
};

const EXAMPLE_REQUEST_ID = '0193f0c2-61aa-7c00-8e2b-5f0d4c3b2a19';

/** `PAYMENTS.PAYMENT_NOT_FOUND` → `Payment not found`: a readable title for the example. */
function titleOf(code: string): string {
  const words = (code.split('.').pop() ?? code).toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One example body per code, so Swagger UI shows each response's own problem, not a shared one. */
function examplesOf(status: number, codes: readonly string[], description: string) {
  return Object.fromEntries(
    codes.map((code) => [
      code,
      {
        summary: code,
        value: {
          type: problemType(code),
          title: titleOf(code),
          status,
          code,
          detail: description,
          requestId: EXAMPLE_REQUEST_ID,
          ...(code === 'REQUEST.VALIDATION_FAILED'
            ? { errors: [{ field: 'amount', message: 'amount must be a positive integer' }] }
            : {}),
        },
      },
    ]),
  );
}

/**
 * Documents error responses as `application/problem+json`, with the codes an operation may return
 * and an example of each. Entries for the same status are merged, so shared lists
 * (IDEMPOTENCY_PROBLEMS) can be spread in.
 */
export function ApiProblems(
  ...responses: Array<number | { readonly status: number; readonly codes: readonly string[] }>
) {
  const byStatus = new Map<number, Set<string>>();
  for (const response of responses) {
    const { status, codes } = typeof response === 'number' ? { status: response, codes: [] } : response;
    const merged = byStatus.get(status) ?? new Set<string>();
    for (const code of codes) merged.add(code);
    byStatus.set(status, merged);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...[...byStatus].map(([status, codeSet]) => {
      const named = [...codeSet];
      const codes = named.length ? named : [DEFAULT_CODES[status] ?? `REQUEST.${status}`];
      const description = DESCRIPTIONS[status] ?? 'Error';
      return ApiResponse({
        status,
        description: named.length ? `${description}. Codes: ${named.map((c) => `\`${c}\``).join(', ')}` : description,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemDetails) },
            examples: examplesOf(status, codes, description),
          },
        },
      });
    }),
  );
}
