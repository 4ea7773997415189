// The one-click import's messages: Persian (right to left).
import type { Translation } from '../../../i18n/page';
import type { en } from './en';

export const fa: Translation<typeof en> = {
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
