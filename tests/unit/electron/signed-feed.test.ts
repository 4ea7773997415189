// The signed feed against a real HTTP server on loopback, through electron-updater's own AppUpdater
// (AppImageUpdater, its Linux updater) and its HttpExecutor request code: only Electron's network
// transport is replaced by node:http (the Electron binary is not available here). A feed signed with
// the app's key offers its update; a tampered one, one signed with another key, and one without a
// signature are refused with nothing fetched but the metadata and its signature. After a verified
// check, the download is the installer whose sha512 the signed metadata names, or it fails.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, request, type ClientRequest, type RequestOptions, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import electronUpdater, { type AppUpdater } from 'electron-updater';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signMetadata } from '../../../src/main/update-signature';
import { UpdateSignatureError } from '../../../src/main/electron/signed-feed';
import { signedFeedOptions } from '../../../src/main/electron/updater';

/** electron-updater's request logic over node:http instead of Electron's net module. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }

  /** As ElectronHttpExecutor.download does: the base class's doDownload, which checks the sha512. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return new Promise((resolve, reject) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel: () => undefined,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

/** What electron-builder writes for a Linux AppImage (the shape of a real latest-linux.yml). */
const METADATA = [
  'version: 0.2.0',
  'files:',
  '  - url: XMPlus Tray-0.2.0-x86_64.AppImage',
  '    sha512: q2Xb4Nq3wQ0t2yS3P2gVbXo3m7ZQy0m6w8h3cY2Vx1mJ8o9vQf0dJ2l3k4n5p6r7s8t9u0v1w2x3y4z5A6B7C8D9==',
  '    size: 104857600',
  'path: XMPlus Tray-0.2.0-x86_64.AppImage',
  'sha512: q2Xb4Nq3wQ0t2yS3P2gVbXo3m7ZQy0m6w8h3cY2Vx1mJ8o9vQf0dJ2l3k4n5p6r7s8t9u0v1w2x3y4z5A6B7C8D9==',
  "releaseDate: '2026-12-01T10:00:00.000Z'",
  '',
].join('\n');

let server: Server;
let base: string;
/** The feed's files by path under /feed/, and every path asked for. */
let served: Map<string, string | Buffer>;
let asked: string[];
let work: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(decodeURIComponent(path));
    const body = served.get(decodeURIComponent(path));
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  served = new Map();
  asked = [];
  work = mkdtempSync(join(tmpdir(), 'xmplus-feed-'));
  // The Linux updater runs only inside an AppImage; x64 makes the channel file latest-linux.yml.
  vi.stubEnv('APPIMAGE', join(work, 'XMPlus Tray.AppImage'));
  vi.stubEnv('TEST_UPDATER_ARCH', 'x64');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(work, { recursive: true, force: true });
});

/** A real AppImageUpdater for an installed 0.1.0, on the signed feed, as createUpdater sets it up. */
function updaterFor(publicPem: string): { updater: AppUpdater; events: string[] } {
  const updater = new electronUpdater.AppImageUpdater(null, {
    version: '0.1.0',
    name: 'XMPlus Tray',
    isPackaged: true,
    appUpdateConfigPath: join(work, 'app-update.yml'),
    userDataPath: work,
    baseCachePath: work,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  });
  // electron-updater names its download cache folder after app-update.yml (electron-builder writes it).
  writeFileSync(
    join(work, 'app-update.yml'),
    'provider: generic\nurl: https://updates.invalid/\nupdaterCacheDirName: xmplus-tray-updater\n',
  );
  updater.logger = null;
  updater.autoDownload = false;
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor();
  updater.setFeedURL(signedFeedOptions({ url: base, publicKey: publicPem }));
  const events: string[] = [];
  for (const name of ['update-available', 'update-not-available', 'error', 'download-progress'] as const)
    updater.on(name, () => events.push(name));
  return { updater, events };
}

const publish = (metadata: string, signedWith: KeyObject | null, signedText = metadata) => {
  served.set('/feed/latest-linux.yml', metadata);
  if (signedWith)
    served.set(
      '/feed/latest-linux.yml.sig',
      signMetadata(signedWith, 'latest-linux.yml', Buffer.from(signedText)),
    );
};
const ONLY_METADATA = ['/feed/latest-linux.yml', '/feed/latest-linux.yml.sig'];

describe('a feed on loopback, through electron-updater', () => {
  const app = keyPair();

  it('good: signed with the app key, the update is offered with the signed file list', async () => {
    publish(METADATA, app.privateKey);
    const { updater, events } = updaterFor(app.publicPem);
    const result = await updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(true);
    expect(result?.updateInfo.version).toBe('0.2.0');
    expect(result?.updateInfo.files[0]?.url).toBe('XMPlus Tray-0.2.0-x86_64.AppImage');
    expect(events).toEqual(['update-available']);
    expect(asked.sort()).toEqual(ONLY_METADATA);
  });

  it('tampered: a metadata file changed after signing (another sha512) is refused, nothing downloaded', async () => {
    publish(METADATA.replaceAll('q2Xb4Nq3', 'EVILEVIL'), app.privateKey, METADATA);
    const { updater, events } = updaterFor(app.publicPem);
    const refused = updater.checkForUpdates();
    await expect(refused).rejects.toBeInstanceOf(UpdateSignatureError);
    await expect(refused).rejects.toThrow(/latest-linux\.yml: the signature does not match/);
    expect(events).toEqual(['error']);
    expect(asked.sort()).toEqual(ONLY_METADATA);
  });

  it('wrong key: metadata signed with a key other than the pinned one is refused', async () => {
    publish(METADATA, keyPair().privateKey);
    const { updater, events } = updaterFor(app.publicPem);
    await expect(updater.checkForUpdates()).rejects.toBeInstanceOf(UpdateSignatureError);
    expect(events).toEqual(['error']);
    expect(asked.sort()).toEqual(ONLY_METADATA);
  });

  it('unsigned: a feed without the .sig file is refused', async () => {
    publish(METADATA, null);
    const { updater, events } = updaterFor(app.publicPem);
    await expect(updater.checkForUpdates()).rejects.toThrow(/has no latest-linux\.yml\.sig/);
    expect(events).toEqual(['error']);
  });

  it("another platform's signed metadata served as this platform's is refused", async () => {
    served.set('/feed/latest-linux.yml', METADATA);
    served.set(
      '/feed/latest-linux.yml.sig',
      signMetadata(app.privateKey, 'latest.yml', Buffer.from(METADATA)),
    );
    const { updater } = updaterFor(app.publicPem);
    await expect(updater.checkForUpdates()).rejects.toBeInstanceOf(UpdateSignatureError);
  });
});

describe('after a verified check, the download is held to the signed sha512', () => {
  const app = keyPair();
  const installer = Buffer.from('#!/bin/sh\n# the provider build of 0.2.0\n'.repeat(200));
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const metadata = [
    'version: 0.2.0',
    'files:',
    '  - url: XMPlus Tray-0.2.0-x86_64.AppImage',
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    'path: XMPlus Tray-0.2.0-x86_64.AppImage',
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');

  const downloadFrom = async (served: Buffer) => {
    publish(metadata, app.privateKey);
    servedInstaller(served);
    const { updater } = updaterFor(app.publicPem);
    // Whole-file download: there is no installed AppImage here to take blocks from.
    updater.disableDifferentialDownload = true;
    await updater.checkForUpdates();
    return updater.downloadUpdate();
  };
  const servedInstaller = (bytes: Buffer) => served.set('/feed/XMPlus Tray-0.2.0-x86_64.AppImage', bytes);

  it('the installer the provider signed for is downloaded', async () => {
    const [file] = await downloadFrom(installer);
    expect(readFileSync(file!)).toEqual(installer);
  });

  it('a swapped installer behind signed metadata fails the sha512 check', async () => {
    const swapped = Buffer.from(installer);
    swapped[10] = 0x41;
    await expect(downloadFrom(swapped)).rejects.toThrow(/sha512 checksum mismatch/);
  });
});
