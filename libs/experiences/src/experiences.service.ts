import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, ForbiddenError, NotFoundError, Rules, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import type { Booking } from './booking.entity';
import { Experience, type ExperienceKind } from './experience.entity';
import { ExperienceSlot } from './experience-slot.entity';
import {
  DESCRIPTION_MAX,
  EXPERIENCE_KINDS,
  experienceSlug,
  INCLUDED_MAX,
  isImageAddress,
  isLanguageList,
  localizedText,
  MAX_DURATION_MINUTES,
  MAX_FREE_CANCELLATION_HOURS,
  MAX_GROUP_SIZE,
  MAX_IMAGES,
  MAX_PRICE_PER_PERSON_VND,
  MAX_SLOT_CAPACITY,
  MAX_SLOT_DAYS_AHEAD,
  MEETING_POINT_MAX,
  MESSAGES,
  MIN_DURATION_MINUTES,
  TITLE_MAX,
  type LocalizedText,
} from './experience.rules';
import { ExperiencesRepository, type VillageFacts } from './experiences.repository';

/** What a vendor sends to create an experience (see CreateExperienceDto); text fields take a string (Vietnamese) or one text per language. */
export interface ExperienceInput {
  villageId?: string;
  title: string | LocalizedText;
  description?: string | LocalizedText;
  included?: string | LocalizedText;
  kind?: ExperienceKind;
  durationMinutes: number;
  pricePerPersonVnd: number;
  languages: string[];
  meetingPoint?: string;
  minGroupSize?: number;
  maxGroupSize: number;
  freeCancellationHours?: number;
  images?: string[];
}

export type ExperienceChanges = Partial<Omit<ExperienceInput, 'villageId'>>;

/** A slot as everyone sees it: its seats and how many are left. */
export interface SlotView {
  id: string;
  experienceId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  seatsTaken: number;
  remaining: number;
  status: ExperienceSlot['status'];
}

/** A published experience with its village, for the storefront. */
export type PublicExperience = Experience & { village: VillageFacts | null; vendor?: { name: string } };

/** A booking as the host vendor sees it (no payment details, the shopper's name only). */
export interface VendorBookingView {
  id: string;
  reference: string;
  slotId: string;
  startsAt: Date | null;
  people: number;
  totalVnd: number;
  refundedVnd: number;
  status: Booking['status'];
  shopperName: string;
  createdAt: Date;
}

const INSERT_ATTEMPTS = 5;

function vendorOf(actor: Actor): string {
  if (!actor.vendorId) throw new ForbiddenError('This needs a vendor account');
  return actor.vendorId;
}

function int(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new ValidationError(field, Rules.betweenInt(min, max));
  return value;
}

function text(value: unknown, field: string, max: number, viRequired: boolean): LocalizedText {
  const t = localizedText(value, max);
  if (!t) throw new ValidationError(field, MESSAGES.localizedText(max));
  if (viRequired && !t.vi) throw new ValidationError(field, MESSAGES.titleViMissing);
  return t;
}

/** Checks and cleans the given fields (DTO rules again, for callers that are not the API); ValidationError naming the first bad field. */
function cleanChanges(input: ExperienceChanges): Partial<Experience> {
  const out: Partial<Experience> = {};
  if (input.title !== undefined) out.title = text(input.title, 'title', TITLE_MAX, true);
  if (input.description !== undefined) out.description = text(input.description, 'description', DESCRIPTION_MAX, false);
  if (input.included !== undefined) out.included = text(input.included, 'included', INCLUDED_MAX, false);
  if (input.kind !== undefined) {
    if (!(EXPERIENCE_KINDS as readonly string[]).includes(input.kind)) throw new ValidationError('kind', Rules.oneOf(EXPERIENCE_KINDS));
    out.kind = input.kind;
  }
  if (input.durationMinutes !== undefined) out.durationMinutes = int(input.durationMinutes, 'durationMinutes', MIN_DURATION_MINUTES, MAX_DURATION_MINUTES);
  if (input.pricePerPersonVnd !== undefined) out.pricePerPersonVnd = int(input.pricePerPersonVnd, 'pricePerPersonVnd', 0, MAX_PRICE_PER_PERSON_VND);
  if (input.languages !== undefined) {
    if (!isLanguageList(input.languages)) throw new ValidationError('languages', MESSAGES.language);
    out.languages = input.languages;
  }
  if (input.meetingPoint !== undefined) {
    const m = typeof input.meetingPoint === 'string' ? input.meetingPoint.trim() : '';
    if (!m || m.length > MEETING_POINT_MAX) throw new ValidationError('meetingPoint', Rules.textMaxLength(MEETING_POINT_MAX));
    out.meetingPoint = m;
  }
  if (input.minGroupSize !== undefined) out.minGroupSize = int(input.minGroupSize, 'minGroupSize', 1, MAX_GROUP_SIZE);
  if (input.maxGroupSize !== undefined) out.maxGroupSize = int(input.maxGroupSize, 'maxGroupSize', 1, MAX_GROUP_SIZE);
  if (input.freeCancellationHours !== undefined) out.freeCancellationHours = int(input.freeCancellationHours, 'freeCancellationHours', 0, MAX_FREE_CANCELLATION_HOURS);
  if (input.images !== undefined) {
    if (!Array.isArray(input.images) || input.images.length > MAX_IMAGES || !input.images.every(isImageAddress)) throw new ValidationError('images', MESSAGES.image);
    out.images = input.images;
  }
  return out;
}

export function slotView(s: ExperienceSlot, durationMinutes: number): SlotView {
  return {
    id: s.id,
    experienceId: s.experienceId,
    startsAt: s.startsAt,
    endsAt: new Date(s.startsAt.getTime() + durationMinutes * 60_000),
    capacity: s.capacity,
    seatsTaken: s.seatsTaken,
    remaining: s.status === 'open' ? Math.max(0, s.capacity - s.seatsTaken) : 0,
    status: s.status,
  };
}

/**
 * Experiences hosted by vendors in their villages, and their slots. Vendor methods are scoped by
 * the caller's vendor: another vendor's experience or slot answers NotFoundError, as an unknown
 * one does. The storefront sees published experiences of approved vendors only.
 */
@Injectable()
export class ExperiencesService {
  private readonly repo: ExperiencesRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new ExperiencesRepository(tx);
  }

  /**
   * Creates an experience in `draft`, in the vendor's village unless `villageId` names another;
   * the meeting point defaults to the vendor's address (or its name and village). Not idempotent.
   * ForbiddenError without a vendor; ValidationError naming the field (`villageId` when it names
   * no village, `minGroupSize` above `maxGroupSize`).
   */
  async create(actor: Actor, input: ExperienceInput): Promise<Experience> {
    const vendorId = vendorOf(actor);
    if (!input || typeof input !== 'object') throw new ValidationError('title', Rules.required());
    for (const field of ['title', 'durationMinutes', 'pricePerPersonVnd', 'languages', 'maxGroupSize'] as const)
      if (input[field] === undefined || input[field] === null) throw new ValidationError(field, Rules.required());
    const fields = cleanChanges(input);
    const minGroupSize = fields.minGroupSize ?? 1;
    if (minGroupSize > fields.maxGroupSize!) throw new ValidationError('minGroupSize', MESSAGES.groupSizes);
    return this.tx.run(async () => {
      const vendor = await this.repo.vendor(vendorId);
      if (!vendor) throw new ForbiddenError('This needs a vendor account');
      const villageId = input.villageId ?? vendor.villageId;
      const village = await this.repo.village(villageId);
      if (!village) throw new ValidationError('villageId', Rules.unknownChoice('village'));
      const row = Object.assign(new Experience(), {
        id: randomUUID(),
        vendorId,
        villageId,
        kind: 'workshop' as const,
        description: {},
        included: {},
        images: [],
        freeCancellationHours: 48,
        meetingPoint: (vendor.address ?? `${vendor.name}, ${village.name}, ${village.province}`).slice(0, MEETING_POINT_MAX),
        ...fields,
        minGroupSize,
        status: 'draft' as const,
      });
      for (let attempt = 1; ; attempt++) {
        row.slug = experienceSlug(row.title.vi!, randomBytes(3).toString('hex'));
        if (await this.repo.tryInsertExperience(row)) break;
        if (attempt >= INSERT_ATTEMPTS) throw new ConflictError('Could not give the experience a unique address; try again', { reason: 'slug_taken' });
      }
      return (await this.repo.experience(row.id))!;
    });
  }

  /**
   * Changes any of an experience's fields (text fields replace per language as given; the slug
   * and village stay). Price changes apply to bookings made afterwards only. ForbiddenError;
   * NotFoundError for another vendor's experience; ValidationError naming the field.
   */
  async update(actor: Actor, id: string, changes: ExperienceChanges): Promise<Experience> {
    const vendorId = vendorOf(actor);
    const set = cleanChanges(changes ?? {});
    return this.tx.run(async () => {
      const current = await this.repo.experienceOfVendor(vendorId, id);
      if (!current) throw new NotFoundError('No such experience');
      if (set.title) set.title = { ...current.title, ...set.title };
      if (set.description) set.description = { ...current.description, ...set.description };
      if (set.included) set.included = { ...current.included, ...set.included };
      if ((set.minGroupSize ?? current.minGroupSize) > (set.maxGroupSize ?? current.maxGroupSize)) throw new ValidationError('minGroupSize', MESSAGES.groupSizes);
      if (Object.keys(set).length) await this.repo.updateExperience(vendorId, id, set);
      return (await this.repo.experienceOfVendor(vendorId, id))!;
    });
  }

  /** Publishes (`published`) or withdraws (`draft`) the vendor's experience; idempotent. ForbiddenError; NotFoundError; ConflictError (reason `vendor_not_approved`) when publishing for a vendor not approved. */
  async setPublished(actor: Actor, id: string, published: boolean): Promise<Experience> {
    const vendorId = vendorOf(actor);
    return this.tx.run(async () => {
      const current = await this.repo.experienceOfVendor(vendorId, id);
      if (!current) throw new NotFoundError('No such experience');
      if (published && (await this.repo.vendor(vendorId))?.status !== 'approved') throw new ConflictError('Experiences are published once the vendor is approved', { reason: 'vendor_not_approved' });
      await this.repo.updateExperience(vendorId, id, { status: published ? 'published' : 'draft' });
      return (await this.repo.experienceOfVendor(vendorId, id))!;
    });
  }

  /**
   * Adds a slot (`startsAt` in the future and within 400 days, `capacity` 1–500). Not idempotent.
   * ForbiddenError; NotFoundError for another vendor's experience; ValidationError naming
   * `startsAt` or `capacity`.
   */
  async addSlot(actor: Actor, experienceId: string, input: { startsAt: string | Date; capacity: number }): Promise<SlotView> {
    const vendorId = vendorOf(actor);
    const startsAt = input?.startsAt instanceof Date ? input.startsAt : typeof input?.startsAt === 'string' ? new Date(input.startsAt) : new Date(NaN);
    if (Number.isNaN(startsAt.getTime())) throw new ValidationError('startsAt', Rules.isoDate());
    const now = this.clock.now();
    if (startsAt.getTime() <= now.getTime()) throw new ValidationError('startsAt', MESSAGES.slotInPast);
    if (startsAt.getTime() > now.getTime() + MAX_SLOT_DAYS_AHEAD * 86_400_000) throw new ValidationError('startsAt', MESSAGES.slotTooFar);
    const capacity = int(input.capacity, 'capacity', 1, MAX_SLOT_CAPACITY);
    return this.tx.run(async () => {
      const experience = await this.repo.experienceOfVendor(vendorId, experienceId);
      if (!experience) throw new NotFoundError('No such experience');
      const slot = Object.assign(new ExperienceSlot(), { id: randomUUID(), experienceId, startsAt, capacity, seatsTaken: 0, status: 'open' as const, cancelledAt: null, createdAt: now });
      await this.repo.insertSlot(slot);
      return slotView(slot, experience.durationMinutes);
    });
  }

  /** The vendor's experiences, newest first. ForbiddenError without a vendor. */
  async listOwn(actor: Actor): Promise<Experience[]> {
    return this.repo.experiencesOfVendor(vendorOf(actor));
  }

  /** One of the vendor's experiences with all its slots (past and cancelled too). ForbiddenError; NotFoundError for another vendor's. */
  async getOwn(actor: Actor, id: string): Promise<Experience & { slots: SlotView[] }> {
    const experience = await this.repo.experienceOfVendor(vendorOf(actor), id);
    if (!experience) throw new NotFoundError('No such experience');
    const slots = await this.repo.slotsOfExperience(id);
    return { ...experience, slots: slots.map((s) => slotView(s, experience.durationMinutes)) };
  }

  /** The bookings of one of the vendor's experiences, newest first, with their slot's start. ForbiddenError; NotFoundError for another vendor's. */
  async bookingsOfOwn(actor: Actor, experienceId: string): Promise<VendorBookingView[]> {
    const vendorId = vendorOf(actor);
    const experience = await this.repo.experienceOfVendor(vendorId, experienceId);
    if (!experience) throw new NotFoundError('No such experience');
    const bookings = await this.repo.bookingsOfExperience(vendorId, experienceId);
    const [slots, users] = await Promise.all([this.repo.slotsByIds([...new Set(bookings.map((b) => b.slotId))]), this.repo.users([...new Set(bookings.map((b) => b.userId))])]);
    const startOf = new Map(slots.map((s) => [s.id, s.startsAt]));
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    return bookings.map((b) => ({
      id: b.id,
      reference: b.reference,
      slotId: b.slotId,
      startsAt: startOf.get(b.slotId) ?? null,
      people: b.people,
      totalVnd: b.totalVnd,
      refundedVnd: b.refundedVnd,
      status: b.status,
      shopperName: nameOf.get(b.userId) ?? '',
      createdAt: b.createdAt,
    }));
  }

  /** A published experience of an approved vendor, with its village and its host's name; NotFoundError otherwise (drafts included). */
  async getPublic(id: string): Promise<PublicExperience> {
    const experience = await this.repo.experience(id);
    const host = experience ? await this.repo.vendor(experience.vendorId) : null;
    if (!experience || experience.status !== 'published' || host?.status !== 'approved') throw new NotFoundError('No such experience');
    return { ...experience, village: await this.repo.village(experience.villageId), vendor: { name: host.name } };
  }

  /**
   * Published experiences of approved vendors, newest first; with `villageSlug`, that village's
   * only (an unknown village gives an empty list).
   */
  async listPublic(villageSlug?: string): Promise<PublicExperience[]> {
    let village: VillageFacts | null = null;
    if (villageSlug) {
      village = await this.repo.villageBySlug(villageSlug);
      if (!village) return [];
    }
    const rows = await this.repo.publishedExperiences(village?.id ?? null);
    const villages = new Map<string, VillageFacts | null>();
    for (const r of rows) if (!villages.has(r.villageId)) villages.set(r.villageId, await this.repo.village(r.villageId));
    return rows.map((r) => ({ ...r, village: villages.get(r.villageId) ?? null }));
  }

  /** The open slots of a published experience that start in the future, soonest first, each with `remaining` seats. NotFoundError as `getPublic`. */
  async upcomingSlots(experienceId: string): Promise<SlotView[]> {
    const experience = await this.getPublic(experienceId);
    const slots = await this.repo.upcomingSlots(experienceId, this.clock.now());
    return slots.map((s) => slotView(s, experience.durationMinutes));
  }
}
