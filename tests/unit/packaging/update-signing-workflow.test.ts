// How a release signs its updates: the workflow signs latest*.yml with the UPDATE_SIGNING_KEY secret
// after packaging and before the upload, uploads the signatures with them, and pins the Windows
// publisher name when one is given; electron-builder keeps the NSIS updater's signature check on.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
  jobs: { build: { steps: Step[] } };
};
const steps = workflow.jobs.build.steps;
const index = (name: string) => steps.findIndex((s) => s.name === name);

describe('update signing in the release workflow', () => {
  it('signs after every packaging step and before the upload, with the secret key', () => {
    const sign = index('Sign the update metadata');
    expect(sign).toBeGreaterThan(-1);
    const packaging = steps.flatMap((s, i) => (s.name?.startsWith('Package') ? [i] : []));
    expect(packaging.length).toBeGreaterThan(0);
    for (const i of packaging) expect(i).toBeLessThan(sign);
    expect(sign).toBeLessThan(index('Upload to the release'));
    const step = steps[sign]!;
    expect(step.env?.UPDATE_SIGNING_KEY).toBe('${{ secrets.UPDATE_SIGNING_KEY }}');
    expect(step.run).toContain('npx tsx tools/sign-update.ts sign dist');
    // A feed without the key fails the release instead of publishing unsigned metadata.
    expect(step.run).toMatch(/if \[ -z "\$\{UPDATE_SIGNING_KEY\}" \]; then[\s\S]*exit 1/);
  });

  it('uploads the signatures beside the metadata', () => {
    expect(steps[index('Upload to the release')]!.run).toContain('dist/latest*.yml.sig');
  });

  it('pins the Windows publisher name from its secret when signing for Windows', () => {
    const step = steps[index('Package (Windows, signed)')]!;
    expect(step.env?.WIN_PUBLISHER_NAME).toBe('${{ secrets.WIN_PUBLISHER_NAME }}');
    expect(step.run).toContain('-c.win.signtoolOptions.publisherName=${WIN_PUBLISHER_NAME}');
  });

  it('electron-builder keeps the NSIS updater checking the installer signature', () => {
    const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
      win: { verifyUpdateCodeSignature?: boolean };
    };
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
  });
});
