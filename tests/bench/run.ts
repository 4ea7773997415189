// `npm run bench`: runs every tests/bench/*.bench.ts and prints one JSON line per figure:
// {"name","value","unit","target"}. Figures are measured here, never asserted by timing in tests.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = false;
for (const file of files) {
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<Figure[]> };
    for (const figure of await mod.run()) {
      console.log(
        JSON.stringify({
          name: figure.name,
          value: Number(figure.value.toFixed(4)),
          unit: figure.unit,
          target: figure.target,
        }),
      );
    }
  } catch (error) {
    failed = true;
    console.error(`[bench] ${file} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
