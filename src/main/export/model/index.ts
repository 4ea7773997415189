// The server model and its share-link codec: types, parsing per scheme, rendering, the merge from
// the panel's fields, and pseudo-servers. Callers import from here.

export type * from './types';
export { decodeBase64Text, hostForUrl, splitList } from './text';
export { parseShareLink } from './parse';
export { renderLinks, toShareLink } from './render';
export { fromPanelServer, modelFromFields } from './fields';
export { collectServers, pseudoServerReason, type CollectedServers } from './pseudo';
