// Booking API load shapes: a ramp of 1, 5 and 10 clients, a burst of 30, sustained batches, and
// 50 virtual users for 60 s, against check_availability, find_next_available and create_booking.
// k6 0.48 modules only. Run against a server started with SYNTHETIC_TENANTS=N (see k6/README.md).
import http from 'k6/http';
import { check } from 'k6';
import { Trend, Counter } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:8080';
const TENANTS = parseInt(__ENV.TENANTS || '0', 10);           // 0: the demo tenant's key only
const API_KEY = __ENV.API_KEY || 'demo-salon-key';
const SERVICES = ['Haircut', 'Colour', 'Beard trim', 'Blow-dry'];
const BOOK_EVERY = parseInt(__ENV.BOOK_EVERY || '10', 10);     // one create_booking per N iterations

const conflicts = new Counter('booking_conflicts');
const confirmed = new Counter('booking_confirmed');
const availabilityMs = new Trend('availability_ms', true);

export const options = {
  scenarios: {
    ramp_1:  { executor: 'constant-vus', vus: 1,  duration: '20s', startTime: '0s',   exec: 'lookups' },
    ramp_5:  { executor: 'constant-vus', vus: 5,  duration: '20s', startTime: '20s',  exec: 'lookups' },
    ramp_10: { executor: 'constant-vus', vus: 10, duration: '20s', startTime: '40s',  exec: 'lookups' },
    burst_30: { executor: 'shared-iterations', vus: 30, iterations: 600, maxDuration: '30s', startTime: '60s', exec: 'lookups' },
    batches: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '30s', preAllocatedVUs: 20,
               startTime: '90s', exec: 'batch' },
    vus_50:  { executor: 'constant-vus', vus: 50, duration: '60s', startTime: '120s', exec: 'mixed' },
  },
  thresholds: {
    'http_req_duration{op:check_availability}': [
      `p(95)<${__ENV.AVAILABILITY_P95_MS || 15}`, `p(99)<${__ENV.AVAILABILITY_P99_MS || 30}`],
    'http_req_duration{op:find_next_available}': [`p(95)<${__ENV.NEXT_P95_MS || 50}`],
    'http_req_duration{op:create_booking}': [`p(95)<${__ENV.BOOKING_P95_MS || 100}`],
    'http_req_failed': [`rate<${__ENV.MAX_ERROR_RATE || 0.01}`],
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

export function lookups() {
  const apiKey = key();
  const [method, url, body, params] = availabilityRequest(apiKey);
  const res = http.request(method, url, body, params);
  availabilityMs.add(res.timings.duration);
  check(res, { 'availability 200': (r) => r.status === 200 });
}

export function batch() {
  const apiKey = key();
  const responses = http.batch([availabilityRequest(apiKey), availabilityRequest(apiKey), nextRequest(apiKey)]);
  check(responses[0], { 'batch 200': (r) => r.status === 200 });
}

export function mixed() {
  const apiKey = key();
  lookups();
  http.request(...nextRequest(apiKey));
  if (__ITER % BOOK_EVERY === 0) {
    const hour = 9 + Math.floor(Math.random() * 8);
    const minute = Math.random() < 0.5 ? '00' : '30';
    const body = JSON.stringify({
      service: pick(SERVICES), start: `${day(3 + Math.floor(Math.random() * 20))}T${String(hour).padStart(2, '0')}:${minute}`,
      customer_name: 'Load Test', idempotency_key: `k6-${__VU}-${__ITER}`,
    });
    const res = http.post(`${BASE_URL}/api/bookings`, body, Object.assign(headers(apiKey), { tags: { op: 'create_booking' } }));
    if (res.status === 201) { confirmed.add(1); }
    if (res.status === 409) { conflicts.add(1); }
    check(res, { 'booking answered': (r) => r.status === 201 || r.status === 409 });
  }
}
