import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, ConflictError, Events, ForbiddenError, hasRole, NotFoundError, Rules, ValidationError, type Actor, type VendorRenamedEvent, type VendorStatusEvent } from '@ocop/core';
import { DomainEvents, record, Transactions } from '@ocop/database';
import { AccountsService } from '@ocop/accounts';
import { Mailer } from '@ocop/notifications';
import { slugify, VillagesService } from '@ocop/villages';
import { Vendor, type VendorType } from './vendor.entity';
import { ownedBy, vendorOf } from './vendor-access';
import { checkEmail, checkTaxCode, checkVendorType, isVendorStatus, optionalText, requiredText, VENDOR_STATUSES } from './vendor.rules';
import { VendorRepository, type VendorMember } from './vendors.repository';

export interface CreateVendorInput {
  name: string;
  type: VendorType;
  villageId: string;
  taxCode?: string | null;
  address?: string | null;
}

export interface VendorProfileChanges {
  name?: string;
  address?: string | null;
  taxCode?: string | null;
  contactEmail?: string | null;
}

type VillageRef = { id: string; slug: string; name: string; province: string };
type PersonRef = { id: string; email: string; name: string };

/** A vendor with its village, as its members see it. */
export type VendorProfile = Vendor & { village: VillageRef | null };
/** A vendor with its village and owner, as the admin lists it. */
export type AdminVendor = VendorProfile & { owner: PersonRef | null };
/** A vendor with everyone who works for it. */
export type AdminVendorDetail = AdminVendor & { members: VendorMember[] };

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
}

/**
 * OCOP entities selling on the marketplace: onboarding, approval and suspension, profile and
 * staff (people join only by accepting an invitation: `VendorInvitationsService`). Suspension and
 * approval are announced as domain events in the same transaction; the catalogue reacts to them
 * by delisting and relisting products.
 */
@Injectable()
export class VendorsService {
  private readonly repo: VendorRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly accounts: AccountsService,
    private readonly villages: VillagesService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {
    this.repo = new VendorRepository(tx);
  }

  /**
   * Creates a vendor in `pending` and makes the caller its owner, in one transaction. Not
   * idempotent (a second call conflicts). Throws ValidationError naming the field (`villageId`
   * when no such village, `taxCode` unless 10 digits or 10-3 digits), ConflictError with reason
   * `already_member` when the caller already works for a vendor.
   */
  async create(actor: Actor, input: CreateVendorInput): Promise<Vendor> {
    const name = requiredText('name', input.name, 150);
    const type = checkVendorType(input.type);
    const villageId = requiredText('villageId', input.villageId, 36);
    const taxCode = checkTaxCode(input.taxCode);
    const address = optionalText('address', input.address, 300);
    const id = await this.tx.run(async () => {
      if (!(await this.villages.exists(villageId))) throw new ValidationError('villageId', Rules.unknownChoice('village'));
      const repo = this.repo;
      const me = await repo.userForUpdate({ id: actor.id });
      if (!me) throw new NotFoundError('No such account');
      if (me.vendorId) throw new ConflictError('You already work for a vendor', { reason: 'already_member' });
      const row = Object.assign(new Vendor(), {
        id: randomUUID(),
        slug: '',
        name,
        type,
        villageId,
        taxCode,
        address,
        status: 'pending' as const,
        statusReason: null,
        contactEmail: actor.email,
        approvedAt: null,
      });
      await repo.insert(row, slugify(name, 'vendor'));
      await this.accounts.setVendor(actor.id, row.id, 'owner');
      return row.id;
    });
    return (await this.repo.byId(id))!;
  }

  /** Vendors in one status (every vendor without one), oldest first. Throws ValidationError('status') for an unknown status, ForbiddenError. */
  async list(actor: Actor, status?: string): Promise<AdminVendor[]> {
    requireAdmin(actor);
    if (status !== undefined && !isVendorStatus(status)) throw new ValidationError('status', Rules.oneOf(VENDOR_STATUSES));
    const vendors = await this.repo.list(status);
    return this.decorate(vendors);
  }

  /** One vendor with its village, owner and members. Throws NotFoundError, ForbiddenError. */
  async getForAdmin(actor: Actor, id: string): Promise<AdminVendorDetail> {
    requireAdmin(actor);
    const v = await this.repo.byId(id);
    if (!v) throw new NotFoundError('No such vendor');
    const [decorated] = await this.decorate([v]);
    return Object.assign(decorated, { members: await this.repo.members(v.id) });
  }

  /**
   * Approves a pending or suspended vendor: sets `approvedAt`, emits `VendorApproved` (the
   * catalogue relists what the suspension took down) and e-mails the owner, all in one
   * transaction. Idempotent: approving an approved vendor changes nothing and emits nothing.
   * Throws NotFoundError, ForbiddenError, ValidationError('reason').
   */
  approve(actor: Actor, id: string, reason?: string | null): Promise<Vendor> {
    return this.transition(actor, id, 'approved', reason);
  }

  /**
   * Suspends a pending or approved vendor with an optional reason: emits `VendorSuspended` (the
   * catalogue delists its products in the same transaction) and e-mails the owner. Idempotent:
   * suspending a suspended vendor changes nothing (the first reason stays). Throws
   * NotFoundError, ForbiddenError, ValidationError('reason').
   */
  suspend(actor: Actor, id: string, reason?: string | null): Promise<Vendor> {
    return this.transition(actor, id, 'suspended', reason);
  }

  private async transition(actor: Actor, id: string, to: 'approved' | 'suspended', reason: string | null | undefined): Promise<Vendor> {
    requireAdmin(actor);
    const note = optionalText('reason', reason, 500);
    const mail = await this.tx.run(async () => {
      const repo = this.repo;
      const vendor = await repo.byId(id);
      if (!vendor) throw new NotFoundError('No such vendor');
      if (vendor.status === to) return null;
      const now = this.clock.now();
      const set = to === 'approved' ? { status: to, approvedAt: now, statusReason: note } : { status: to, statusReason: note };
      // Every other status may move to `to`; whoever moves it first emits, a concurrent twin is a no-op.
      if (!(await repo.changeStatus(id, set))) return null;
      const at = now.toISOString();
      const payload: VendorStatusEvent = to === 'approved' ? { vendorId: id, at } : { vendorId: id, reason: note, at };
      const eventId = await this.events.emit(to === 'approved' ? Events.VendorApproved : Events.VendorSuspended, payload, actor);
      const owner = (await repo.owners([id])).get(id);
      if (!owner) return null;
      const template = to === 'approved' ? 'vendor-approved' : 'vendor-suspended';
      return this.mailer.queue({
        to: owner.email,
        template,
        locale: owner.locale,
        data: { ownerName: owner.name, vendorName: vendor.name, reason: note, vendorUrl: this.config.urls.vendor },
        dedupeKey: `${template}:${eventId}`,
      });
    });
    await this.mailer.dispatch(mail);
    return (await this.repo.byId(id))!;
  }

  /** The caller's vendor with its village. Throws NotFoundError when the caller works for no vendor. */
  async profile(actor: Actor): Promise<VendorProfile> {
    const v = await this.repo.byId(vendorOf(actor));
    if (!v) throw new NotFoundError('You do not work for a vendor');
    const [village] = await this.repo.villages([v.villageId]);
    return Object.assign(v, { village: village ?? null });
  }

  /**
   * Changes the caller's vendor's name, address, tax code or contact e-mail (null or empty
   * clears the optional ones). The slug stays. Throws ValidationError naming the field,
   * ForbiddenError for staff, NotFoundError without a vendor.
   */
  async updateProfile(actor: Actor, changes: VendorProfileChanges): Promise<VendorProfile> {
    const vendorId = ownedBy(actor);
    const set: Partial<Vendor> = {};
    if (changes.name !== undefined) set.name = requiredText('name', changes.name, 150);
    if (changes.address !== undefined) set.address = optionalText('address', changes.address, 300);
    if (changes.taxCode !== undefined) set.taxCode = checkTaxCode(changes.taxCode);
    if (changes.contactEmail !== undefined) set.contactEmail = checkEmail('contactEmail', changes.contactEmail);
    if (Object.keys(set).length) {
      await this.tx.run(async () => {
        if (!(await this.repo.update(vendorId, set))) throw new NotFoundError('You do not work for a vendor');
        if (set.name !== undefined) {
          const event: VendorRenamedEvent = { vendorId, name: set.name, at: this.clock.now().toISOString() };
          await record(Events.VendorRenamed, event);
        }
      });
    }
    return this.profile(actor);
  }

  /** Everyone working for the caller's vendor, owner first. Throws NotFoundError without a vendor. */
  async staff(actor: Actor): Promise<VendorMember[]> {
    return this.repo.members(vendorOf(actor));
  }

  /**
   * Removes a staff member from the caller's vendor; the owner cannot be removed. Throws
   * ForbiddenError for staff, NotFoundError for someone not working for the caller's vendor,
   * ConflictError (reason `owner`) for the owner.
   */
  async removeStaff(actor: Actor, userId: string): Promise<void> {
    const vendorId = ownedBy(actor);
    await this.tx.run(async () => {
      const user = await this.repo.userForUpdate({ id: userId });
      if (!user || user.vendorId !== vendorId) throw new NotFoundError('No such member of your vendor');
      if (user.vendorRole === 'owner') throw new ConflictError("The vendor's owner cannot be removed", { reason: 'owner' });
      await this.accounts.setVendor(user.id, null, null);
    });
  }

  private async decorate(vendors: Vendor[]): Promise<AdminVendor[]> {
    const ids = vendors.map((v) => v.id);
    const [villages, owners] = await Promise.all([this.repo.villages(vendors.map((v) => v.villageId)), this.repo.owners(ids)]);
    const byId = new Map(villages.map((v) => [v.id, v]));
    return vendors.map((v) => {
      const o = owners.get(v.id);
      return Object.assign(v, { village: byId.get(v.villageId) ?? null, owner: o ? { id: o.id, email: o.email, name: o.name } : null });
    });
  }
}
