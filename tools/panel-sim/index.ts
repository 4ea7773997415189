// Entry point of the XMPlus panel simulator: a stateful fake panel on 127.0.0.1 for tests,
// benchmarks and the demo. See README.md in this folder for the admin API and fault list.
export { startPanelSim, DEFAULT_TOKEN_TTL_SEC } from './server';
export { isLoopbackAddress } from './admin';
export { DEMO_EMAIL, DEMO_PASSWORD } from './seed';
export { FAULT_KINDS } from './types';
export type {
  CouponSpec,
  DeepReadonly,
  Fault,
  FaultKind,
  PanelMessages,
  PanelSim,
  PanelSimOptions,
  RefusedTokenMode,
  SimAdmin,
  SimCoupon,
  SimEmail,
  SimGateway,
  SimInvoice,
  SimPackage,
  SimPayment,
  SimServer,
  SimService,
  SimState,
  SimStats,
  SimUser,
  UsagePatch,
} from './types';
