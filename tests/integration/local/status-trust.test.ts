// Who may talk on the status socket: only a client holding this run's key gets an answer, and the
// CLI believes only a server that holds it (a stand-in listening at the app's path is ignored).
// On POSIX the CLI also refuses a socket, or a folder, that is not the user's own and closed to
// others. Real sockets on loopback; the key file as the app writes it.
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { askStatus } from '../../../src/main/local/status-client';
import {
  askApp,
  createStatusKey,
  readStatusKey,
  startStatusServer,
  statusSocketPath,
  untrustedSocket,
  type StatusServer,
} from '../../../src/main/local/status-socket';
import { makeService, makeSnapshot, T0 } from '../../support/service';

const unix = process.platform !== 'win32';
const snapshot = makeSnapshot([makeService()], T0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-trust-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function app(userData: string): Promise<{ server: StatusServer; key: string }> {
  const key = createStatusKey(userData);
  const server = await startStatusServer({
    path: statusSocketPath(userData),
    key,
    profiles: () => [{ id: 'p1', name: 'Demo', kind: 'xmplus', snapshot, error: null }],
  });
  if (!server) throw new Error('status socket did not start');
  cleanups.push(() => server.close());
  return { server, key };
}

/** What a client without the key receives for a raw request line. */
function rawAsk(path: string, line: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const socket = createConnection(path);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(line));
    socket.on('data', (chunk: string) => (got += chunk));
    socket.on('close', () => resolve(got));
    socket.on('error', () => resolve(got));
  });
}

describe('the status socket and its key', () => {
  it('answers the key holder, and nothing to a client without the key or with another', async () => {
    const userData = folder();
    const { key } = await app(userData);
    expect(readStatusKey(userData)).toBe(key);
    expect((await askStatus(userData))?.[0]?.snapshot?.profileId).toBe('p1');

    const path = statusSocketPath(userData);
    expect(await rawAsk(path, 'status\n')).toBe('');
    expect(await rawAsk(path, `status ${'0'.repeat(32)} ${'0'.repeat(64)}\n`)).toBe('');
    expect(await askApp(path, 'status', 'f'.repeat(64))).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('the key file is 0600 (POSIX modes)', async () => {
    const userData = folder();
    await app(userData);
    expect(statSync(join(userData, 'status.key')).mode & 0o777).toBe(0o600);
  });

  it('does not believe a server at the app path that lacks the key', async () => {
    const userData = folder();
    createStatusKey(userData);
    const path = statusSocketPath(userData);
    // A stand-in that answers every request with a well-formed answer and a made-up proof.
    const profiles = [{ id: 'p1', name: 'Demo', kind: 'xmplus', snapshot, error: null }];
    const impostor: Server = createServer((socket) => {
      socket.once('data', () => socket.end(`${JSON.stringify({ profiles })}\n${'0'.repeat(64)}\n`));
    });
    await new Promise<void>((resolve) => impostor.listen(path, resolve));
    cleanups.push(() => new Promise<void>((resolve) => impostor.close(() => resolve())));
    expect(await askStatus(userData)).toBeNull();
  });

  it('a new start makes a new key: the old one no longer opens it', async () => {
    const userData = folder();
    const { key: first } = await app(userData);
    await cleanups.pop()!();
    const { key: second } = await app(userData);
    expect(second).not.toBe(first);
    expect(await askApp(statusSocketPath(userData), 'status', first)).toBeNull();
    expect(await askApp(statusSocketPath(userData), 'status', second)).not.toBeNull();
    expect(readFileSync(join(userData, 'status.key'), 'utf8').trim()).toBe(second);
  });
});

describe.skipIf(!unix)('the CLI checks the socket before it asks (POSIX)', () => {
  it('refuses a socket open to others, and a folder others may write', async () => {
    const userData = folder();
    await app(userData);
    const path = statusSocketPath(userData);
    expect(untrustedSocket(path)).toBeNull();

    chmodSync(path, 0o666);
    expect(untrustedSocket(path)).toBe('the socket is open to other users');
    expect(await askStatus(userData)).toBeNull();
    chmodSync(path, 0o600);

    chmodSync(userData, 0o777);
    expect(untrustedSocket(path)).toBe('other users may write its folder');
    expect(await askStatus(userData)).toBeNull();
    chmodSync(userData, 0o700);
    expect((await askStatus(userData))?.[0]?.snapshot?.profileId).toBe('p1');
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(
    'refuses a socket that another user owns (needs root to hand it over; skipped otherwise)',
    async () => {
      const userData = folder();
      await app(userData);
      const path = statusSocketPath(userData);
      chownSync(path, 65534, 65534);
      expect(untrustedSocket(path)).toBe('the socket belongs to another user');
      expect(await askStatus(userData)).toBeNull();
    },
  );
});
