import { ForbiddenError, NotFoundError, type Actor } from '@ocop/core';

/** The caller's vendor id; NotFoundError when the caller works for no vendor. */
export function vendorOf(actor: Actor): string {
  if (!actor.vendorId) throw new NotFoundError('You do not work for a vendor');
  return actor.vendorId;
}

/** The caller's vendor id when the caller owns it; ForbiddenError for staff. */
export function ownedBy(actor: Actor): string {
  const id = vendorOf(actor);
  if (actor.vendorRole !== 'owner') throw new ForbiddenError("Only the vendor's owner may do this");
  return id;
}
