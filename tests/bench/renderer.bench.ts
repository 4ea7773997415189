// renderer_initial_js_gzip_kb: the gzip size of the JavaScript the renderer loads before its first
// paint — the entry module and every module it imports statically (what index.html preloads),
// following import statements; lazily loaded pages (billing, export, charts...) are not counted.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Figure } from './run';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = join(root, 'out', 'renderer');

/** Static imports of an ES module (not dynamic import()). */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) found.add(match[1]!);
  for (const match of code.matchAll(/\bexport\s*[\w*{}\s,$]*from\s*["']([^"']+)["']/g)) found.add(match[1]!);
  return [...found];
}

export function initialScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const queue = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => resolve(dir, m[1]!));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !file.endsWith('.js')) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
    }
  }
  return [...seen];
}

export async function run(): Promise<Figure[]> {
  if (!existsSync(join(rendererDir, 'index.html')) || process.env.BENCH_REBUILD !== '0') {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
  }
  const files = initialScripts(rendererDir);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  return [{ name: 'renderer_initial_js_gzip_kb', value: bytes / 1024, unit: 'KiB', target: '<= 180' }];
}
