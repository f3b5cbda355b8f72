// The summary cards above the charts: for each headline metric its current value, p95 and worst
// over the range, and how much of the range it spent above its threshold.
import { formatShare, formatValue } from '../../src/core/metrics/units';
import type { Card } from '../../src/protocol/metricsMessages';
import { h, replaceChildren } from '../shared/dom';

const healthIcons: Record<Card['health'], string> = { ok: 'pass', warning: 'warning', error: 'error', unknown: 'circle-large-outline' };
const healthWords: Record<Card['health'], string> = { ok: 'within threshold', warning: 'above threshold', error: 'above threshold', unknown: '' };

function row(label: string, value: string, stat: string): HTMLElement {
  return h('div', { class: 'card-row', 'data-stat': stat }, h('span', { class: 'card-label' }, label), h('span', { class: 'card-value' }, value));
}

function cardElement(card: Card): HTMLElement {
  const rows: HTMLElement[] = [row('p95', formatValue(card.p95, card.unit), 'p95')];
  if (card.change !== undefined) {
    rows.push(row('Change', `${card.change >= 0 ? '+' : ''}${formatValue(card.change, card.unit)}`, 'change'));
  } else {
    rows.push(row(card.threshold === undefined ? 'Peak' : 'Worst', formatValue(card.worst, card.unit), 'worst'));
  }
  if (card.threshold !== undefined && card.change === undefined) {
    rows.push(row(`Above ${formatValue(card.threshold, card.unit)}`, formatShare(card.overShare), 'overShare'));
  }
  const status = healthWords[card.health];
  return h(
    'section',
    { class: `card health-${card.health}`, 'data-card': card.id, 'aria-label': `${card.title}${status ? `, ${status}` : ''}` },
    h('header', { class: 'card-title' }, card.health === 'unknown' ? null : h('vscode-icon', { name: healthIcons[card.health], 'aria-hidden': 'true' }), card.title),
    h('div', { class: 'card-current', 'data-stat': 'current' }, formatValue(card.current, card.unit)),
    ...rows,
  );
}

export function renderCards(container: HTMLElement, cards: Card[]): void {
  replaceChildren(container, ...cards.map(cardElement));
}
