/**
 * A statement assembled in order: text and its bindings grow together, so a fragment's `?` always meets its
 * own value. `:ref` and `:idag` in catalogue fragments become bound days (never spliced into the text).
 */
export class Sql {
  private readonly parts: string[] = [];
  readonly bindings: unknown[] = [];

  constructor(private readonly days: { ref: string; idag: string }) {}

  /** Appends a fragment; `?` placeholders take `values` in order, `:ref`/`:idag` take the days. */
  add(fragment: string, ...values: unknown[]): this {
    let next = 0;
    const text = fragment.replace(/\?|:ref\b|:idag\b/g, (m) => {
      if (m === '?') this.bindings.push(values[next++]);
      else this.bindings.push(m === ':ref' ? this.days.ref : this.days.idag);
      return '?';
    });
    if (next !== values.length) throw new Error(`fragment expects ${next} values, got ${values.length}`);
    this.parts.push(text);
    return this;
  }

  /** `expr in (?, ?, …)`: portable (SQL Server has no `= any(array)`), values always bound. */
  inList(expr: string, values: readonly unknown[]): this {
    if (!values.length) return this.add('1 = 0');
    return this.add(`${expr} in (${values.map(() => '?').join(', ')})`, ...values);
  }

  get text(): string {
    return this.parts.join(' ');
  }
}
