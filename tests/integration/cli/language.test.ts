// The CLI in the user's language: LC_ALL, then LC_MESSAGES, then LANG pick one of the app's four
// languages (C and POSIX are English), the texts come from the main process's catalogues, and machine
// output (--json, --waybar) keeps its English keys and ASCII digits. Run against the simulator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { demoCredentials, sharedPanelSim } from '../../support/panel-sim-hooks';
import { COMMANDS } from '../../../src/main/cli/commands';
import { cliLocale, messagesLocale } from '../../../src/main/cli/text';
import { CATALOGUES } from '../../../src/main/i18n';
import { testIo, type TestIoOptions } from '../../support/cli-io';

let sim: PanelSim;
sharedPanelSim((started) => (sim = started));

const credentials = () => demoCredentials(sim);

async function cli(argv: string[], env: Record<string, string>, options: TestIoOptions = {}) {
  const t = testIo({
    env: { XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-lang-')), ...env },
    ...options,
  });
  const code = await main(argv, t.io);
  return { code, out: t.out(), err: t.err(), questions: t.questions };
}

describe('the locale', () => {
  it('follows POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; empty counts as unset', () => {
    expect(messagesLocale({ LC_ALL: 'ru_RU.UTF-8', LC_MESSAGES: 'fa_IR', LANG: 'zh_CN.UTF-8' })).toBe(
      'ru_RU.UTF-8',
    );
    expect(messagesLocale({ LC_ALL: '', LC_MESSAGES: 'fa_IR', LANG: 'zh_CN.UTF-8' })).toBe('fa_IR');
    expect(messagesLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh_CN.UTF-8');
    expect(messagesLocale({})).toBe('');
  });

  it('maps locale names to the four languages; C, POSIX and the rest are English', () => {
    expect(cliLocale({ LANG: 'fa_IR.UTF-8' })).toBe('fa');
    expect(cliLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(cliLocale({ LANG: 'zh_TW' })).toBe('zh-CN');
    expect(cliLocale({ LANG: 'ru_RU.UTF-8@euro' })).toBe('ru');
    expect(cliLocale({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(cliLocale({ LC_ALL: 'C', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(cliLocale({ LC_ALL: 'C.UTF-8', LANG: 'fa_IR.UTF-8' })).toBe('en');
    expect(cliLocale({ LC_MESSAGES: 'POSIX', LANG: 'fa_IR.UTF-8' })).toBe('en');
    expect(cliLocale({})).toBe('en');
  });
});

describe('help and errors', () => {
  it('lists the commands in Persian, Chinese and Russian; command and option names stay', async () => {
    const fa = await cli(['--help'], { LANG: 'fa_IR.UTF-8' });
    expect(fa.out).toMatch(/^کاربرد: xmplus-tray <command> \[options\]/);
    expect(fa.out).toContain('حساب:');
    expect(fa.out).toMatch(/ {2}status +ترافیک و روزهای باقی‌ماندهٔ هر سرویس/);
    const zh = await cli(['help', 'status'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.out).toContain('用法： xmplus-tray status [--json] [--waybar]');
    expect(zh.out).toContain('每个监控中配置档的每个服务的流量和剩余天数。');
    expect(zh.out).toMatch(/--json +以 JSON 输出结果/);
    const ru = await cli(['topup', '--help'], { LC_MESSAGES: 'ru_RU.UTF-8' });
    expect(ru.out).toContain('Параметры:');
    expect(ru.out).toMatch(/-h, --help +показать эту справку/);
  });

  it("a command's details, arguments and options are translated too", async () => {
    const zh = await cli(['help', 'pay'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.out).toMatch(/INVOICE +账单 ID（参阅 invoices）/);
    expect(zh.out).toMatch(/--gateway ID +支付方式 ID（参阅 gateways）/);
    expect(zh.out).toContain('使用 --json 时，付款信息输出为一行 JSON');
    const fa = await cli(['help', 'status'], { LANG: 'fa_IR.UTF-8' });
    expect(fa.out).toContain('رشته‌های ISO 8601 به وقت UTC');
  });

  it("the English catalogue holds every command's help as the command table has it", () => {
    const english = CATALOGUES.en as Record<string, unknown>;
    for (const command of COMMANDS) {
      expect(english[`cli.summary.${command.name}`], command.name).toBe(command.summary);
      if (command.details) expect(english[`cli.details.${command.name}`], command.name).toBe(command.details);
      for (const p of command.positionals ?? [])
        expect(english[`cli.arg.${command.name}.${p.name}`], `${command.name} ${p.name}`).toBe(p.description);
      for (const o of command.options) {
        const own = english[`cli.option.${command.name}.${o.name}`];
        expect(own ?? english[`cli.option.${o.name}`], `${command.name} --${o.name}`).toBe(o.description);
      }
    }
  });

  it('English stays English under C, and for a language the app does not have', async () => {
    const english = await cli(['--help'], {});
    expect((await cli(['--help'], { LC_ALL: 'C', LANG: 'ru_RU.UTF-8' })).out).toBe(english.out);
    expect((await cli(['--help'], { LANG: 'de_DE.UTF-8' })).out).toBe(english.out);
    expect(english.out).toMatch(/^Usage: xmplus-tray <command> \[options\]/);
  });

  it('an unknown command and a usage error are said in the language, exit 2', async () => {
    const zh = await cli(['stats'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.err).toBe('xmplus-tray: 未知命令“stats”。您是指 status 吗？请参阅 `xmplus-tray help`。\n');
    const fa = await cli(['profiles', 'rename'], { LANG: 'fa_IR.UTF-8' });
    expect(fa.code).toBe(2);
    expect(fa.err).toContain('کار ناشناخته برای profiles «rename»');
    expect(fa.err).toContain('`xmplus-tray help profiles` را ببینید.');
  });
});

describe('commands', () => {
  it('login with the environment says so in Russian', async () => {
    const ru = await cli(['login'], { ...credentials(), LANG: 'ru_RU.UTF-8' });
    expect(ru.code).toBe(0);
    expect(ru.out).toBe(
      `Данные для входа из окружения подходят для ${sim.demo.email}; ничего не сохранено.\n`,
    );
  });
});

describe('billing and import', () => {
  it('topup in Persian: the summary and the created invoice, its id in ASCII digits to copy', async () => {
    const fa = await cli(['topup', '--service', '4', '--package', '5', '--yes'], {
      ...credentials(),
      LANG: 'fa_IR.UTF-8',
    });
    expect(fa.code).toBe(0);
    expect(fa.err).toContain('افزایش ترافیک: StarterPack (سرویس 4) با TOP200 (بستهٔ 5، 200 GB)\n');
    expect(fa.err).toContain('دوره:   یک‌باره\n');
    expect(fa.err).toContain('قیمت:   $ 15.00\n');
    const created = sim.admin.state().invoices.at(-1)!;
    expect(fa.out).toContain(
      `صورت‌حساب ${created.invid} ساخته شد. پرداخت با: xmplus-tray pay ${created.invid}`,
    );
  });

  it('renew without a terminal and without --yes refuses in Chinese; nothing is created', async () => {
    const before = sim.admin.state().invoices.length;
    const zh = await cli(['renew', '--service', '9'], { ...credentials(), LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.err).toBe('xmplus-tray: 未经确认拒绝创建续费账单：没有可以询问的终端。加上 --yes 以继续。\n');
    expect(sim.admin.state().invoices).toHaveLength(before);
  });

  it('buy on a Russian terminal asks in Russian; "no" creates nothing', async () => {
    const ru = await cli(
      ['buy', '--package', '4', '--cycle', 'annual'],
      {
        ...credentials(),
        LC_ALL: 'ru_RU.UTF-8',
      },
      { interactive: true, answers: ['n'] },
    );
    expect(ru.code).toBe(2);
    expect(ru.questions).toEqual(['Создать этот счёт? [y/N] ']);
    expect(ru.err).toContain('Покупка: Family 500 (тариф 4)\n');
    expect(ru.err).toContain('Ничего не создано.');
  });

  it('says the price could not be shown in Chinese when the lists fail', async () => {
    sim.admin.setFault('/api/client/packages', { kind: 'http500' });
    sim.admin.setFault('/api/client/package/info', { kind: 'http500' });
    const zh = await cli(['buy', '--package', '4', '--cycle', 'annual', '--yes'], {
      ...credentials(),
      LANG: 'zh_CN.UTF-8',
    });
    expect(zh.code).toBe(0);
    // The labels are two columns a character wide: the values start at column 8 all the same.
    expect(zh.err).toContain('购买：  套餐 4\n');
    expect(zh.err).toMatch(/价格： {2}无法显示（套餐未能加载：.*）；账单会显示金额，创建账单不会扣款/);
  });

  it('invoice and pay in Russian; the command to copy stays as typed', async () => {
    const env = { ...credentials(), LANG: 'ru_RU.UTF-8' };
    const one = await cli(['invoice', 'R8D4TZ1LQ6MXC9PBN2YE'], env);
    expect(one.code).toBe(0);
    expect(one.out).toContain('Статус:   Pending\n');
    expect(one.out).toContain('Оплатить: xmplus-tray pay R8D4TZ1LQ6MXC9PBN2YE --gateway ID');
    const paid = await cli(['pay', 'R8D4TZ1LQ6MXC9PBN2YE', '--gateway', '2'], env);
    expect(paid.code).toBe(0);
    expect(paid.out).toContain('Сумма:    $ 15.53 (с комиссией USDT TRC20: 1.5% + 0.30)');
    expect(paid.out).toContain('Счёт:     R8D4TZ1LQ6MXC9PBN2YE\n');
  });

  it('the store in Chinese and one package in Russian: labels and headers, ids as they are', async () => {
    const zh = await cli(['packages', '--traffic'], { ...credentials(), LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(0);
    expect(zh.out.split('\n')[0]).toMatch(/^ID\s+名称\s+流量\s+设备\s+库存\s+价格$/);
    expect(zh.out).toMatch(/TOP200 .*一次性 \$ 15\.00/);
    const ru = await cli(['package', '4'], { ...credentials(), LANG: 'ru_RU.UTF-8' });
    expect(ru.code).toBe(0);
    expect(ru.out).toContain('Family 500 (тариф 4, план)\n');
    expect(ru.out).toContain('Остаток: 1\n');
    expect(ru.out).toContain('Цены:\n');
  });

  it('import: an unknown client in Russian, exit 2', async () => {
    const ru = await cli(['import', '--client', 'nope'], { ...credentials(), LANG: 'ru_RU.UTF-8' });
    expect(ru.code).toBe(2);
    expect(ru.err).toContain('Неизвестный клиент «nope». Клиенты: clash-verge,');
  });
});

describe('errors the CLI words itself', () => {
  it('half of the XMPLUS_* variables: a usage error in Persian, exit 2', async () => {
    const fa = await cli(['status'], { XMPLUS_EMAIL: 'a@example.com', LANG: 'fa_IR.UTF-8' });
    expect(fa.code).toBe(2);
    expect(fa.err).toContain(
      'XMPLUS_PANEL_URL, XMPLUS_API_KEY, XMPLUS_PASSWORD را هم تنظیم کنید، یا هیچ‌کدام را.',
    );
  });

  it('signed out (by reason code) in Chinese, with the way back in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-lang-'));
    const env = { XMPLUS_CONFIG_DIR: dir, LANG: 'zh_CN.UTF-8' };
    const args = ['--panel', sim.url, '--email', sim.demo.email, '--api-key', sim.apiKey];
    const login = await cli(['login', ...args, '--password-stdin', '--no-remember'], env, {
      stdin: `${sim.demo.password}\n`,
    });
    expect(login.code).toBe(0);
    expect(login.out).toContain(`已以 ${sim.demo.email} 登录 ${sim.url}。`);
    const status = await cli(['status'], env);
    expect(status.code).toBe(1);
    expect(status.err).toBe(
      'xmplus-tray: 您已退出登录。请登录以查看您的套餐。\n运行 `xmplus-tray login` 重新登录。\n',
    );
  });
});

describe('status', () => {
  it("a service whose servers the panel refused is named on stderr in the user's language", async () => {
    sim.admin.patchService(7, { detailsRefusal: 'Service expired.' });
    const ru = await cli(['status'], { ...credentials(), LANG: 'ru_RU.UTF-8' });
    expect(ru.code).toBe(0);
    expect(ru.err).toContain('xmplus-tray: услуга 7 (Pro 200): Список серверов недоступен: Service expired.');
  });
});

describe('machine output stays as it is', () => {
  it('status --json under Persian: the same keys as in English, ASCII digits', async () => {
    const english = await cli(['status', '--json'], { ...credentials(), LANG: 'C' });
    const persian = await cli(['status', '--json'], { ...credentials(), LANG: 'fa_IR.UTF-8' });
    expect(persian.code).toBe(0);
    const keys = (line: string) => Object.keys(JSON.parse(line) as object).sort();
    expect(keys(persian.out)).toEqual(keys(english.out));
    expect(persian.out).not.toMatch(/[۰-۹]/);
  });

  it('status --waybar under Persian: text, class and percentage as in English; the tooltip a person reads is Persian', async () => {
    type Line = { text: string; tooltip: string; class: string; percentage: number };
    const english = JSON.parse(
      (await cli(['status', '--waybar'], { ...credentials(), LANG: 'C' })).out,
    ) as Line;
    const persian = JSON.parse(
      (await cli(['status', '--waybar'], { ...credentials(), LANG: 'fa_IR.UTF-8' })).out,
    ) as Line;
    expect(Object.keys(persian).sort()).toEqual(Object.keys(english).sort());
    expect({ ...persian, tooltip: '' }).toEqual({ ...english, tooltip: '' });
    expect(persian.text).not.toMatch(/[۰-۹]/);
    expect(english.tooltip).toMatch(/ used · .* left\nUpdated /);
    expect(persian.tooltip.split('\n')[0]).toBe(english.tooltip.split('\n')[0]);
    expect(persian.tooltip.split('\n')).toHaveLength(english.tooltip.split('\n').length);
    expect(persian.tooltip).toMatch(/[۰-۹]/);
    expect(persian.tooltip).not.toMatch(/used|left|Updated/);
  });
});

describe('errors from the core, in the language', () => {
  it('no profile yet: the two ways to add one, in Russian, for the commands that need one', async () => {
    for (const command of ['services', 'invoices', 'status']) {
      const ru = await cli([command], { LANG: 'ru_RU.UTF-8' });
      expect(ru.code).toBe(1);
      expect(ru.err).toBe(
        'xmplus-tray: Профилей пока нет. Войдите: `xmplus-tray login`, или добавьте ссылку подписки: `xmplus-tray profiles add URL`.\n',
      );
    }
    expect((await cli(['profiles'], { LANG: 'C' })).out).toBe(
      'No profile yet. Sign in with `xmplus-tray login`, or add a subscription link with `xmplus-tray profiles add URL`.\n',
    );
  });

  it('a --profile that is not there is named, in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-lang-'));
    const env = { XMPLUS_CONFIG_DIR: dir, LANG: 'zh_CN.UTF-8' };
    const args = ['--panel', sim.url, '--email', sim.demo.email, '--api-key', sim.apiKey];
    const login = await cli(['login', ...args, '--password-stdin', '--no-remember'], env, {
      stdin: `${sim.demo.password}\n`,
    });
    expect(login.code).toBe(0);
    const zh = await cli(['services', '--profile', 'nope'], env);
    expect(zh.code).toBe(1);
    expect(zh.err).toBe(
      `xmplus-tray: ${CATALOGUES['zh-CN']['cli.account.noSuchProfile'].toString().replace('{ref}', 'nope').replace('{command}', 'xmplus-tray profiles')}\n`,
    );
  });

  it('a link that is not a subscription link: the sentence in Persian, which way it is wrong in English below', async () => {
    const fa = await cli(['profiles', 'add', 'ftp://example.com/sub'], { LANG: 'fa_IR.UTF-8' });
    expect(fa.code).not.toBe(0);
    expect(fa.err).toBe(
      'xmplus-tray: این لینک اشتراک نیست. لینک https:// را که ارائه‌دهنده به شما داده کپی کنید.\n' +
        '  A subscription link starts with https:// (or http://).\n',
    );
  });

  it('a panel that cannot be reached: the kind of failure in Chinese, the English detail kept below', async () => {
    const env = { ...credentials(), XMPLUS_PANEL_URL: 'http://127.0.0.1:9', LANG: 'zh_CN.UTF-8' };
    const zh = await cli(['services'], env);
    expect(zh.code).toBe(1);
    const [first, second] = zh.err.split('\n');
    expect(first).toBe('xmplus-tray: 无法连接到面板。请检查网络连接后重试。');
    expect(second).toMatch(/^ {2}\S/);
    expect(second).toMatch(/[A-Za-z]/);
    const english = await cli(['services'], { ...env, LANG: 'C' });
    expect(english.err.split('\n')[0]).toBe(`xmplus-tray: ${second!.trim()}`);
  });

  it("the argument parser's refusals, in Persian and Russian", async () => {
    const fa = await cli(['status', '--jsno'], { LANG: 'fa_IR.UTF-8' });
    expect(fa.code).toBe(2);
    expect(fa.err.split('\n')[0]).toBe('xmplus-tray status: گزینهٔ ناشناخته --jsno. منظورتان --json بود؟');
    const ru = await cli(['export', '--format'], { LANG: 'ru_RU.UTF-8' });
    expect(ru.code).toBe(2);
    expect(ru.err.split('\n')[0]).toBe('xmplus-tray export: Параметру --format нужно значение.');
    const zh = await cli(['status', 'extra'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.err.split('\n')[0]).toBe('xmplus-tray status: status 不接受参数，但收到了“extra”。');
  });

  it('export in Russian: a wrong format and a service that is not there', async () => {
    const bad = await cli(['export', '--format', 'pdf'], { ...credentials(), LANG: 'ru_RU.UTF-8' });
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe(
      'xmplus-tray export: --format должен быть одним из links, base64, clash, singbox, xray, qr, а не «pdf».',
    );
    const missing = await cli(['export', '--format', 'links', '--service', '999'], {
      ...credentials(),
      LANG: 'ru_RU.UTF-8',
    });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /^xmplus-tray: В этой учётной записи нет услуги 999 \(услуги: [\d, ]+\)\. См\. `xmplus-tray services`\.\n$/,
    );
  });
});
