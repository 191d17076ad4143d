import type { Locale, translator } from '@ocop/core';
import { shippingFeeVnd, shippingZone, type CartBookingLine, type CartLineView, type CartView, type ShippingZone } from '@ocop/orders';
import { formatVietnamTime, formatVnd } from '../products/present';
import '../experiences/experiences.i18n';

type T = ReturnType<typeof translator>;

/** What went wrong adding to or changing the cart, as the pages name it (`?cart=` / `?problem=`). */
export const CART_PROBLEMS = ['not_sellable', 'not_enough_stock', 'quantity', 'unknown'] as const;
export type CartProblem = (typeof CART_PROBLEMS)[number];

/** The words a page shows for a cart problem, or null for anything else. */
export function cartProblemText(code: unknown, t: T): string | null {
  return typeof code === 'string' && (CART_PROBLEMS as readonly string[]).includes(code) ? t(`shop.cart.problem.${code}`) : null;
}

/** A title in the page language, else Vietnamese, else any language it has. Pure. */
export function titleIn(title: Partial<Record<string, string>> | null | undefined, lang: Locale): string {
  const t = title ?? {};
  return t[lang] || t.vi || Object.values(t).find(Boolean) || '';
}

/** Why a cart line cannot be bought, in words (never the code). */
export function reasonWords(line: Pick<CartLineView, 'reason' | 'stock'>, t: T): string {
  switch (line.reason) {
    case null:
      return '';
    case 'not_enough_stock':
      return t('shop.reason.not_enough_stock', { stock: line.stock });
    case 'out_of_stock':
      return t('shop.reason.out_of_stock');
    default:
      return t(`catalog.reason.${line.reason}`, { defaultValue: t('shop.cart.problem.not_sellable') });
  }
}

/** Why a place on an experience date in the cart cannot be had, in words (never the code). */
export function bookingReasonWords(line: Pick<CartBookingLine, 'reason' | 'remaining'>, t: T): string {
  if (!line.reason) return '';
  if (line.reason === 'slot_full' && line.remaining > 0) return t('shop.cart.booking.fewLeft', { count: line.remaining });
  return t(`shop.cart.booking.${line.reason}`);
}

/** A place on an experience date in the cart as the cart, checkout and order pages show it. */
export function presentCartBooking(b: CartBookingLine, lang: Locale, t: T) {
  return {
    slotId: b.slotId,
    experienceId: b.experienceId,
    title: titleIn(b.title, lang),
    image: b.image,
    vendor: b.vendor.name,
    village: b.villageName,
    when: formatVietnamTime(new Date(b.startsAt), lang),
    people: t('booking.peopleCount', { count: b.people }),
    price: t('exp.perPerson', { price: formatVnd(b.unitPriceVnd, lang) }),
    line: b.available ? formatVnd(b.lineVnd, lang) : null,
    available: b.available,
    why: b.available ? null : t('shop.cart.unavailable', { reason: bookingReasonWords(b, t) }),
  };
}

/** The cart's lines and total as the cart page shows them (same numbers as `GET /api/cart`). */
export function presentCart(cart: CartView, lang: Locale, t: T) {
  return {
    bookings: cart.bookings.map((b) => presentCartBooking(b, lang, t)),
    lines: cart.items.map((l) => ({
      productId: l.productId,
      slug: l.slug,
      title: titleIn(l.title, lang),
      image: l.image,
      vendor: l.vendor.name,
      village: l.villageName,
      quantity: l.quantity,
      price: formatVnd(l.priceVnd, lang),
      line: l.sellable ? formatVnd(l.lineVnd, lang) : null,
      sellable: l.sellable,
      why: l.sellable ? null : t('shop.cart.unavailable', { reason: reasonWords(l, t) }),
    })),
    total: formatVnd(cart.totalVnd, lang),
    totalVnd: cart.totalVnd,
    count: cart.count,
    countText: t('shop.cart.items', { count: cart.count }),
    hasLines: cart.items.length + cart.bookings.length > 0,
    hasSellable: cart.sellableCount > 0,
  };
}

/** Countries the checkout offers (Vietnam first); names come from the page language. */
export const CHECKOUT_COUNTRIES = [
  'VN',
  'AT',
  'AU',
  'BE',
  'CA',
  'CH',
  'CN',
  'CZ',
  'DE',
  'DK',
  'ES',
  'FI',
  'FR',
  'GB',
  'HK',
  'ID',
  'IE',
  'IN',
  'IT',
  'JP',
  'KH',
  'KR',
  'LA',
  'MY',
  'NL',
  'NO',
  'NZ',
  'PH',
  'PL',
  'PT',
  'SE',
  'SG',
  'TH',
  'TW',
  'US',
] as const;

/** A country's name in the page language (the code when the runtime knows no name). */
export function countryName(code: string, lang: Locale): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The country choices of the address form, Vietnam first, the rest by name. */
export function countryOptions(selected: string, lang: Locale) {
  const [vn, ...rest] = CHECKOUT_COUNTRIES.map((code) => ({ code, name: countryName(code, lang), selected: code === selected }));
  return [vn, ...rest.sort((a, b) => a.name.localeCompare(b.name, lang))];
}

/**
 * The order the cart would become, one parcel per vendor with its shipping to `country`, and the
 * places on experience dates, as checkout computes it (sellable lines and places that can be had
 * only; a line's weight is already defaulted by the cart).
 */
export function checkoutSummary(cart: CartView, country: string, lang: Locale, t: T) {
  const zone: ShippingZone = shippingZone(country);
  const groups = new Map<string, { vendor: string; lines: CartLineView[] }>();
  for (const l of cart.items.filter((i) => i.sellable)) {
    const g = groups.get(l.vendor.id) ?? { vendor: l.vendor.name, lines: [] };
    g.lines.push(l);
    groups.set(l.vendor.id, g);
  }
  let itemsVnd = 0;
  let shippingVnd = 0;
  const parcels = [...groups.values()].map((g) => {
    const items = g.lines.reduce((s, l) => s + l.lineVnd, 0);
    const shipping = shippingFeeVnd(
      zone,
      g.lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0),
    );
    itemsVnd += items;
    shippingVnd += shipping;
    return {
      vendor: g.vendor,
      lines: g.lines.map((l) => ({ title: titleIn(l.title, lang), quantity: l.quantity, line: formatVnd(l.lineVnd, lang) })),
      items: formatVnd(items, lang),
      shipping: formatVnd(shipping, lang),
    };
  });
  const bookings = cart.bookings.filter((b) => b.available);
  const bookingsVnd = bookings.reduce((s, b) => s + b.lineVnd, 0);
  return {
    zone,
    parcels,
    bookings: bookings.map((b) => presentCartBooking(b, lang, t)),
    hasParcels: parcels.length > 0,
    items: formatVnd(itemsVnd, lang),
    shipping: formatVnd(shippingVnd, lang),
    bookingsTotal: bookings.length ? formatVnd(bookingsVnd, lang) : null,
    total: formatVnd(itemsVnd + shippingVnd + bookingsVnd, lang),
    totalVnd: itemsVnd + shippingVnd + bookingsVnd,
  };
}

/** Banks of the Vietnamese interbank network by BIN, for the transfer details (the BIN when unknown). */
const BANKS: Record<string, string> = {
  '970436': 'Vietcombank',
  '970415': 'VietinBank',
  '970418': 'BIDV',
  '970405': 'Agribank',
  '970422': 'MB Bank',
  '970407': 'Techcombank',
  '970416': 'ACB',
  '970432': 'VPBank',
  '970423': 'TPBank',
  '970403': 'Sacombank',
  '970437': 'HDBank',
  '970441': 'VIB',
  '970443': 'SHB',
  '970431': 'Eximbank',
  '970426': 'MSB',
  '970448': 'OCB',
};

export function bankName(bin: string): string {
  return BANKS[bin] ?? bin;
}
