import { parse } from 'csv-parse/sync';
import { ValidationError } from '@ocop/core';

/** Columns a registry file must have (any order, any letter case). */
export const REQUIRED_COLUMNS = ['decisionNo', 'decisionDate', 'issuingBody', 'level', 'vendor', 'productName', 'productGroup', 'stars'] as const;
/** Columns a registry file may have. */
export const OPTIONAL_COLUMNS = ['certificateNo', 'expiresAt', 'status', 'revokeReason'] as const;

export type RegistryColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** One data row: `row` is its line number in the file (the header is row 1). */
export interface CsvRow {
  row: number;
  cells: Partial<Record<RegistryColumn, string>>;
}

const KNOWN: readonly RegistryColumn[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** Commas, unless the header line uses semicolons only (as spreadsheets set to Vietnamese save CSV). */
function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/**
 * Reads a registry CSV file: a header row, then one certificate a row. Unknown columns are
 * ignored and rows whose cells are all empty are skipped. Throws ValidationError('csv') when the
 * text is empty, cannot be read as CSV, or the header lacks required columns (naming them).
 */
export function parseRegistryCsv(text: string): CsvRow[] {
  if (typeof text !== 'string' || text.replace(/^\uFEFF/, '').trim() === '') throw new ValidationError('csv', 'is empty: send a header row and one certificate a row');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true, delimiter: delimiterOf(text) }) as never;
  } catch (err) {
    throw new ValidationError('csv', `cannot be read as CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new ValidationError('csv', 'is empty: send a header row and one certificate a row');
  const header = records[0].record.map((h) => h.trim());
  const index = new Map<RegistryColumn, number>();
  header.forEach((name, i) => {
    const col = KNOWN.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!col) return;
    if (index.has(col)) throw new ValidationError('csv', `the header names the column ${col} twice`);
    index.set(col, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) throw new ValidationError('csv', `the header lacks the required columns: ${missing.join(', ')}`);
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((c) => c === '')) continue;
    // `lines` is where the record ends; a quoted cell spanning lines moves its start back.
    const inner = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const cells: CsvRow['cells'] = {};
    for (const [col, i] of index) cells[col] = record[i] ?? '';
    rows.push({ row: info.lines - inner, cells });
  }
  return rows;
}
