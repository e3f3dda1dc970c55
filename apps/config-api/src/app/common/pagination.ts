import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiErrors } from './api-error';

export const MAX_PAGE_SIZE = 200;

/** `limit` with `offset`, or `limit` with the `cursor` of the previous page (newest first). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'Ignored when a cursor is given',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class PageDoc {
  @ApiProperty()
  limit: number;

  @ApiProperty()
  offset: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  nextCursor: string | null;
}

interface CursorPosition {
  at: string;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const CURSOR_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,19})$/;

function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      CURSOR_TIME.test(at) &&
      CURSOR_ID.test(id)
    )
      return { at, id };
  } catch {
    // fall through to the error below
  }
  throw ApiErrors.invalidRequest([
    { path: 'cursor', problems: { isCursor: 'cursor is not one this API returned' } },
  ]);
}

/**
 * Newest first by a timestamp column, then by id. A cursor holds the last row's timestamp
 * at Postgres' microsecond precision (a JavaScript Date would round it and skip rows).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  timeColumn: string,
  page: PageQueryDto,
): Promise<Page<T>> {
  const alias = query.alias;
  const limit = page.limit ?? 50;
  const offset = page.cursor ? 0 : (page.offset ?? 0);
  const column = `"${alias}"."${timeColumn}"`;

  query
    .addSelect(
      `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
      'page_at',
    )
    .orderBy(column, 'DESC')
    .addOrderBy(`"${alias}"."id"`, 'DESC')
    .offset(offset)
    .limit(limit + 1);
  if (page.cursor) {
    const position = decodeCursor(page.cursor);
    query.andWhere(
      `(${column}, "${alias}"."id") < (CAST(:pageAt AS timestamp) AT TIME ZONE 'UTC', :pageId)`,
      {
        pageAt: position.at,
        pageId: position.id,
      },
    );
  }

  const { entities, raw } = await query.getRawAndEntities();
  const items = entities.slice(0, limit);
  const last = raw[limit - 1] as Record<string, string> | undefined;
  const more = entities.length > limit && last !== undefined;
  const nextCursor = more
    ? encodeCursor({ at: last.page_at as string, id: String(items[limit - 1]!.id) })
    : null;
  return { items, limit, offset, nextCursor };
}
