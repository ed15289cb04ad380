import { ftpAnonymous } from '../ftp/anonymous.js';
import { mailPlaintextAuth } from '../mail/plaintext-auth.js';
import { telnetExposed } from '../telnet/exposed.js';
import type { Check } from '../types.js';
import { elasticsearchOpen } from './elasticsearch-open.js';
import { memcachedOpen } from './memcached-open.js';
import { mongodbNoAuth } from './mongodb-no-auth.js';
import { mysqlNoAuth } from './mysql-no-auth.js';
import { postgresTrust } from './postgres-trust.js';
import { redisNoAuth } from './redis-no-auth.js';

/** Databases, caches, FTP, telnet and mail, in catalogue order (DESIGN.md §4). */
export const DATA_CHECKS: readonly Check[] = [
  mysqlNoAuth,
  postgresTrust,
  mongodbNoAuth,
  redisNoAuth,
  memcachedOpen,
  elasticsearchOpen,
  ftpAnonymous,
  telnetExposed,
  mailPlaintextAuth,
];
