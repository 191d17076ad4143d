/**
 * Answers kept for a short while by key, for reads that many requests share and that may lag
 * the database by that much (a village's stories and visits on a product page). Keeps the
 * promise, so requests arriving together share one read; a failed read is not kept. At most
 * `max` keys, the oldest forgotten first.
 */
export class ShortMemo<T> {
  private readonly kept = new Map<string, { value: Promise<T>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 1000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.kept.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = load();
    this.kept.delete(key);
    this.kept.set(key, { value, until: now + this.ttlMs });
    value.catch(() => {
      if (this.kept.get(key)?.value === value) this.kept.delete(key);
    });
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }
}
