// The CLI in a checkout under an old system Node: the package bin (and `npm run cli`, which runs it)
// runs itself again under the Node set-up keeps in ~/.cache/node24, or says in one line which Node
// it needs. The decision is tested with made-up versions; the bin itself is started with the
// system's old Node where the machine has one, with HOME pointed at a folder that does or does not
// hold set-up's Node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node24Bin, nodeDecision, WANTED_NODE_MAJOR } from '../../../tools/node-runtime.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin', 'xmplus-tray.js');

describe('nodeDecision', () => {
  const home = '/home/someone';
  const node24 = join(node24Bin(home), 'node');

  it('runs under Node 24 and newer without looking for another Node', () => {
    const looked: string[] = [];
    const exists = (path: string) => (looked.push(path), true);
    expect(nodeDecision({ version: '24.3.0', home, reexeced: false, exists })).toEqual({ action: 'run' });
    expect(nodeDecision({ version: '25.0.0', home, reexeced: false, exists })).toEqual({ action: 'run' });
    expect(looked).toEqual([]);
  });

  it("runs again under set-up's Node when an older Node starts it and that Node is there", () => {
    const exists = (path: string) => path === node24;
    expect(nodeDecision({ version: '20.20.2', home, reexeced: false, exists })).toEqual({
      action: 'reexec',
      node: node24,
    });
  });

  it('refuses in one line, naming the Node it needs and the command that installs it', () => {
    const decision = nodeDecision({ version: '20.20.2', home, reexeced: false, exists: () => false });
    expect(decision.action).toBe('refuse');
    const message = decision.action === 'refuse' ? decision.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain(`Node ${WANTED_NODE_MAJOR} or newer`);
    expect(message).toContain('Node 20.20.2');
    expect(message).toContain(`npm install --prefix ~/.cache/node24 node@${WANTED_NODE_MAJOR}`);
  });

  it('never runs itself again twice (a broken Node 24 install is refused, not looped on)', () => {
    const decision = nodeDecision({ version: '20.20.2', home, reexeced: true, exists: () => true });
    expect(decision.action).toBe('refuse');
  });
});

/** The system's own Node when it is older than 24 (the case a newcomer meets), else null. */
function oldSystemNode(): { path: string; version: string } | null {
  const path = '/usr/bin/node';
  if (!existsSync(path)) return null;
  const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return Number(version.split('.')[0]) < WANTED_NODE_MAJOR ? { path, version } : null;
}
const oldNode = oldSystemNode();

describe.skipIf(!oldNode)(
  'the bin under an old system Node (runs only where /usr/bin/node is older than 24)',
  () => {
    const old = oldNode ?? { path: '', version: '' };
    let emptyHome: string;
    let setUpHome: string;

    beforeAll(() => {
      emptyHome = mkdtempSync(join(tmpdir(), 'xmplus-home-'));
      setUpHome = mkdtempSync(join(tmpdir(), 'xmplus-home-'));
      // Set-up's layout, with the Node running this test (24+) as the installed one.
      mkdirSync(node24Bin(setUpHome), { recursive: true });
      symlinkSync(process.execPath, join(node24Bin(setUpHome), 'node'));
    });
    afterAll(() => {
      rmSync(emptyHome, { recursive: true, force: true });
      rmSync(setUpHome, { recursive: true, force: true });
    });

    /** PATH with the old Node's folder first, as in a fresh terminal. */
    const env = (home: string) => ({
      ...process.env,
      HOME: home,
      PATH: ['/usr/bin', '/bin', process.env.PATH ?? ''].join(delimiter),
      XMPLUS_NODE_REEXEC: '',
    });

    it("runs the command under set-up's Node", () => {
      const run = spawnSync(old.path, [BIN, '--help'], { encoding: 'utf8', env: env(setUpHome) });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^Usage: xmplus-tray <command>/);
    });

    it('says in one line which Node it needs, without a stack trace, when set-up has not run', () => {
      const run = spawnSync(old.path, [BIN, 'status'], { encoding: 'utf8', env: env(emptyHome) });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        expect.stringContaining(`needs Node ${WANTED_NODE_MAJOR} or newer (this is Node ${old.version})`),
      ]);
    });

    it('`npm run cli` goes through the same bin', () => {
      const run = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: env(setUpHome),
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^Usage: xmplus-tray <command>/);
    });
  },
);
