// The application id: electron-builder's appId, the Windows AppUserModelID (notifications are
// attributed to the Start-menu shortcut that carries it) and the macOS bundle id. One constant so
// they cannot drift; packaging.test.ts checks electron-builder.yml against it.
export const APP_ID = 'dev.xmplus.tray';
