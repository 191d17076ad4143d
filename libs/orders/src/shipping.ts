import type { ShippingZone } from './order.entity';

/** The weight counted for a product whose vendor gave none. */
export const DEFAULT_WEIGHT_GRAMS = 500;

/** Domestic parcels: a flat price for the first kilogram, then a price per further 500 g started. */
export const DOMESTIC_RATE = { firstGrams: 1000, firstVnd: 30_000, stepGrams: 500, stepVnd: 10_000 } as const;

/** International parcels per zone: a price for the first 500 g, then one per further 500 g started. */
export const INTERNATIONAL_RATES: Record<Exclude<ShippingZone, 'domestic'>, { firstVnd: number; stepVnd: number }> = {
  asia: { firstVnd: 250_000, stepVnd: 80_000 },
  europe: { firstVnd: 450_000, stepVnd: 150_000 },
  rest_of_world: { firstVnd: 550_000, stepVnd: 180_000 },
};
const INTERNATIONAL_FIRST_GRAMS = 500;
const INTERNATIONAL_STEP_GRAMS = 500;

const ASIA = new Set('AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ YE AE'.split(' '));
const EUROPE = new Set('AD AL AT BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GI GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK'.split(' '));

/** Whether `country` looks like an ISO 3166-1 alpha-2 code (two letters A–Z). Pure. */
export function isCountryCode(country: unknown): country is string {
  return typeof country === 'string' && /^[A-Z]{2}$/.test(country);
}

/** The shipping zone of a destination country (ISO 3166-1 alpha-2, any case): `VN` is domestic. Pure. */
export function shippingZone(country: string): ShippingZone {
  const code = country.trim().toUpperCase();
  if (code === 'VN') return 'domestic';
  if (ASIA.has(code)) return 'asia';
  if (EUROPE.has(code)) return 'europe';
  return 'rest_of_world';
}

/**
 * The shipping price in VND of one parcel of `grams` to `zone`. Domestic: 30,000 up to 1 kg, then
 * 10,000 per further 500 g started. International: the zone's first-500 g price, then its price per
 * further 500 g started. An empty parcel costs nothing. Pure.
 */
export function shippingFeeVnd(zone: ShippingZone, grams: number): number {
  if (!Number.isFinite(grams) || grams <= 0) return 0;
  if (zone === 'domestic') {
    const extra = Math.max(0, grams - DOMESTIC_RATE.firstGrams);
    return DOMESTIC_RATE.firstVnd + Math.ceil(extra / DOMESTIC_RATE.stepGrams) * DOMESTIC_RATE.stepVnd;
  }
  const rate = INTERNATIONAL_RATES[zone];
  const extra = Math.max(0, grams - INTERNATIONAL_FIRST_GRAMS);
  return rate.firstVnd + Math.ceil(extra / INTERNATIONAL_STEP_GRAMS) * rate.stepVnd;
}

/** Whether a product may be sent to `zone`: abroad only when it is export-eligible. Pure. */
export function canShipTo(zone: ShippingZone, exportEligible: boolean): boolean {
  return zone === 'domestic' || exportEligible;
}
