import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callOptions } from '../lib/call-options.js';

test('without DURATION every VU makes one call', () => {
  assert.deepEqual(callOptions({ VUS: '3' }).scenarios.calls,
    { executor: 'per-vu-iterations', vus: 3, iterations: 1, maxDuration: '10m' });
});

test('with DURATION the VUs start call after call for that long, as seed 000 ran 50 VUs for 60 s', () => {
  assert.deepEqual(callOptions({ VUS: '50', DURATION: '60s' }).scenarios.calls,
    { executor: 'constant-vus', vus: 50, duration: '60s', gracefulStop: '60s' });
  assert.equal(callOptions({ DURATION: '1m30s', GRACEFUL_STOP: '2m' }).scenarios.calls.gracefulStop, '2m');
});

test('the thresholds default to seed 000: TTFB p95 < 800 ms, p99 < 1200 ms, fewer than 1 % of calls failed', () => {
  const thresholds = callOptions({}).thresholds;
  assert.deepEqual(thresholds.ttfb_ms, ['p(95)<800', 'p(99)<1200']);
  assert.deepEqual(thresholds.call_failed, ['rate<0.01']);
  assert.deepEqual(thresholds.audio_after_clear, ['count==0']);
  assert.deepEqual(thresholds.agent_heard_after_onset_ms, ['p(95)<300']);
  assert.equal(thresholds.barge_in_to_clear_ms, undefined);
  assert.equal(thresholds.server_overhead_ms, undefined);
});

test('each threshold can be set', () => {
  const thresholds = callOptions({ TTFB_P95_MS: '700', TTFB_P99_MS: '900', MAX_ERROR_RATE: '0', OVERHEAD_P99_MS: '10',
    OVERHEAD_MIN_MS: '-1', MAX_UNDERRUNS: '2', CLEAR_P95_MS: '250',
    HEARD_AFTER_ONSET_P95_MS: '200' }).thresholds;
  assert.deepEqual(thresholds.ttfb_ms, ['p(95)<700', 'p(99)<900']);
  assert.deepEqual(thresholds.call_failed, ['rate<0']);
  assert.deepEqual(thresholds.server_overhead_ms, ['p(99)<10', 'min>=-1']);
  assert.deepEqual(thresholds.underruns, ['count<=2']);
  assert.deepEqual(thresholds.barge_in_to_clear_ms, ['p(95)<250']);
  assert.deepEqual(thresholds.agent_heard_after_onset_ms, ['p(95)<200']);
});

test('a bad value is refused with the variable it came from', () => {
  assert.throws(() => callOptions({ DURATION: '60' }), /DURATION must be a duration/);
  assert.throws(() => callOptions({ VUS: '0' }), /VUS must be a whole number/);
  assert.throws(() => callOptions({ TTFB_P95_MS: 'fast' }), /TTFB_P95_MS must be a number/);
});
