// The access log written with group commit: the reads of every request that reaches this point
// in the same turn of the event loop are inserted in one transaction, and each request goes on
// (answers) only once the transaction holding its own reads is committed. Every access is still
// one row, durable before the data leaves; a busy passport commits once per turn, not once per
// request.
import type { PassportStore, ReadEntry } from './store.ts';

interface Waiting {
  entries: readonly ReadEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ReadLogWriter {
  private waiting: Waiting[] = [];

  constructor(private readonly store: PassportStore) {}

  /** Resolves once `entries` are committed. */
  write(entries: readonly ReadEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ entries, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      await this.store.insertReads(batch.flatMap((w) => w.entries));
    } catch {
      // Nothing of the batch was written: each request's reads alone, so an error reaches only
      // the request whose reads could not be written.
      for (const w of batch) {
        try {
          await this.store.insertReads(w.entries);
          w.resolve();
        } catch (error) {
          w.reject(error);
        }
      }
      return;
    }
    for (const w of batch) w.resolve();
  }
}

const writers = new WeakMap<PassportStore, ReadLogWriter>();

/** The access-log writer of a store. */
export function readLogOf(store: PassportStore): ReadLogWriter {
  let writer = writers.get(store);
  if (!writer) writers.set(store, (writer = new ReadLogWriter(store)));
  return writer;
}
