// The preload: exposes window.xmplus (one method per contract channel, plus on()) and nothing raw.
// Bundled as CommonJS by electron-vite so that it runs in a sandboxed renderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { wireChannel } from '../shared/channel-names';
import { createBridge } from '../shared/bridge';

const api = createBridge({
  invoke: (channel, input) => ipcRenderer.invoke(wireChannel(channel), input),
  subscribe(event, listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(wireChannel(event), handler);
    return () => ipcRenderer.removeListener(wireChannel(event), handler);
  },
});

contextBridge.exposeInMainWorld('xmplus', api);
