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
    this.h1 = firstLane(this.h1, word);
    this.h2 = secondLane(this.h2, word);
  }

  number(value: number): this {
    this.scratch[0] = value;
    this.mix(this.words[0]);
    this.mix(this.words[1]);
    return this;
  }

  /** The same as number() for each value in turn, with the lanes kept in locals: columns have 100,000 values. */
  numbers(values: ArrayLike<number>): this {
    this.number(values.length);
    const scratch = this.scratch;
    const words = this.words;
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < values.length; i++) {
      scratch[0] = values[i];
      h1 = firstLane(firstLane(h1, words[0]), words[1]);
      h2 = secondLane(secondLane(h2, words[0]), words[1]);
    }
    this.h1 = h1;
    this.h2 = h2;
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

function firstLane(h: number, word: number): number {
  return Math.imul(h ^ word, 0x01000193);
}

function secondLane(h: number, word: number): number {
  const mixed = Math.imul(h ^ word, 0x5bd1e995);
  return mixed ^ (mixed >>> 15);
}
