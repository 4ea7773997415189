// What CI installs and sets up outside the workflows: the Debian packages `.ci/run` and
// tools/setup.mjs install for the tests (one list, also in README "Requirements"), and
// tools/ci-keychain.sh, the macOS runner's throwaway keychain, run here against a stand-in
// `security` that records what it is asked.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the Debian packages for the tests', () => {
  const ciRun =
    read('.ci/run')
      .match(/^packages=\(([^)]*)\)$/m)?.[1]
      ?.trim()
      .split(/\s+/) ?? [];
  const setup = read('tools/setup.mjs');
  /** The quoted names in the array literal that `head` opens. */
  const names = (head: RegExp) =>
    [...(setup.match(new RegExp(`${head.source}\\[([^\\]]*)\\]`))?.[1] ?? '').matchAll(/'([^']+)'/g)].map(
      (m) => m[1]!,
    );
  const build = names(/const BUILD = /);
  const testList = names(/\btest: /);
  const setupTest = [...build, ...testList];

  it('.ci/run and tools/setup.mjs install the same list', () => {
    expect(ciRun.length).toBeGreaterThan(10);
    expect(setup).toContain('...BUILD,');
    expect([...setupTest].sort()).toEqual([...ciRun].sort());
  });

  it('include x11-utils (xwininfo and xprop), which README names too', () => {
    expect(ciRun).toContain('x11-utils');
    expect(setupTest).toContain('x11-utils');
    expect(read('README.md')).toMatch(/`x11-utils` \(`xwininfo` and `xprop`/);
  });
});

const bash = process.platform === 'win32' ? it.skip : it;

describe('tools/ci-keychain.sh', () => {
  const SCRIPT = join(ROOT, 'tools', 'ci-keychain.sh');

  /** Runs the script with `uname` saying `os` and a `security` that logs its arguments. */
  function run(os: string) {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-keychain-'));
    const bin = join(dir, 'bin');
    const temp = join(dir, 'runner temp');
    mkdirSync(bin);
    mkdirSync(temp);
    const log = join(dir, 'log');
    const tool = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    tool('uname', `echo ${os}`);
    tool('openssl', 'echo 0123456789abcdef0123456789abcdef');
    tool(
      'security',
      [
        `for a in "$@"; do printf '%s|' "$a"; done >> '${log}'`,
        `echo >> '${log}'`,
        'if [ "$1" = list-keychains ] && [ "$#" -eq 3 ]; then',
        `  printf '    "/Users/runner/Library/Keychains/login.keychain-db"\\n    "/Library/Keychains/A B.keychain"\\n'`,
        'fi',
      ].join('\n'),
    );
    const result = spawnSync('bash', [SCRIPT], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, RUNNER_TEMP: temp },
    });
    let calls: string[][] = [];
    try {
      calls = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('|').slice(0, -1));
    } catch {
      // no `security` call at all
    }
    return { result, calls, keychain: join(temp, 'xmplus-ci.keychain-db') };
  }

  bash('is executable', () => {
    expect(statSync(SCRIPT).mode & 0o111).not.toBe(0);
  });

  bash('does nothing off macOS', () => {
    const { result, calls } = run('Linux');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/not macOS/);
    expect(calls).toEqual([]);
  });

  bash('on macOS: an unlocked keychain in RUNNER_TEMP, first in the search list, the default', () => {
    const { result, calls, keychain } = run('Darwin');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pw = '0123456789abcdef0123456789abcdef';
    expect(calls).toEqual([
      ['create-keychain', '-p', pw, keychain],
      ['set-keychain-settings', '-lut', '21600', keychain],
      ['unlock-keychain', '-p', pw, keychain],
      ['list-keychains', '-d', 'user'],
      [
        'list-keychains',
        '-d',
        'user',
        '-s',
        keychain,
        '/Users/runner/Library/Keychains/login.keychain-db',
        '/Library/Keychains/A B.keychain',
      ],
      ['default-keychain', '-d', 'user', '-s', keychain],
      ['list-keychains', '-d', 'user'],
    ]);
    expect(result.stdout).not.toContain(pw);
  });
});
