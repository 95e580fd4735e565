// The load plan of k6/booking-api.js, from its -e variables, and how its answers are judged. Pure
// JavaScript (no k6 module), so that `node --test k6/test` checks it without k6.
//
// The server limits each tenant to BOOKING_TENANT_RPS requests per second (2000), counted in
// fixed one-second windows. A client that sends its next request as soon as the last one was
// answered offers as much load as the server can answer, so on a fast server it trips the limit
// (21 % of the requests got 429 with the old defaults, all on the demo tenant) and the run measures
// rejections instead of bookings. So every scenario is paced: its peak request rate stays within
// SHARE of the limit of the tenants it spreads over (TENANTS synthetic tenants, or the demo
// tenant alone), and the scenarios are a second apart so no limiter window sees two of them.
import { number } from './call-options.js';

export const DEFAULTS = { tenantRps: 2000, share: 0.5, bookEvery: 10, burstIterations: 600 };

export function wholeNumber(value, fallback, name, least) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new Error(`${name} must be a whole number of at least ${least}, not '${value}'`);
  return n;
}

// Requests per second the run may send: SHARE of the per-tenant limit, times the tenants used.
export function budget(env) {
  const tenants = wholeNumber(env.TENANTS, 0, 'TENANTS', 0);
  const tenantRps = number(env.TENANT_RPS, DEFAULTS.tenantRps, 'TENANT_RPS');
  const share = number(env.RATE_SHARE, DEFAULTS.share, 'RATE_SHARE');
  if (!(tenantRps > 0)) throw new Error('TENANT_RPS must be positive');
  if (!(share > 0 && share <= 1)) throw new Error(`RATE_SHARE must be in (0, 1], not '${env.RATE_SHARE}'`);
  return tenantRps * share * Math.max(1, tenants);
}

// The shortest iteration (ms) that keeps `vus` clients within `rps` requests in any one-second
// window, when k iterations of one client send at most requests(k) requests. A client paced at
// p ms starts at most floor(1000 / p) + 1 iterations in a window.
export function paceMillis(vus, requests, rps) {
  let k = 0; // whole iterations one client may start in a window
  while (k < 1000 && vus * requests(k + 1) <= rps) k++;
  if (k < 1) throw new Error(`${vus} clients cannot stay within ${rps} requests/s: raise TENANT_RPS, RATE_SHARE or TENANTS`);
  return k === 1 ? 1001 : Math.ceil(1000 / (k - 1));
}

export const lookupRequests = (k) => k;

// check_availability and find_next_available each iteration, create_booking on every bookEvery-th
export const mixedRequests = (bookEvery) => (k) => 2 * k + Math.ceil(k / bookEvery);

// The scenarios and, per scenario, its pace; see the top of this file.
export function bookingPlan(env) {
  const rps = budget(env);
  const bookEvery = wholeNumber(env.BOOK_EVERY, DEFAULTS.bookEvery, 'BOOK_EVERY', 1);
  const burst = Math.min(DEFAULTS.burstIterations, Math.floor(rps)); // all of it may land in one window
  const batchRate = Math.max(1, Math.min(20, Math.floor(rps / 3) - 1)); // three requests a batch; a window may see one more
  const scenarios = {
    ramp_1: { executor: 'constant-vus', vus: 1, duration: '20s', startTime: '0s', exec: 'lookups' },
    ramp_5: { executor: 'constant-vus', vus: 5, duration: '20s', startTime: '21s', exec: 'lookups' },
    ramp_10: { executor: 'constant-vus', vus: 10, duration: '20s', startTime: '42s', exec: 'lookups' },
    burst_30: { executor: 'shared-iterations', vus: 30, iterations: burst, maxDuration: '30s', startTime: '63s', exec: 'lookups' },
    batches: { executor: 'constant-arrival-rate', rate: batchRate, timeUnit: '1s', duration: '30s', preAllocatedVUs: 20,
               startTime: '94s', exec: 'batch' },
    vus_50: { executor: 'constant-vus', vus: 50, duration: '60s', startTime: '125s', exec: 'mixed' },
  };
  const pace = {
    ramp_1: paceMillis(1, lookupRequests, rps),
    ramp_5: paceMillis(5, lookupRequests, rps),
    ramp_10: paceMillis(10, lookupRequests, rps),
    burst_30: 0,
    batches: 0,
    vus_50: paceMillis(50, mixedRequests(bookEvery), rps),
  };
  return { rps, bookEvery, scenarios, pace };
}

// Peak requests one scenario can send in a one-second window under its plan (for the tests):
// requests(k) is what k iterations of one client send at most.
export function peakPerWindow(plan, name, requests) {
  const scenario = plan.scenarios[name];
  if (scenario.executor === 'shared-iterations') return requests(scenario.iterations);
  if (scenario.executor === 'constant-arrival-rate') return requests(scenario.rate + 1);
  const pace = plan.pace[name];
  if (!(pace > 0)) return Infinity;
  return scenario.vus * requests(Math.floor(1000 / pace) + 1);
}

// A create_booking answer: 201 with the booking, or 409 with the nearest free times to offer.
export function bookingAnswered(status, body) {
  if (status === 201) return !!body && typeof body.booking_id === 'string';
  if (status === 409) return conflictHasAlternatives(body);
  return false;
}

export function conflictHasAlternatives(body) {
  return !!body && body.status === 'conflict' && Array.isArray(body.alternatives) && body.alternatives.length > 0;
}
