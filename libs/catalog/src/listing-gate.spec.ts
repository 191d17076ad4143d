import { publishBlocker, sellability } from './listing-gate';

const now = new Date('2026-06-01T00:00:00Z');
const cert = (over: Partial<{ vendorId: string; status: string; expiresAt: Date }> = {}) => ({ vendorId: 'v1', status: 'active', expiresAt: new Date('2027-01-01T00:00:00Z'), ...over });

describe('the listing gate', () => {
  it('sells a listed product of an approved vendor under its own active, unexpired certificate', () => {
    expect(sellability({ vendorId: 'v1', state: 'listed' }, cert(), { status: 'approved' }, now)).toEqual({ sellable: true });
  });

  it('stops selling at the exact instant the certificate expires', () => {
    const c = cert({ expiresAt: now });
    expect(sellability({ vendorId: 'v1', state: 'listed' }, c, { status: 'approved' }, new Date(now.getTime() - 1))).toEqual({ sellable: true });
    expect(sellability({ vendorId: 'v1', state: 'listed' }, c, { status: 'approved' }, now)).toEqual({ sellable: false, reason: 'certificate_expired' });
  });

  it('gives the reason a product may not be sold', () => {
    const p = { vendorId: 'v1', state: 'listed' };
    expect(sellability(p, cert({ status: 'revoked' }), { status: 'approved' }, now)).toMatchObject({ reason: 'certificate_revoked' });
    expect(sellability(p, cert({ status: 'superseded' }), { status: 'approved' }, now)).toMatchObject({ reason: 'certificate_superseded' });
    expect(sellability(p, cert({ vendorId: 'v2' }), { status: 'approved' }, now)).toMatchObject({ reason: 'certificate_not_vendors' });
    expect(sellability(p, cert(), { status: 'pending' }, now)).toMatchObject({ reason: 'vendor_pending' });
    expect(sellability(p, cert(), { status: 'suspended' }, now)).toMatchObject({ reason: 'vendor_suspended' });
    expect(sellability({ ...p, state: 'draft' }, cert(), { status: 'approved' }, now)).toMatchObject({ reason: 'not_published' });
    expect(sellability({ ...p, state: 'delisted' }, cert(), { status: 'approved' }, now)).toMatchObject({ reason: 'delisted' });
  });

  it('checks the certificate before the product state, so publishing reports the real blocker', () => {
    expect(publishBlocker('v1', cert({ expiresAt: new Date('2026-01-01T00:00:00Z') }), { status: 'approved' }, now)).toBe('certificate_expired');
    expect(publishBlocker('v1', cert(), { status: 'approved' }, now)).toBeNull();
  });
});
