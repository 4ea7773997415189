// electron-builder afterPack hook: flips Electron's fuses on the packaged app only (a dev run keeps
// the stock binary). Runs after the files are copied and before signing, so the signature covers
// the flipped binary. What each fuse closes is said beside it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** electron-builder's Arch enum values that contain an arm64 slice (arm64 = 3, universal = 4). */
const ARM64_ARCHES = new Set([3, 4]);

export const FUSES = {
  version: FuseVersion.V1,
  // No ELECTRON_RUN_AS_NODE: the signed binary cannot be used as a plain Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk encrypted with the OS key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect* cannot inject code into the main process (and SIGUSR1 starts no
  // inspector); Chromium's --remote-debugging-* has no fuse: electron/launch-switches.ts refuses it.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows) ...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ... and code is loaded only from it, not from a loose app/ folder put beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// pages get no more than a browser gives them. Nothing needs more: the window loads
  // app://renderer/ (electron/protocol.ts), whose handler reads files with net.fetch in the main
  // process, and net.fetch of a file: URL keeps its asar-aware loader whatever this fuse says
  // (Electron's SimpleURLLoaderWrapper::GetURLLoaderFactoryForURL).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The binary that carries the fuse wire, per platform (the .app bundle on macOS: fuses finds the framework). */
export function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
  }
}

/**
 * Null when the binary carries a fuse wire; otherwise why it cannot be flipped. A stub Electron
 * (the packaging test's electronDist of placeholder files) has none. XMPLUS_REQUIRE_FUSES=1 (the
 * release workflow) turns the skip into a failure, so a release never ships unflipped.
 */
export async function fuseWireMissing(path) {
  try {
    await getCurrentFuseWire(path);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** = URL_SCHEME_PATTERN in src/main/app-link.ts (a unit test holds the two together). */
export const URL_SCHEME_PATTERN = /^[a-z][a-z0-9+.-]{2,39}$/;
const DEFAULT_URL_SCHEME = 'xmplus-tray';

/** The schemes electron-builder's `protocols` (one object or a list) registers. */
export function registeredSchemes(protocols) {
  const list = Array.isArray(protocols) ? protocols : protocols ? [protocols] : [];
  return list.flatMap((p) => (Array.isArray(p?.schemes) ? p.schemes.map(String) : []));
}

/**
 * Null when the scheme provider.json names (or the default) is valid and registered by the package;
 * otherwise why not. The app answers only the scheme it registers, so a mismatch would ship a build
 * whose "Add to …" links open nothing.
 */
export function urlSchemeProblem(providerText, protocols) {
  let scheme = DEFAULT_URL_SCHEME;
  if (providerText !== null) {
    let parsed;
    try {
      parsed = JSON.parse(providerText);
    } catch {
      return null; // an unreadable provider.json is an unbranded build (src/main/provider.ts)
    }
    if (parsed && typeof parsed === 'object' && 'urlScheme' in parsed) {
      if (typeof parsed.urlScheme !== 'string' || !URL_SCHEME_PATTERN.test(parsed.urlScheme.trim()))
        return `provider.json urlScheme ${JSON.stringify(parsed.urlScheme)} is not a valid scheme (${URL_SCHEME_PATTERN})`;
      scheme = parsed.urlScheme.trim();
    }
  }
  const schemes = registeredSchemes(protocols);
  return schemes.includes(scheme)
    ? null
    : `the app answers ${scheme}:// links, but electron-builder.yml protocols registers ${schemes.join(', ') || 'none'}`;
}

function packagedProviderFile(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const resources =
    electronPlatformName === 'darwin' || electronPlatformName === 'mas'
      ? join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : join(appOutDir, 'resources');
  return join(resources, 'provider.json');
}

export async function afterPack(context) {
  const providerFile = packagedProviderFile(context);
  const problem = urlSchemeProblem(
    existsSync(providerFile) ? readFileSync(providerFile, 'utf8') : null,
    context.packager.config?.protocols,
  );
  if (problem !== null) throw new Error(`after-pack: ${problem}`);
  const target = executablePath(context);
  const missing = await fuseWireMissing(target);
  if (missing !== null) {
    if (process.env.XMPLUS_REQUIRE_FUSES === '1') throw new Error(`after-pack: ${target}: ${missing}`);
    console.log(`after-pack: fuses not flipped on ${target}: not a real Electron binary (${missing})`);
    return;
  }
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Flipping bytes breaks the ad-hoc signature arm64 macOS requires to launch at all; re-sign ad hoc
  // (the real signature, when there is one, is applied after this hook).
  const resetAdHocDarwinSignature = isMac && ARM64_ARCHES.has(context.arch);
  await flipFuses(target, { ...FUSES, resetAdHocDarwinSignature });
}

export default afterPack;
