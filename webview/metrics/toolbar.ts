// Range presets, a custom range, live refresh, refresh now, CSV export and the zoom indicator.
import type { RangeSpec } from '../../src/core/metrics/periods';
import type { Window } from '../../src/protocol/metricsMessages';
import { h, replaceChildren } from '../shared/dom';
import { formatWindow } from './summaryTable';

export interface ToolbarHandlers {
  onRange(range: RangeSpec): void;
  onLive(live: boolean): void;
  onRefresh(): void;
  onExportCsv(): void;
  onResetZoom(): void;
}

/** `<input type="datetime-local">` speaks local time without a zone. */
function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly ranges = h('div', { class: 'range-buttons', role: 'group', 'aria-label': 'Time range' });
  private readonly custom = h('form', { class: 'custom-range', hidden: true, 'aria-label': 'Custom time range' });
  private readonly from = h('vscode-textfield', { type: 'datetime-local', 'aria-label': 'From' }) as HTMLElement & { value: string };
  private readonly to = h('vscode-textfield', { type: 'datetime-local', 'aria-label': 'To' }) as HTMLElement & { value: string };
  private readonly live = h('vscode-checkbox', { label: 'Live' }) as HTMLElement & { checked: boolean; disabled: boolean };
  private readonly zoom = h('div', { class: 'zoom-status', 'aria-live': 'polite' });
  private readonly customError = h('span', { class: 'custom-error', role: 'alert' });

  constructor(private readonly handlers: ToolbarHandlers) {
    const refresh = h('vscode-button', { secondary: true, icon: 'refresh', title: 'Fetch the newest points now', 'data-action': 'refresh' }, 'Refresh');
    refresh.addEventListener('click', () => handlers.onRefresh());
    const csv = h('vscode-button', { secondary: true, icon: 'export', title: 'Save the shown data as CSV', 'data-action': 'csv' }, 'Export CSV');
    csv.addEventListener('click', () => handlers.onExportCsv());
    this.live.addEventListener('change', () => handlers.onLive(this.live.checked));
    const apply = h('vscode-button', { type: 'submit' }, 'Apply');
    apply.addEventListener('click', () => this.applyCustom());
    this.custom.addEventListener('submit', (e) => {
      e.preventDefault();
      this.applyCustom();
    });
    replaceChildren(this.custom, h('label', {}, 'From ', this.from), h('label', {}, 'To ', this.to), apply, this.customError);
    this.element = h('div', { class: 'toolbar' }, this.ranges, h('div', { class: 'toolbar-actions' }, this.live, refresh, csv), this.custom, this.zoom);
  }

  private applyCustom(): void {
    const start = new Date(this.from.value).getTime();
    const end = new Date(this.to.value).getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      this.customError.textContent = 'Choose a start before the end.';
      return;
    }
    this.customError.textContent = '';
    this.handlers.onRange({ start, end });
  }

  /** Draws the preset buttons with the current range pressed. */
  setRange(presets: string[], range: RangeSpec, window: Window): void {
    const current = 'preset' in range ? range.preset : 'custom';
    const button = (value: string, label: string) => {
      const pressed = value === current;
      const b = h('vscode-button', { secondary: !pressed, 'aria-pressed': String(pressed), 'data-range': value }, label);
      b.addEventListener('click', () => {
        if (value === 'custom') {
          this.custom.hidden = !this.custom.hidden;
          this.from.value = toLocalInput(window.start);
          this.to.value = toLocalInput(window.end);
        } else {
          this.custom.hidden = true;
          this.handlers.onRange({ preset: value as Extract<RangeSpec, { preset: string }>['preset'] });
        }
      });
      return b;
    };
    replaceChildren(this.ranges, ...presets.map((p) => button(p, p)), button('custom', 'Custom…'));
    this.live.disabled = !('preset' in range);
  }

  setLive(live: boolean): void {
    this.live.checked = live;
  }

  setZoom(zoom: Window | undefined): void {
    if (!zoom) {
      replaceChildren(this.zoom);
      return;
    }
    const reset = h('vscode-button', { secondary: true, icon: 'zoom-out' }, 'Reset zoom');
    reset.addEventListener('click', () => this.handlers.onResetZoom());
    replaceChildren(this.zoom, `Zoomed to ${formatWindow(zoom)} (double-click a chart to reset) `, reset);
  }
}
