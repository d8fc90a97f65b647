/** Durations as people write them in flags and action inputs: `250ms`, `5s`, `10min`, `1h`; a bare number is milliseconds. */
const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

export function parseDuration(text: string, what = 'duration'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$/i.exec(text);
  if (!match) throw new Error(`${what} "${text}" is not a duration; write e.g. 500ms, 5s, 10min or 1h.`);
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'ms').toLowerCase()]);
}
