import { numberFormat } from '@ocop/core';
import type { Locale } from '@ocop/core';
import type { WeeklyVillageSales } from '@ocop/orders';

const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB', de: 'de-DE', id: 'id-ID' };
/** Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999'];
/** Villages drawn on their own; the rest are summed as one "other villages" series. */
const SHOWN = 6;

const W = 600;
const H = 280;
const LEFT = 64;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 36;

/** A round step for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) ?? 10 * p;
}

/**
 * The geometry and words of a stacked bar chart of weekly sales by village, for a template to
 * draw as SVG (every value escaped by the template), with the same figures as a table. Pure.
 */
export function salesChart(sales: WeeklyVillageSales, lang: Locale, othersLabel: string) {
  const money = numberFormat(TAGS[lang], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
  const compact = numberFormat(TAGS[lang], { notation: 'compact', maximumFractionDigits: 1 });
  const shown = sales.villages.slice(0, SHOWN);
  const rest = sales.villages.slice(SHOWN);
  const series = [
    ...shown.map((v) => ({ name: v.villageName, weeks: v.weeksVnd })),
    ...(rest.length ? [{ name: othersLabel, weeks: sales.weeks.map((_, i) => rest.reduce((a, v) => a + v.weeksVnd[i], 0)) }] : []),
  ].map((s, i) => ({ ...s, colour: COLOURS[i % COLOURS.length] }));
  const totals = sales.weeks.map((_, i) => series.reduce((a, s) => a + s.weeks[i], 0));
  const top = niceMax(Math.max(0, ...totals));
  const plotH = H - TOP - BOTTOM;
  const slot = (W - LEFT - RIGHT) / Math.max(1, sales.weeks.length);
  const barW = Math.max(4, slot * 0.7);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const label = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  const bars = sales.weeks.map((week, i) => {
    let base = 0;
    const x = LEFT + i * slot + (slot - barW) / 2;
    const segments = series
      .filter((s) => s.weeks[i] > 0)
      .map((s) => {
        const y0 = y(base);
        base += s.weeks[i];
        const y1 = y(base);
        return {
          x: x.toFixed(1),
          y: y1.toFixed(1),
          width: barW.toFixed(1),
          height: Math.max(0.5, y0 - y1).toFixed(1),
          colour: s.colour,
          title: `${s.name}, ${label(week)}: ${money.format(s.weeks[i])}`,
        };
      });
    return { segments, labelX: (x + barW / 2).toFixed(1), label: i % 2 === sales.weeks.length % 2 ? '' : label(week) };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: y(top * f).toFixed(1), label: compact.format(top * f) }));
  return {
    width: W,
    height: H,
    left: LEFT,
    right: W - RIGHT,
    axisY: (H - BOTTOM).toFixed(1),
    labelY: (H - BOTTOM + 18).toFixed(1),
    tickX: LEFT - 6,
    bars,
    ticks,
    legend: series.map((s) => ({ name: s.name, colour: s.colour, total: money.format(s.weeks.reduce((a, b) => a + b, 0)) })),
    total: money.format(sales.totalVnd),
    rows: sales.weeks.map((week, i) => ({
      week: lang === 'vi' ? week.split('-').reverse().join('/') : week,
      total: money.format(totals[i]),
      parts: series.filter((s) => s.weeks[i] > 0).map((s) => `${s.name}: ${money.format(s.weeks[i])}`),
    })),
  };
}
