// The renderer's only door to the main process: window.xmplus, typed from the shared contract.
// Nothing in the renderer imports node or electron.
import type { XmplusApi } from '../../shared/contract';

declare global {
  interface Window {
    xmplus: XmplusApi;
  }
}

export const api = (): XmplusApi => window.xmplus;
