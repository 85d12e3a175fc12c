/**
 * Heap tuning for the long-running server (`npm start`, and the bench's server so it measures the same thing).
 * V8 lets the old generation grow to a large multiple of the live data before a major collection; under a burst
 * that multiple, not live data, sets the resident size, and freed pages go back to the system only slowly.
 * `HEAP_GROWING_PERCENT` (see adapters/config.ts; 50 lets the heap grow by half of what is live before a major collection) keeps
 * the resident size close to the live data for about the same throughput (see `npm run bench`); 0 keeps V8's own
 * heuristics. Read by V8 at every collection, so setting it at start-up is enough.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneHeap(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
