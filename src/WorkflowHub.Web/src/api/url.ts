/** A same-origin API address with a query string, for downloads the browser fetches itself (exports, photos, raw mail). */
export function apiUrl(path: string, query: Record<string, string | number | boolean | undefined | null> = {}): string {
  const url = new URL(path, window.location.origin)
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v))
  return url.pathname + url.search
}
