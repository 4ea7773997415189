// A panel that puts terminal control sequences in its text (package names, server remarks, error
// messages) cannot act on the user's terminal through the CLI: OSC 52 would write the clipboard, CSI
// would clear or rewrite the screen. The control characters are stripped from what is printed; the
// --json form keeps the panel's text whole, escaped; the CLI's own coloured QR code is left as drawn.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { demoCredentials, sharedPanelSim } from '../../support/panel-sim-hooks';
import { terminalText } from '../../../src/main/cli/io';
import type { Package } from '../../../src/shared/domain';
import { testIo } from '../../support/cli-io';

/** OSC 52 in its 7-bit form (ESC ] ... BEL): sets the clipboard to "hi". */
const OSC52 = '\u001b]52;c;aGk=\u0007';
/** The same in its 8-bit C1 form (OSC ... ST), which some terminals honour too. */
const OSC52_C1 = '\u009d52;c;aGk=\u009c';
/** Clear the screen, move the cursor home, and a carriage return to write over the line. */
const CLEAR = '\u001b[2J\u001b[H\r';
// eslint-disable-next-line no-control-regex -- what must not reach the terminal
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let sim: PanelSim;
sharedPanelSim((started) => (sim = started));

const env = () => ({
  ...demoCredentials(sim),
  XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-terminal-')),
});

async function cli(argv: string[]) {
  const t = testIo({ env: env() });
  const code = await main(argv, t.io);
  return { code, out: t.out(), err: t.err() };
}

describe('panel text at the terminal', () => {
  it('a package named with OSC 52 prints without its control characters; --json keeps the name', async () => {
    const hostile = `${OSC52}Starter${OSC52_C1}${CLEAR}Pack`;
    sim.admin.patchPackage(1, { name: hostile });

    const listed = await cli(['packages']);
    expect(listed.code).toBe(0);
    expect(listed.out).not.toMatch(CONTROL);
    expect(listed.out).toContain(']52;c;aGk=Starter52;c;aGk=[2J[HPack');
    // The table is aligned on what is printed: the next column starts under its header.
    const [header, row] = listed.out.split('\n');
    expect(row!.indexOf('100 GB')).toBe(header!.indexOf('TRAFFIC'));

    const asJson = await cli(['packages', '--json']);
    expect(asJson.out).not.toMatch(CONTROL);
    const plans = JSON.parse(asJson.out) as Package[];
    expect(plans.find((p) => p.id === 1)?.name).toBe(hostile);

    const one = await cli(['package', '1']);
    expect(one.code).toBe(0);
    expect(one.out).not.toMatch(CONTROL);
    expect(one.out).toContain('Starter');
  });

  it("a panel's refusal with escapes reaches stderr without them", async () => {
    sim.admin.patchService(7, { detailsRefusal: `${OSC52}This service has expired.${OSC52_C1}` });
    const refused = await cli(['export', '--format', 'links', '--service', '7']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('This service has expired.');
    expect(refused.err).not.toMatch(CONTROL);
  });

  it('the terminal QR code keeps its own colours while the remark beside it loses its escapes', async () => {
    sim.admin.patchServer(4, 0, { remark: `${OSC52}Osaka` });
    const qr = await cli(['export', '--format', 'qr', '--service', '4']);
    expect(qr.code).toBe(0);
    // qrcode's terminal renderer draws with SGR colours (ESC [ 47 m, ...): the CLI's own styling.
    expect(qr.out).toContain('\u001b[47m');
    expect(qr.out).not.toContain('\u0007');
    expect(qr.out).not.toContain('\u001b]');
    expect(qr.out).toContain(']52;c;aGk=Osaka');
  });
});

describe('terminalText', () => {
  it('keeps newlines, tabs and every printable character; drops C0, DEL and C1', () => {
    expect(terminalText('a\tb\nc — ⚡ 東京 🇯🇵')).toBe('a\tb\nc — ⚡ 東京 🇯🇵');
    expect(terminalText('x\u0000\u0007\u0008\u000b\u000c\r\u001b\u007f\u0080\u009b\u009fy')).toBe('xy');
  });
});
