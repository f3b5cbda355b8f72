// A training job's phases (Starting, Downloading, Training, Uploading...) as a strip over the
// shown time range, with a table of the same facts for screen readers.
import type { Phase, Window } from '../../src/protocol/metricsMessages';
import { h, replaceChildren } from '../shared/dom';
import { formatWindow } from './summaryTable';

const durationOf = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

function statusClass(status: string): string {
  const s = status.toLowerCase();
  if (s.includes('fail')) return 'phase-failed';
  if (s.includes('stop')) return 'phase-stopped';
  if (s === 'completed') return 'phase-done';
  if (s === 'training') return 'phase-training';
  return 'phase-prep';
}

export function renderTimeline(container: HTMLElement, phases: Phase[], shown: Window, now: number): void {
  const span = shown.end - shown.start;
  const strip = h('div', { class: 'timeline-strip', 'aria-hidden': 'true' });
  for (const p of phases) {
    const end = p.end ?? now;
    const left = Math.max(0, (p.start - shown.start) / span);
    const right = Math.min(1, (end - shown.start) / span);
    if (right <= 0 || left >= 1 || right <= left) continue;
    const segment = h('div', { class: `timeline-segment ${statusClass(p.status)}`, title: `${p.status}: ${formatWindow({ start: p.start, end })}${p.message ? `\n${p.message}` : ''}` }, p.status);
    segment.style.left = `${left * 100}%`;
    segment.style.width = `${(right - left) * 100}%`;
    strip.appendChild(segment);
  }
  const table = h(
    'table',
    { class: 'summary-table sr-only', 'data-chart': 'timeline' },
    h('caption', {}, 'Job phases'),
    h('thead', {}, h('tr', {}, ...['Phase', 'From – to', 'Duration', 'Message'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...phases.map((p) =>
        h('tr', {}, h('th', { scope: 'row' }, p.status), h('td', {}, formatWindow({ start: p.start, end: p.end ?? now })), h('td', {}, durationOf((p.end ?? now) - p.start)), h('td', {}, p.message ?? '')),
      ),
    ),
  );
  replaceChildren(container, h('h2', {}, 'Status timeline'), strip, table);
}
