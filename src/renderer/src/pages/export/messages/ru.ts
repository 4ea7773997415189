// The Export page's messages: Russian.
import type { Translation } from '../../../i18n/page';
import type { en } from './en';

export const ru: Translation<typeof en> = {
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
