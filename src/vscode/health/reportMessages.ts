// Messages the report page posts. They come from a webview, so they are untrusted: the guard checks
// their shape, and a resource is only ever looked up among the findings the host itself rendered.

export type ReportMessage = { type: 'openResource'; key: string } | { type: 'copyMarkdown' } | { type: 'rerun' };

export function isReportMessage(value: unknown): value is ReportMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'openResource') return typeof m.key === 'string' && m.key.length > 0 && m.key.length <= 2048;
  return m.type === 'copyMarkdown' || m.type === 'rerun';
}
