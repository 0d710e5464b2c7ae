// The decrypted, parsed snapshots of opened calls, kept in this process (decision 0033).
// A submitted version never changes (the trigger submissions_content_immutable refuses it;
// Nachforderungen add documents beside it, not to it), so an entry is never stale, whichever
// instance wrote what. Only sealed-content.server.ts fills it, after the opening is confirmed:
// nothing of a call before its opening is ever here. Bounded by the bytes of the decrypted
// JSON; the least recently used snapshots go first; a restart drops everything.
import type { SubmissionSnapshot } from "./snapshot";

/**
 * Room for the bids of three large calls: 200 carriers × 16 lots are 5.0 MB of JSON and at
 * most 9 MiB of heap once parsed (decision 0033); the server's memory budget is 200 MiB (P6).
 */
export const SNAPSHOT_CACHE_BYTES = 16 * 1024 * 1024;

type Entry = { snapshot: SubmissionSnapshot; bytes: number };

export class SnapshotCache {
  // Map order is the recency order: a hit moves its entry to the end.
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The snapshots of these submissions of the call, or null unless every one is held. */
  getAll(callId: string, submissionIds: string[]): Map<string, SubmissionSnapshot> | null {
    const found = new Map<string, SubmissionSnapshot>();
    for (const id of submissionIds) {
      const entry = this.#entries.get(keyOf(callId, id));
      if (!entry) return null;
      found.set(id, entry.snapshot);
    }
    for (const id of submissionIds) this.#touch(keyOf(callId, id));
    return found;
  }

  /** Keeps a snapshot read from `bytes` bytes of JSON, frozen so that no reader can change it for the next. */
  put(callId: string, submissionId: string, snapshot: SubmissionSnapshot, bytes: number): SubmissionSnapshot {
    const key = keyOf(callId, submissionId);
    if (bytes > this.maxBytes) return snapshot;
    this.#drop(key);
    this.#entries.set(key, { snapshot: deepFreeze(snapshot), bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      this.#drop(oldest);
    }
    return snapshot;
  }

  /** What is held: the calls and the bytes (for tests and the operator). */
  get size(): { entries: number; bytes: number; callIds: Set<string> } {
    return { entries: this.#entries.size, bytes: this.#bytes, callIds: new Set([...this.#entries.keys()].map((k) => k.slice(0, k.indexOf("/")))) };
  }

  clear() {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #touch(key: string) {
    const entry = this.#entries.get(key)!;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
  }

  #drop(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

const keyOf = (callId: string, submissionId: string) => `${callId}/${submissionId}`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The process's cache, used by openedSubmissionContents. */
export const openedSnapshots = new SnapshotCache(SNAPSHOT_CACHE_BYTES);
