// `status --waybar` as the installed CLI runs it (cli-app.ts) when the running app does not answer:
// the status socket is asked once, not once for the printed line and again for the snapshot.
// Counted on a real Unix socket that accepts and never answers, as a hung app would.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli-app';
import { createStatusKey, statusSocketPath } from '../../../src/main/local/status-socket';

const unix = process.platform !== 'win32';

describe.skipIf(!unix)('status --waybar with an app that does not answer (Unix sockets)', () => {
  let dir: string;
  let server: Server;
  let connections = 0;
  const open: Socket[] = [];
  const saved = { ...process.env };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xmplus-waybar-'));
    connections = 0;
    server = createServer((socket) => {
      connections += 1;
      open.push(socket);
      socket.on('error', () => undefined);
    });
    // The app's key file names the socket; without it the CLI asks nothing.
    const key = createStatusKey(dir);
    const path = statusSocketPath(dir, process.platform, key);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    // As the app leaves it: the CLI asks only a socket no other user could have put there.
    chmodSync(path, 0o600);
    for (const name of Object.keys(process.env)) if (name.startsWith('XMPLUS_')) delete process.env[name];
    process.env.XMPLUS_CONFIG_DIR = dir;
  });

  afterEach(async () => {
    process.env = { ...saved };
    for (const socket of open.splice(0)) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('asks the socket once, then prints the error line a status bar shows', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runCli(['status', '--waybar']);
    expect(connections).toBe(1);
    expect(code).not.toBe(0);
    expect((JSON.parse(written.join('')) as { class: string }).class).toBe('error');
  });

  it('plain `status` (no fast path) still asks the app for its snapshot, once', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await runCli(['status']);
    expect(connections).toBe(1);
  });
});
