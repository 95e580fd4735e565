'use strict';
// The operator console: live calls from GET /calls and the server-sent changes of /console/events,
// each call's trace from GET /calls/{id}/trace, hang-up with POST /calls/{id}/hangup, and the call
// records from GET /console/api/calls. Every text from the server is set with textContent, never as HTML.

const POLL_MS = 5000;          // /calls again: calls on other instances, changes a stream missed
const REMOTE_TRACE_MS = 2000;  // the selected call's trace again when it is not on the instance streaming to us
const KEEP_ENDED_MS = 60000;   // an ended call stays in the live list this long, marked ended

const calls = new Map();       // callSid -> {call, trace, ended, endedSeen, remote}
let selected = null;
let recentCursor = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else if (key === 'title') node.title = value;
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({credentials: 'same-origin', headers: {Accept: 'application/json'}}, options));
  if (response.status === 401) {
    location.assign('/console/login');
    throw new Error('signed out');
  }
  return response;
}

function ms(value) {
  return value < 0 ? '–' : `${Math.round(value)} ms`;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '–';
}

function duration(fromIso, toIso) {
  if (!fromIso) return '–';
  const seconds = Math.max(0, Math.round(((toIso ? new Date(toIso) : new Date()) - new Date(fromIso)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// --- live calls ---

function entry(callSid) {
  let found = calls.get(callSid);
  if (!found) {
    found = {call: {callId: callSid}, trace: null, ended: false, endedSeen: 0, remote: false};
    calls.set(callSid, found);
  }
  return found;
}

function mergeTurn(trace, turn) {
  const turns = trace.turns.filter((known) => known.turn !== turn.turn);
  turns.push(turn);
  turns.sort((a, b) => a.turn - b.turn);
  trace.turns = turns;
}

function onStarted(change) {
  const found = entry(change.callSid);
  found.trace = Object.assign({turns: []}, found.trace || {}, change.call, {turns: (found.trace && found.trace.turns) || []});
  found.call = Object.assign({callId: change.callSid, caller: change.call.caller, dialled: change.call.dialled,
    startedAt: change.call.startedAt}, found.call);
  found.remote = false;
  if (!selected) selected = change.callSid;
  render();
  // Tenant and providers are known a moment after the start.
  setTimeout(() => loadTrace(change.callSid), 1500);
}

function onTurn(change) {
  const found = entry(change.callSid);
  if (!found.trace) found.trace = {callSid: change.callSid, turns: []};
  mergeTurn(found.trace, change.turn);
  render();
}

function onEnded(change) {
  const found = entry(change.callSid);
  markEnded(found, change.endReason, change.endedAt);
  render();
  setTimeout(() => searchRecent(false), 3000);
}

function markEnded(found, reason, endedAt) {
  found.ended = true;
  found.endedSeen = found.endedSeen || Date.now();
  if (found.trace) {
    found.trace.endReason = reason || found.trace.endReason;
    found.trace.endedAt = endedAt || found.trace.endedAt;
  }
}

async function loadTrace(callSid) {
  try {
    const response = await api(`/calls/${encodeURIComponent(callSid)}/trace`);
    if (!response.ok) return;
    const trace = await response.json();
    const found = entry(callSid);
    found.trace = trace;
    if (trace.endReason) markEnded(found, trace.endReason, trace.endedAt);
    render();
  } catch (error) {
    // the next poll tries again
  }
}

async function poll() {
  try {
    const response = await api('/calls');
    if (!response.ok) return;
    const page = await response.json();
    const listed = new Set();
    for (const call of page.calls || []) {
      listed.add(call.callId);
      const known = calls.has(call.callId);
      const found = entry(call.callId);
      found.call = Object.assign(found.call, call);
      found.remote = Boolean(page.instance && call.instance && call.instance !== page.instance);
      if (!known || !found.trace) loadTrace(call.callId);
      if (!selected) selected = call.callId;
    }
    for (const [callSid, found] of calls) {
      // A partial list (the registry did not answer) says nothing about the calls it leaves out.
      if (page.complete !== false && !listed.has(callSid) && !found.ended) {
        markEnded(found, null, null);
        loadTrace(callSid);
      }
    }
    const note = $('live-note');
    note.hidden = page.complete !== false;
    note.textContent = page.complete === false ? 'Only this instance\'s calls: the call registry did not answer.' : '';
    render();
  } catch (error) {
    // the next poll tries again
  }
}

function forgetOldEnded() {
  const now = Date.now();
  for (const [callSid, found] of calls) {
    if (found.ended && now - found.endedSeen > KEEP_ENDED_MS && callSid !== selected) calls.delete(callSid);
  }
}

function render() {
  forgetOldEnded();
  renderLive();
  renderCall();
}

function renderLive() {
  const list = $('live-calls');
  const rows = [...calls.values()].sort((a, b) => String(b.call.startedAt).localeCompare(String(a.call.startedAt)));
  list.replaceChildren(...rows.map((found) => {
    const call = found.call;
    const trace = found.trace || {};
    const item = el('li', {class: `call-item${found.ended ? ' ended' : ''}${call.callId === selected ? ' selected' : ''}`,
      'data-call': call.callId, 'data-state': found.ended ? 'ended' : 'live'},
    el('button', {type: 'button', class: 'call-pick'},
      el('span', {class: 'who'}, call.caller || trace.caller || 'unknown caller', ' → ', call.dialled || trace.dialled || ''),
      el('span', {class: 'meta'},
        found.ended ? `ended (${trace.endReason || 'gone'})` : `live ${duration(call.startedAt || trace.startedAt, null)}`,
        ` · ${(trace.turns || []).length} turns`, call.instance ? ` · ${call.instance}` : '')));
    item.querySelector('button').addEventListener('click', () => {
      selected = call.callId;
      loadTrace(call.callId);
      render();
    });
    return item;
  }));
  const live = [...calls.values()].filter((found) => !found.ended).length;
  $('live-count').textContent = String(live);
  $('live-empty').hidden = calls.size > 0;
}

function renderCall() {
  const section = $('call');
  const found = selected && calls.get(selected);
  if (!found) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  section.dataset.call = selected;
  section.dataset.state = found.ended ? 'ended' : 'live';
  const trace = found.trace || {turns: []};
  const call = found.call;
  $('call-title').textContent = `Call ${selected}`;
  const hangup = $('hangup');
  hangup.disabled = found.ended;
  hangup.textContent = found.ended ? `Ended: ${trace.endReason || 'gone'}` : 'Hang up';
  const providers = trace.providers ? `${trace.providers.stt} · ${trace.providers.llm} · ${trace.providers.tts}` : '–';
  const facts = [
    ['Caller', call.caller || trace.caller || '–'], ['Dialled', call.dialled || trace.dialled || '–'],
    ['Tenant', trace.tenant || '–'], ['Gateway', trace.gateway || '–'], ['Providers (stt · llm · tts)', providers],
    ['Started', time(trace.startedAt || call.startedAt)], ['Duration', duration(trace.startedAt || call.startedAt, trace.endedAt)],
    ['End reason', trace.endReason || (found.ended ? 'gone' : 'in progress')],
  ];
  if (call.instance) facts.push(['Instance', call.instance]);
  $('call-facts').replaceChildren(...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
  renderWaterfall(trace.turns || []);
  renderTranscript(trace.turns || []);
}

// One row per turn, every bar on one scale, measured from the caller's speech end (or the turn's end without one).
function renderWaterfall(turns) {
  const offsets = turns.map((turn) => {
    const turnEnd = Math.max(0, turn.turnEndMs);
    const after = (value) => (value < 0 ? -1 : turnEnd + value);
    return {
      turn, turnEnd,
      final: turn.sttFinalMs, firstToken: after(turn.modelFirstTokenMs), firstClause: after(turn.firstClauseMs),
      firstByte: after(turn.ttsFirstByteMs), firstFrame: turn.ttfbMs, modelEnd: after(turn.modelEndMs),
      tools: turn.tools.map((tool) => ({tool, start: after(tool.startMs), end: tool.durationMs < 0 ? -1 : after(tool.startMs) + tool.durationMs})),
    };
  });
  const scale = Math.max(1000, ...offsets.flatMap((o) => [o.firstFrame, o.firstByte, o.firstToken, o.turnEnd, ...o.tools.map((t) => t.end)]));
  const pct = (value) => `${(100 * Math.max(0, value)) / scale}%`;
  const bar = (cls, from, to, label) => {
    if (from < 0 || to < 0) return null;
    const node = el('span', {class: `seg ${cls}`, title: `${label}: ${ms(to - from)}`, 'data-seg': cls});
    node.style.left = pct(from);
    node.style.width = pct(Math.max(to - from, scale / 400));
    return node;
  };
  $('waterfall').replaceChildren(...offsets.map((o) => {
    const track = el('div', {class: 'track'},
      bar('stt', 0, o.final, 'speech end → final transcript'),
      bar('endpoint', Math.max(0, o.final), o.turnEnd, 'final transcript → turn end'),
      bar('llm', o.turnEnd, o.firstToken, 'turn end → first token'),
      ...o.tools.map((t) => bar('tool', t.start, t.end < 0 ? scale : t.end, `tool ${t.tool.name}`)),
      bar('tts', o.firstClause < 0 ? o.firstToken : o.firstClause, o.firstByte, 'first clause → first byte'));
    if (o.firstFrame >= 0) {
      const mark = el('span', {class: 'mark', title: `first frame sent: ${ms(o.firstFrame)}`, 'data-seg': 'frame'});
      mark.style.left = pct(o.firstFrame);
      track.append(mark);
    }
    const figures = el('span', {class: 'figures'},
      `final ${ms(o.final)} · token ${ms(o.firstToken)} · byte ${ms(o.firstByte)} · frame ${ms(o.firstFrame)}`,
      o.turn.tools.length ? ` · ${o.turn.tools.length} tool${o.turn.tools.length > 1 ? 's' : ''}` : '',
      ` · overhead ${ms(o.turn.overheadMs)}`);
    return el('div', {class: `turn-row${o.turn.interrupted ? ' interrupted' : ''}`, 'data-turn': String(o.turn.turn),
      'data-ttfb': String(o.turn.ttfbMs)},
    el('span', {class: 'turn-label'}, `Turn ${o.turn.turn}`, el('small', {}, ` ${time(o.turn.at)}`)), track, figures);
  }));
  $('waterfall-empty').hidden = turns.length > 0;
}

function renderTranscript(turns) {
  $('transcript').replaceChildren(...turns.flatMap((turn) => [
    el('li', {class: 'caller', 'data-turn': String(turn.turn), 'data-side': 'caller'},
      el('span', {class: 'side'}, 'Caller'), el('q', {}, turn.transcript || '(no words)')),
    ...turn.tools.map((tool) => el('li', {class: 'tool', 'data-turn': String(turn.turn), 'data-side': 'tool'},
      el('details', {},
        el('summary', {}, el('span', {class: 'side'}, 'Tool'), ` ${tool.name} (${ms(tool.durationMs)})`),
        el('div', {class: 'tool-io'}, el('h4', {}, 'Arguments'), el('pre', {}, pretty(tool.arguments)),
          el('h4', {}, 'Result'), el('pre', {}, tool.result ? pretty(tool.result) : '(still running when the turn ended)'))))),
    el('li', {class: 'agent', 'data-turn': String(turn.turn), 'data-side': 'agent'},
      el('span', {class: 'side'}, 'Agent'), el('q', {}, turn.agentText || '(nothing heard)'),
      turn.interrupted ? el('span', {class: 'badge'}, 'interrupted') : null),
  ]));
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (error) {
    return text;
  }
}

async function hangUp() {
  if (!selected) return;
  const callSid = selected;
  const button = $('hangup');
  button.disabled = true;
  try {
    const response = await api(`/calls/${encodeURIComponent(callSid)}/hangup`, {method: 'POST'});
    if (response.status === 204 || response.status === 404) {
      markEnded(entry(callSid), response.status === 204 ? 'operator' : null, null);
      render();
      setTimeout(() => loadTrace(callSid), 500);
    } else {
      button.disabled = false;
    }
  } catch (error) {
    button.disabled = false;
  }
}

// --- recent calls from the call records ---

async function searchRecent(more) {
  const form = new FormData($('search'));
  const query = new URLSearchParams();
  for (const [name, value] of form) {
    if (String(value).trim()) query.set(name, String(value).trim());
  }
  query.set('limit', '25');
  if (more && recentCursor) query.set('cursor', recentCursor);
  const error = $('recent-error');
  try {
    const response = await api(`/console/api/calls?${query}`);
    const body = await response.json();
    if (!response.ok) {
      error.hidden = false;
      error.textContent = body.error || `The call records answered ${response.status}.`;
      return;
    }
    error.hidden = true;
    recentCursor = body.next;
    $('recent-more').hidden = !body.next;
    const rows = body.calls.map((call) => {
      const row = el('tr', {'data-record': call.id, 'data-call': call.call_id},
        el('td', {}, new Date(call.started_at).toLocaleString()), el('td', {}, duration(call.started_at, call.ended_at)),
        el('td', {}, el('button', {type: 'button', class: 'link', title: 'Search this tenant'}, call.business_id || '–')),
        el('td', {}, call.caller || '–'), el('td', {}, call.dialled || '–'), el('td', {}, call.gateway),
        el('td', {}, String(call.turns)), el('td', {}, call.end_reason));
      row.querySelector('button').addEventListener('click', (event) => {
        event.stopPropagation();
        if (call.business_id) {
          $('search').elements.business.value = call.business_id;
          searchRecent(false);
        }
      });
      row.addEventListener('click', () => openRecord(call.id));
      return row;
    });
    const table = $('recent').tBodies[0];
    if (more) table.append(...rows); else table.replaceChildren(...rows);
  } catch (failure) {
    // signed out, or the server is away: nothing to show
  }
}

// A recorded call in the same view as a live one (its turns as the record keeps them).
async function openRecord(id) {
  const response = await api(`/console/api/calls/${encodeURIComponent(id)}`);
  if (!response.ok) return;
  const record = await response.json();
  const found = entry(record.call_id);
  found.call = Object.assign({callId: record.call_id, caller: record.caller, dialled: record.dialled, startedAt: record.started_at}, found.call);
  found.trace = {
    callSid: record.call_id, caller: record.caller, dialled: record.dialled, tenant: record.business_id, gateway: record.gateway,
    startedAt: record.started_at, endedAt: record.ended_at, endReason: record.end_reason,
    turns: record.turns.map((turn) => ({
      turn: turn.turn, transcript: turn.caller_text, agentText: turn.agent_text, interrupted: turn.interrupted,
      ttfbMs: turn.latency.ttfb_ms, overheadMs: turn.latency.overhead_ms, sttFinalMs: turn.latency.stt_final_ms,
      // A record keeps no turn end: the final transcript is the nearest milestone before it.
      turnEndMs: turn.latency.stt_final_ms, modelFirstTokenMs: turn.latency.model_first_token_ms, firstClauseMs: -1,
      ttsFirstByteMs: turn.latency.tts_first_byte_ms, modelEndMs: -1,
      tools: turn.tools.map((tool) => ({name: tool.name, startMs: tool.start_ms, durationMs: tool.duration_ms,
        arguments: tool.arguments, result: tool.result})),
    })),
  };
  markEnded(found, record.end_reason, record.ended_at);
  found.endedSeen = Date.now();
  selected = record.call_id;
  render();
}

// --- live stream ---

function watch() {
  const state = $('live-state');
  const events = new EventSource('/console/events');
  events.addEventListener('open', () => {
    document.body.dataset.live = 'on';
    state.textContent = 'live';
    poll();
  });
  events.addEventListener('error', () => {
    document.body.dataset.live = 'off';
    state.textContent = 'reconnecting…';
  });
  for (const [name, handler] of [['started', onStarted], ['turn', onTurn], ['ended', onEnded]]) {
    events.addEventListener(name, (event) => handler(JSON.parse(event.data)));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('hangup').addEventListener('click', hangUp);
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    searchRecent(false);
  });
  $('recent-more').addEventListener('click', () => searchRecent(true));
  watch();
  poll();
  searchRecent(false);
  setInterval(poll, POLL_MS);
  setInterval(() => {
    const found = selected && calls.get(selected);
    if (found && found.remote && !found.ended) loadTrace(selected);
    render();
  }, REMOTE_TRACE_MS);
});
