import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, Events, ForbiddenError, hasRole, NotFoundError, Rules, ValidationError, type Actor, type CertificateRenewedEvent, type CertificateRevokedEvent } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { Certificate, type CertificateLevel } from './certificate.entity';
import { CertificateExpiryService } from './certificate-expiry.service';
import { toCertificateView, type CertificateView, type VendorRef } from './certificate.mapper';
import { CertificateRepository, DuplicateCertificate, type CertificateFilters } from './certificate.repository';
import { CERTIFICATE_RULES, defaultExpiry, EFFECTIVE_STATUSES, validateRecord, validateRevocation, type FieldError, type RegistryRecord, type RegistryRecordInput } from './certificate.rules';

export interface CreateCertificateInput extends RegistryRecordInput {
  vendorId?: unknown;
}

/** Any registry field of an active certificate; the vendor and the links between certificates stay. */
export type UpdateCertificateInput = RegistryRecordInput;

export interface RevokeInput {
  reason?: unknown;
  /** The number of the decision that revoked it, when there is one. */
  decisionNo?: unknown;
}

export interface RenewInput {
  decisionNo?: unknown;
  decisionDate?: unknown;
  stars?: unknown;
  expiresAt?: unknown;
  certificateNo?: unknown;
  level?: unknown;
  issuingBody?: unknown;
}

export interface ListInput {
  status?: string;
  vendorId?: string;
  q?: string;
  expiringWithinDays?: number;
  page?: number;
  limit?: number;
}

export function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
}

/** Throws the first problem as a ValidationError naming its field. */
export function throwFirst(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors[0].field, errors[0].message);
}

const duplicate = () => new ConflictError('A certificate with this decision number and product name already exists', { reason: 'duplicate' });

/** A new active certificate row from a valid record. */
export function newCertificate(record: RegistryRecord, vendorId: string, links: { supersedesId?: string | null } = {}): Certificate {
  return Object.assign(new Certificate(), {
    id: randomUUID(),
    ...record,
    vendorId,
    score: null,
    status: 'active' as const,
    revokedAt: null,
    revokeReason: null,
    revokedByDecisionNo: null,
    supersedesId: links.supersedesId ?? null,
    supersededById: null,
    expiryProcessedAt: null,
  });
}

/**
 * The OCOP certificate registry: recording, correcting, revoking and renewing certificates.
 * Revocation and renewal are announced as domain events inside their transaction, so the
 * catalogue delists, moves and relists the products atomically with the change.
 */
@Injectable()
export class CertificationService {
  private readonly repo: CertificateRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly expiry: CertificateExpiryService,
  ) {
    this.repo = new CertificateRepository(tx);
  }

  /**
   * Records a certificate (admin); `expiresAt` defaults to `defaultExpiry(decisionDate)`. Its
   * expiry job is scheduled after commit. Not idempotent: the same decision number and product
   * name again is a ConflictError (reason `duplicate`). Throws ValidationError naming the field
   * (`vendorId` when no vendor has that id), ForbiddenError.
   */
  async create(actor: Actor, input: CreateCertificateInput): Promise<CertificateView> {
    requireAdmin(actor);
    const { record, errors } = validateRecord(input, this.clock.now());
    const vendorId = typeof input.vendorId === 'string' ? input.vendorId.trim() : '';
    if (!vendorId) errors.push({ field: 'vendorId', message: Rules.required() });
    throwFirst(errors);
    const cert = await this.tx.run(async () => {
      const repo = this.repo;
      if (!(await repo.vendor(vendorId))) throw new ValidationError('vendorId', Rules.unknownChoice('vendor'));
      if (await repo.byKey(record!.decisionNo, record!.productName)) throw duplicate();
      const row = newCertificate(record!, vendorId);
      await this.insert(row);
      return this.reread(row.id);
    });
    await this.expiry.scheduleExpiry([cert]);
    return this.view(cert);
  }

  /**
   * Corrects registry fields of an active certificate (admin). When the decision date changes
   * and the expiry was the default one, the expiry follows the new date. A later expiry than
   * now clears the processed-expiry mark so the new expiry is processed again. Throws
   * NotFoundError, ValidationError naming the field, ConflictError (reason `revoked`,
   * `superseded`, or `duplicate` when the new decision number + product name is taken).
   */
  async update(actor: Actor, id: string, changes: UpdateCertificateInput): Promise<CertificateView> {
    requireAdmin(actor);
    const now = this.clock.now();
    const { cert, expiryChanged } = await this.tx.run(async () => {
      const current = await this.repo.byId(id);
      if (!current) throw new NotFoundError('No such certificate');
      if (current.status !== 'active') throw new ConflictError('Only an active certificate can be changed', { reason: current.status });
      const set = this.changesFor(current, changes, now);
      await this.applyUpdate(current, set, now);
      return { cert: await this.reread(id), expiryChanged: set.expiresAt !== undefined };
    });
    if (expiryChanged) await this.expiry.scheduleExpiry([cert]);
    return this.view(cert);
  }

  /**
   * The changed fields of `current` after applying `changes`, validated as a whole record.
   * Throws ValidationError naming the field.
   */
  changesFor(current: Certificate, changes: UpdateCertificateInput, now: Date): Partial<Certificate> {
    // A field left out keeps its value; null or '' is passed on, so it clears an optional field.
    const given = <K extends keyof RegistryRecordInput & keyof Certificate>(k: K): unknown => (changes[k] !== undefined ? changes[k] : current[k]);
    const decisionDate = given('decisionDate');
    let expiresAt = changes.expiresAt;
    if (expiresAt === undefined || expiresAt === null || expiresAt === '') {
      // The default expiry follows a corrected decision date; an expiry set on purpose stays.
      const wasDefault = current.expiresAt.getTime() === defaultExpiry(current.decisionDate).getTime();
      expiresAt = decisionDate !== current.decisionDate && wasDefault ? undefined : current.expiresAt;
    }
    const { record, errors } = validateRecord(
      {
        decisionNo: given('decisionNo'),
        certificateNo: given('certificateNo'),
        decisionDate,
        issuingBody: given('issuingBody'),
        level: given('level'),
        productName: given('productName'),
        productGroup: given('productGroup'),
        stars: given('stars'),
        expiresAt,
      },
      now,
    );
    throwFirst(errors);
    const set: Partial<Certificate> = {};
    for (const [k, v] of Object.entries(record!) as [keyof RegistryRecord, unknown][]) {
      const old = current[k];
      const same = v instanceof Date && old instanceof Date ? v.getTime() === old.getTime() : v === old;
      if (!same) (set as Record<string, unknown>)[k] = v;
    }
    return set;
  }

  /**
   * Writes `set` to an active certificate with one conditional update (status still active), in
   * the caller's transaction when there is one. Throws ConflictError (reason `revoked`,
   * `superseded`, `not_active`, `duplicate`).
   */
  async applyUpdate(current: Certificate, set: Partial<Certificate>, now: Date): Promise<void> {
    if (current.status !== 'active') throw new ConflictError('Only an active certificate can be changed', { reason: current.status });
    if (Object.keys(set).length === 0) return;
    await this.tx.run(async () => {
      if (set.decisionNo !== undefined || set.productName !== undefined) {
        const other = await this.repo.byKey(set.decisionNo ?? current.decisionNo, set.productName ?? current.productName);
        if (other && other.id !== current.id) throw duplicate();
      }
      // A corrected expiry in the future must be processed again when it comes.
      if (set.expiresAt && set.expiresAt.getTime() > now.getTime()) set.expiryProcessedAt = null;
      const changed = await this.repo.updateActive(current.id, set).catch(rethrowDuplicate);
      if (!changed) throw new ConflictError('The certificate was revoked or renewed meanwhile', { reason: 'not_active' });
    });
  }

  /** One certificate with its vendor (admin). Throws NotFoundError, ForbiddenError. */
  async get(actor: Actor, id: string): Promise<CertificateView> {
    requireAdmin(actor);
    const c = await this.repo.byId(id);
    if (!c) throw new NotFoundError('No such certificate');
    return this.view(c, (await this.repo.vendor(c.vendorId)) ?? null);
  }

  /** The certificates with these ids, each with its vendor (admin); unknown ids are left out. Throws ForbiddenError. */
  async getMany(actor: Actor, ids: string[]): Promise<CertificateView[]> {
    requireAdmin(actor);
    const certs = [...(await this.repo.byIds(ids)).values()];
    const vendors = await this.repo.vendorsByIds(certs.map((c) => c.vendorId));
    const now = this.clock.now();
    return certs.map((c) => toCertificateView(c, now, refOf(vendors.get(c.vendorId))));
  }

  /**
   * A page of the registry (admin), filtered by derived status, vendor, text in the decision or
   * product, or expiry within a number of days. Throws ValidationError naming the parameter.
   */
  async list(actor: Actor, input: ListInput = {}): Promise<{ items: CertificateView[]; total: number }> {
    requireAdmin(actor);
    if (input.status !== undefined && !EFFECTIVE_STATUSES.includes(input.status as never)) throw new ValidationError('status', Rules.oneOf(EFFECTIVE_STATUSES));
    const d = input.expiringWithinDays;
    if (d !== undefined && (!Number.isInteger(d) || d < 1 || d > 3650)) throw new ValidationError('expiringWithinDays', Rules.betweenInt(1, 3650));
    const filters: CertificateFilters = {
      status: input.status as CertificateFilters['status'],
      vendorId: input.vendorId || undefined,
      q: input.q?.trim() || undefined,
      expiringWithinDays: d,
      page: Math.max(1, input.page ?? 1),
      limit: Math.min(Math.max(1, input.limit ?? 50), 200),
    };
    const now = this.clock.now();
    const res = await this.repo.list(filters, now);
    const vendors = await this.repo.vendorsByIds(res.items.map((c) => c.vendorId));
    return { items: res.items.map((c) => toCertificateView(c, now, refOf(vendors.get(c.vendorId)))), total: res.total };
  }

  /** The caller's vendor's certificates, soonest to lapse first. Throws NotFoundError when the caller works for no vendor. */
  async listOwn(actor: Actor): Promise<CertificateView[]> {
    if (!actor.vendorId) throw new NotFoundError('You do not work for a vendor');
    const now = this.clock.now();
    return (await this.repo.byVendor(actor.vendorId)).map((c) => toCertificateView(c, now));
  }

  /** Every vendor by name (admin), for choosing one when recording a certificate. */
  async vendorOptions(actor: Actor): Promise<VendorRef[]> {
    requireAdmin(actor);
    return (await this.repo.vendorOptions()).map((v) => ({ id: v.id, name: v.name, slug: v.slug }));
  }

  /**
   * Revokes an active (or active but expired) certificate (admin): one conditional update
   * active → revoked and a `CertificateRevoked` event in the same transaction, in which the
   * catalogue delists every product under it. Throws ValidationError('reason'), NotFoundError,
   * ConflictError with reason `already_revoked` or `superseded` (so revoking twice changes nothing).
   */
  async revoke(actor: Actor, id: string, input: RevokeInput): Promise<CertificateView> {
    requireAdmin(actor);
    const { reason, decisionNo, errors } = validateRevocation(input);
    throwFirst(errors);
    const cert = await this.revokeValidated(actor, id, { reason, decisionNo });
    return this.view(cert);
  }

  /**
   * The revocation of an already validated reason, joining the caller's transaction when there is
   * one (the registry import revokes inside its own); same rules and errors as `revoke`.
   */
  async revokeValidated(actor: Actor, id: string, input: { reason: string; decisionNo: string | null }): Promise<Certificate> {
    return this.tx.run(() => this.revokeNow(actor, id, input));
  }

  private async revokeNow(actor: Actor, id: string, input: { reason: string; decisionNo: string | null }): Promise<Certificate> {
    const now = this.clock.now();
    const revoked = await this.repo.revoke(id, now, input.reason, input.decisionNo);
    const cert = await this.repo.byId(id);
    if (!cert) throw new NotFoundError('No such certificate');
    if (!revoked) {
      if (cert.status === 'superseded') throw new ConflictError('This certificate was renewed; revoke the certificate that replaced it', { reason: 'superseded' });
      throw new ConflictError('This certificate is already revoked', { reason: 'already_revoked' });
    }
    const event: CertificateRevokedEvent = { certificateId: id, vendorId: cert.vendorId, reason: input.reason, at: now.toISOString() };
    await this.events.emit(Events.CertificateRevoked, event, actor);
    return cert;
  }

  /**
   * Renews a certificate after re-evaluation (admin): a NEW certificate for the same vendor,
   * product name and group (stars may differ; level and issuing body default to the old ones)
   * that supersedes the old one, and a `CertificateRenewed` event in the same transaction (the
   * catalogue moves the products to it and relists those the system delisted). Throws
   * ValidationError naming the field, NotFoundError, ConflictError with reason `superseded` or
   * `duplicate`. A revoked certificate can be renewed: re-evaluation after a revocation.
   */
  async renew(actor: Actor, id: string, input: RenewInput): Promise<CertificateView> {
    requireAdmin(actor);
    const now = this.clock.now();
    const fresh = await this.tx.run(async () => {
      const repo = this.repo;
      const old = await repo.byId(id);
      if (!old) throw new NotFoundError('No such certificate');
      if (old.status === 'superseded' || old.supersededById) throw new ConflictError('This certificate was already renewed', { reason: 'superseded' });
      const { record, errors } = validateRecord(
        {
          decisionNo: input.decisionNo,
          certificateNo: input.certificateNo,
          decisionDate: input.decisionDate,
          issuingBody: input.issuingBody ?? old.issuingBody,
          level: input.level ?? (old.level as CertificateLevel),
          productName: old.productName,
          productGroup: old.productGroup,
          stars: input.stars,
          expiresAt: input.expiresAt,
        },
        now,
      );
      if (record && record.decisionDate < old.decisionDate) errors.push({ field: 'decisionDate', message: CERTIFICATE_RULES.notBeforeRenewed });
      throwFirst(errors);
      if (await repo.byKey(record!.decisionNo, record!.productName)) throw duplicate();
      const row = newCertificate(record!, old.vendorId, { supersedesId: old.id });
      // A revoked certificate may be re-evaluated too (the products come back under the new one); it
      // keeps its `revoked` status so its history stays true, and only points at its successor.
      if (!(await repo.supersede(old, row.id))) throw new ConflictError('This certificate was revoked or renewed meanwhile', { reason: 'superseded' });
      await this.insert(row);
      const event: CertificateRenewedEvent = { oldCertificateId: old.id, newCertificateId: row.id, vendorId: old.vendorId, stars: row.stars, at: now.toISOString() };
      await this.events.emit(Events.CertificateRenewed, event, actor);
      return this.reread(row.id);
    });
    await this.expiry.scheduleExpiry([fresh]);
    return this.view(fresh);
  }

  private async insert(row: Certificate): Promise<void> {
    await this.repo.insert(row).catch(rethrowDuplicate);
  }

  private async reread(id: string): Promise<Certificate> {
    const c = await this.repo.byId(id);
    if (!c) throw new NotFoundError('No such certificate');
    return c;
  }

  private view(c: Certificate, vendor?: VendorRef | null): CertificateView {
    return toCertificateView(c, this.clock.now(), vendor === undefined ? undefined : refOf(vendor));
  }
}

function rethrowDuplicate(err: unknown): never {
  throw err instanceof DuplicateCertificate ? duplicate() : err;
}

function refOf(v: { id: string; name: string; slug: string } | null | undefined): VendorRef | null {
  return v ? { id: v.id, name: v.name, slug: v.slug } : null;
}
