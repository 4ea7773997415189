#!/usr/bin/env node
// The package bin: runs the TypeScript CLI through tsx (a runtime dependency).
import { register } from 'tsx/esm/api';

register();
const { runCliFromProcess } = await import('../src/main/cli/index.ts');
await runCliFromProcess();
