// Reading a subscription link's answer from any panel: usage, metadata and servers. Pure functions;
// the fetching lives beside them in the subscription source.

export {
  readSubscription,
  toPanelServer,
  SERVERS_HIDDEN,
  type RawSubscription,
  type SubscriptionReading,
} from './read';
export {
  parseUserinfo,
  readUserinfo,
  type UsageReading,
  type UsageResult,
  type UsageUnknown,
} from './userinfo';
export { readMetadata, filenameFromDisposition, type SubscriptionMetadata } from './metadata';
export { readBody, type BodyFormat, type BodyReading } from './body';
export { parseSize, readPlanRemark, type PlanHints } from './plan';
export { fromClashProxy } from './clash';
export { fromSingboxOutbound } from './singbox';
export { toHeaderMap, type HeaderInput, type HeaderMap } from './headers';
