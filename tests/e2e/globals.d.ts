// In end-to-end page scripts, window.xmplus is the bridge the harness installs (the preload's code).
import type { XmplusApi } from '../../src/shared/contract';

declare global {
  interface Window {
    xmplus: XmplusApi;
  }
}

export {};
