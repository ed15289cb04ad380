export { discover, discoveryEngine, DISCOVERY_DEFAULTS } from './discover.js';
export { isSelfConnect } from './self-connect.js';
export type { DiscoveryOptions, EngineName } from './types.js';
