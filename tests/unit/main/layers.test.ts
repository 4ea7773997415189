// The folder layers of eslint.config.js, checked with ESLint itself on imports that cross them
// and on ones that do not, so a rule that stops matching fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'house/layers').map((m) => m.message);
}

const crossings = [
  {
    file: 'src/shared/probe.ts',
    to: 'src/main',
    code: "import type { Core } from '../main/core';\nexport type C = Core;\n",
  },
  { file: 'src/shared/probe.ts', to: 'src/renderer', code: "export * from '../renderer/src/api';\n" },
  {
    file: 'src/main/probe.ts',
    to: 'src/main/electron',
    code: "export { createTray } from './electron/tray';\n",
  },
  {
    file: 'src/main/export/probe.ts',
    to: 'src/main/electron',
    code: "import type { X } from '../electron/main';\nexport type Y = X;\n",
  },
  {
    file: 'src/renderer/src/probe.ts',
    to: 'src/main',
    code: "import type { Core } from '../../main/core';\nexport type C = Core;\n",
  },
  // Above the source layer, only snapshots and capabilities: never a panel's own code.
  {
    file: 'src/main/monitor/probe.ts',
    to: 'src/main/sources/xmplus',
    code: "import type { PanelClient } from '../sources/xmplus/client';\nexport type P = PanelClient;\n",
  },
  {
    file: 'src/main/cli/commands/probe.ts',
    to: 'src/main/sources/xmplus',
    code: "export { createPanelSession } from '../../sources/xmplus/panel-session';\n",
  },
  {
    file: 'src/main/data.ts',
    to: 'src/main/sources/xmplus',
    code: "import { xmplusSource } from './sources/xmplus/source';\nexport const s = xmplusSource;\n",
  },
  {
    file: 'src/main/electron/probe.ts',
    to: 'src/main/sources/xmplus',
    code: "import type { PanelSession } from '../sources/xmplus/panel-session';\nexport type P = PanelSession;\n",
  },
  {
    file: 'src/main/billing/probe.ts',
    to: 'src/main/sources/subscription',
    code: "import type { X } from '../sources/subscription/source';\nexport type Y = X;\n",
  },
  // The HTTP layer knows no source; a source does not reach up into what reads it.
  {
    file: 'src/main/net/probe.ts',
    to: 'src/main/sources',
    code: "import type { Source } from '../sources/types';\nexport type S = Source;\n",
  },
  {
    file: 'src/main/sources/xmplus/probe.ts',
    to: 'src/main/monitor',
    code: "import { mostUrgent } from '../../monitor/gauge';\nexport const m = mostUrgent;\n",
  },
  // The server model is open to sources; the export formats and service above it are not.
  {
    file: 'src/main/sources/subscription/probe.ts',
    to: 'src/main/export',
    code: "import { renderClash } from '../../export/formats/clash';\nexport const r = renderClash;\n",
  },
];

const allowed = [
  {
    file: 'src/main/sources/subscription/probe.ts',
    code: "import { parseShareLink } from '../../export/model';\nexport const p = parseShareLink;\n",
  },
  {
    file: 'src/main/probe.ts',
    code: "import type { Result } from '../shared/errors';\nexport type R = Result<1>;\n",
  },
  {
    file: 'src/main/electron/probe.ts',
    code: "import type { Core } from '../core';\nexport type C = Core;\n",
  },
  {
    file: 'src/renderer/src/probe.ts',
    code: "import type { Result } from '../../shared/errors';\nexport type R = Result<1>;\n",
  },
  {
    file: 'src/main/data.ts',
    code: "import type { Source } from './sources/types';\nexport type S = Source;\n",
  },
  {
    file: 'src/main/accounts.ts',
    code: "export { openSource } from './sources';\n",
  },
  {
    file: 'src/main/sources/index.ts',
    code: "export { xmplusSource } from './xmplus/source';\n",
  },
  {
    file: 'src/main/sources/xmplus/probe.ts',
    code: "import type { Transport } from '../../net/transport';\nexport type T = Transport;\n",
  },
];

describe('layer rules', () => {
  it.each(crossings)('$file may not import $to', async ({ file, code, to }) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`may not import ${to}`);
  });

  it.each(allowed)('$file may import within its layer or below', async ({ file, code }) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
