import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions } from 'typeorm';

/** A UTC timestamp with millisecond precision, portable between SQLite and MySQL. */
export function TimestampColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'datetime', precision: 6 });
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ type: 'datetime', precision: 6 });
}

/** A 36-character id column (UUIDs generated in code, so both dialects behave the same). */
export const ID_COLUMN = { type: 'varchar', length: 36 } as const;

/**
 * A timestamp column read through a raw query as a Date: mysql2 already gives a Date, SQLite
 * gives the UTC text TypeORM stored (`2026-06-01 12:00:00.000`). Pure.
 */
export function rawTimestamp(value: Date | string): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(`${text.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z'}`);
}
