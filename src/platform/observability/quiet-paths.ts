/** Probes and scrapes: neither logged per request nor traced, they would drown what matters. */
export const QUIET_PATHS = ['/health/', '/metrics'];

export function isQuietPath(url: string | undefined): boolean {
  return QUIET_PATHS.some((path) => url?.startsWith(path));
}
