import { normalise } from '../../intents/normalise';
import type { AddressStore, DigitalAddress } from '../stores/address-store';

/**
 * Digital-address lookups: by code, by address text (folded, typo tolerant, former ward and
 * district names still understood because they are matched as written in the directory and in the
 * message alike), and by location (nearest entry within 50 m).
 */
const CACHE_MS = 60_000;

export interface AddressDirectory {
  byCode(text: string): Promise<DigitalAddress | undefined>;
  byText(text: string): Promise<DigitalAddress[]>;
  nearest(
    lat: number,
    lng: number,
    maxMeters?: number,
  ): Promise<{ address: DigitalAddress; meters: number } | undefined>;
}

/** Words that say what a unit is rather than which one; they match too much to count. */
const GENERIC = new Set([
  'so',
  'nha',
  'duong',
  'phuong',
  'xa',
  'thon',
  'khu',
  'pho',
  'to',
  'ap',
  'tinh',
  'huyen',
  'thi',
  'tran',
  'thanh',
  'quan',
  'dia',
  'chi',
  'cua',
  'toi',
  'tra',
  'cuu',
  'tim',
  'o',
  'tai',
  'kiem',
]);

function tokens(text: string): string[] {
  return normalise(text).foldedTokens.filter((t) => !GENERIC.has(t));
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 4) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export function scoreAddress(queryTokens: string[], address: DigitalAddress): number {
  const target = tokens(`${address.address} ${address.name ?? ''}`);
  let score = 0;
  for (const q of queryTokens) {
    if (target.includes(q)) score += /^\d/u.test(q) ? 2 : 1;
    else if (target.some((t) => editDistanceAtMostOne(q, t))) score += 0.6;
  }
  return score;
}

export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

export function createAddressDirectory(store: AddressStore, now: () => number = Date.now): AddressDirectory {
  let cache: { at: number; all: DigitalAddress[] } | undefined;
  const all = async () => {
    if (!cache || now() - cache.at > CACHE_MS) cache = { at: now(), all: await store.all() };
    return cache.all;
  };
  return {
    async byCode(text) {
      const candidates = text.toUpperCase().match(/[A-Z0-9][A-Z0-9.-]{4,40}/gu) ?? [];
      for (const c of candidates.filter((x) => /\d/u.test(x))) {
        const hit = await store.get(c.replace(/[.-]+$/u, ''));
        if (hit) return hit;
      }
      return undefined;
    },
    async byText(text) {
      const q = tokens(text);
      if (q.length === 0) return [];
      const scored = (await all())
        .map((a) => ({ a, s: scoreAddress(q, a) }))
        .filter((x) => x.s >= Math.max(2, q.length * 0.6))
        .sort((x, y) => y.s - x.s);
      const best = scored[0]?.s ?? 0;
      return scored
        .filter((x) => x.s >= best - 0.01)
        .slice(0, 3)
        .map((x) => x.a);
    },
    async nearest(lat, lng, maxMeters = 50) {
      let best: { address: DigitalAddress; meters: number } | undefined;
      for (const a of await all()) {
        if (a.lat === undefined || a.lng === undefined) continue;
        const meters = haversineMeters(lat, lng, a.lat, a.lng);
        if (meters <= maxMeters && (!best || meters < best.meters)) best = { address: a, meters };
      }
      return best;
    },
  };
}

export const OWNER_LABEL: Record<DigitalAddress['ownerType'], string> = {
  household: 'Hộ gia đình',
  organization: 'Cơ quan, tổ chức',
  business: 'Doanh nghiệp, hộ kinh doanh',
};

export function describeAddress(a: DigitalAddress): string {
  return [
    `Mã địa chỉ số: ${a.code}`,
    `Địa chỉ: ${a.address}`,
    a.name ? `Chủ thể: ${a.name} (${OWNER_LABEL[a.ownerType]})` : `Loại: ${OWNER_LABEL[a.ownerType]}`,
  ].join('\n');
}
