#!/usr/bin/env node
// The package bin in a git checkout: runs the TypeScript CLI through tsx (a dev dependency; the
// installed app runs its bundled copy, out/main/cli.js, instead).
import { register } from 'tsx/esm/api';

register();
const { runCliFromProcess } = await import('../src/main/cli/index.ts');
await runCliFromProcess();
