import { codePointLength } from '@textpulse/contracts-testing';

/** What the generated strings covered: lengths in code points by range, and the surrogates among them. */
export class StringCoverage {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: { min: number; max: number }) {}

  /** Records `value` when it is a string. */
  record(value: unknown): void {
    if (typeof value === 'string') {
      this.count(value);
    }
  }

  private count(text: string): void {
    const { min, max } = this.limits;
    const points = codePointLength(text);
    const range =
      points === min || points === max
        ? `= ${points}`
        : points < min || points > max
          ? `${points} (out of range)`
          : points <= min + 200
            ? `${min + 1}–${min + 200}`
            : `${min + 201}–${max - 1}`;
    this.add(`length ${range}`);
    if (text.length > max) this.add('more UTF-16 units than max');
    if (/[\ud800-\udbff][\udc00-\udfff]/.test(text)) this.add('with a surrogate pair');
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text))
      this.add('with a lone surrogate');
  }

  private add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  has(key: string): boolean {
    return (this.counts.get(key) ?? 0) > 0;
  }

  /** One line per bucket, in a stable order. */
  histogram(): string {
    return [...this.counts]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([key, count]) => `  ${key.padEnd(28)} ${count}`)
      .join('\n');
  }
}
