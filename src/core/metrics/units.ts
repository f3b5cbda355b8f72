// How values read in cards, tables and axes: the same rounding everywhere, so a figure in a card
// matches the one in its table. Shared by the extension and the webview bundle.
import type { MetricUnit } from '../model';

function fixed(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let i = 0;
  while (value >= 1024 && i < BINARY.length - 1) {
    value /= 1024;
    i++;
  }
  return `${bytes < 0 ? '-' : ''}${fixed(value, value >= 100 || i === 0 ? 0 : 1)} ${BINARY[i]}`;
}

export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${fixed(n / 1e9, 2)} B`;
  if (abs >= 1e6) return `${fixed(n / 1e6, 2)} M`;
  if (abs >= 1e4) return `${fixed(n / 1e3, 1)} k`;
  return fixed(n, Number.isInteger(n) ? 0 : 1);
}

/** `1,450 ms`, `92.1 %`, `30.2 /s`, `1.8 TiB`; a dash when there is no value. */
export function formatValue(value: number | undefined | null, unit: MetricUnit): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'percent':
      return `${fixed(value, Math.abs(value) < 10 ? 2 : 1)} %`;
    case 'ms':
      return `${fixed(value, Math.abs(value) >= 100 ? 0 : 1)} ms`;
    case 'perSecond':
      return `${fixed(value, Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 3)} /s`;
    case 'count':
      return formatCount(value);
    case 'bytes':
      return formatBytes(value);
  }
}

/** Axis ticks: the value without the unit, which the chart title names. */
export function formatTick(value: number, unit: MetricUnit): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'count') return formatCount(value);
  return fixed(value, Math.abs(value) >= 10 || Number.isInteger(value) ? 0 : 1);
}

export function formatShare(share: number | undefined): string {
  return share === undefined ? '—' : `${fixed(share * 100, 1)} %`;
}

export const unitLabels: Record<MetricUnit, string> = { percent: '%', ms: 'ms', perSecond: 'per second', count: 'count', bytes: 'bytes' };
