import ipaddr from 'ipaddr.js';
import { WebhookUrlNotAllowedError } from './notifications.errors';

export const MAX_URL_LENGTH = 2048;

/** An absolute http or https URL, without credentials (they would be sent to, and logged by, every hop). */
export function isWebhookUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
}

/**
 * Whether a receiver at this IP address is on the public internet. Everything ipaddr.js does not
 * call plain `unicast` is refused: loopback, private and unique-local ranges, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved and the IPv6 forms that
 * embed an IPv4 address. IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The host of a URL as an IP address when it is written as one (`[::1]` → `::1`), else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

/**
 * Why a URL plainly points inside the network, judged from the URL alone (no DNS): a private or
 * loopback address literal, or `localhost`. Null when the URL itself says nothing private; its
 * host names are checked again, resolved, before every delivery.
 */
export function privateHostReason(value: string): string | null {
  const { hostname } = new URL(value);
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return `${hostname} is a loopback host`;
  const address = literalAddress(host);
  if (address !== null && !isPublicAddress(address)) return `${address} is a private or reserved address`;
  return null;
}

/** Refuses a URL that names a private host outright, unless private receivers are allowed. Resolved names are checked at delivery. */
export function assertUrlAllowed(url: string, allowPrivateAddresses: boolean): void {
  if (allowPrivateAddresses) return;
  const reason = privateHostReason(url);
  if (reason) throw new WebhookUrlNotAllowedError(`${reason}; receivers on private networks are not allowed`);
}
