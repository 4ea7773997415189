// Every file the app and the CLI write is the user's alone (0600) in folders of the user's alone
// (0700), on real files: the settings through electron-store and through the CLI's file store, the
// safeStorage secrets file, the log, exports and the autostart entry. A file replaced keeps the
// narrow mode even when the one before was wider. POSIX modes only: Windows has no mode bits
// (files under %APPDATA% are guarded by the profile's ACL), so these tests skip there.
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openElectronStore } from '../../../src/main/electron/store';
import { configureLog } from '../../../src/main/electron/log';
import { writeFilesAtomically } from '../../../src/main/export/write';
import { ensurePrivateDir } from '../../../src/main/private-files';
import { safeStorageBackend } from '../../../src/main/secrets';
import { openFileStore, quarantineIfCorrupt, writeFileAtomic } from '../../../src/main/settings/store';
import { setLinuxAutostart } from '../../../src/main/xdg-autostart';

// electron-store reads Electron's app only when no absolute folder is given; the folder is given here.
vi.mock('electron', () => ({ default: {} }));

const mode = (path: string) => statSync(path).mode & 0o777;
const fresh = () => mkdtempSync(join(tmpdir(), 'xmplus-modes-'));

// A common umask (022) would leave an unguarded file 0644 and folder 0755: set it so the test does
// not pass by an accident of the machine's own umask.
let umaskBefore: number | null = null;
beforeAll(() => {
  umaskBefore = process.umask(0o022);
});
afterAll(() => {
  if (umaskBefore !== null) process.umask(umaskBefore);
});

describe.skipIf(process.platform === 'win32')('file modes (POSIX; Windows has no mode bits)', () => {
  it('electron-store writes config.json 0600 and narrows one an older version left 0644', () => {
    const dir = fresh();
    const opened = openElectronStore(dir, 'config');
    opened.store.set('settings', { theme: 'dark' });
    expect(mode(join(dir, 'config.json'))).toBe(0o600);

    const old = fresh();
    writeFileSync(join(old, 'config.json'), '{}', { mode: 0o644 });
    chmodSync(join(old, 'config.json'), 0o644);
    openElectronStore(old, 'config');
    expect(mode(join(old, 'config.json'))).toBe(0o600);
  });

  it("the CLI's store writes 0600 in a 0700 folder, and a replaced 0644 file comes back 0600", () => {
    const dir = join(fresh(), 'XMPlus Tray');
    const file = join(dir, 'config.json');
    openFileStore(file).store.set('settings', { theme: 'dark' });
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);

    chmodSync(file, 0o644);
    chmodSync(dir, 0o755);
    writeFileAtomic(file, '{"settings":{}}');
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('a damaged settings file moved aside is narrowed to 0600 too', () => {
    const dir = fresh();
    const file = join(dir, 'config.json');
    writeFileSync(file, '{ truncated', { mode: 0o644 });
    chmodSync(file, 0o644);
    const aside = quarantineIfCorrupt(file);
    expect(aside).not.toBeNull();
    expect(mode(aside!)).toBe(0o600);
  });

  it('ensurePrivateDir creates 0700 and narrows an existing 0755 folder', () => {
    const dir = join(fresh(), 'made');
    ensurePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
    const wide = join(fresh(), 'wide');
    mkdirSync(wide, { mode: 0o755 });
    chmodSync(wide, 0o755);
    ensurePrivateDir(wide);
    expect(mode(wide)).toBe(0o700);
  });

  it('the safeStorage secrets file is 0600 in a 0700 folder', async () => {
    const dir = join(fresh(), 'nested');
    const file = join(dir, 'secrets.json');
    const safe = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
    };
    await safeStorageBackend(safe, file)!.set('service', 'account', 'value');
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('the log file is 0600 in a 0700 logs folder', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'modes' }), userData, { console: false });
    log.info('started');
    expect(mode(join(userData, 'logs', 'main.log'))).toBe(0o600);
    expect(mode(join(userData, 'logs'))).toBe(0o700);
  });

  it('export files are 0600', async () => {
    const dir = fresh();
    const written = await writeFilesAtomically(dir, [
      { name: 'servers.txt', data: 'vless://uuid@host:443#x\n' },
      { name: 'qr.png', data: Buffer.from([0x89, 0x50]) },
    ]);
    expect(written.ok).toBe(true);
    expect(mode(join(dir, 'servers.txt'))).toBe(0o600);
    expect(mode(join(dir, 'qr.png'))).toBe(0o600);
  });

  it('the XDG autostart entry is 0600', () => {
    const config = fresh();
    const file = setLinuxAutostart(
      true,
      { name: 'XMPlus Tray', exec: '/usr/bin/xmplus-tray', args: ['--hidden'], icon: 'xmplus-tray' },
      { XDG_CONFIG_HOME: config },
    );
    expect(mode(file)).toBe(0o600);
  });
});
