// Types for after-pack.mjs, so TypeScript tests can import it.
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export declare const FUSES: Record<string, unknown>;
export declare function executablePath(context: AfterPackContextLike): string;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
