import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialScripts, staticImports } from '../../bench/renderer.bench';

describe('renderer_initial_js_gzip_kb counts the first-paint graph only', () => {
  it('follows static imports and skips dynamic ones', () => {
    expect(
      staticImports(
        'import{a as b}from"./a.js";import"./side.js";const p=import("./lazy.js");export*from"./re.js"',
      ),
    ).toEqual(['./a.js', './side.js', './re.js']);
  });

  it('walks index.html entry and preloads through the import graph', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-renderer-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<script type="module" src="./assets/entry.js"></script><link rel="modulepreload" href="./assets/pre.js">',
    );
    writeFileSync(join(dir, 'assets', 'entry.js'), 'import{x}from"./dep.js";import("./page.js")');
    writeFileSync(join(dir, 'assets', 'dep.js'), 'export const x=1');
    writeFileSync(join(dir, 'assets', 'pre.js'), 'export const y=1');
    writeFileSync(join(dir, 'assets', 'page.js'), 'export default 1');
    expect(
      initialScripts(dir)
        .map((f) => basename(f))
        .sort(),
    ).toEqual(['dep.js', 'entry.js', 'pre.js']);
  });
});
