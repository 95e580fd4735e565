// Drives Debian's Chromium through the operator console for ConsoleBrowserIT, one command at a time:
// the test writes a JSON command per line on stdin and reads one JSON answer per line on stdout.
// Waiting is the browser's (Playwright's selectors); the test decides what the answers must say.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const base = process.env.CONSOLE_URL;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const waitMs = Number(process.env.WAIT_MS || 30000);
const profile = mkdtempSync(join(tmpdir(), 'firstbyte-console-'));

let context;
let page;
const pageErrors = [];

const commands = {
  async open() {
    // Chromium's own networking is off: this machine reaches only loopback and the package registries.
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport: {width: 1280, height: 900},
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await page.goto(`${base}/console`);
    await page.waitForSelector('body[data-live="on"]', {timeout: waitMs});
    return {title: await page.title()};
  },

  async expectCall({callSid}) {
    await page.waitForSelector(`#live-calls li[data-call="${callSid}"][data-state="live"]`, {timeout: waitMs});
    const seenAt = Date.now();
    return {seenAt, selected: await page.getAttribute('#call', 'data-call')};
  },

  async expectTurns({count}) {
    await page.waitForFunction((n) => document.querySelectorAll('#waterfall .turn-row').length >= n
        && document.querySelectorAll('#transcript li[data-side="agent"]').length >= n, count, {timeout: waitMs});
    return page.evaluate(() => ({
      rows: [...document.querySelectorAll('#waterfall .turn-row')].map((row) => ({
        turn: Number(row.dataset.turn),
        ttfbMs: Number(row.dataset.ttfb),
        segments: [...row.querySelectorAll('[data-seg]')].map((segment) => segment.dataset.seg),
      })),
      caller: [...document.querySelectorAll('#transcript li[data-side="caller"] q')].map((q) => q.textContent),
      agent: [...document.querySelectorAll('#transcript li[data-side="agent"] q')].map((q) => q.textContent),
      tools: [...document.querySelectorAll('#transcript li[data-side="tool"]')].map((tool) => ({
        summary: tool.querySelector('summary').textContent,
        io: [...tool.querySelectorAll('pre')].map((pre) => pre.textContent),
      })),
      facts: Object.fromEntries([...document.querySelectorAll('#call-facts dt')]
        .map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
    }));
  },

  async screenshot({path}) {
    await page.screenshot({path, fullPage: true});
    return {path};
  },

  async hangUp({callSid}) {
    await page.click(`#live-calls li[data-call="${callSid}"] button`);
    await page.waitForSelector(`#call[data-call="${callSid}"]`, {timeout: waitMs});
    await page.click('#hangup');
    await page.waitForSelector(`#call[data-call="${callSid}"][data-state="ended"]`, {timeout: waitMs});
    await page.waitForSelector(`#live-calls li[data-call="${callSid}"][data-state="ended"]`, {timeout: waitMs});
    return {button: await page.textContent('#hangup')};
  },

  async expectRecord({callSid}) {
    // The record is written in batches after the call: search again until it is listed.
    await page.waitForFunction(async (sid) => {
      document.querySelector('#search button[type="submit"]').click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return document.querySelector(`#recent tr[data-call="${sid}"]`) !== null;
    }, callSid, {timeout: waitMs, polling: 1000});
    const cells = await page.$$eval(`#recent tr[data-call="${callSid}"] td`, (tds) => tds.map((td) => td.textContent));
    return {cells};
  },

  async close() {
    await context?.close();
    return {errors: pageErrors};
  },
};

const lines = createInterface({input: process.stdin});
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  let answer;
  try {
    answer = Object.assign({ok: true}, await commands[command.cmd](command));
  } catch (error) {
    answer = {ok: false, error: String(error && error.stack || error), errors: pageErrors};
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  if (command.cmd === 'close') break;
}
await context?.close().catch(() => {});
rmSync(profile, {recursive: true, force: true});
