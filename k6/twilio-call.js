// One k6 VU = one phone call to Firstbyte, spoken as Twilio Media Streams speaks it.
// Same caller as `java -jar bench/target/firstbyte-bench.jar calls` (see k6/README.md).
// Only modules k6 0.48 has: k6/ws, k6/http, k6/metrics, k6/encoding.
import ws from 'k6/ws';
import http from 'k6/http';
import encoding from 'k6/encoding';
import { Counter, Rate, Trend } from 'k6/metrics';
import { callOptions } from './lib/call-options.js';

const BASE_URL = (__ENV.BASE_URL || 'ws://localhost:8080').replace(/\/$/, '');
const MEDIA_URL = BASE_URL + '/twilio/media';
const HTTP_URL = BASE_URL.replace(/^ws/, 'http'); // ws -> http, wss -> https
const PROFILE = __ENV.PROFILE || 'typical-cloud';
const FROM = __ENV.FROM || '+15550100199';
const TO = __ENV.TO || '+15550100100'; // the demo tenant
const BARGE_IN_TURN = parseInt(__ENV.BARGE_IN_TURN || '3', 10); // 0 = none; 3 = the booking, while its tool call runs
const LINES = [
  "Hi, I'd like to book a haircut tomorrow please.",
  'Do you have anything at 10:30?',
  'Yes please. My name is Sam Taylor.',
  "No, that's all. Thank you!",
];

const FRAME_MS = 20;
const FRAME_BYTES = 160; // 20 ms of mu-law at 8 kHz
const TICK_MS = 10;
const GREETING_WAIT_MS = 3000;
const ANSWER_QUIET_MS = 700;
const ANSWER_TIMEOUT_MS = 10000;
const BARGE_IN_DELAY_MS = 400;
const CALL_TIMEOUT_MS = 300000;

// VUS concurrent calls, once each, or call after call for DURATION; thresholds default to seed 000's.
export const options = callOptions(__ENV);

const ttfb = new Trend('ttfb_ms', true);
const toClear = new Trend('barge_in_to_clear_ms', true);
const heardAfterOnset = new Trend('agent_heard_after_onset_ms', true);
const overhead = new Trend('server_overhead_ms', true);
const underruns = new Counter('underruns');
const audioAfterClear = new Counter('audio_after_clear');
const callErrors = new Counter('call_errors');
const callFailed = new Rate('call_failed'); // one sample per call: true when anything went wrong in it

// ---- the caller's voice: speech-like mu-law frames, built once per VU ----

function linearToMulaw(sample) {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

// Voiced harmonics (falling pitch) under a 200 ms syllable envelope, about -20 dBFS RMS,
// about 0.35 s per word and at least 0.8 s.
function speechFrames(text) {
  const words = text.trim().split(/\s+/).length;
  const length = Math.round(Math.max(800, 350 * words) * 8);
  const syllable = 1600;
  const signal = new Float64Array(length);
  let phase = 0;
  let energy = 0;
  for (let i = 0; i < length; i++) {
    phase += (120 * (1.1 - (0.2 * i) / length)) / 8000;
    let voiced = 0;
    for (let k = 1; k <= 12; k++) voiced += Math.sin(2 * Math.PI * k * phase) / k;
    signal[i] = (0.3 + 0.7 * Math.sin((Math.PI * (i % syllable)) / syllable)) * voiced;
    energy += signal[i] * signal[i];
  }
  const gain = (32768 * Math.pow(10, -20 / 20)) / Math.sqrt(energy / length);
  const frames = [];
  for (let start = 0; start < length; start += FRAME_BYTES) {
    const frame = new Uint8Array(FRAME_BYTES).fill(0xff); // the last frame is padded with silence
    for (let i = start; i < Math.min(length, start + FRAME_BYTES); i++) {
      frame[i - start] = linearToMulaw(Math.round(signal[i] * gain));
    }
    frames.push(encoding.b64encode(frame.buffer));
  }
  return frames;
}

const SILENCE = encoding.b64encode(new Uint8Array(FRAME_BYTES).fill(0xff).buffer);
const SPEECH = LINES.map(speechFrames);

function sid(prefix) {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(Math.random() * 16).toString(16);
  return prefix + hex;
}

// ---- one call ----

export default function () {
  const streamSid = sid('MZ');
  const callSid = sid('CA');
  const accountSid = sid('AC');
  const ttfbByTurn = {};
  let stopped = false;
  let errors = 0;
  const error = (reason) => {
    errors++;
    callErrors.add(1, { reason });
  };

  const response = connect((socket) => {
    let sequence = 0;
    let chunk = 0;
    let start = 0;
    let turn = 0; // last line begun; 0 while waiting for the greeting
    let speaking = null; // { frames, next } while the caller talks
    let listenStart = 0;
    let firstAudio = -1;
    let lastAudio = -1;
    let speechEnd = -1;
    let playoutEnd = 0; // when the buffered answer audio finishes playing (ms)
    let answerHeard = false;
    let bargeInAt = -1;
    let bargeInOverAudio = false;
    let cleared = false;
    let heardUntil = 0; // during a barge-in: when the agent audio the caller still hears ends
    let marks = []; // { name, due }

    const send = (message) => socket.send(JSON.stringify(message));
    const header = (event) => ({ event, sequenceNumber: String(++sequence), streamSid });
    const echo = (name) => send(Object.assign(header('mark'), { mark: { name } }));

    function listen(now) {
      listenStart = now;
      firstAudio = -1;
      lastAudio = -1;
    }

    function nextLine(now) {
      let barge = false;
      if (firstAudio < 0) {
        const waited = now - listenStart;
        if (turn === 0 ? waited < GREETING_WAIT_MS : waited < ANSWER_TIMEOUT_MS) return;
        if (turn > 0) error('no answer');
      } else if (turn === BARGE_IN_TURN && turn < LINES.length && now - firstAudio >= BARGE_IN_DELAY_MS) {
        barge = true;
      } else if (now - Math.max(lastAudio, playoutEnd) < ANSWER_QUIET_MS) {
        return;
      }
      if (!barge && bargeInAt >= 0 && bargeInOverAudio && !cleared) error('missed clear');
      if (turn === LINES.length) {
        send(Object.assign(header('stop'), { stop: { accountSid, callSid } }));
        stopped = true;
        socket.close();
        return;
      }
      turn++;
      speaking = { frames: SPEECH[turn - 1], next: 0 };
      answerHeard = false;
      bargeInAt = barge ? now : -1;
      bargeInOverAudio = playoutEnd > now;
      heardUntil = Math.max(now, playoutEnd);
      cleared = false;
    }

    function sendFrame(now) {
      if (!speaking) nextLine(now);
      if (stopped) return;
      const payload = speaking ? speaking.frames[speaking.next++] : SILENCE;
      chunk++;
      send(Object.assign(header('media'), {
        media: { track: 'inbound', chunk: String(chunk), timestamp: String((chunk - 1) * FRAME_MS), payload },
      }));
      if (speaking && speaking.next === speaking.frames.length) {
        if (bargeInAt >= 0) heardAfterOnset.add(Math.max(0, heardUntil - bargeInAt));
        speaking = null;
        speechEnd = now;
        listen(now);
      }
    }

    function tick() {
      const now = Date.now();
      while (marks.length > 0 && marks[0].due <= now) echo(marks.shift().name);
      while (!stopped && chunk * FRAME_MS <= now - start) sendFrame(now);
    }

    function onAudio(bytes, now) {
      if (now > playoutEnd) {
        if (answerHeard) underruns.add(1);
        playoutEnd = now;
      }
      answerHeard = true;
      playoutEnd += bytes / 8;
      if (speaking) {
        if (bargeInAt >= 0 && cleared) audioAfterClear.add(1);
        else if (bargeInAt >= 0) heardUntil = playoutEnd;
        return;
      }
      if (firstAudio < 0) firstAudio = now;
      lastAudio = now;
      if (turn > 0 && ttfbByTurn[turn] === undefined) {
        ttfbByTurn[turn] = now - speechEnd;
        ttfb.add(ttfbByTurn[turn], { turn: String(turn) });
      }
    }

    function onClear(now) {
      if (bargeInAt >= 0 && !cleared) {
        toClear.add(now - bargeInAt);
        heardUntil = Math.min(heardUntil, now);
        cleared = true;
      }
      playoutEnd = Math.min(playoutEnd, now);
      answerHeard = false;
      const flushed = marks;
      marks = [];
      flushed.forEach((mark) => echo(mark.name));
    }

    socket.on('open', () => {
      start = Date.now();
      listen(start);
      send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
      send(Object.assign(header('start'), {
        start: {
          streamSid, accountSid, callSid, tracks: ['inbound'],
          customParameters: { From: FROM, To: TO, lines: LINES.join('|'), profile: PROFILE },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      }));
      socket.setInterval(tick, TICK_MS);
      socket.setTimeout(() => {
        error('call timeout');
        socket.close();
      }, CALL_TIMEOUT_MS);
    });

    socket.on('message', (data) => {
      const now = Date.now();
      let message;
      try {
        message = JSON.parse(data);
      } catch (e) {
        message = {};
      }
      if (message.streamSid !== streamSid) {
        error('protocol');
      } else if (message.event === 'media') {
        onAudio(encoding.b64decode(message.media.payload).byteLength, now);
      } else if (message.event === 'mark') {
        marks.push({ name: message.mark.name, due: Math.max(now, playoutEnd) });
      } else if (message.event === 'clear') {
        onClear(now);
      } else {
        error('protocol');
      }
    });

    socket.on('error', () => error('socket error'));
    socket.on('close', () => {
      if (!stopped) error('unexpected close');
    });
  });

  if (!response || response.status !== 101) {
    error('connection failure');
    callFailed.add(true);
    return;
  }
  callFailed.add(errors > 0);
  recordOverhead(callSid, ttfbByTurn);
}

// k6 throws when the connection cannot be made at all: that call failed too.
function connect(call) {
  try {
    return ws.connect(MEDIA_URL, { tags: { name: 'twilio-media' } }, call);
  } catch (e) {
    return null;
  }
}

// Server overhead = the caller's TTFB minus the server's simulated delay for the same turn,
// from GET /calls/{callSid}/trace. No trace, no overhead: nothing is guessed.
function recordOverhead(callSid, ttfbByTurn) {
  const trace = http.get(`${HTTP_URL}/calls/${callSid}/trace`, {
    headers: __ENV.OPERATOR_TOKEN ? { Authorization: `Bearer ${__ENV.OPERATOR_TOKEN}` } : {},
    tags: { name: 'call-trace' },
    responseCallback: http.expectedStatuses(200, 404),
  });
  if (trace.status !== 200) return;
  for (const turn of trace.json('turns') || []) {
    const measured = ttfbByTurn[turn.turn];
    if (measured !== undefined && typeof turn.simulatedDelayMs === 'number') {
      overhead.add(measured - turn.simulatedDelayMs, { turn: String(turn.turn) });
    }
  }
}

export function setup() {
  // Counters that never move would leave their thresholds without data.
  callErrors.add(0);
  audioAfterClear.add(0);
  underruns.add(0);
}
