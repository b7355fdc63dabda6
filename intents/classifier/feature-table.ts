/**
 * The model's features, sorted in code-unit order (as `sort()` leaves them, as training writes them),
 * as UTF-16 code units in one array with an offset table: on disk (model.features.bin) exactly the
 * bytes that are searched in memory. A feature's row is its index, found by binary search comparing
 * code units where they lie. Parsing ~12,000 feature strings from the model's JSON and building a map
 * of them was most of loading the model at a cold start (issue 17); this reads 0.3 MB and makes
 * nothing.
 *
 * File: uint32 count, uint32 × (count + 1) starts (in code units), then the code units (uint16),
 * little-endian.
 */
export class FeatureTable {
  private constructor(
    private readonly starts: Uint32Array,
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
    return new FeatureTable(starts, units);
  }

  /** Views of a file's bytes (copied once if they are not 4-byte aligned). */
  static fromBytes(file: Uint8Array): FeatureTable {
    const bytes = file.byteOffset % 4 === 0 ? file : Uint8Array.from(file);
    if (bytes.byteLength < 4) throw new Error('intent model: features file truncated');
    const count = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
    const startsAt = bytes.byteOffset + 4;
    const unitsAt = startsAt + (count + 1) * 4;
    if (unitsAt > bytes.byteOffset + bytes.byteLength)
      throw new Error('intent model: features file truncated');
    const starts = new Uint32Array(bytes.buffer, startsAt, count + 1);
    const unitCount = starts[count] ?? 0;
    if (unitsAt + unitCount * 2 !== bytes.byteOffset + bytes.byteLength)
      throw new Error('intent model: features file has the wrong length');
    return new FeatureTable(starts, new Uint16Array(bytes.buffer, unitsAt, unitCount));
  }

  toBytes(): Buffer {
    const count = new Uint32Array([this.length]);
    const part = (view: ArrayBufferView) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    return Buffer.concat([part(count), part(this.starts), part(this.units)]);
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
    const { starts, units } = this;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const from = starts[mid] as number;
      const length = (starts[mid + 1] as number) - from;
      // Code-unit order, as `<` compares strings.
      let order = 0;
      const common = Math.min(length, feature.length);
      for (let c = 0; c < common && order === 0; c++)
        order = feature.charCodeAt(c) - (units[from + c] as number);
      if (order === 0) order = feature.length - length;
      if (order === 0) return mid;
      if (order > 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
