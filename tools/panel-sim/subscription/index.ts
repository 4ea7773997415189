// A subscription-link server with one mode per panel family (Marzban, Marzneshin, PasarGuard,
// 3x-ui, Remnawave, Xboard, SSPanel, Hiddify, XMPlus), for tests, benchmarks and the demo.
// docs/subscription-headers.md lists what each mode serves and where that comes from.
export { startSubscriptionSim, DEMO_SUB_TOKEN } from './server';
export type { SubscriptionSim, SubscriptionSimOptions, SubFaults, SubRecord } from './server';
export { FAMILIES, type Family, type SubUser } from './families';
