/**
 * Maps the parser's UTF-8 byte offsets back to 1-based lines and columns (columns count
 * characters, not bytes, so a multi-byte name before a statement does not shift it).
 */
export class SourceMap {
  readonly bytes: Buffer;
  /** Byte offset at which each line starts. */
  private readonly lineStarts: number[];
  /** Every character is one byte: byte offsets are string offsets (most migrations). */
  private readonly ascii: boolean;

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    this.ascii = this.bytes.length === text.length;
    this.lineStarts = [0];
    for (let i = this.bytes.indexOf(0x0a); i !== -1; i = this.bytes.indexOf(0x0a, i + 1)) this.lineStarts.push(i + 1);
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** Text between two byte offsets. */
  slice(byteStart: number, byteEnd: number): string {
    return this.ascii ? this.text.slice(byteStart, byteEnd) : this.bytes.subarray(byteStart, byteEnd).toString('utf8');
  }

  /** Byte offset of the n-th code point (0-based); Postgres reports error cursors in characters. */
  byteOffsetOfCharacter(characterOffset: number): number {
    let chars = 0;
    let i = 0;
    while (i < this.bytes.length && chars < characterOffset) {
      const b = this.bytes[i];
      i += b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
      chars++;
    }
    return i;
  }

  position(byteOffset: number): { line: number; column: number } {
    const offset = Math.max(0, Math.min(byteOffset, this.bytes.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.lineStarts[lo];
    const column = (this.ascii ? offset - lineStart : this.bytes.subarray(lineStart, offset).toString('utf8').length) + 1;
    return { line: lo + 1, column };
  }
}
