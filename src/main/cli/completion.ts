// Shell completion scripts for bash, zsh and fish, generated from the command table: every command,
// its options (with their choices, or file names where an option takes a path) and its positional
// choices. A command added to the table is completed without touching this file.
import { HELP_OPTION, PROGRAM, type Command, type OptionSpec } from './table';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const optionsOf = (c: Command): OptionSpec[] => [...c.options, HELP_OPTION];
const firstChoices = (c: Command) => c.positionals?.[0]?.choices ?? [];

function bash(commands: readonly Command[]): string {
  const fn = `_${PROGRAM.replace(/-/g, '_')}`;
  const lines = [
    `# bash completion for ${PROGRAM}, generated from its command table.`,
    `# Load it with: source <(${PROGRAM} completion bash)`,
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')}" -- "$cur"))`,
    '    return',
    '  fi',
    '  case "${COMP_WORDS[1]}" in',
  ];
  for (const c of commands) {
    lines.push(`    ${c.name})`);
    const valued = optionsOf(c).filter((o) => o.type === 'string');
    if (valued.length > 0) {
      lines.push('      case "$prev" in');
      for (const o of valued) {
        const action = o.choices
          ? `COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur"))`
          : o.file
            ? 'COMPREPLY=($(compgen -f -- "$cur"))'
            : 'COMPREPLY=()';
        lines.push(`        --${o.name}) ${action}; return ;;`);
      }
      lines.push('      esac');
    }
    const words = optionsOf(c).flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]);
    const positional = firstChoices(c);
    if (positional.length > 0) {
      lines.push(
        '      if [ "$COMP_CWORD" -eq 2 ]; then',
        `        COMPREPLY=($(compgen -W "${positional.join(' ')} ${words.join(' ')}" -- "$cur")); return`,
        '      fi',
      );
    }
    lines.push(`      COMPREPLY=($(compgen -W "${words.join(' ')}" -- "$cur")) ;;`);
  }
  lines.push('  esac', '}', `complete -F ${fn} ${PROGRAM}`);
  return `${lines.join('\n')}\n`;
}

/** Text inside a zsh single-quoted spec: quotes closed and reopened, brackets escaped. */
const zshText = (text: string) => text.replace(/'/g, "'\\''").replace(/([[\]])/g, '\\$1');
/** A name or message between colons of a spec: its own colons escaped too. */
const zshField = (text: string) => zshText(text).replace(/:/g, '\\:');

function zsh(commands: readonly Command[]): string {
  const fn = `_${PROGRAM.replace(/-/g, '_')}`;
  const lines = [
    `#compdef ${PROGRAM}`,
    `# zsh completion for ${PROGRAM}, generated from its command table.`,
    `# Load it with: source <(${PROGRAM} completion zsh), or save it as _${PROGRAM} in your $fpath.`,
    `${fn}() {`,
    '  local -a commands',
    '  commands=(',
    ...commands.map((c) => `    '${zshField(c.name)}:${zshText(c.summary)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    '  shift words',
    '  (( CURRENT-- ))',
    '  case $words[1] in',
  ];
  for (const c of commands) {
    const specs = optionsOf(c).map((o) => {
      const names = o.short ? `'(-${o.short} --${o.name})'{-${o.short},--${o.name}}` : `--${o.name}`;
      const head = o.short ? `${names}'[${zshText(o.description)}]` : `'${names}[${zshText(o.description)}]`;
      if (o.type === 'boolean') return `${head}'`;
      const action = o.choices ? `(${o.choices.join(' ')})` : o.file ? '_files' : ' ';
      return `${head}:${zshField(o.value ?? o.name)}:${action}'`;
    });
    (c.positionals ?? []).forEach((p, index) => {
      const action = p.choices ? `(${p.choices.join(' ')})` : ' ';
      specs.push(`'${index + 1}${p.required ? ':' : '::'}${zshField(p.name)}:${action}'`);
    });
    lines.push(
      `    ${c.name})`,
      `      _arguments -s \\`,
      ...specs.map((s, i) => `        ${s}${i < specs.length - 1 ? ' \\' : ''}`),
      '      ;;',
    );
  }
  lines.push('  esac', '}', `compdef ${fn} ${PROGRAM}`);
  return `${lines.join('\n')}\n`;
}

/** Text inside a fish single-quoted string. */
const fishText = (text: string) => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

function fish(commands: readonly Command[]): string {
  const lines = [
    `# fish completion for ${PROGRAM}, generated from its command table.`,
    `# Load it with: ${PROGRAM} completion fish | source`,
    `complete -c ${PROGRAM} -f`,
  ];
  for (const c of commands) {
    lines.push(`complete -c ${PROGRAM} -n __fish_use_subcommand -a ${c.name} -d '${fishText(c.summary)}'`);
  }
  for (const c of commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of optionsOf(c)) {
      const short = o.short ? ` -s ${o.short}` : '';
      const value =
        o.type === 'boolean' ? '' : o.choices ? ` -x -a '${o.choices.join(' ')}'` : o.file ? ' -r -F' : ' -x';
      lines.push(
        `complete -c ${PROGRAM} ${when}${short} -l ${o.name}${value} -d '${fishText(o.description)}'`,
      );
    }
    const positional = firstChoices(c);
    if (positional.length > 0) {
      lines.push(`complete -c ${PROGRAM} ${when} -a '${positional.join(' ')}'`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  return shell === 'bash' ? bash(commands) : shell === 'zsh' ? zsh(commands) : fish(commands);
}
