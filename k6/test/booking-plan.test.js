import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bookingAnswered, bookingPlan, conflictHasAlternatives, lookupRequests, mixedRequests, paceMillis, peakPerWindow,
} from '../lib/booking-plan.js';

const LIMIT = 2000; // the server's default BOOKING_TENANT_RPS
const batchRequests = (k) => 3 * k;

function peaks(plan) {
  return {
    ramp_1: peakPerWindow(plan, 'ramp_1', lookupRequests),
    ramp_5: peakPerWindow(plan, 'ramp_5', lookupRequests),
    ramp_10: peakPerWindow(plan, 'ramp_10', lookupRequests),
    burst_30: peakPerWindow(plan, 'burst_30', lookupRequests),
    batches: peakPerWindow(plan, 'batches', batchRequests),
    vus_50: peakPerWindow(plan, 'vus_50', mixedRequests(plan.bookEvery)),
  };
}

test('the default run stays within half the demo tenant limit in every one-second window', () => {
  const plan = bookingPlan({});
  assert.equal(plan.rps, 1000);
  for (const [name, peak] of Object.entries(peaks(plan))) {
    assert.ok(peak <= 1000, `${name} may send ${peak} requests in one second`);
  }
});

test('the load shapes are kept: 1, 5, 10 clients, a burst of 30 sharing 600, 20 batches a second, 50 clients', () => {
  const { scenarios } = bookingPlan({});
  assert.deepEqual(Object.keys(scenarios), ['ramp_1', 'ramp_5', 'ramp_10', 'burst_30', 'batches', 'vus_50']);
  assert.deepEqual([scenarios.ramp_1.vus, scenarios.ramp_5.vus, scenarios.ramp_10.vus, scenarios.vus_50.vus], [1, 5, 10, 50]);
  assert.equal(scenarios.burst_30.iterations, 600);
  assert.equal(scenarios.batches.rate, 20);
});

test('no two scenarios share a second: each starts at least a second after the one before ends', () => {
  const seconds = (d) => Number(d.replace('s', ''));
  const list = Object.values(bookingPlan({}).scenarios)
    .map((s) => ({ start: seconds(s.startTime), end: seconds(s.startTime) + seconds(s.duration || s.maxDuration) }));
  for (let i = 1; i < list.length; i++) {
    const previousEnd = list[i - 1].end;
    // the burst has a 30 s bound but 600 paced-free lookups take well under a second
    const end = i - 1 === 3 ? list[i - 1].start + 1 : previousEnd;
    assert.ok(list[i].start >= end + 1, `scenario ${i} starts at ${list[i].start}, the one before ends at ${end}`);
  }
});

test('spread over N synthetic tenants the run may send N times as much', () => {
  const plan = bookingPlan({ TENANTS: '50' });
  assert.equal(plan.rps, 50000);
  assert.ok(plan.pace.vus_50 < bookingPlan({}).pace.vus_50);
  for (const [name, peak] of Object.entries(peaks(plan))) {
    assert.ok(peak <= 50000, `${name} may send ${peak} requests in one second`);
  }
});

test('a lower limit on the server is followed with TENANT_RPS', () => {
  const plan = bookingPlan({ TENANT_RPS: '400' });
  assert.equal(plan.rps, 200);
  assert.equal(plan.scenarios.burst_30.iterations, 200);
  for (const [name, peak] of Object.entries(peaks(plan))) {
    assert.ok(peak <= 200, `${name} may send ${peak} requests in one second`);
  }
});

test('a limit no pacing can keep is refused with what to change', () => {
  assert.throws(() => bookingPlan({ TENANT_RPS: '20' }), /50 clients cannot stay within 10 requests\/s/);
  assert.throws(() => bookingPlan({ RATE_SHARE: '1.5' }), /RATE_SHARE must be in/);
});

test('a pace is the shortest iteration that keeps the clients within the rate', () => {
  assert.equal(paceMillis(10, lookupRequests, 1000), 11); // 10 clients x (90 + 1) iterations = 910
  assert.equal(paceMillis(1, lookupRequests, 1), 1001); // one iteration a window
  assert.equal(paceMillis(50, mixedRequests(10), 1000), 125); // 50 x (2 x 9 + 1) = 950
});

test('a booking is answered by 201 with its id or by 409 with alternatives to offer', () => {
  const conflict = { status: 'conflict', message: 'that time is not available', alternatives: [{ start: '2026-12-01T10:00' }] };
  assert.equal(bookingAnswered(201, { status: 'confirmed', booking_id: 'b1' }), true);
  assert.equal(bookingAnswered(409, conflict), true);
  assert.equal(conflictHasAlternatives(conflict), true);
  assert.equal(bookingAnswered(409, { status: 'conflict', alternatives: [] }), false);
  assert.equal(bookingAnswered(409, { error: 'a request with this Idempotency-Key is in progress' }), false);
  assert.equal(bookingAnswered(409, null), false);
  assert.equal(bookingAnswered(429, { error: 'rate limited' }), false);
  assert.equal(bookingAnswered(201, null), false);
});
