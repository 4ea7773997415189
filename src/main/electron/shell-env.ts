// Development overrides read from the environment, and only in a development run: a packaged app
// (app.isPackaged) ignores them all. ELECTRON_RENDERER_URL would load a remote page with the whole
// window.xmplus bridge; XMPLUS_PROVIDER_FILE would point the update feed elsewhere; XMPLUS_CONFIG_DIR
// would move the profile. Any launcher could set them for an installed app.
export interface ShellOverrides {
  /** The electron-vite dev server (`npm run dev`). */
  devServerUrl: string | undefined;
  /** Another profile folder (the demo's throwaway one). */
  configDir: string | undefined;
  /** Another provider.json (the demo's simulator panel). */
  providerFile: string | undefined;
}

export const NO_OVERRIDES: ShellOverrides = {
  devServerUrl: undefined,
  configDir: undefined,
  providerFile: undefined,
};

export function shellOverrides(isPackaged: boolean, env: Record<string, string | undefined>): ShellOverrides {
  if (isPackaged) return NO_OVERRIDES;
  const value = (name: string) => (env[name] ? env[name] : undefined);
  return {
    devServerUrl: value('ELECTRON_RENDERER_URL'),
    configDir: value('XMPLUS_CONFIG_DIR'),
    providerFile: value('XMPLUS_PROVIDER_FILE'),
  };
}
