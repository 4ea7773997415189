// electron-updater's generic feed, with one difference: the channel's metadata (latest.yml and its
// kin) is used only when its detached Ed25519 signature (latest.yml.sig) verifies under the public
// key built into the app. getLatestVersion is the one place electron-updater reads the metadata
// (AppUpdater.getUpdateInfoAndProvider), and everything it later downloads, and the sha512 it checks
// each download against, comes from the UpdateInfo returned here: refusing here means nothing is
// downloaded. Plugged in through electron-updater's "custom" provider (providerFactory.createClient).
import electronUpdater, { type AppUpdater, type ResolvedUpdateFileInfo } from 'electron-updater';
import providerHelpers from 'electron-updater/out/providers/Provider.js';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider.js';
import type { CustomPublishOptions, UpdateInfo } from 'builder-util-runtime';
import type { KeyObject } from 'node:crypto';
import { readPublicKey, SIGNATURE_SUFFIX, verifyMetadata } from '../update-signature';

/** The options setFeedURL passes on to the provider's constructor. */
export interface SignedFeedOptions extends CustomPublishOptions {
  /** The feed folder (https). */
  url: string;
  /** The Ed25519 public key (SPKI PEM) the metadata must be signed with. */
  publicKey: string;
}

/** Thrown (and emitted by electron-updater as 'error') when the metadata is not signed by the key. */
export class UpdateSignatureError extends Error {
  readonly code = 'ERR_XMPLUS_UPDATE_SIGNATURE';
  constructor(file: string, why: string) {
    super(`${file}: ${why}; the update was not downloaded`);
    this.name = 'UpdateSignatureError';
  }
}

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;

export class SignedFeedProvider extends electronUpdater.Provider<UpdateInfo> {
  private readonly baseUrl: URL;
  private readonly key: KeyObject;
  private readonly updater: Pick<AppUpdater, 'channel'>;

  // electron-updater constructs it with whatever was given to setFeedURL: checked here, not trusted.
  constructor(
    options: CustomPublishOptions,
    updater: Pick<AppUpdater, 'channel'>,
    runtime: ProviderRuntimeOptions,
  ) {
    super(runtime);
    if (typeof options.url !== 'string' || typeof options.publicKey !== 'string')
      throw new UpdateSignatureError('update feed', 'the feed has no URL or no key');
    const key = readPublicKey(options.publicKey);
    if (!key.ok) throw new UpdateSignatureError('update key', key.error.message);
    this.key = key.value;
    this.updater = updater;
    // A folder: electron-updater resolves file names against it (util.newBaseUrl does the same).
    this.baseUrl = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  }

  /** latest.yml on Windows, latest-mac.yml, latest-linux.yml (latest-linux-arm64.yml ...). */
  get channelFile(): string {
    const channel = this.updater.channel;
    return `${channel ? this.getCustomChannelName(channel) : this.getDefaultChannelName()}.yml`;
  }

  private url(name: string, nonce: string): URL {
    const url = new URL(name, this.baseUrl);
    // One nonce for the pair, so a cache between here and the feed cannot hand back a stale
    // metadata file with a fresh signature or the other way round.
    url.search = `noCache=${nonce}`;
    return url;
  }

  async getLatestVersion(): Promise<UpdateInfo> {
    const file = this.channelFile;
    const nonce = Date.now().toString(32);
    const metadataUrl = this.url(file, nonce);
    const [metadata, signature] = await Promise.all([
      this.httpRequest(metadataUrl),
      this.httpRequest(this.url(`${file}${SIGNATURE_SUFFIX}`, nonce)).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      }),
    ]);
    if (metadata === null) throw new UpdateSignatureError(file, 'the feed sent no update information');
    if (signature === null)
      throw new UpdateSignatureError(file, `the feed has no ${file}${SIGNATURE_SUFFIX}`);
    // The executor hands back the body decoded as UTF-8; electron-builder writes the metadata as
    // UTF-8, so re-encoding gives the signed bytes (anything else fails verification, as it should).
    if (!verifyMetadata(this.key, file, Buffer.from(metadata, 'utf8'), signature))
      throw new UpdateSignatureError(file, "the signature does not match this app's update key");
    return providerHelpers.parseUpdateInfo(metadata, file, metadataUrl);
  }

  resolveFiles(updateInfo: UpdateInfo): ResolvedUpdateFileInfo[] {
    return providerHelpers.resolveFiles(updateInfo, this.baseUrl);
  }
}
