import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem-details';

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

/**
 * Documents error responses as `application/problem+json`, with the codes an operation may return.
 * Entries for the same status are merged, so shared lists (IDEMPOTENCY_PROBLEMS) can be spread in.
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
      const codes = [...codeSet];
      const description = DESCRIPTIONS[status] ?? 'Error';
      return ApiResponse({
        status,
        description: codes.length ? `${description}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}` : description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
      });
    }),
  );
}
