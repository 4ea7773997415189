// Types for node-runtime.mjs (plain JavaScript, since it runs before any dependency is loaded).
export declare const WANTED_NODE_MAJOR: number;
export declare function node24Prefix(home?: string): string;
export declare function node24Bin(home?: string): string;
export declare function node24InstallCommand(): string;
export type NodeDecision =
  { action: 'run' } | { action: 'reexec'; node: string } | { action: 'refuse'; message: string };
export declare function nodeDecision(input: {
  version: string;
  home: string;
  reexeced: boolean;
  exists?: (path: string) => boolean;
}): NodeDecision;
export declare function ensureNode24(entry: string): void;
