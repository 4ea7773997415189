// The Linux autostart entry on real files in a temporary XDG_CONFIG_HOME: where it goes, what it
// says (Exec quoting per the Desktop Entry spec), atomic replacement, removal.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartDir,
  desktopEntry,
  isLinuxAutostartOn,
  launchTarget,
  quoteExecArg,
  setLinuxAutostart,
} from '../../../src/main/xdg-autostart';

let root: string;
let env: Record<string, string | undefined>;
const options = {
  name: 'XMPlus Tray',
  exec: '/opt/XMPlus Tray/xmplus-tray',
  args: ['--hidden'],
  icon: 'xmplus-tray',
};

/** Parses a .desktop file's [Desktop Entry] group into key -> raw value. */
function parseEntry(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => l !== '');
  expect(lines[0]).toBe('[Desktop Entry]');
  return Object.fromEntries(
    lines.slice(1).map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
}

/** Undoes the spec's two layers: value escapes, then Exec argument quoting. */
function splitExec(value: string): string[] {
  const unescaped = value.replace(
    /\\([\\sntr])/g,
    (_m, c: string) => ({ '\\': '\\', s: ' ', n: '\n', t: '\t', r: '\r' })[c]!,
  );
  const args: string[] = [];
  let i = 0;
  while (i < unescaped.length) {
    if (unescaped[i] === ' ') {
      i += 1;
      continue;
    }
    let arg = '';
    if (unescaped[i] === '"') {
      i += 1;
      while (unescaped[i] !== '"') {
        if (i >= unescaped.length) throw new Error('unterminated quote');
        if (unescaped[i] === '\\') i += 1;
        arg += unescaped[i];
        i += 1;
      }
      i += 1;
    } else {
      while (i < unescaped.length && unescaped[i] !== ' ') arg += unescaped[i++];
    }
    args.push(arg.replace(/%%/g, '%'));
  }
  return args;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'xmplus-autostart-'));
  env = { XDG_CONFIG_HOME: join(root, 'config'), HOME: join(root, 'home') };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('autostart folder', () => {
  it('uses XDG_CONFIG_HOME, and ~/.config when it is unset, empty or relative', () => {
    expect(autostartDir(env)).toBe(join(root, 'config', 'autostart'));
    expect(autostartDir({ HOME: '/home/u' })).toBe('/home/u/.config/autostart');
    expect(autostartDir({ HOME: '/home/u', XDG_CONFIG_HOME: '' })).toBe('/home/u/.config/autostart');
    expect(autostartDir({ HOME: '/home/u', XDG_CONFIG_HOME: 'rel/cfg' })).toBe('/home/u/.config/autostart');
  });
});

describe('setLinuxAutostart on real files', () => {
  it('writes a valid entry that launches the app hidden, and removes it when off', () => {
    expect(isLinuxAutostartOn(env)).toBe(false);
    const file = setLinuxAutostart(true, options, env);
    expect(file).toBe(join(root, 'config', 'autostart', 'dev.xmplus.tray.desktop'));
    expect(isLinuxAutostartOn(env)).toBe(true);
    const entry = parseEntry(readFileSync(file, 'utf8'));
    expect(entry).toMatchObject({
      Type: 'Application',
      Name: 'XMPlus Tray',
      Icon: 'xmplus-tray',
      Terminal: 'false',
      'X-GNOME-Autostart-enabled': 'true',
    });
    expect(splitExec(entry.Exec!)).toEqual(['/opt/XMPlus Tray/xmplus-tray', '--hidden']);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    setLinuxAutostart(false, options, env);
    expect(isLinuxAutostartOn(env)).toBe(false);
    // Turning off twice, or when never on, is fine.
    expect(() => setLinuxAutostart(false, options, env)).not.toThrow();
  });

  it('replaces an existing entry whole and leaves no temporary file behind', () => {
    const dir = join(root, 'config', 'autostart');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dev.xmplus.tray.desktop'), '[Desktop Entry]\nExec=/old/path\nHidden=true\n');
    setLinuxAutostart(true, { ...options, exec: '/new/app' }, env);
    const text = readFileSync(join(dir, 'dev.xmplus.tray.desktop'), 'utf8');
    expect(text).not.toContain('/old/path');
    expect(text).not.toContain('Hidden=true');
    expect(readdirSync(dir)).toEqual(['dev.xmplus.tray.desktop']);
  });

  it('leaves other autostart entries alone', () => {
    const dir = join(root, 'config', 'autostart');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'other.desktop'), 'x');
    setLinuxAutostart(true, options, env);
    setLinuxAutostart(false, options, env);
    expect(readdirSync(dir)).toEqual(['other.desktop']);
  });
});

describe('Exec quoting (Desktop Entry spec)', () => {
  it.each([
    ['/usr/bin/xmplus-tray', '/usr/bin/xmplus-tray'],
    ['--hidden', '--hidden'],
    ['/opt/My App/app', '"/opt/My App/app"'],
    ['/home/u/100%/app', '/home/u/100%%/app'],
    ['/tmp/a"b', '"/tmp/a\\"b"'],
    ['/tmp/$HOME`x`', '"/tmp/\\$HOME\\`x\\`"'],
    ['/tmp/back\\slash', '"/tmp/back\\\\slash"'],
    ['', '""'],
  ])('%s -> %s', (arg, quoted) => {
    expect(quoteExecArg(arg)).toBe(quoted);
  });

  it('round-trips awkward paths through both escaping layers', () => {
    for (const exec of [
      '/opt/A B/C',
      "/home/o'neil/x.AppImage",
      '/p/50% off/$x',
      '/w/back\\slash "q"',
      '/t/tab\there',
    ]) {
      const entry = parseEntry(desktopEntry({ ...options, exec }));
      expect(splitExec(entry.Exec!)).toEqual([exec, '--hidden']);
    }
  });

  it('writes a literal backslash in a quoted path as four backslashes', () => {
    expect(parseEntry(desktopEntry({ ...options, exec: '/a b/c\\d' })).Exec).toBe(
      '"/a b/c\\\\\\\\d" --hidden',
    );
  });

  it('keeps a newline in the name from starting a new key', () => {
    const text = desktopEntry({ ...options, name: 'Evil\nExec=/bin/rm' });
    expect(text.split('\n').filter((l) => l.startsWith('Exec='))).toHaveLength(1);
  });
});

describe('launchTarget', () => {
  it('prefers the AppImage path (the mount point moves every run), else the executable', () => {
    expect(launchTarget({ APPIMAGE: '/home/u/Apps/XMPlus.AppImage' }, '/tmp/.mount_X/xmplus-tray')).toBe(
      '/home/u/Apps/XMPlus.AppImage',
    );
    expect(launchTarget({}, '/opt/XMPlus Tray/xmplus-tray')).toBe('/opt/XMPlus Tray/xmplus-tray');
    expect(launchTarget({ APPIMAGE: 'relative.AppImage' }, '/opt/x')).toBe('/opt/x');
  });
});
