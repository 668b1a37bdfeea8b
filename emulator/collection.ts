/** Objects kept in Stripe's list order: newest `created` first, insertion order breaking ties. */
export interface Listed {
  id: string;
  created: number;
}

interface Entry {
  c: number;
  s: number;
  id: string;
}

let globalSeq = 0;

export class Collection<T extends Listed> {
  private readonly items = new Map<string, T>();
  private readonly seqs = new Map<string, number>();
  // Ascending by (created, seq); lists read it backwards.
  private entries: Entry[] = [];

  get size(): number {
    return this.items.size;
  }
  get(id: string): T | undefined {
    return this.items.get(id);
  }
  has(id: string): boolean {
    return this.items.has(id);
  }
  values(): IterableIterator<T> {
    return this.items.values();
  }

  add(item: T): T {
    if (this.items.has(item.id)) {
      this.items.set(item.id, item);
      return item;
    }
    const entry: Entry = { c: item.created, s: ++globalSeq, id: item.id };
    this.items.set(item.id, item);
    this.seqs.set(item.id, entry.s);
    const last = this.entries[this.entries.length - 1];
    if (!last || last.c < entry.c || (last.c === entry.c && last.s < entry.s)) {
      this.entries.push(entry);
    } else {
      this.entries.splice(this.lowerBound(entry.c, entry.s), 0, entry);
    }
    return item;
  }

  /** Bulk load (seeding, persistence): one sort instead of many splices. */
  addMany(items: T[]): void {
    for (const item of items) {
      if (this.items.has(item.id)) continue;
      const entry: Entry = { c: item.created, s: ++globalSeq, id: item.id };
      this.items.set(item.id, item);
      this.seqs.set(item.id, entry.s);
      this.entries.push(entry);
    }
    this.entries.sort((a, b) => a.c - b.c || a.s - b.s);
  }

  delete(id: string): boolean {
    const item = this.items.get(id);
    const s = this.seqs.get(id);
    if (!item || s === undefined) return false;
    const i = this.lowerBound(item.created, s);
    if (this.entries[i]?.id === id) this.entries.splice(i, 1);
    this.items.delete(id);
    this.seqs.delete(id);
    return true;
  }

  private lowerBound(c: number, s: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.entries[mid];
      if (e && (e.c < c || (e.c === c && e.s < s))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of an object in the ascending index, or -1. */
  indexOf(id: string): number {
    const item = this.items.get(id);
    const s = this.seqs.get(id);
    if (!item || s === undefined) return -1;
    const i = this.lowerBound(item.created, s);
    return this.entries[i]?.id === id ? i : -1;
  }

  /** Newest first, starting below `from` (exclusive) when given. */
  *descending(fromIndex?: number): Generator<T> {
    for (let i = (fromIndex ?? this.entries.length) - 1; i >= 0; i--) {
      const e = this.entries[i];
      const item = e && this.items.get(e.id);
      if (item) yield item;
    }
  }

  /** Oldest first, starting above `from` (exclusive). */
  *ascending(fromIndex: number): Generator<T> {
    for (let i = fromIndex + 1; i < this.entries.length; i++) {
      const e = this.entries[i];
      const item = e && this.items.get(e.id);
      if (item) yield item;
    }
  }

  toArray(): T[] {
    return this.entries.map((e) => this.items.get(e.id)).filter((x): x is T => x !== undefined);
  }
}
