// A limit on how many of one kind of task run at once (a semaphore), for work whose memory
// grows with the number in flight: docs/decisions/0032-deadline-rush-in-bounded-memory.md.

/** Runs at most `max` tasks at once; the others wait, first come first served. */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(max) || max < 1) throw new Error(`concurrencyLimit: ${max} is not a positive whole number`);
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
