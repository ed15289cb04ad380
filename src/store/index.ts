export { openStore, defaultDataDir, resolveLocation, type StoreOptions } from './open.js';
export { Store } from './store.js';
export type { Database, ScanStatus } from './schema.js';
export type { Site, SiteContacts, SiteInput, WebhookContact } from './sites.js';
export type { StoredFinding, FindingFilter } from './findings.js';
export type { ScanSnapshot, PortSnapshot, FindingSnapshot } from './snapshot.js';
export type { AlertItem, AlertKind, DeliveryOutcome } from './alerts.js';
export { findingFingerprint } from './fingerprint.js';
