import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, DomainError, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import type { Certificate } from './certificate.entity';
import { CertificateExpiryService } from './certificate-expiry.service';
import { CertificateRepository, chunk, DuplicateCertificate, type VendorRow } from './certificate.repository';
import { validateRecord, type RegistryRecord } from './certificate.rules';
import { CertificationService, newCertificate, requireAdmin } from './certification.service';
import { parseRegistryCsv, type CsvRow } from './registry-csv';

/** A problem of one row, in the API's English words. */
export interface ImportFieldError {
  field: string;
  message: string;
}

export interface ImportRejection {
  /** Line number in the file; the header is row 1. */
  row: number;
  errors: ImportFieldError[];
}

/** What an import did (or, previewed, would do). */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  revoked: number;
  rejected: ImportRejection[];
}

export type ImportAction = 'create' | 'update' | 'revoke' | 'unchanged';

/** One row the import would write, for the preview page. */
export interface PlannedRow {
  row: number;
  action: ImportAction;
  decisionNo: string;
  productName: string;
  stars: number;
  vendor: { id: string; name: string };
  /** Fields an update or revocation changes. */
  changes: string[];
  revokeReason: string | null;
}

export interface ImportPlan extends ImportCounts {
  /** Every row that creates, updates or revokes, in file order. */
  rows: PlannedRow[];
}

interface Step extends PlannedRow {
  /** The existing certificate's id, or the new one's once inserted. */
  certificateId: string | null;
  record: RegistryRecord;
  existing: Certificate | null;
  set: Partial<Certificate>;
  createRevoked: boolean;
}

/** Rows written per transaction. */
const WRITE_CHUNK = 250;
/** Rows inserted per statement. */
const INSERT_BATCH = 100;
const DEFAULT_REVOKE_REASON = 'Revoked in the OCOP registry';

const keyOf = (decisionNo: string, productName: string) => `${decisionNo}\u0000${productName}`;

/**
 * Imports the OCOP registry from CSV (decisionNo, certificateNo, decisionDate, issuingBody,
 * level, vendor, productName, productGroup, stars, expiresAt?, status?, revokeReason?). Rows are
 * identified by decision number + product name, so importing the same file again changes
 * nothing. Bad rows are reported with every reason while good rows go in.
 */
@Injectable()
export class RegistryImportService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly certification: CertificationService,
    private readonly expiry: CertificateExpiryService,
  ) {
    this.repo = new CertificateRepository(tx);
  }

  private readonly repo: CertificateRepository;

  /** What `apply` would do with this file; writes nothing. Throws ValidationError('csv') for an unreadable file, ForbiddenError. */
  async preview(actor: Actor, csv: string): Promise<ImportCounts> {
    const { rows: _rows, ...counts } = await this.plan(actor, csv);
    return counts;
  }

  /** Like `preview`, with every row that would be created, updated or revoked. */
  async plan(actor: Actor, csv: string): Promise<ImportPlan> {
    requireAdmin(actor);
    const steps = await this.steps(parseRegistryCsv(csv), this.clock.now());
    return summarize(steps.steps, steps.rejected);
  }

  /**
   * Writes the file: creates new certificates (and schedules their expiry), updates changed ones,
   * revokes those marked `revoked` through the same path as an admin's revocation (so products
   * are delisted and the vendor told), in transactions of a few hundred rows. Idempotent: the
   * same file again counts everything `unchanged`. `onProgress` is called after each chunk.
   * Throws ValidationError('csv') for an unreadable file, ForbiddenError.
   */
  async apply(actor: Actor, csv: string, opts: { onProgress?: (done: number, total: number) => void } = {}): Promise<ImportCounts> {
    requireAdmin(actor);
    const parsed = parseRegistryCsv(csv);
    const { steps, rejected } = await this.steps(parsed, this.clock.now());
    const done: Step[] = [];
    const writes = steps.filter((s) => s.action !== 'unchanged');
    opts.onProgress?.(0, writes.length);
    let written = 0;
    for (const part of chunk(writes, WRITE_CHUNK)) {
      const outcome = await this.tx.run(() => this.write(actor, part));
      done.push(...outcome.ok);
      rejected.push(...outcome.rejected);
      const expiring = outcome.ok.filter((s) => (s.action === 'create' && !s.createRevoked) || (s.action === 'update' && s.set.expiresAt));
      await this.expiry.scheduleExpiry(expiring.map((s) => ({ id: s.certificateId!, expiresAt: s.set.expiresAt ?? s.record.expiresAt })));
      written += part.length;
      opts.onProgress?.(written, writes.length);
    }
    const unchanged = steps.filter((s) => s.action === 'unchanged');
    const { rows: _rows, ...counts } = summarize([...done, ...unchanged], rejected);
    return counts;
  }

  private async write(actor: Actor, part: Step[]): Promise<{ ok: Step[]; rejected: ImportRejection[] }> {
    const ok: Step[] = [];
    const rejected: ImportRejection[] = [];
    const now = this.clock.now();
    const creates = part.filter((s) => s.action === 'create');
    for (const batch of chunk(creates, INSERT_BATCH)) {
      const rows = batch.map((s) => {
        const row = newCertificate(s.record, s.vendor.id);
        if (s.createRevoked) Object.assign(row, { status: 'revoked', revokedAt: now, revokeReason: s.revokeReason });
        s.certificateId = row.id;
        return row;
      });
      try {
        await this.repo.insert(rows);
        ok.push(...batch);
      } catch (err) {
        if (!(err instanceof DuplicateCertificate)) throw err;
        // Another writer (or a case-insensitive collation) took a key: find which rows, one by one.
        for (const [i, s] of batch.entries()) {
          try {
            await this.repo.insert(rows[i]);
            ok.push(s);
          } catch (e) {
            if (!(e instanceof DuplicateCertificate)) throw e;
            rejected.push({ row: s.row, errors: [{ field: 'productName', message: 'a certificate with this decision number and product name already exists' }] });
          }
        }
      }
    }
    for (const s of part.filter((x) => x.action !== 'create')) {
      try {
        await this.certification.applyUpdate(s.existing!, { ...s.set }, now);
        if (s.action === 'revoke') await this.certification.revokeValidated(actor, s.existing!.id, { reason: s.revokeReason ?? DEFAULT_REVOKE_REASON, decisionNo: null });
        ok.push(s);
      } catch (err) {
        if (!(err instanceof ConflictError || err instanceof ValidationError)) throw err;
        rejected.push({ row: s.row, errors: [{ field: 'status', message: (err as DomainError).message }] });
      }
    }
    return { ok, rejected };
  }

  /** Validates every row and decides what each does, reading vendors and certificates in batches. */
  private async steps(rows: CsvRow[], now: Date): Promise<{ steps: Step[]; rejected: ImportRejection[] }> {
    const repo = this.repo;
    const refs = rows.map((r) => r.cells.vendor?.trim() ?? '').filter(Boolean);
    const vendors = indexVendors(await repo.vendorsByRefs(refs));
    const checked = rows.map((r) => checkRow(r, now, vendors));
    const firstRow = new Map<string, number>();
    for (const c of checked) {
      const { decisionNo = '', productName = '' } = c.row.cells;
      if (!decisionNo.trim() || !productName.trim()) continue;
      const key = keyOf(decisionNo.trim(), productName.trim());
      const earlier = firstRow.get(key);
      if (earlier === undefined) firstRow.set(key, c.row.row);
      else c.errors.push({ field: 'decisionNo', message: `duplicates row ${earlier} (same decision number and product name)` });
    }
    const good = checked.filter((c) => c.errors.length === 0);
    const existing = new Map((await repo.byDecisionNos(good.map((c) => c.record!.decisionNo))).map((e) => [keyOf(e.decisionNo, e.productName), e]));
    const steps: Step[] = [];
    for (const c of good) {
      const record = c.record!;
      const cur = existing.get(keyOf(record.decisionNo, record.productName)) ?? null;
      const base = {
        row: c.row.row,
        decisionNo: record.decisionNo,
        productName: record.productName,
        stars: record.stars,
        vendor: { id: c.vendor!.id, name: c.vendor!.name },
        revokeReason: c.revoke ? c.revokeReason || DEFAULT_REVOKE_REASON : null,
        record,
        existing: cur,
        certificateId: cur?.id ?? null,
      };
      if (!cur) {
        steps.push({ ...base, action: 'create', changes: [], set: {}, createRevoked: c.revoke });
        continue;
      }
      if (cur.vendorId !== c.vendor!.id) {
        c.errors.push({ field: 'vendor', message: 'the certificate is recorded for another vendor' });
        continue;
      }
      let set: Partial<Certificate>;
      try {
        set = this.certification.changesFor(cur, { ...c.row.cells, expiresAt: c.row.cells.expiresAt || undefined }, now);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        c.errors.push({ field: err.field, message: err.message.slice(err.field.length + 2) });
        continue;
      }
      const changes = Object.keys(set);
      if (cur.status === 'revoked') {
        if (c.revoke) steps.push({ ...base, action: 'unchanged', changes: [], set: {}, createRevoked: false });
        else c.errors.push({ field: 'status', message: 'the certificate was revoked; a revoked certificate cannot be made active again' });
      } else if (cur.status === 'superseded') {
        if (!c.revoke && changes.length === 0) steps.push({ ...base, action: 'unchanged', changes, set, createRevoked: false });
        else c.errors.push({ field: 'decisionNo', message: 'the certificate was renewed; change or revoke the certificate that replaced it' });
      } else {
        steps.push({ ...base, action: c.revoke ? 'revoke' : changes.length ? 'update' : 'unchanged', changes, set, createRevoked: false });
      }
    }
    const rejected = checked.filter((c) => c.errors.length > 0).map((c) => ({ row: c.row.row, errors: c.errors }));
    return { steps, rejected };
  }
}

type VendorIndex = { byId: Map<string, VendorRow>; bySlug: Map<string, VendorRow>; byTaxCode: Map<string, VendorRow[]> };

function indexVendors(vendors: VendorRow[]): VendorIndex {
  const index: VendorIndex = { byId: new Map(), bySlug: new Map(), byTaxCode: new Map() };
  for (const v of vendors) {
    index.byId.set(v.id, v);
    index.bySlug.set(v.slug, v);
    if (v.taxCode) index.byTaxCode.set(v.taxCode, [...(index.byTaxCode.get(v.taxCode) ?? []), v]);
  }
  return index;
}

interface CheckedRow {
  row: CsvRow;
  record: RegistryRecord | null;
  vendor: VendorRow | null;
  revoke: boolean;
  revokeReason: string | null;
  errors: ImportFieldError[];
}

/** The row's own problems: the record rules, the vendor reference, status and revokeReason. */
function checkRow(row: CsvRow, now: Date, vendors: VendorIndex): CheckedRow {
  const checked = validateRecord(row.cells, now);
  const { record } = checked;
  const errors: ImportFieldError[] = checked.errors.map((e) => ({ field: e.field, message: e.message.text }));
  const ref = row.cells.vendor?.trim() ?? '';
  let vendor: VendorRow | null = null;
  if (!ref) errors.push({ field: 'vendor', message: 'must not be empty' });
  else {
    const byTax = vendors.byTaxCode.get(ref) ?? [];
    vendor = vendors.byId.get(ref) ?? vendors.bySlug.get(ref) ?? (byTax.length === 1 ? byTax[0] : null);
    if (!vendor) errors.push({ field: 'vendor', message: byTax.length > 1 ? 'several vendors have this tax code; use the vendor id or slug' : 'no vendor has this id, tax code or slug' });
  }
  const status = (row.cells.status ?? '').trim().toLowerCase();
  if (status !== '' && status !== 'active' && status !== 'revoked') errors.push({ field: 'status', message: 'must be active or revoked (or empty)' });
  const revokeReason = (row.cells.revokeReason ?? '').trim();
  if (revokeReason.length > 500) errors.push({ field: 'revokeReason', message: 'must be at most 500 characters' });
  return { row, record, vendor, revoke: status === 'revoked', revokeReason: revokeReason || null, errors };
}

function summarize(steps: Step[], rejected: ImportRejection[]): ImportPlan {
  const count = (a: ImportAction) => steps.filter((s) => s.action === a).length;
  const rows = steps
    .filter((s) => s.action !== 'unchanged')
    .sort((a, b) => a.row - b.row)
    .map(({ row, action, decisionNo, productName, stars, vendor, changes, revokeReason }): PlannedRow => ({ row, action, decisionNo, productName, stars, vendor, changes, revokeReason }));
  return { created: count('create'), updated: count('update'), unchanged: count('unchanged'), revoked: count('revoke'), rejected: [...rejected].sort((a, b) => a.row - b.row), rows };
}
