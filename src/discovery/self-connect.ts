// On loopback a connect to a port inside the ephemeral range can be given that very port as its
// source port; TCP simultaneous open then "connects" the socket to itself. That is not a listener.

export interface Endpoint {
  address: string | undefined;
  port: number | undefined;
}

function canonical(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

export function isSelfConnect(local: Endpoint, remote: Endpoint): boolean {
  if (local.port === undefined || remote.port === undefined) return false;
  if (local.address === undefined || remote.address === undefined) return false;
  return local.port === remote.port && canonical(local.address) === canonical(remote.address);
}
