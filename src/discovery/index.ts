export { discover, discoveryEngine, DISCOVERY_DEFAULTS } from './discover.js';
export { isSelfConnect } from './self-connect.js';
export type { DiscoveryOptions, EngineName } from './types.js';
export { findLiveHosts, asTargets, wantsHostDiscovery, HOST_DISCOVERY_PORTS, HOST_DISCOVERY_MODES, AUTO_HOST_DISCOVERY_ABOVE, type HostDiscoveryMode } from './live-hosts.js';
