// Messages of the one-click import (service card button, Export page panel), in the four app
// locales, beside the components that use them; useImportText() formats with the shell's locale.
// Client names (Clash Verge Rev, sing-box, v2rayNG, ...) are product names: never translated.
import { useMemo } from 'react';
import { useI18n, type I18n } from '../../i18n';
import { interpolate } from '../../i18n/format';
import type { LocaleCode, Message, Vars } from '../../i18n/types';

const en = {
  'import.title': 'Import into your client',
  'import.intro':
    'One click adds this service to your proxy client as a subscription in the format it reads; the client keeps it up to date.',
  'import.chooseService': 'Choose one service above: each has its own subscription.',
  'import.checking': 'Checking which clients are here and what the panel serves…',
  'import.into': 'Import into {client}',
  'import.intoNamed': 'Import {name} into {client}',
  'import.openIn': 'Open in {app}',
  'import.opens': 'Opens {app} on this computer.',
  'import.opened': '{client} opened. Confirm the new profile there.',
  'import.openFailed': 'Could not open {client}: {message}',
  'import.installedTitle': 'On this computer',
  'import.moreTitle': 'More clients',
  'import.moreHint': 'Scan a code with the client on your phone, or copy its link.',
  'import.notInstalled': 'Not installed on this computer',
  'import.notServed': 'The panel does not serve a subscription {client} can read, so no import is offered.',
  'import.failed': 'The subscription link could not be checked: {message}',
  'import.servers': { one: '{count} server', other: '{count} servers' },
  'import.checkedAt': 'Checked at {time}',
  'import.checkAgain': 'Check again',
  'import.checkingAgain': 'Checking…',
  'import.fallbackHint':
    'Use the app’s own {format} export for {client} instead (it does not update by itself):',
  'import.saveFallback': 'Save {format} file and open it',
  'import.copyFallback': 'Copy {format}',
  'import.fallbackSaved': 'Saved {file}.',
  'import.fallbackCopied': 'Copied. Paste it into {client}.',
  'import.fallbackFailed': 'Could not export: {message}',
  'import.copyLink': 'Copy link',
  'import.copyLinkOf': 'Copy the import link for {client}',
  'import.linkCopied': 'Import link copied.',
  'import.qrAlt': 'QR code to import into {client}',
  'import.noneInstalled':
    'None of the supported clients that the panel serves is installed here. Use one on your phone (below), or export a file.',
  'import.choose': 'Import into a client…',
  'import.mismatch': 'The subscription link reports other figures than the panel’s account page:',
  'import.mismatch.used': 'Used: {subscription} by the subscription link, {panel} by the account page',
  'import.mismatch.total': 'Total: {subscription} by the subscription link, {panel} by the account page',
  'import.mismatch.expire': 'Expiry: {subscription} by the subscription link, {panel} by the account page',
  'import.noExpiry': 'none',
  'import.format.clash': 'Clash YAML',
  'import.format.singbox': 'sing-box JSON',
  'import.format.base64': 'base64 subscription',
};

export type ImportKey = keyof typeof en;
export type ImportCatalogue = Record<ImportKey, Message>;

const zhCN: ImportCatalogue = {
  'import.title': '导入到你的客户端',
  'import.intro': '一键把此服务作为订阅添加到你的代理客户端，格式正是它能读取的；之后由客户端自动更新。',
  'import.chooseService': '请在上方选择一个服务：每个服务都有自己的订阅。',
  'import.checking': '正在检查本机有哪些客户端以及面板提供哪些格式…',
  'import.into': '导入到 {client}',
  'import.intoNamed': '将 {name} 导入到 {client}',
  'import.openIn': '在 {app} 中打开',
  'import.opens': '将在本机打开 {app}。',
  'import.opened': '已打开 {client}。请在其中确认新的配置。',
  'import.openFailed': '无法打开 {client}：{message}',
  'import.installedTitle': '本机',
  'import.moreTitle': '更多客户端',
  'import.moreHint': '用手机上的客户端扫描二维码，或复制其链接。',
  'import.notInstalled': '本机未安装',
  'import.notServed': '面板不提供 {client} 能读取的订阅，因此不提供导入。',
  'import.failed': '无法检查订阅链接：{message}',
  'import.servers': { other: '{count} 个服务器' },
  'import.checkedAt': '检查于 {time}',
  'import.checkAgain': '重新检查',
  'import.checkingAgain': '正在检查…',
  'import.fallbackHint': '请改用本应用为 {client} 生成的 {format} 导出（不会自动更新）：',
  'import.saveFallback': '保存 {format} 文件并打开',
  'import.copyFallback': '复制 {format}',
  'import.fallbackSaved': '已保存 {file}。',
  'import.fallbackCopied': '已复制。请粘贴到 {client}。',
  'import.fallbackFailed': '无法导出：{message}',
  'import.copyLink': '复制链接',
  'import.copyLinkOf': '复制 {client} 的导入链接',
  'import.linkCopied': '导入链接已复制。',
  'import.qrAlt': '导入到 {client} 的二维码',
  'import.noneInstalled': '本机没有安装面板所支持格式的客户端。请在手机上使用下方的客户端，或导出文件。',
  'import.choose': '导入到客户端…',
  'import.mismatch': '订阅链接报告的数据与面板账户页面不同：',
  'import.mismatch.used': '已用：订阅链接为 {subscription}，账户页面为 {panel}',
  'import.mismatch.total': '总量：订阅链接为 {subscription}，账户页面为 {panel}',
  'import.mismatch.expire': '到期：订阅链接为 {subscription}，账户页面为 {panel}',
  'import.noExpiry': '无',
  'import.format.clash': 'Clash YAML',
  'import.format.singbox': 'sing-box JSON',
  'import.format.base64': 'base64 订阅',
};

const fa: ImportCatalogue = {
  'import.title': 'افزودن به کلاینت شما',
  'import.intro':
    'با یک کلیک این سرویس به‌صورت اشتراک، در قالبی که کلاینت پراکسی شما می‌خواند، به آن افزوده می‌شود؛ کلاینت خودش آن را به‌روز نگه می‌دارد.',
  'import.chooseService': 'یک سرویس را در بالا انتخاب کنید: هر سرویس اشتراک خودش را دارد.',
  'import.checking': 'در حال بررسی کلاینت‌های این رایانه و قالب‌هایی که پنل ارائه می‌دهد…',
  'import.into': 'افزودن به {client}',
  'import.intoNamed': 'افزودن {name} به {client}',
  'import.openIn': 'باز کردن در {app}',
  'import.opens': '{app} را روی این رایانه باز می‌کند.',
  'import.opened': '{client} باز شد. نمایه‌ی تازه را همان‌جا تأیید کنید.',
  'import.openFailed': '{client} باز نشد: {message}',
  'import.installedTitle': 'روی این رایانه',
  'import.moreTitle': 'کلاینت‌های دیگر',
  'import.moreHint': 'کد را با کلاینت گوشی خود اسکن کنید، یا پیوند آن را کپی کنید.',
  'import.notInstalled': 'روی این رایانه نصب نیست',
  'import.notServed': 'پنل اشتراکی که {client} بتواند بخواند ارائه نمی‌دهد، پس افزودن پیشنهاد نمی‌شود.',
  'import.failed': 'پیوند اشتراک بررسی نشد: {message}',
  'import.servers': { one: '{count} سرور', other: '{count} سرور' },
  'import.checkedAt': 'بررسی‌شده در {time}',
  'import.checkAgain': 'بررسی دوباره',
  'import.checkingAgain': 'در حال بررسی…',
  'import.fallbackHint':
    'به‌جای آن از خروجی {format} خود برنامه برای {client} استفاده کنید (خودکار به‌روز نمی‌شود):',
  'import.saveFallback': 'ذخیره‌ی فایل {format} و باز کردن آن',
  'import.copyFallback': 'کپی {format}',
  'import.fallbackSaved': '{file} ذخیره شد.',
  'import.fallbackCopied': 'کپی شد. آن را در {client} بچسبانید.',
  'import.fallbackFailed': 'خروجی گرفته نشد: {message}',
  'import.copyLink': 'کپی پیوند',
  'import.copyLinkOf': 'کپی پیوند افزودن به {client}',
  'import.linkCopied': 'پیوند افزودن کپی شد.',
  'import.qrAlt': 'کد QR برای افزودن به {client}',
  'import.noneInstalled':
    'هیچ‌یک از کلاینت‌هایی که پنل قالبشان را ارائه می‌دهد روی این رایانه نصب نیست. از یکی روی گوشی استفاده کنید (پایین)، یا فایل بگیرید.',
  'import.choose': 'افزودن به یک کلاینت…',
  'import.mismatch': 'پیوند اشتراک ارقامی متفاوت با صفحه‌ی حساب پنل گزارش می‌دهد:',
  'import.mismatch.used': 'مصرف‌شده: {subscription} طبق پیوند اشتراک، {panel} طبق صفحه‌ی حساب',
  'import.mismatch.total': 'کل: {subscription} طبق پیوند اشتراک، {panel} طبق صفحه‌ی حساب',
  'import.mismatch.expire': 'انقضا: {subscription} طبق پیوند اشتراک، {panel} طبق صفحه‌ی حساب',
  'import.noExpiry': 'ندارد',
  'import.format.clash': 'Clash YAML',
  'import.format.singbox': 'sing-box JSON',
  'import.format.base64': 'اشتراک base64',
};

const ru: ImportCatalogue = {
  'import.title': 'Импорт в ваш клиент',
  'import.intro':
    'Один щелчок — и услуга добавлена в ваш прокси-клиент как подписка в формате, который он читает; дальше клиент обновляет её сам.',
  'import.chooseService': 'Выберите одну услугу выше: у каждой своя подписка.',
  'import.checking': 'Проверяем, какие клиенты установлены и какие форматы отдаёт панель…',
  'import.into': 'Импортировать в {client}',
  'import.intoNamed': 'Импортировать {name} в {client}',
  'import.openIn': 'Открыть в {app}',
  'import.opens': 'Откроет {app} на этом компьютере.',
  'import.opened': '{client} открыт. Подтвердите там новый профиль.',
  'import.openFailed': 'Не удалось открыть {client}: {message}',
  'import.installedTitle': 'На этом компьютере',
  'import.moreTitle': 'Другие клиенты',
  'import.moreHint': 'Отсканируйте код клиентом на телефоне или скопируйте ссылку.',
  'import.notInstalled': 'Не установлен на этом компьютере',
  'import.notServed':
    'Панель не отдаёт подписку, которую может прочитать {client}, поэтому импорт не предлагается.',
  'import.failed': 'Не удалось проверить ссылку подписки: {message}',
  'import.servers': {
    one: '{count} сервер',
    few: '{count} сервера',
    many: '{count} серверов',
    other: '{count} сервера',
  },
  'import.checkedAt': 'Проверено в {time}',
  'import.checkAgain': 'Проверить снова',
  'import.checkingAgain': 'Проверяем…',
  'import.fallbackHint':
    'Вместо этого используйте собственный экспорт {format} для {client} (он не обновляется сам):',
  'import.saveFallback': 'Сохранить файл {format} и открыть',
  'import.copyFallback': 'Копировать {format}',
  'import.fallbackSaved': 'Сохранено: {file}.',
  'import.fallbackCopied': 'Скопировано. Вставьте в {client}.',
  'import.fallbackFailed': 'Не удалось экспортировать: {message}',
  'import.copyLink': 'Копировать ссылку',
  'import.copyLinkOf': 'Копировать ссылку импорта для {client}',
  'import.linkCopied': 'Ссылка импорта скопирована.',
  'import.qrAlt': 'QR-код для импорта в {client}',
  'import.noneInstalled':
    'Ни один из клиентов, чей формат отдаёт панель, здесь не установлен. Используйте клиент на телефоне (ниже) или экспортируйте файл.',
  'import.choose': 'Импортировать в клиент…',
  'import.mismatch': 'Ссылка подписки сообщает другие цифры, чем страница аккаунта в панели:',
  'import.mismatch.used': 'Использовано: {subscription} по ссылке подписки, {panel} по странице аккаунта',
  'import.mismatch.total': 'Всего: {subscription} по ссылке подписки, {panel} по странице аккаунта',
  'import.mismatch.expire': 'Окончание: {subscription} по ссылке подписки, {panel} по странице аккаунта',
  'import.noExpiry': 'нет',
  'import.format.clash': 'Clash YAML',
  'import.format.singbox': 'sing-box JSON',
  'import.format.base64': 'подписка base64',
};

export const IMPORT_CATALOGUES: Record<LocaleCode, ImportCatalogue> = { en, 'zh-CN': zhCN, fa, ru };

export interface ImportText extends I18n {
  it(key: ImportKey, vars?: Vars): string;
}

/** The shell's i18n plus `it()` for the import messages, in the shell's current locale. */
export function useImportText(): ImportText {
  const i18n = useI18n();
  return useMemo(() => {
    const catalogue = IMPORT_CATALOGUES[i18n.locale];
    const it = (key: ImportKey, vars?: Vars) => interpolate(i18n.locale, catalogue[key] ?? en[key], vars);
    return { ...i18n, it };
  }, [i18n]);
}
