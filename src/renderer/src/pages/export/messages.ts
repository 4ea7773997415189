// Messages of the Export page, in the four app locales. Like the Billing pages, they live beside the
// page (and load with its lazy chunk) rather than in the shell's catalogues; useExportText() reads
// the shell's locale and formats with the shell's interpolate(), so plurals and digits match.
// Client and format product names (Clash, mihomo, sing-box, Xray, v2rayN) are not translated.
import { useMemo } from 'react';
import type { ExportFormat } from '../../../../shared/contract';
import { useI18n, type I18n } from '../../i18n';
import { interpolate } from '../../i18n/format';
import type { LocaleCode, Message, Vars } from '../../i18n/types';

const en = {
  'export.title': 'Export',
  'export.intro': 'Take your servers to the proxy client you already use: copy, save or scan.',
  'export.service': 'Service',
  'export.allServices': 'All services',
  'export.format': 'Format',
  'format.links': 'Share links',
  'format.base64': 'Base64 subscription (v2rayN)',
  'format.qr': 'QR codes',
  'help.links': 'One link per line, for v2rayN, v2rayNG, Hiddify, NekoBox or Shadowrocket.',
  'help.base64': 'The same links as one base64 block, the way v2rayN and v2rayNG read a subscription.',
  'help.clash': 'A YAML profile for Clash Verge Rev, mihomo and other Clash Meta clients.',
  'help.singbox': 'A JSON config for sing-box and the apps built on it; it starts with “sing-box run”.',
  'help.xray': 'A JSON config for Xray-core; it starts with “xray run”. Xray has no hysteria2 or tuic.',
  'help.qr': 'One large code per server, to scan with the camera of a phone client.',
  'export.preview': 'Preview',
  'export.previewLabel': 'Preview of the {format} export',
  'export.count': { one: '{count} server', other: '{count} servers' },
  'export.loading': 'Preparing the export…',
  'export.loadingQr': 'Drawing the QR codes…',
  'export.loadFailed': 'The export could not be prepared: {message}',
  'export.retry': 'Try again',
  'export.skippedTitle': {
    one: '{count} server is left out of this format',
    other: '{count} servers are left out of this format',
  },
  'export.copy': 'Copy',
  'export.copyFormat': 'Copy {format}',
  'export.copied': 'Copied to the clipboard.',
  'export.copyFailed': 'Could not copy: {message}',
  'export.saveTitle': 'Save to a folder',
  'export.saveHint': 'Choose the formats, then the folder. Each file is written whole or not at all.',
  'export.saveFormats': 'Formats to save',
  'export.save': 'Save to folder…',
  'export.saving': 'Saving…',
  'export.saved': {
    one: 'Saved {count} file in {folder}:',
    other: 'Saved {count} files in {folder}:',
  },
  'export.saveFailed': 'Could not save: {message}',
  'export.saveNone': 'Choose at least one format to save.',
  'export.noData': 'There is nothing to export yet. Sign in and refresh, then come back here.',
  'export.noServers': 'This selection has no servers to export.',
  'export.qrAlt': 'QR code of {remark}',
  'export.copyLink': 'Copy link',
  'export.copyLinkOf': 'Copy link of {remark}',
  'export.subscription': 'Subscription link',
  'export.subscriptionHint':
    'Add this link to your client as a subscription: the client then keeps the server list up to date.',
  'export.copySubscription': 'Copy subscription link',
  'export.subscriptionAlt': 'QR code of the subscription link',
  'export.subscriptionChoose': 'Choose one service above to see its subscription link.',
  'export.servers': 'Servers',
};

export type ExportKey = keyof typeof en;
export type ExportCatalogue = Record<ExportKey, Message>;

const zhCN: ExportCatalogue = {
  'export.title': '导出',
  'export.intro': '把服务器导入你正在使用的代理客户端：复制、保存或扫码。',
  'export.service': '服务',
  'export.allServices': '全部服务',
  'export.format': '格式',
  'format.links': '分享链接',
  'format.base64': 'Base64 订阅（v2rayN）',
  'format.qr': '二维码',
  'help.links': '每行一个链接，适用于 v2rayN、v2rayNG、Hiddify、NekoBox 或 Shadowrocket。',
  'help.base64': '同样的链接编码为一段 base64，即 v2rayN 和 v2rayNG 读取订阅的方式。',
  'help.clash': '用于 Clash Verge Rev、mihomo 及其他 Clash Meta 客户端的 YAML 配置。',
  'help.singbox': '用于 sing-box 及基于它的应用的 JSON 配置，可直接用“sing-box run”启动。',
  'help.xray': '用于 Xray-core 的 JSON 配置，可直接用“xray run”启动。Xray 不支持 hysteria2 和 tuic。',
  'help.qr': '每台服务器一个大二维码，用手机客户端的相机扫描。',
  'export.preview': '预览',
  'export.previewLabel': '{format} 导出预览',
  'export.count': { other: '{count} 台服务器' },
  'export.loading': '正在准备导出…',
  'export.loadingQr': '正在生成二维码…',
  'export.loadFailed': '无法准备导出：{message}',
  'export.retry': '重试',
  'export.skippedTitle': { other: '此格式未包含 {count} 台服务器' },
  'export.copy': '复制',
  'export.copyFormat': '复制 {format}',
  'export.copied': '已复制到剪贴板。',
  'export.copyFailed': '复制失败：{message}',
  'export.saveTitle': '保存到文件夹',
  'export.saveHint': '先选择格式，再选择文件夹。每个文件要么完整写入，要么不写入。',
  'export.saveFormats': '要保存的格式',
  'export.save': '保存到文件夹…',
  'export.saving': '正在保存…',
  'export.saved': { other: '已在 {folder} 中保存 {count} 个文件：' },
  'export.saveFailed': '保存失败：{message}',
  'export.saveNone': '请至少选择一种要保存的格式。',
  'export.noData': '还没有可导出的内容。请登录并刷新后再回到这里。',
  'export.noServers': '所选范围内没有可导出的服务器。',
  'export.qrAlt': '{remark} 的二维码',
  'export.copyLink': '复制链接',
  'export.copyLinkOf': '复制链接：{remark}',
  'export.subscription': '订阅链接',
  'export.subscriptionHint': '在客户端中将此链接添加为订阅，客户端会自动保持服务器列表为最新。',
  'export.copySubscription': '复制订阅链接',
  'export.subscriptionAlt': '订阅链接的二维码',
  'export.subscriptionChoose': '在上方选择一个服务即可查看其订阅链接。',
  'export.servers': '服务器',
};

const fa: ExportCatalogue = {
  'export.title': 'خروجی',
  'export.intro': 'سرورهایتان را به کلاینت پروکسی‌ای که از قبل دارید ببرید: کپی، ذخیره یا اسکن کنید.',
  'export.service': 'سرویس',
  'export.allServices': 'همهٔ سرویس‌ها',
  'export.format': 'قالب',
  'format.links': 'لینک‌های اشتراک‌گذاری',
  'format.base64': 'اشتراک Base64 (v2rayN)',
  'format.qr': 'کدهای QR',
  'help.links': 'هر خط یک لینک، برای v2rayN، v2rayNG، Hiddify، NekoBox یا Shadowrocket.',
  'help.base64': 'همان لینک‌ها در یک بلوک base64، همان‌طور که v2rayN و v2rayNG اشتراک را می‌خوانند.',
  'help.clash': 'پروفایل YAML برای Clash Verge Rev، mihomo و دیگر کلاینت‌های Clash Meta.',
  'help.singbox': 'پیکربندی JSON برای sing-box و برنامه‌های مبتنی بر آن؛ با «sing‑box run» اجرا می‌شود.',
  'help.xray':
    'پیکربندی JSON برای Xray-core؛ با «xray run» اجرا می‌شود. Xray از hysteria2 و tuic پشتیبانی نمی‌کند.',
  'help.qr': 'برای هر سرور یک کد بزرگ، برای اسکن با دوربین کلاینت گوشی.',
  'export.preview': 'پیش‌نمایش',
  'export.previewLabel': 'پیش‌نمایش خروجی {format}',
  'export.count': { one: '{count} سرور', other: '{count} سرور' },
  'export.loading': 'در حال آماده‌سازی خروجی…',
  'export.loadingQr': 'در حال ساخت کدهای QR…',
  'export.loadFailed': 'خروجی آماده نشد: {message}',
  'export.retry': 'تلاش دوباره',
  'export.skippedTitle': {
    one: '{count} سرور در این قالب گنجانده نشد',
    other: '{count} سرور در این قالب گنجانده نشدند',
  },
  'export.copy': 'کپی',
  'export.copyFormat': 'کپی {format}',
  'export.copied': 'در کلیپ‌بورد کپی شد.',
  'export.copyFailed': 'کپی نشد: {message}',
  'export.saveTitle': 'ذخیره در پوشه',
  'export.saveHint':
    'ابتدا قالب‌ها و سپس پوشه را انتخاب کنید. هر فایل یا کامل نوشته می‌شود یا اصلاً نوشته نمی‌شود.',
  'export.saveFormats': 'قالب‌های ذخیره',
  'export.save': 'ذخیره در پوشه…',
  'export.saving': 'در حال ذخیره…',
  'export.saved': {
    one: '{count} فایل در {folder} ذخیره شد:',
    other: '{count} فایل در {folder} ذخیره شد:',
  },
  'export.saveFailed': 'ذخیره نشد: {message}',
  'export.saveNone': 'دست‌کم یک قالب برای ذخیره انتخاب کنید.',
  'export.noData': 'هنوز چیزی برای خروجی نیست. وارد شوید و به‌روزرسانی کنید، سپس به اینجا برگردید.',
  'export.noServers': 'این انتخاب سروری برای خروجی ندارد.',
  'export.qrAlt': 'کد QR برای {remark}',
  'export.copyLink': 'کپی لینک',
  'export.copyLinkOf': 'کپی لینک {remark}',
  'export.subscription': 'لینک اشتراک',
  'export.subscriptionHint':
    'این لینک را در کلاینت به‌عنوان اشتراک اضافه کنید تا فهرست سرورها خودکار به‌روز بماند.',
  'export.copySubscription': 'کپی لینک اشتراک',
  'export.subscriptionAlt': 'کد QR لینک اشتراک',
  'export.subscriptionChoose': 'برای دیدن لینک اشتراک، یک سرویس را در بالا انتخاب کنید.',
  'export.servers': 'سرورها',
};

const ru: ExportCatalogue = {
  'export.title': 'Экспорт',
  'export.intro':
    'Перенесите серверы в прокси-клиент, которым вы уже пользуетесь: скопируйте, сохраните или отсканируйте.',
  'export.service': 'Услуга',
  'export.allServices': 'Все услуги',
  'export.format': 'Формат',
  'format.links': 'Ссылки для импорта',
  'format.base64': 'Подписка base64 (v2rayN)',
  'format.qr': 'QR-коды',
  'help.links': 'По ссылке в строке — для v2rayN, v2rayNG, Hiddify, NekoBox или Shadowrocket.',
  'help.base64': 'Те же ссылки одним блоком base64 — так v2rayN и v2rayNG читают подписку.',
  'help.clash': 'Профиль YAML для Clash Verge Rev, mihomo и других клиентов Clash Meta.',
  'help.singbox':
    'Конфигурация JSON для sing-box и приложений на его основе; запускается командой «sing-box run».',
  'help.xray':
    'Конфигурация JSON для Xray-core; запускается командой «xray run». В Xray нет hysteria2 и tuic.',
  'help.qr': 'Крупный код для каждого сервера — отсканируйте камерой клиента на телефоне.',
  'export.preview': 'Предпросмотр',
  'export.previewLabel': 'Предпросмотр экспорта {format}',
  'export.count': {
    one: '{count} сервер',
    few: '{count} сервера',
    many: '{count} серверов',
    other: '{count} сервера',
  },
  'export.loading': 'Готовим экспорт…',
  'export.loadingQr': 'Рисуем QR-коды…',
  'export.loadFailed': 'Не удалось подготовить экспорт: {message}',
  'export.retry': 'Повторить',
  'export.skippedTitle': {
    one: '{count} сервер не вошёл в этот формат',
    few: '{count} сервера не вошли в этот формат',
    many: '{count} серверов не вошли в этот формат',
    other: '{count} сервера не вошли в этот формат',
  },
  'export.copy': 'Копировать',
  'export.copyFormat': 'Копировать {format}',
  'export.copied': 'Скопировано в буфер обмена.',
  'export.copyFailed': 'Не удалось скопировать: {message}',
  'export.saveTitle': 'Сохранить в папку',
  'export.saveHint':
    'Выберите форматы, затем папку. Каждый файл записывается целиком или не записывается вовсе.',
  'export.saveFormats': 'Форматы для сохранения',
  'export.save': 'Сохранить в папку…',
  'export.saving': 'Сохраняем…',
  'export.saved': {
    one: 'Сохранён {count} файл в {folder}:',
    few: 'Сохранено {count} файла в {folder}:',
    many: 'Сохранено {count} файлов в {folder}:',
    other: 'Сохранено {count} файла в {folder}:',
  },
  'export.saveFailed': 'Не удалось сохранить: {message}',
  'export.saveNone': 'Выберите хотя бы один формат для сохранения.',
  'export.noData': 'Экспортировать пока нечего. Войдите и обновите данные, затем вернитесь сюда.',
  'export.noServers': 'В этом выборе нет серверов для экспорта.',
  'export.qrAlt': 'QR-код сервера {remark}',
  'export.copyLink': 'Копировать ссылку',
  'export.copyLinkOf': 'Копировать ссылку сервера {remark}',
  'export.subscription': 'Ссылка подписки',
  'export.subscriptionHint':
    'Добавьте эту ссылку в клиент как подписку: клиент сам будет обновлять список серверов.',
  'export.copySubscription': 'Копировать ссылку подписки',
  'export.subscriptionAlt': 'QR-код ссылки подписки',
  'export.subscriptionChoose': 'Выберите одну услугу выше, чтобы увидеть её ссылку подписки.',
  'export.servers': 'Серверы',
};

export const EXPORT_CATALOGUES: Record<LocaleCode, ExportCatalogue> = { en, 'zh-CN': zhCN, fa, ru };

/**
 * The contract's formats, in its order: a local copy, because importing a value from the contract
 * would pull zod into this chunk (a unit test keeps the two equal).
 */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['links', 'base64', 'clash', 'singbox', 'xray', 'qr'];

/** Product names: the same in every language. */
const PRODUCT_NAMES: Partial<Record<ExportFormat, string>> = {
  clash: 'Clash / mihomo',
  singbox: 'sing-box',
  xray: 'Xray',
};

export interface ExportText extends I18n {
  et(key: ExportKey, vars?: Vars): string;
  formatName(format: ExportFormat): string;
}

/** The shell's i18n plus `et()` for this folder's messages, in the shell's current locale. */
export function useExportText(): ExportText {
  const i18n = useI18n();
  return useMemo(() => {
    const catalogue = EXPORT_CATALOGUES[i18n.locale];
    const et = (key: ExportKey, vars?: Vars) => interpolate(i18n.locale, catalogue[key] ?? en[key], vars);
    const formatName = (format: ExportFormat) => PRODUCT_NAMES[format] ?? et(`format.${format}` as ExportKey);
    return { ...i18n, et, formatName };
  }, [i18n]);
}
