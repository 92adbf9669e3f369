/**
 * A fast 64-bit content hash (two independent 32-bit FNV-1a-style lanes) of numeric columns and strings,
 * used to key cached model fits by their input data.
 */
export class ContentHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;
  private readonly scratch = new Float64Array(1);
  private readonly words = new Uint32Array(this.scratch.buffer);

  private mix(word: number): void {
    this.h1 = Math.imul(this.h1 ^ word, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ word, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 15;
  }

  number(value: number): this {
    this.scratch[0] = value;
    this.mix(this.words[0]);
    this.mix(this.words[1]);
    return this;
  }

  numbers(values: ArrayLike<number>): this {
    this.number(values.length);
    for (let i = 0; i < values.length; i++) this.number(values[i]);
    return this;
  }

  text(value: string): this {
    this.number(value.length);
    for (let i = 0; i < value.length; i++) this.mix(value.charCodeAt(i));
    return this;
  }

  digest(): string {
    const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');
    return hex(this.h1) + hex(this.h2);
  }
}
