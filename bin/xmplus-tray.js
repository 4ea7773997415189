#!/usr/bin/env node
// The package bin in a git checkout: runs the TypeScript CLI through tsx (a dev dependency; the
// installed app runs its bundled copy, out/main/cli.js, instead). Under a Node older than 24 it runs
// itself again under the Node set-up installed, or says in one line which Node it needs: the
// dependencies crash on older ones with a stack trace that tells a newcomer nothing.
import { fileURLToPath } from 'node:url';
import { ensureNode24 } from '../tools/node-runtime.mjs';

ensureNode24(fileURLToPath(import.meta.url));
const { register } = await import('tsx/esm/api');
register();
const { runCliFromProcess } = await import('../src/main/cli/index.ts');
await runCliFromProcess();
