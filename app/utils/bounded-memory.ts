/**
 * A process-wide memory of answers that never change for their id (a word in a language, a day as words),
 * bounded because ids can be built from data: when full, it forgets everything and starts again, which costs
 * one recomputation per id and needs no bookkeeping on the hot path (ADRs 154, 176). Holds only what says
 * nothing of who reads it.
 */
export class BoundedMemory<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(id: string): V | undefined {
    return this.entries.get(id);
  }

  set(id: string, value: V): void {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(id, value);
  }
}
