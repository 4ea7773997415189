// `npm run sim` (tools/panel-sim/cli.ts) prints one JSON line with the demo login first, and
// serves a working panel at that url.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { md5 } from './helpers';

describe('panel-sim CLI', () => {
  it('prints the JSON line first, then serves the panel until signalled', async () => {
    // Own process group, so the signal reaches the simulator behind npx and tsx.
    const child = spawn('npx', ['tsx', 'tools/panel-sim/cli.ts', '--port', '0', '--token-ttl', '600'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited early with ${String(code)}`)));
      });
      const info = JSON.parse(first) as Record<string, string>;
      expect(Object.keys(info)).toEqual(['url', 'apiKey', 'email', 'password']);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.email).toBe('demo@example.com');

      const res = await fetch(`${info.url}/api/client/token`, {
        method: 'POST',
        headers: { 'xmplus-authorization': md5(info.apiKey ?? '') },
      });
      const token = ((await res.json()) as { data: { token: string } }).data.token;
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
      expect(claims.exp - claims.iat).toBe(600);
      // The request is logged after the JSON line.
      const logged = await new Promise<string>((resolve) => lines.once('line', resolve));
      expect(logged).toContain('/api/client/token 200');
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });

  it('--subscriptions also serves the subscription simulator and lists each family’s demo link', async () => {
    const child = spawn('npx', ['tsx', 'tools/panel-sim/cli.ts', '--port', '0', '--subscriptions'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited early with ${String(code)}`)));
      });
      const info = JSON.parse(first) as { subscriptions: Record<string, string> };
      expect(Object.keys(info.subscriptions)).toEqual([
        'marzban',
        'marzneshin',
        'pasarguard',
        '3x-ui',
        'remnawave',
        'xboard',
        'sspanel',
        'hiddify',
        'xmplus',
      ]);
      const res = await fetch(info.subscriptions.marzban ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('subscription-userinfo')).toMatch(
        /^upload=0; download=\d+; total=\d+; expire=\d+$/,
      );
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });
});
