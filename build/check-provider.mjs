// Build-time check of resources/provider.json, run by electron.vite.config.ts when the app is built
// (npm run build / dist). A client API key is sent (as its md5) to the panel it is used with, so a
// branded key must be tied to the provider's own panel: a key with no panelUrl would go to whatever
// address a user types, a look-alike "mirror" included. The app enforces the same rule when it reads
// the file (src/main/provider.ts); failing the build tells the provider before anyone installs it.
import { existsSync, readFileSync } from 'node:fs';

/** What is wrong with a parsed provider.json, in words for the person building; [] when nothing. */
export function providerProblems(config) {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return ['provider.json must hold a JSON object.'];
  }
  const text = (value) => (typeof value === 'string' ? value.trim() : '');
  const problems = [];
  if (text(config.apiKey) && !text(config.panelUrl)) {
    problems.push(
      'provider.json sets apiKey without panelUrl: the key would be sent to any panel address a user types. ' +
        'Add the panel address as panelUrl (and other addresses of the same panel as mirrors), or remove apiKey.',
    );
  }
  if (Array.isArray(config.mirrors) && config.mirrors.length > 0 && !text(config.panelUrl)) {
    problems.push('provider.json lists mirrors without panelUrl: mirrors are other addresses of that panel.');
  }
  return problems;
}

/** Throws with every problem of the file at `file`; a missing file is an unbranded build. */
export function checkProviderFile(file) {
  if (!existsSync(file)) return;
  let config;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const problems = providerProblems(config);
  if (problems.length > 0) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
}

/** A Vite plugin that fails the build when `file` has a problem. */
export function providerCheck(file) {
  return {
    name: 'xmplus-provider-check',
    buildStart() {
      checkProviderFile(file);
    },
  };
}
