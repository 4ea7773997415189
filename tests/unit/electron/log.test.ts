// The shell's log on real files, through electron-log's Node logger (the same transports as its
// main-process logger, without Electron): the file is in <userData>/logs, rotates at 1 MB, and no
// line carries a secret.
import { mkdtempSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLog, LOG_MAX_BYTES, scrub } from '../../../src/main/electron/log';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-log-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('shell log', () => {
  it('writes to logs/main.log in the user-data folder', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'write' }), userData, { console: false });
    log.error('start failed:', 'TypeError');
    expect(log.folder).toBe(join(userData, 'logs'));
    const text = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/\[error\] start failed: TypeError/);
  });

  it('rotates past 1 MB into main.old.log, keeping the current file small', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'rotate' }), userData, { console: false });
    const line = 'x'.repeat(10_000);
    for (let i = 0; i < 120; i += 1) log.info(line);
    const current = join(userData, 'logs', 'main.log');
    expect(existsSync(join(userData, 'logs', 'main.old.log'))).toBe(true);
    expect(statSync(current).size).toBeLessThan(LOG_MAX_BYTES);
  });

  it('scrubs subscription links, tokens and password assignments from every line', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'scrub' }), userData, { console: false });
    const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjF9.c2lnbmF0dXJl#AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
    log.warn(`fetch https://panel.example.com/link/s3cr3tT0ken?client=meta failed`);
    log.error(new Error(`auth failed password=hunter2 token=${jwt}`));
    const text = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    for (const secret of ['s3cr3tT0ken', 'hunter2', 'eyJhbGciOiJIUzUxMiJ9', 'AbCdEfGhIj']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('/link/[hidden]');
    expect(text).toContain('password=[hidden]');
  });

  it('scrub leaves ordinary text alone', () => {
    expect(scrub('tray host missing; showing the window')).toBe('tray host missing; showing the window');
    expect(scrub('"apiKey": "abc123"')).toBe('"apiKey": "[hidden]"');
  });
});
