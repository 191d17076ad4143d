import { canShipTo, shippingFeeVnd, shippingZone } from './shipping';

describe('shipping', () => {
  it('puts Vietnam at home and other countries in their zone, whatever the case', () => {
    expect(shippingZone('VN')).toBe('domestic');
    expect(shippingZone('vn')).toBe('domestic');
    expect(shippingZone('JP')).toBe('asia');
    expect(shippingZone('SG')).toBe('asia');
    expect(shippingZone('DE')).toBe('europe');
    expect(shippingZone('FR')).toBe('europe');
    expect(shippingZone('US')).toBe('rest_of_world');
    expect(shippingZone('AU')).toBe('rest_of_world');
  });

  it('charges 30,000 VND at home up to 1 kg and 10,000 per further 500 g started', () => {
    expect(shippingFeeVnd('domestic', 1)).toBe(30_000);
    expect(shippingFeeVnd('domestic', 1000)).toBe(30_000);
    expect(shippingFeeVnd('domestic', 1001)).toBe(40_000);
    expect(shippingFeeVnd('domestic', 1500)).toBe(40_000);
    expect(shippingFeeVnd('domestic', 1501)).toBe(50_000);
    expect(shippingFeeVnd('domestic', 3000)).toBe(70_000);
  });

  it('charges abroad a first-500 g price and a price per further 500 g started, by zone', () => {
    expect(shippingFeeVnd('asia', 500)).toBe(250_000);
    expect(shippingFeeVnd('asia', 501)).toBe(330_000);
    expect(shippingFeeVnd('europe', 1000)).toBe(600_000);
    expect(shippingFeeVnd('rest_of_world', 1200)).toBe(550_000 + 2 * 180_000);
  });

  it('charges nothing for an empty parcel', () => {
    expect(shippingFeeVnd('domestic', 0)).toBe(0);
    expect(shippingFeeVnd('europe', 0)).toBe(0);
  });

  it('ships abroad only export-eligible products', () => {
    expect(canShipTo('domestic', false)).toBe(true);
    expect(canShipTo('asia', false)).toBe(false);
    expect(canShipTo('europe', true)).toBe(true);
  });
});
