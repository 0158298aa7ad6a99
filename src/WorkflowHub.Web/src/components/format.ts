/** Display helpers shared by the notices, ledger and organisation pages. */
export function dateTime(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : ''
}

export function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
