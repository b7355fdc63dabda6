/** Time comes from here so flows and stores can be tested at any moment (lock-outs, SLAs, TTLs). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}

export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * 86_400_000);
export const addMinutes = (d: Date, minutes: number): Date => new Date(d.getTime() + minutes * 60_000);
