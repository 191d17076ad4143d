import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { toInspectionView, type InspectionView } from './certificate.mapper';
import { CertificateRepository } from './certificate.repository';
import { CERTIFICATE_RULES, INSPECTION_RESULTS, validateInspection, type InspectionResult } from './certificate.rules';
import { requireAdmin, throwFirst } from './certification.service';
import { Inspection } from './inspection.entity';

export interface RecordInspectionInput {
  inspectedOn?: unknown;
  body?: unknown;
  result?: unknown;
  notes?: unknown;
}

export interface ListInspectionsInput {
  result?: string;
  certificateId?: string;
  page?: number;
  limit?: number;
}

/**
 * Post-recognition inspections (sample tests) of certified products. Recording a failed
 * inspection does not revoke anything by itself: revocation is the programme's decision, which
 * the admin takes in one further step.
 */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new CertificateRepository(tx);
  }

  private readonly repo: CertificateRepository;

  /**
   * Records an inspection of a certificate (of any status) by the admin. Not idempotent: each
   * call records one inspection. Throws ValidationError naming the field, NotFoundError,
   * ForbiddenError.
   */
  async record(actor: Actor, certificateId: string, input: RecordInspectionInput): Promise<InspectionView> {
    requireAdmin(actor);
    const now = this.clock.now();
    const { value, errors } = validateInspection(input, now);
    throwFirst(errors);
    return this.tx.run(async () => {
      const cert = await this.repo.byId(certificateId);
      if (!cert) throw new NotFoundError('No such certificate');
      const row = Object.assign(new Inspection(), { id: randomUUID(), certificateId, ...value!, recordedBy: actor.id });
      await this.repo.insertInspection(row);
      const saved = await this.repo.inspection(row.id);
      if (!saved) throw new NotFoundError('No such inspection');
      return toInspectionView(saved, cert, now);
    });
  }

  /** Inspections, newest first, optionally of one result or one certificate. Throws ValidationError('result'), ForbiddenError. */
  async list(actor: Actor, input: ListInspectionsInput = {}): Promise<{ items: InspectionView[]; total: number }> {
    requireAdmin(actor);
    if (input.result !== undefined && !INSPECTION_RESULTS.includes(input.result as InspectionResult)) throw new ValidationError('result', CERTIFICATE_RULES.result);
    const repo = this.repo;
    const res = await repo.inspections({
      result: input.result as InspectionResult | undefined,
      certificateId: input.certificateId,
      page: Math.max(1, input.page ?? 1),
      limit: Math.min(Math.max(1, input.limit ?? 50), 200),
    });
    const certs = await repo.byIds(res.items.map((i) => i.certificateId));
    const now = this.clock.now();
    return { items: res.items.map((i) => toInspectionView(i, certs.get(i.certificateId), now)), total: res.total };
  }

  /** One inspection. Throws NotFoundError, ForbiddenError. */
  async get(actor: Actor, id: string): Promise<InspectionView> {
    requireAdmin(actor);
    const i = await this.repo.inspection(id);
    if (!i) throw new NotFoundError('No such inspection');
    const cert = await this.repo.byId(i.certificateId);
    return toInspectionView(i, cert ?? undefined, this.clock.now());
  }
}
