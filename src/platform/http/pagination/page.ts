import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';

export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/**
 * Builds a page from rows fetched with `LIMIT limit + 1`, newest first: the extra row only
 * says whether there is more, and the last row kept is the cursor for the next page.
 */
export function toPage<T extends { id: string }, R = T>(
  rows: readonly T[],
  limit: number,
  map?: (row: T) => R,
): Page<R> {
  const hasMore = rows.length > limit;
  const kept = rows.slice(0, limit);
  return {
    data: kept.map((row) => (map ? map(row) : (row as unknown as R))),
    hasMore,
    nextCursor: hasMore ? kept[kept.length - 1].id : null,
  };
}

class PageMetaDto {
  @ApiProperty({ description: 'Whether more items follow this page' })
  hasMore: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `startingAfter` to get the next page' })
  nextCursor: string | null;
}

/** Documents a `{ data: Item[], hasMore, nextCursor }` response. */
export function ApiPageResponse(item: Type<unknown>, description = 'A page of results, newest first') {
  return applyDecorators(
    ApiExtraModels(PageMetaDto, item),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMetaDto) },
          {
            properties: { data: { type: 'array', items: { $ref: getSchemaPath(item) } } },
            required: ['data', 'hasMore', 'nextCursor'],
          },
        ],
      },
    }),
  );
}
