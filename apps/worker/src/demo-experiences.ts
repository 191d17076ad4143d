import type { INestApplicationContext } from '@nestjs/common';
import type { Actor, Clock } from '@ocop/core';
import { ExperiencesService } from '@ocop/experiences';
import { VendorsService } from '@ocop/vendors';

type Texts = { vi: string; en: string; de: string; id: string };

interface DemoExperience {
  /** The demo vendor hosting it, by its owner's e-mail and its name. */
  host: { owner: string; vendor: string };
  kind: 'workshop' | 'guided_visit';
  title: Texts;
  description: Texts;
  included: Texts;
  durationMinutes: number;
  pricePerPersonVnd: number;
  languages: string[];
  meetingPoint: string;
  minGroupSize: number;
  maxGroupSize: number;
  freeCancellationHours: number;
  /** Days of the week it runs (0 Sunday … 6 Saturday) and its start, Vietnam time. */
  weekdays: number[];
  startsAt: { hour: number; minute: number };
}

/** The demo's experiences: a pottery class in Bát Tràng and a silk-weaving visit in Vạn Phúc. */
export const DEMO_EXPERIENCES: DemoExperience[] = [
  {
    host: { owner: 'vendor@demo.ocop.vn', vendor: 'HTX Gốm sứ Bát Tràng' },
    kind: 'workshop',
    title: {
      vi: 'Lớp làm gốm trên bàn xoay ở Bát Tràng',
      en: 'Pottery class on the wheel in Bát Tràng',
      de: 'Töpferkurs an der Drehscheibe in Bát Tràng',
      id: 'Kelas membuat tembikar dengan roda putar di Bát Tràng',
    },
    description: {
      vi: 'Một nghệ nhân của hợp tác xã hướng dẫn bạn nhào đất, vuốt gốm trên bàn xoay và trang trí men lam.\n\nBạn mang về một món đồ do chính tay mình làm: chúng tôi nung và gửi đến địa chỉ của bạn.',
      en: 'A potter of the cooperative shows you how to knead the clay, throw a piece on the wheel and decorate it in blue glaze.\n\nYou keep one piece you made yourself: we fire it and ship it to your address.',
      de: 'Ein Töpfer der Genossenschaft zeigt Ihnen, wie man den Ton knetet, ein Stück an der Drehscheibe formt und mit blauer Glasur bemalt.\n\nEin selbst gemachtes Stück gehört Ihnen: Wir brennen es und schicken es an Ihre Adresse.',
      id: 'Seorang perajin koperasi menunjukkan cara menguleni tanah liat, membentuknya di roda putar, dan menghiasnya dengan glasir biru.\n\nSatu karya buatan Anda sendiri menjadi milik Anda: kami membakarnya dan mengirimkannya ke alamat Anda.',
    },
    included: {
      vi: 'Đất sét, men và dụng cụ\nNung và gửi một sản phẩm của bạn\nTrà và nước uống',
      en: 'Clay, glazes and tools\nFiring and shipping one piece you made\nTea and drinking water',
      de: 'Ton, Glasuren und Werkzeug\nBrennen und Versand eines selbst gemachten Stücks\nTee und Trinkwasser',
      id: 'Tanah liat, glasir, dan peralatan\nPembakaran dan pengiriman satu karya Anda\nTeh dan air minum',
    },
    durationMinutes: 120,
    pricePerPersonVnd: 250000,
    languages: ['vi', 'en'],
    meetingPoint: 'Chợ gốm Bát Tràng (Bát Tràng ceramic market), Gia Lâm, Hà Nội',
    minGroupSize: 1,
    maxGroupSize: 12,
    freeCancellationHours: 48,
    weekdays: [2, 4, 6],
    startsAt: { hour: 9, minute: 0 },
  },
  {
    host: { owner: 'vanphuc@demo.ocop.vn', vendor: 'Hộ kinh doanh Lụa Vạn Phúc' },
    kind: 'guided_visit',
    title: {
      vi: 'Nửa ngày ở làng lụa Vạn Phúc',
      en: 'Half a day in the Vạn Phúc silk village',
      de: 'Ein halber Tag im Seidendorf Vạn Phúc',
      id: 'Setengah hari di desa sutra Vạn Phúc',
    },
    description: {
      vi: 'Đi qua các xưởng dệt của làng, xem tơ tằm được quay, nhuộm và dệt trên khung cửi, rồi thử tự dệt vài đường lụa.',
      en: "Walk through the village's weaving workshops, see mulberry silk reeled, dyed and woven on the looms, then weave a few rows yourself.",
      de: 'Ein Rundgang durch die Webereien des Dorfes: Sie sehen, wie Maulbeerseide gehaspelt, gefärbt und am Webstuhl gewebt wird, und weben selbst ein paar Reihen.',
      id: 'Berjalan melewati bengkel-bengkel tenun desa, melihat sutra murbei dipintal, dicelup, dan ditenun di alat tenun, lalu menenun beberapa baris sendiri.',
    },
    included: {
      vi: 'Người dẫn đường của làng\nThử dệt trên khung cửi\nTrà và bánh',
      en: 'A guide from the village\nWeaving on a loom yourself\nTea and cakes',
      de: 'Führung durch eine Person aus dem Dorf\nSelbst am Webstuhl weben\nTee und Gebäck',
      id: 'Pemandu dari desa\nMenenun sendiri di alat tenun\nTeh dan kue',
    },
    durationMinutes: 240,
    pricePerPersonVnd: 350000,
    languages: ['vi', 'en'],
    meetingPoint: 'Cổng làng lụa Vạn Phúc (Vạn Phúc silk village gate), Hà Đông, Hà Nội',
    minGroupSize: 1,
    maxGroupSize: 10,
    freeCancellationHours: 48,
    weekdays: [3, 6],
    startsAt: { hour: 8, minute: 30 },
  },
];

/** Days ahead the demo offers dates for. */
export const DEMO_EXPERIENCE_DAYS = 28;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The starts of an experience over the `days` after `now`: its weekdays at its time, Vietnam time. Pure. */
export function demoSlotStarts(x: Pick<DemoExperience, 'weekdays' | 'startsAt'>, now: Date, days = DEMO_EXPERIENCE_DAYS): Date[] {
  const out: Date[] = [];
  const today = new Date(now.getTime() + VN_OFFSET_MS);
  for (let d = 1; d <= days; d++) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + d, x.startsAt.hour, x.startsAt.minute));
    if (x.weekdays.includes(day.getUTCDay())) out.push(new Date(day.getTime() - VN_OFFSET_MS));
  }
  return out;
}

/**
 * The demo experiences, published, with dates over the coming four weeks, hosted by the demo
 * vendors. Only the demo's own vendors (by name and owner) host them, so a database holding other
 * records gets nothing; a vendor that already has an experience is left as it is (idempotent).
 */
export async function seedDemoExperiences(app: INestApplicationContext, clock: Clock, admin: Actor): Promise<void> {
  const get = <T>(token: new (...args: never[]) => T) => app.get(token, { strict: false });
  const experiences = get(ExperiencesService);
  const vendors = await get(VendorsService).list(admin, 'approved');
  for (const x of DEMO_EXPERIENCES) {
    const vendor = vendors.find((v) => v.name === x.host.vendor && v.owner?.email === x.host.owner);
    if (!vendor?.owner) continue;
    const member: Actor = { id: vendor.owner.id, email: x.host.owner, name: vendor.name, roles: ['shopper', 'vendor'], vendorId: vendor.id, vendorRole: 'owner', locale: 'vi' };
    if ((await experiences.listOwn(member)).length > 0) continue;
    const { host: _host, weekdays: _weekdays, startsAt: _startsAt, ...input } = x;
    const created = await experiences.create(member, input);
    for (const startsAt of demoSlotStarts(x, clock.now())) await experiences.addSlot(member, created.id, { startsAt: startsAt.toISOString(), capacity: x.maxGroupSize });
    await experiences.setPublished(member, created.id, true);
  }
}
