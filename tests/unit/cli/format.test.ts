// Tables for a terminal line up in terminal columns, not in code points: CJK and emoji take two
// columns, combining marks and zero-width joiners none. Checked against widths terminals draw.
import { describe, expect, it } from 'vitest';
import { table } from '../../../src/main/cli/format';
import { displayWidth, labelled } from '../../../src/main/cli/text';

describe('displayWidth', () => {
  it.each([
    ['ASCII', 'Pro 200', 7],
    ['Chinese', '香港节点', 8],
    ['full-width digits', '１２３', 6],
    ['Korean', '한국', 4],
    ['Persian (narrow)', 'ایران', 5],
    ['Cyrillic', 'Москва', 6],
    ['a combining accent', 'e\u0301', 1],
    ['a flag', '🇯🇵 Tokyo', 8],
    ['an emoji', '🚀', 2],
    ['a ZWJ family', '👨‍👩‍👧', 2],
    ['a keycap', '1️⃣', 2],
    ['a heart made emoji by VS16', '❤️', 2],
    ['a text heart', '❤', 1],
    ['direction isolates', '\u2068سرور\u2069', 4],
  ])('%s', (_name, text, columns) => {
    expect(displayWidth(text)).toBe(columns);
  });
});

describe('table', () => {
  it('pads by terminal columns, so the next column starts at the same column on every row', () => {
    const out = table([
      ['ID', 'NAME', 'STATUS'],
      ['4', '香港节点', 'Active'],
      ['7', '🇯🇵 Tokyo', 'Active'],
      ['9', 'Cafe\u0301', 'Expired'],
    ]);
    const lines = out.trimEnd().split('\n');
    const statusColumn = (line: string) => displayWidth(line.slice(0, line.lastIndexOf(' ') + 1));
    expect(new Set(lines.map(statusColumn)).size).toBe(1);
    expect(lines[1]).toBe('4   香港节点  Active');
  });

  it('labelled values start at the same column after a wide label', () => {
    expect(labelled('套餐:', 'Pro')).toBe('套餐:   Pro');
    expect(displayWidth(labelled('套餐:', 'Pro').split('Pro')[0]!)).toBe(8);
  });
});
