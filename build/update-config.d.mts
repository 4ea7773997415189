// Types for update-config.mjs, for electron.vite.config.ts, tools and tests.
export interface UpdateConfig {
  /** The feed folder, https, ending in '/'. */
  feedUrl: string;
  /** The Ed25519 public key (SPKI PEM) the feed's metadata must be signed with. */
  publicKey: string;
}
export declare const PUBLIC_KEY_FILE: string;
export declare const PUBLIC_KEY_ENV: string;
export declare function readUpdateConfig(
  root: string,
  env?: Record<string, string | undefined>,
): UpdateConfig | null;
