// Types for after-pack.mjs, so TypeScript tests can import it.
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: {
    appInfo: { productFilename: string };
    executableName?: string;
    config?: { protocols?: unknown };
  };
}
export declare const FUSES: Record<string, unknown>;
export declare function executablePath(context: AfterPackContextLike): string;
export declare const URL_SCHEME_PATTERN: RegExp;
export declare function registeredSchemes(protocols: unknown): string[];
export declare function urlSchemeProblem(providerText: string | null, protocols: unknown): string | null;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
