export type Role = 'shopper' | 'vendor' | 'admin';

/** The authenticated caller every service method takes first, so scoping shows in each signature. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** The vendor this user works for; vendor-scoped queries are filtered by it. */
  vendorId: string | null;
  vendorRole: 'owner' | 'staff' | null;
  locale: string;
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor && actor.roles.includes(role);
}
