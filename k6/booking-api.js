// Booking API load shapes: a ramp of 1, 5 and 10 clients, a burst of 30, sustained batches, and
// 50 virtual users for 60 s, against check_availability, find_next_available and create_booking.
// k6 0.48 modules only. Every scenario is paced to stay within half of the server's per-tenant rate
// limit (k6/lib/booking-plan.js says why), so the default run, on the demo tenant alone, gets no 429;
// with TENANTS=N (server started with SYNTHETIC_TENANTS=N) the load spreads over N tenants and may
// be N times higher. A failed check fails the run.
import http from 'k6/http';
import exec from 'k6/execution';
import { check, sleep } from 'k6';
import { Trend, Counter } from 'k6/metrics';
import { bookingAnswered, bookingPlan, conflictHasAlternatives } from './lib/booking-plan.js';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:8080';
const TENANTS = parseInt(__ENV.TENANTS || '0', 10);           // 0: the demo tenant's key only
const API_KEY = __ENV.API_KEY || 'demo-salon-key';
const SERVICES = ['Haircut', 'Colour', 'Beard trim', 'Blow-dry'];
const PLAN = bookingPlan(__ENV);
const RUN = Math.random().toString(36).slice(2, 10); // idempotency keys of an earlier run are not reused

const conflicts = new Counter('booking_conflicts');
const confirmed = new Counter('booking_confirmed');
const rateLimited = new Counter('rate_limited');
const availabilityMs = new Trend('availability_ms', true);

export const options = {
  scenarios: PLAN.scenarios,
  thresholds: {
    'http_req_duration{op:check_availability}': [
      `p(95)<${__ENV.AVAILABILITY_P95_MS || 15}`, `p(99)<${__ENV.AVAILABILITY_P99_MS || 30}`],
    'http_req_duration{op:find_next_available}': [`p(95)<${__ENV.NEXT_P95_MS || 50}`],
    'http_req_duration{op:create_booking}': [`p(95)<${__ENV.BOOKING_P95_MS || 100}`],
    'http_req_failed': [`rate<${__ENV.MAX_ERROR_RATE || 0.01}`],
    'checks': [`rate>=${__ENV.MIN_CHECK_RATE || 1}`],
    'rate_limited': [`count<=${__ENV.MAX_RATE_LIMITED || 0}`],
  },
};

http.setResponseCallback(http.expectedStatuses(200, 201, 409));

function key() {
  return TENANTS > 0 ? `synthetic-key-${1 + Math.floor(Math.random() * TENANTS)}` : API_KEY;
}

function day(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function headers(apiKey) {
  return { headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' } };
}

function availabilityRequest(apiKey) {
  const url = `${BASE_URL}/api/availability?service=${encodeURIComponent(pick(SERVICES))}&date=${day(1 + Math.floor(Math.random() * 2))}`;
  return ['GET', url, null, Object.assign(headers(apiKey), { tags: { op: 'check_availability' } })];
}

function nextRequest(apiKey) {
  const url = `${BASE_URL}/api/next-available?service=${encodeURIComponent(pick(SERVICES))}`;
  return ['GET', url, null, Object.assign(headers(apiKey), { tags: { op: 'find_next_available' } })];
}

// Every answer is checked: a lookup must be 200; a 429 is also counted on its own.
function checked(res, op) {
  if (res.status === 429) rateLimited.add(1, { op });
  check(res, { [`${op} 200`]: (r) => r.status === 200 });
  return res;
}

// Runs one iteration, then waits out the rest of the scenario's pace.
function paced(iteration) {
  const started = Date.now();
  iteration();
  const rest = PLAN.pace[exec.scenario.name] - (Date.now() - started);
  if (rest > 0) sleep(rest / 1000);
}

function lookup(apiKey) {
  const res = checked(http.request(...availabilityRequest(apiKey)), 'check_availability');
  availabilityMs.add(res.timings.duration);
}

function book(apiKey) {
  const hour = 9 + Math.floor(Math.random() * 8);
  const minute = Math.random() < 0.5 ? '00' : '30';
  const body = JSON.stringify({
    service: pick(SERVICES), start: `${day(3 + Math.floor(Math.random() * 20))}T${String(hour).padStart(2, '0')}:${minute}`,
    customer_name: 'Load Test', idempotency_key: `k6-${RUN}-${__VU}-${__ITER}`,
  });
  const res = http.post(`${BASE_URL}/api/bookings`, body, Object.assign(headers(apiKey), { tags: { op: 'create_booking' } }));
  if (res.status === 429) rateLimited.add(1, { op: 'create_booking' });
  if (res.status === 201) confirmed.add(1);
  if (res.status === 409) conflicts.add(1);
  const answer = json(res);
  check(res, {
    'booking answered (201, or 409 with alternatives)': () => bookingAnswered(res.status, answer),
  });
  if (res.status === 409) {
    check(res, { 'conflict carries alternatives': () => conflictHasAlternatives(answer) });
  }
}

function json(res) {
  try {
    return res.json();
  } catch (e) {
    return null;
  }
}

export function lookups() {
  paced(() => lookup(key()));
}

export function batch() {
  const apiKey = key();
  const requests = [availabilityRequest(apiKey), availabilityRequest(apiKey), nextRequest(apiKey)];
  http.batch(requests).forEach((res, i) => checked(res, requests[i][3].tags.op));
}

export function mixed() {
  paced(() => {
    const apiKey = key();
    lookup(apiKey);
    checked(http.request(...nextRequest(apiKey)), 'find_next_available');
    if (__ITER % PLAN.bookEvery === 0) book(apiKey);
  });
}

// Fails fast, with the reason, when the server does not know the keys this run would use.
export function setup() {
  rateLimited.add(0);
  const probe = TENANTS > 0 ? `synthetic-key-${TENANTS}` : API_KEY;
  const res = http.request(...availabilityRequest(probe));
  if (res.status === 401 || res.status === 403) {
    throw new Error(TENANTS > 0 ? `the server does not know ${probe}: start it with SYNTHETIC_TENANTS=${TENANTS} or more`
      : `the server does not know the API key ${probe}`);
  }
}
