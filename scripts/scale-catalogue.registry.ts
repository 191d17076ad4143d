/**
 * How the catalogue generator dates, numbers and attributes recognition decisions: each issuing
 * body (district, province, ministry) meets in rounds, one decision per round recognises many
 * products, and decision numbers run through the year.
 */
import type { CertificateLevel } from '@ocop/certification';
import { hashOf } from './seeded-random';
import { CITY_PROVINCES, MINISTRY_MERGER, TWO_LEVEL_REFORM, type Place } from './scale-catalogue.words';

const DAY = 86_400_000;

/** The star tier of a certificate; a potential five-star product holds a provincial 4★ certificate with a 5★ score. */
export type Tier = 'three' | 'four' | 'potentialFive' | 'five';

/** Decision numbers run through the year at each issuing body, so one round's decision has one number. */
export function decisionNumber(issuer: string, date: string): number {
  const start = Date.UTC(Number(date.slice(0, 4)), 0, 1);
  const dayOfYear = Math.floor((Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - start) / DAY);
  return 1 + Math.round(dayOfYear * 8.5) + (hashOf(`${issuer}|${date}`) % 8);
}

export interface Issuer {
  key: string;
  level: CertificateLevel;
  body: string;
  suffix: string;
  /** Days between the council's rounds. */
  period: number;
}

export function issuerFor(tier: Tier, place: Place, date: string): Issuer {
  if (tier === 'five') {
    const merged = date >= MINISTRY_MERGER;
    return {
      key: 'national',
      level: 'national',
      body: merged ? 'Bộ Nông nghiệp và Môi trường' : 'Bộ Nông nghiệp và Phát triển nông thôn',
      suffix: merged ? 'QĐ-BNNMT' : 'QĐ-BNN-VPĐP',
      period: 180,
    };
  }
  if (tier === 'three' && date < TWO_LEVEL_REFORM) return { key: `district|${place.province}|${place.district}`, level: 'district', body: `UBND ${place.district}`, suffix: 'QĐ-UBND', period: 120 };
  return { key: `province|${place.province}`, level: 'provincial', body: `UBND ${CITY_PROVINCES.has(place.province) ? 'thành phố' : 'tỉnh'} ${place.province}`, suffix: 'QĐ-UBND', period: 90 };
}

/** The council round of `issuer` at or before `ms` (its first one when none is): rounds every `period` days, each a few days off the beat. */
export function roundOf(issuer: Issuer, ms: number, from: number, until: number): number {
  const phase = (hashOf(issuer.key) % issuer.period) * DAY;
  const k = Math.max(0, Math.floor((ms - from - phase) / (issuer.period * DAY)));
  const jitter = ((hashOf(`${issuer.key}|${k}`) % 21) - 10) * DAY;
  return Math.min(until, Math.max(from, from + phase + k * issuer.period * DAY + jitter));
}
