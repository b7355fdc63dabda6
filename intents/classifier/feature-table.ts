/**
 * The model's features, sorted in code-unit order (as `sort()` leaves them, as training writes them),
 * as UTF-16 code units in one array with an offset table, and a hash index over them: on disk
 * (model.features.bin) exactly the arrays that are searched in memory. A feature's row is its index;
 * a lookup hashes the feature, probes the index and compares code units where they lie. Parsing
 * ~12,000 feature strings from the model's JSON and building a map of them was most of loading the
 * model at a cold start (issue 17); this reads 0.4 MB and makes nothing, and a lookup costs about
 * what a map's does (a binary search was ~15 % of a warm message's understanding).
 *
 * File, little-endian: uint32 count, uint32 slot count (a power of two), uint32 × (count + 1) starts
 * (in code units), int32 × slots (row, or -1 for an empty slot; linear probing from the feature's
 * hash), then the code units (uint16).
 */
export class FeatureTable {
  private constructor(
    private readonly starts: Uint32Array,
    private readonly slots: Int32Array,
    private readonly units: Uint16Array,
  ) {}

  /** From features sorted in code-unit order, each once (throws otherwise). */
  static of(sorted: readonly string[]): FeatureTable {
    const starts = new Uint32Array(sorted.length + 1);
    sorted.forEach((feature, i) => {
      if (i > 0 && !((sorted[i - 1] as string) < feature))
        throw new Error('intent model: features must be sorted and unique');
      starts[i + 1] = (starts[i] ?? 0) + feature.length;
    });
    const units = new Uint16Array(starts[sorted.length] ?? 0);
    sorted.forEach((feature, i) => {
      const at = starts[i] ?? 0;
      for (let c = 0; c < feature.length; c++) units[at + c] = feature.charCodeAt(c);
    });
    // At most half full, so that a probe sequence stays short.
    let size = 2;
    while (size < sorted.length * 2) size *= 2;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    sorted.forEach((feature, row) => {
      let slot = hash(feature) & mask;
      while ((slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      slots[slot] = row;
    });
    return new FeatureTable(starts, slots, units);
  }

  /** Views of a file's bytes (copied once if they are not 4-byte aligned). */
  static fromBytes(file: Uint8Array): FeatureTable {
    const bytes = file.byteOffset % 4 === 0 ? file : Uint8Array.from(file);
    const end = bytes.byteOffset + bytes.byteLength;
    if (bytes.byteLength < 8) throw new Error('intent model: features file truncated');
    const head = new DataView(bytes.buffer, bytes.byteOffset, 8);
    const count = head.getUint32(0, true);
    const slotCount = head.getUint32(4, true);
    const startsAt = bytes.byteOffset + 8;
    const slotsAt = startsAt + (count + 1) * 4;
    const unitsAt = slotsAt + slotCount * 4;
    if (unitsAt > end || slotCount < 2 || (slotCount & (slotCount - 1)) !== 0)
      throw new Error('intent model: features file truncated');
    const starts = new Uint32Array(bytes.buffer, startsAt, count + 1);
    const unitCount = starts[count] ?? 0;
    if (unitsAt + unitCount * 2 !== end) throw new Error('intent model: features file has the wrong length');
    return new FeatureTable(
      starts,
      new Int32Array(bytes.buffer, slotsAt, slotCount),
      new Uint16Array(bytes.buffer, unitsAt, unitCount),
    );
  }

  toBytes(): Buffer {
    const head = new Uint32Array([this.length, this.slots.length]);
    const part = (view: ArrayBufferView) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    return Buffer.concat([part(head), part(this.starts), part(this.slots), part(this.units)]);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** The feature at `row` (for tools and tests). */
  at(row: number): string {
    return String.fromCharCode(...this.units.subarray(this.starts[row] ?? 0, this.starts[row + 1] ?? 0));
  }

  /** Row of `feature`, or -1. */
  row(feature: string): number {
    const { slots } = this;
    const mask = slots.length - 1;
    let slot = hash(feature) & mask;
    // Bounded, so that even a damaged file cannot make a lookup loop forever.
    for (let probes = 0; probes < slots.length; probes++) {
      const row = slots[slot] as number;
      if (row < 0 || this.holds(row, feature)) return row;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private holds(row: number, feature: string): boolean {
    const from = this.starts[row] as number;
    if ((this.starts[row + 1] as number) - from !== feature.length) return false;
    const { units } = this;
    for (let c = 0; c < feature.length; c++) if (units[from + c] !== feature.charCodeAt(c)) return false;
    return true;
  }
}

/** FNV-1a over the UTF-16 code units: the index is written and read with this very function. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
