export { parseTargets, parseToken, MAX_BLOCK_SIZE, type TargetSpec, type ParseTargetsOptions } from './parse.js';
export { expandTargets, resolveNames, resolveAll, countTargets, type ExpandOptions } from './expand.js';
export { parsePorts, MAX_PORT } from './ports.js';
export { DEFAULT_PORTS, defaultPortList, type DefaultPort } from './default-ports.js';
export { parseIP, formatIP, type Family } from './ip.js';
