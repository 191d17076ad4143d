import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, ConflictError, GoneError, NotFoundError, Rules, TooManyRequestsError, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { AccountsService } from '@ocop/accounts';
import { Mailer } from '@ocop/notifications';
import { ownedBy } from './vendor-access';
import { VendorInvitation } from './vendor-invitation.entity';
import { VendorInvitationRepository, type PendingInvitation } from './vendor-invitations.repository';
import { checkEmail } from './vendor.rules';
import { VendorRepository } from './vendors.repository';

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;
/** Invitations one vendor may send in 24 hours (replaced and withdrawn ones count). */
export const INVITATIONS_PER_VENDOR_PER_DAY = 50;
/** Invitation mails one address receives in 24 hours, from all vendors together. */
export const INVITATIONS_PER_ADDRESS_PER_DAY = 5;

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the invitee gets on accepting. */
export interface Membership {
  vendorId: string;
  vendorName: string;
  role: 'staff';
}

/**
 * What an invitation link shows the logged-in person who opens it. Only its invitee learns who
 * invites them; anyone else learns only that the link is not for them.
 */
export type InvitationPreview =
  { state: 'open'; vendorName: string; inviterName: string | null; expiresAt: Date } | { state: 'already_member'; vendorName: string } | { state: 'expired' | 'used' | 'other_account' | 'unknown' };

const noSuchInvitation = () => new NotFoundError('No such invitation');

/** The hash under which a token is stored, or null for text that cannot be a token. */
function tokenHashOf(token: unknown): string | null {
  return typeof token === 'string' && TOKEN.test(token) ? sha256(token) : null;
}

/**
 * Staff invitations: an owner invites an e-mail address, a single-use link is mailed to it, and
 * only the person logged in with that address becomes a member, by accepting. The owner's answer
 * is the same whatever the address (registered or not, free or working for a vendor), so
 * inviting never tells whether someone has an account.
 */
@Injectable()
export class VendorInvitationsService {
  private readonly repo: VendorInvitationRepository;
  private readonly vendors: VendorRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {
    this.repo = new VendorInvitationRepository(tx);
    this.vendors = new VendorRepository(tx);
  }

  /**
   * Invites an address to the caller's vendor as staff: writes the invitation (valid 7 days, the
   * token stored only as its SHA-256) and queues the mail with the link in one transaction. An
   * open invitation of this vendor to the same address is ended and replaced, so its old link
   * stops working. Past five invitation mails to one address in 24 hours (from all vendors)
   * nothing more is sent to it, with the same answer. Not idempotent: each call sends a new link.
   * Throws ForbiddenError for staff, NotFoundError without a vendor, ValidationError('email'),
   * TooManyRequestsError past 50 invitations of the vendor in 24 hours.
   */
  async invite(actor: Actor, email: string): Promise<void> {
    const vendorId = ownedBy(actor);
    const address = checkEmail('email', email);
    if (!address) throw new ValidationError('email', Rules.required());
    const now = this.clock.now();
    const dayAgo = new Date(now.getTime() - DAY_MS);
    const mail = await this.tx.run(async () => {
      const repo = this.repo;
      const vendor = await repo.vendorForUpdate(vendorId);
      if (!vendor) throw new NotFoundError('You do not work for a vendor');
      if ((await repo.countForVendorSince(vendorId, dayAgo)) >= INVITATIONS_PER_VENDOR_PER_DAY) {
        throw new TooManyRequestsError(`A vendor may send at most ${INVITATIONS_PER_VENDOR_PER_DAY} invitations a day; try again later`, 3600);
      }
      // Refusing here would tell the owner that others invite this address; staying silent keeps
      // the answer the same while sparing the address a flood.
      if ((await repo.countForEmailSince(address, dayAgo)) >= INVITATIONS_PER_ADDRESS_PER_DAY) return null;
      await repo.closePendingTo(vendorId, address, now);
      const token = randomBytes(32).toString('base64url');
      const row = Object.assign(new VendorInvitation(), {
        id: randomUUID(),
        tokenHash: sha256(token),
        vendorId,
        email: address,
        invitedBy: actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
        acceptedAt: null,
        acceptedBy: null,
      });
      await repo.insert(row);
      const account = await repo.account(address);
      return this.mailer.queue({
        to: address,
        template: 'staff-invitation',
        locale: account?.locale ?? actor.locale,
        // The link is built from configuration only: a request's Host header must never decide where a token goes.
        data: { vendorName: vendor.name, inviterName: actor.name, invitationUrl: `${this.config.urls.vendor}/invitations/${token}`, days: INVITATION_TTL_DAYS },
        dedupeKey: `staff-invitation:${row.id}`,
      });
    });
    await this.mailer.dispatch(mail);
  }

  /** The caller's vendor's open invitations, newest first. Read-only. Throws ForbiddenError for staff, NotFoundError without a vendor. */
  async pending(actor: Actor): Promise<PendingInvitation[]> {
    return this.repo.pending(ownedBy(actor), this.clock.now());
  }

  /**
   * Withdraws one of the caller's vendor's open invitations: its link stops working at once.
   * Throws ForbiddenError for staff, NotFoundError for an invitation that is not an open one of
   * the caller's vendor (another vendor's, accepted, expired or already withdrawn).
   */
  async withdraw(actor: Actor, id: string): Promise<void> {
    const vendorId = ownedBy(actor);
    const closed = await this.tx.run(() => this.repo.close(vendorId, id, this.clock.now()));
    if (!closed) throw noSuchInvitation();
  }

  /**
   * What the link `token` shows the logged-in caller: the vendor and who invites them when the
   * invitation is theirs and open, otherwise only why it cannot be accepted. Read-only.
   */
  async preview(actor: Actor, token: string): Promise<InvitationPreview> {
    const hash = tokenHashOf(token);
    const inv = hash ? await this.repo.byTokenHash(hash) : null;
    if (!inv) return { state: 'unknown' };
    if (inv.email !== actor.email.toLowerCase()) return { state: 'other_account' };
    if (inv.acceptedAt) return { state: 'used' };
    if (inv.expiresAt.getTime() <= this.clock.now().getTime()) return { state: 'expired' };
    const vendor = await this.repo.vendorName(inv.vendorId);
    if (!vendor) return { state: 'unknown' };
    if (actor.vendorId) return { state: 'already_member', vendorName: vendor.name };
    return { state: 'open', vendorName: vendor.name, inviterName: await this.repo.personName(inv.invitedBy), expiresAt: inv.expiresAt };
  }

  /**
   * Makes the caller staff of the inviting vendor. The invitation is claimed with one conditional
   * update, so of two parallel accepts only one makes a membership; a used link never works
   * again. Throws NotFoundError for an unknown or used token and for an invitation sent to
   * another address (which is not revealed), GoneError once expired or withdrawn, ConflictError
   * (reason `already_member`) when the caller already works for a vendor.
   */
  async accept(actor: Actor, token: string): Promise<Membership> {
    const hash = tokenHashOf(token);
    if (!hash) throw noSuchInvitation();
    const now = this.clock.now();
    return this.tx.run(async () => {
      const repo = this.repo;
      const inv = await repo.byTokenHash(hash);
      if (!inv || inv.email !== actor.email.toLowerCase() || inv.acceptedAt) throw noSuchInvitation();
      if (inv.expiresAt.getTime() <= now.getTime()) throw new GoneError('This invitation has expired or was withdrawn; ask the owner for a new one');
      const me = await this.vendors.userForUpdate({ id: actor.id });
      if (!me) throw noSuchInvitation();
      if (me.vendorId) throw new ConflictError('You already work for a vendor', { reason: 'already_member' });
      const vendor = await repo.vendorName(inv.vendorId);
      if (!vendor) throw noSuchInvitation();
      if (!(await repo.claim(hash, actor.id, now))) throw noSuchInvitation();
      await this.accounts.setVendor(actor.id, vendor.id, 'staff');
      return { vendorId: vendor.id, vendorName: vendor.name, role: 'staff' as const };
    });
  }
}
