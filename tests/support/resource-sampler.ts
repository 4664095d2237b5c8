/*
 * How much a piece of work costs the process while it runs: the resident memory's growth over its baseline and the
 * event loop's longest pause, sampled every 5 ms. For the tests of the guards against hostile files (deflate bombs,
 * huge workbooks) that must neither expand the whole file nor block other requests.
 */

/** What `work` returned, and what it cost: memory growth (bytes), longest event-loop pause and duration (ms). */
export interface MeasuredWork<T> {
  result: T;
  growth: number;
  longestPause: number;
  ms: number;
}

/** Runs `work` while sampling the resident memory and the event loop's longest pause. */
export async function measureWork<T>(work: () => Promise<T>): Promise<MeasuredWork<T>> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let longestPause = 0;
  let last = performance.now();
  const started = last;
  const sampler = setInterval(() => {
    const now = performance.now();
    longestPause = Math.max(longestPause, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await work();
    return { result, growth: peak - baseline, longestPause, ms: performance.now() - started };
  } finally {
    clearInterval(sampler);
  }
}
