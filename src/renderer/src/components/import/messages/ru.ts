// The one-click import's messages: Russian.
import type { Translation } from '../../../i18n/page';
import type { en } from './en';

export const ru: Translation<typeof en> = {
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
