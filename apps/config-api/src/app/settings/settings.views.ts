import { ApiProperty } from '@nestjs/swagger';
import type { CompanySettings, SettingsChangeEntity } from '@qbd/domain';
import { PageDoc } from '../common/pagination';

export class SettingsChangeView {
  @ApiProperty()
  version: number;

  @ApiProperty({ description: 'Who made the change (x-actor header)' })
  changedBy: string;

  @ApiProperty()
  changedAt: Date;

  @ApiProperty({ type: [String], description: 'Settings whose value changed' })
  changedKeys: string[];

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  after: Record<string, unknown>;
}

export class SettingsHistoryPage extends PageDoc {
  @ApiProperty({ type: [SettingsChangeView] })
  items: SettingsChangeView[];
}

/** JSON with object keys sorted: Postgres' jsonb does not keep the order keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Top-level settings whose value differs between two documents. */
export function changedKeys(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((key) => canonical(before?.[key]) !== canonical(after[key]));
}

export function toSettingsChangeView(row: SettingsChangeEntity): SettingsChangeView {
  return {
    version: row.version,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
    changedKeys: changedKeys(row.before, row.after),
    before: row.before,
    after: row.after,
  };
}

export function sameSettings(a: CompanySettings, b: CompanySettings): boolean {
  return (
    changedKeys(
      a as unknown as Record<string, unknown>,
      b as unknown as Record<string, unknown>,
    ).length === 0
  );
}
