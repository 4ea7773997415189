// Types for check-provider.mjs, so the Vite config and TypeScript tests can import it.
export declare function providerProblems(config: unknown): string[];
export declare function checkProviderFile(file: string): void;
export declare function providerCheck(file: string): { name: string; buildStart(): void };
