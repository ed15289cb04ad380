export { identify, orderProbes, planSteps, type IdentifyOptions } from './identify.js';
export { exchange, type ExchangeOptions, type ExchangeResult, type ExchangeEnd } from './exchange.js';
export { PROBES, LIKELY_TLS_PORTS } from './probes/index.js';
export type { Probe, MatchRule, ProbeContext } from './probe-types.js';
