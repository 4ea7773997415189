// The names of every IPC channel and event, without their schemas: what the preload's bridge needs,
// so the sandboxed preload stays small and free of zod. contract.ts checks at compile time that this
// list and its channels are the same.

export const CHANNEL_NAMES = [
  'app.info',
  'app.openExternal',
  'app.copyText',
  'app.notices',
  'app.takeNavigation',
  'app.dismissNotice',
  'app.openLogFolder',
  'app.quit',
  'app.takeAddRequest',
  'app.clipboardLink',
  'app.revealLink',
  'settings.get',
  'settings.set',
  'provider.check',
  'auth.signIn',
  'auth.signOut',
  'auth.sendCode',
  'auth.register',
  'auth.resetPassword',
  'profiles.list',
  'profiles.switch',
  'profiles.remove',
  'profiles.update',
  'profiles.addSubscription',
  'data.get',
  'data.refresh',
  'service.history',
  'service.copySublink',
  'export.preview',
  'export.qr',
  'export.save',
  'export.copy',
  'import.options',
  'import.open',
  'import.fallback',
  'billing.store',
  'billing.package',
  'billing.gateways',
  'billing.buy',
  'billing.renew',
  'billing.topup',
  'billing.pay',
  'billing.watches',
  'billing.dismissWatch',
  'invoices.list',
  'invoices.view',
  'updates.get',
  'updates.download',
  'updates.install',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'data',
  'profiles',
  'settings',
  'payment',
  'navigate',
  'notice',
  'update',
  'addRequest',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

type Camel<S extends string> = S extends `${infer Head}.${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;

export type MethodName<K extends string> = Camel<K>;

/** 'auth.register.sendCode' -> 'authRegisterSendCode': the window.xmplus method of a channel. */
export function methodName<K extends string>(channelName: K): MethodName<K> {
  return channelName.replace(/\.([a-zA-Z])/g, (_m, c: string) => c.toUpperCase()) as MethodName<K>;
}

/** The IPC channel name used on the wire for a contract channel or an event. */
export const wireChannel = (name: string): string => `xmplus:${name}`;
