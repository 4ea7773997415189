// The monitor's public surface: polling schedule, usage history, forecast, alert rules, tray gauge
// and summaries. Plain Node; the Electron shell, router and CLI import from here.
export * from './scheduler';
export * from './history';
export * from './forecast';
export * from './alerts';
export * from './gauge';
export * from './summary';
export * from './tray-menu';
