// Options of k6/twilio-call.js, from its -e variables. Pure JavaScript (no k6 module), so that
// `node --test k6/test` checks it without k6.

// Seed 000's acceptance test: 50 VUs for 60 s, TTFB p95 < 800 ms, p99 < 1200 ms, < 1 % errors.
export const SEED_THRESHOLDS = { ttfbP95Ms: 800, ttfbP99Ms: 1200, maxErrorRate: 0.01 };

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

export function positiveInt(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, not '${value}'`);
  return n;
}

export function number(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, not '${value}'`);
  return n;
}

// A k6 duration such as 60s, 2m or 1m30s.
export function duration(value, name) {
  if (!DURATION.test(String(value))) throw new Error(`${name} must be a duration such as 60s, 2m or 1m30s, not '${value}'`);
  return String(value);
}

// Without DURATION every VU makes one call; with it, every VU starts call after call until the
// duration is over (calls in progress then get GRACEFUL_STOP to finish).
export function callScenario(env) {
  const vus = positiveInt(env.VUS, 1, 'VUS');
  if (!env.DURATION) {
    return { executor: 'per-vu-iterations', vus, iterations: 1, maxDuration: '10m' };
  }
  return {
    executor: 'constant-vus',
    vus,
    duration: duration(env.DURATION, 'DURATION'),
    gracefulStop: duration(env.GRACEFUL_STOP || '60s', 'GRACEFUL_STOP'),
  };
}

export function callThresholds(env) {
  const thresholds = {
    ttfb_ms: [
      `p(95)<${number(env.TTFB_P95_MS, SEED_THRESHOLDS.ttfbP95Ms, 'TTFB_P95_MS')}`,
      `p(99)<${number(env.TTFB_P99_MS, SEED_THRESHOLDS.ttfbP99Ms, 'TTFB_P99_MS')}`,
    ],
    call_failed: [`rate<${number(env.MAX_ERROR_RATE, SEED_THRESHOLDS.maxErrorRate, 'MAX_ERROR_RATE')}`],
    // Issue 13's barge-in target: no agent audio heard later than 300 ms after the caller starts to interrupt.
    agent_heard_after_onset_ms: [`p(95)<${number(env.HEARD_AFTER_ONSET_P95_MS, 300, 'HEARD_AFTER_ONSET_P95_MS')}`],
    audio_after_clear: ['count==0'],
  };
  // The clear itself waits until the caller's speech proves an interruption, not a backchannel (the
  // agent pauses at once): its time is a figure to read, with a threshold only when asked for.
  if (env.CLEAR_P95_MS) thresholds.barge_in_to_clear_ms = [`p(95)<${number(env.CLEAR_P95_MS, 0, 'CLEAR_P95_MS')}`];
  const overhead = [];
  if (env.OVERHEAD_P99_MS) overhead.push(`p(99)<${number(env.OVERHEAD_P99_MS, 0, 'OVERHEAD_P99_MS')}`);
  if (env.OVERHEAD_MIN_MS) overhead.push(`min>=${number(env.OVERHEAD_MIN_MS, 0, 'OVERHEAD_MIN_MS')}`);
  if (overhead.length > 0) thresholds.server_overhead_ms = overhead;
  if (env.MAX_UNDERRUNS) thresholds.underruns = [`count<=${number(env.MAX_UNDERRUNS, 0, 'MAX_UNDERRUNS')}`];
  return thresholds;
}

export function callOptions(env) {
  return { scenarios: { calls: callScenario(env) }, thresholds: callThresholds(env) };
}
