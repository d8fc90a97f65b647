/**
 * GitHub's size limits for what we write, and a budget that fills a document section by section.
 *
 * An issue or pull-request comment may hold 65,536 characters, a job summary 1 MiB per step
 * (measured facts in shared/facts.md). A body over the limit is rejected whole, so a report is
 * cut per section instead, with a line saying how much was left out and where to find it, and the
 * parts that must always be seen (verdict, migration table, footer) are placed first.
 */

export interface OutputLimit {
  /** Largest size accepted, in the unit `measure` counts. */
  max: number;
  measure: (text: string) => number;
  /** Where the left-out rest can be read, e.g. "the job summary / JSON report". */
  restIn: string;
}

/** Pull-request and issue comments: 65,536 characters. JavaScript's length counts UTF-16 units, never fewer than characters. */
export const COMMENT_LIMIT: OutputLimit = { max: 65_536, measure: (text) => text.length, restIn: 'the job summary / JSON report' };

/** A step's job summary: 1 MiB of UTF-8. */
export const JOB_SUMMARY_LIMIT: OutputLimit = { max: 1024 * 1024, measure: (text) => Buffer.byteLength(text, 'utf8'), restIn: 'the JSON report' };

/** Longest untrusted text (a message, a reason) shown in one table cell or line. */
export const MAX_TEXT_IN_CELL = 2_000;

/**
 * Lines of a markdown document under a size limit. `reserve` keeps room for what is added last
 * (footer, notes about what was left out).
 */
export class MarkdownBudget {
  private readonly lines: string[] = [];
  private used = 0;

  constructor(
    readonly limit: OutputLimit,
    private reserved: number,
  ) {}

  private cost(line: string): number {
    return this.limit.measure(line) + 1; // + the line break
  }

  /** Whether `lines` fit beside what is already there and the reserve. */
  fits(lines: readonly string[]): boolean {
    return this.used + lines.reduce((sum, line) => sum + this.cost(line), 0) + this.reserved <= this.limit.max;
  }

  /** Adds `lines` when they fit; returns whether they were added. */
  tryAdd(...lines: string[]): boolean {
    if (!this.fits(lines)) return false;
    this.add(...lines);
    return true;
  }

  /** Adds lines unconditionally: for the parts that must always be there (kept small by their callers). */
  add(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.used += this.cost(line);
    }
  }

  /** Releases reserved room, just before adding what it was kept for. */
  release(amount: number): void {
    this.reserved = Math.max(0, this.reserved - amount);
  }

  /** A line saying that `count` `what` were left out, and where they are. */
  moreLine(count: number, what: string): string {
    return `_… ${count} more ${what}, see ${this.limit.restIn}._`;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Room kept back for the lines that say what was left out. */
export const NOTE_RESERVE = 400;
