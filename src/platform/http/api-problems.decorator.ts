import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (see `errors` for each field)',
  404: 'Unknown resource',
  409: 'Conflict with the current state',
  413: 'Body too large',
  422: 'Refused by a business rule',
};

/** Documents error responses as `application/problem+json`, with the codes an operation may return. */
export function ApiProblems(
  ...responses: Array<number | { readonly status: number; readonly codes: readonly string[] }>
) {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...responses.map((response) => {
      const { status, codes } = typeof response === 'number' ? { status: response, codes: [] } : response;
      const description = DESCRIPTIONS[status] ?? 'Error';
      return ApiResponse({
        status,
        description: codes.length ? `${description}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}` : description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
      });
    }),
  );
}
