// The command table and what is generated from it: the golden --help, `help COMMAND` and the three
// completion scripts (a new command changes them and names itself in each), the scripts' syntax
// checked by the real shells, and util.parseArgs' handling of the table's options.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../../src/main/cli';
import { completionScript, SHELLS } from '../../../src/main/cli/completion';
import { parseCommandArgs, typoDistance } from '../../../src/main/cli/table';
import { testIo } from '../../support/cli-io';
import { expectOk } from '../../support/expect';

async function run(argv: string[]) {
  const t = testIo();
  const code = await main(argv, t.io);
  return { code, out: t.out(), err: t.err() };
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('help', () => {
  it('matches the golden --help, and lists every command of the table', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    await expect(help.out).toMatchFileSnapshot('__golden__/help.txt');
    for (const command of COMMANDS) expect(help.out).toMatch(new RegExp(`^  ${command.name} `, 'm'));
    expect((await run(['help'])).out).toBe(help.out);
    expect((await run([])).out).toBe(help.out);
  });

  it('matches the golden `help COMMAND` of every command, which names each option', async () => {
    const all: string[] = [];
    for (const command of COMMANDS) {
      const help = await run(['help', command.name]);
      expect(help.code).toBe(0);
      for (const option of command.options) expect(help.out).toContain(`--${option.name}`);
      expect((await run([command.name, '--help'])).out).toBe(help.out);
      all.push(`$ xmplus-tray help ${command.name}\n${help.out}`);
    }
    await expect(all.join('\n')).toMatchFileSnapshot('__golden__/help-commands.txt');
  });

  it('refuses an unknown command or topic with exit 2 and a near name', async () => {
    const wrong = await run(['stauts']);
    expect(wrong).toMatchObject({ code: 2, out: '' });
    expect(wrong.err).toBe(
      'xmplus-tray: Unknown command "stauts". Did you mean status? See `xmplus-tray help`.\n',
    );
    expect((await run(['help', 'nope'])).code).toBe(2);
  });
});

describe('completion', () => {
  for (const shell of SHELLS) {
    it(`matches the golden ${shell} script, which offers every command and option`, async () => {
      const script = await run(['completion', shell]);
      expect(script.code).toBe(0);
      expect(script.out).toBe(completionScript(shell, COMMANDS));
      await expect(script.out).toMatchFileSnapshot(`__golden__/completion.${shell}`);
      for (const command of COMMANDS) {
        expect(script.out).toContain(command.name);
        for (const option of command.options)
          expect(script.out).toContain(`--${option.name}`.slice(shell === 'fish' ? 2 : 0));
      }
    });
  }

  it('refuses a shell it does not know with exit 2', async () => {
    expect((await run(['completion', 'powershell'])).code).toBe(2);
    expect((await run(['completion'])).code).toBe(2);
  });

  it.skipIf(!has('bash'))('bash completes commands, options and choices (skipped without bash)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xmplus-completion-')), 'xmplus-tray.bash');
    writeFileSync(file, completionScript('bash', COMMANDS));
    const complete = (...words: string[]) => {
      const script = `source ${file}; COMP_WORDS=(xmplus-tray ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _xmplus_tray; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      return result.stdout.trim().split('\n');
    };
    expect(complete('st')).toEqual(['status']);
    expect(complete('buy', '--cycle', 'q')).toEqual(['quater']);
    expect(complete('export', '--format', '')).toEqual(['links', 'base64', 'clash', 'singbox', 'xray', 'qr']);
    expect(complete('profiles', 'u')).toEqual(['use']);
    expect(complete('pay', 'INV', '--w')).toEqual(['--wait']);
  });

  it.skipIf(!has('zsh'))('the zsh script parses under zsh -n (skipped without zsh)', () => {
    const result = spawnSync('zsh', ['-n'], { input: completionScript('zsh', COMMANDS), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!has('fish'))('the fish script parses under fish --no-execute (skipped without fish)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xmplus-completion-')), 'xmplus-tray.fish');
    writeFileSync(file, completionScript('fish', COMMANDS));
    const result = spawnSync('fish', ['--no-execute', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('argument parsing (util.parseArgs over the table)', () => {
  const pay = COMMANDS.find((c) => c.name === 'pay')!;

  it('reads values in both spellings and refuses unknown options with exit 2', async () => {
    const a = parseCommandArgs(pay, ['INV1', '--gateway', '2', '--wait']);
    const b = parseCommandArgs(pay, ['--gateway=2', 'INV1', '--wait']);
    for (const parsed of [a, b].map((r) => expectOk(r))) {
      expect(parsed.positionals).toEqual(['INV1']);
      expect(parsed.string('gateway')).toBe('2');
      expect(parsed.flag('wait')).toBe(true);
      expect(parsed.flag('json')).toBe(false);
    }
    const unknown = await run(['status', '--jsno']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown option --jsno. Did you mean --json?');
    expect(unknown.err).toContain('See `xmplus-tray help status`.');
    // Node's advice about "--" is not passed on, and a far-off name offers nothing.
    const far = await run(['status', '--colour']);
    expect(far.err).toBe('xmplus-tray status: Unknown option --colour.\nSee `xmplus-tray help status`.\n');
    const missing = await run(['export', '--format']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--format needs a value.');
    expect((await run(['export', '--format', 'links', '--out'])).err).toContain('--out needs a value.');
    expect((await run(['status', '--json=yes'])).err).toContain('--json takes no value.');
    expect((await run(['status', 'extra'])).err).toContain('status takes no arguments, but got "extra".');
  });

  it('never throws, whatever the arguments: a parse or a usage error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMANDS),
        fc.array(fc.oneof(fc.string(), fc.constantFrom('--json', '--yes', '-y', '--gateway', '--', '-h')), {
          maxLength: 6,
        }),
        (command, argv) => {
          const parsed = parseCommandArgs(command, argv);
          if (!parsed.ok) expect(parsed.error.kind).toBe('validation');
          else
            expect(parsed.value.positionals.length).toBeLessThanOrEqual(
              Math.max(command.positionals?.length ?? 0, argv.length),
            );
        },
      ),
    );
  });

  it('gives back any string value exactly as typed', () => {
    const exportCommand = COMMANDS.find((c) => c.name === 'export')!;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.startsWith('-')),
        (value) => {
          const parsed = parseCommandArgs(exportCommand, ['--out', value]);
          expect(expectOk(parsed).string('out')).toBe(value);
          const joined = parseCommandArgs(exportCommand, [`--out=${value}`]);
          expect(expectOk(joined).string('out')).toBe(value);
        },
      ),
    );
  });
});

describe('typoDistance', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(typoDistance('json', 'json')).toBe(0);
    expect(typoDistance('jsno', 'json')).toBe(1);
    expect(typoDistance('profle', 'profile')).toBe(1);
    expect(typoDistance('wayabr', 'waybar')).toBe(1);
    expect(typoDistance('colour', 'json')).toBeGreaterThan(2);
    expect(typoDistance('', 'abc')).toBe(3);
  });

  it('is symmetric and never more than the longer word', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = typoDistance(a, b);
        expect(d).toBe(typoDistance(b, a));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d === 0).toBe(a === b);
      }),
    );
  });
});
