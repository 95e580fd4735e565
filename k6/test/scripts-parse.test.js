import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// k6 itself is not needed to build Firstbyte; this only proves the scripts are valid ES modules.
for (const script of ['twilio-call.js', 'booking-api.js']) {
  test(`${script} parses as an ES module`, () => {
    const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
    assert.doesNotThrow(() => execFileSync(process.execPath, ['--check', path], { stdio: 'pipe' }));
  });
}
