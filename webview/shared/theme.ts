// Colours come only from the --vscode-* variables VS Code sets on the page. Canvas cannot read CSS
// variables, so they are resolved here and read again whenever the theme changes (VS Code rewrites
// the variables on <html> and the theme class on <body>).

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export interface Theme {
  kind: ThemeKind;
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  threshold: string;
  breach: string;
  selection: string;
  series: string[];
  fontFamily: string;
  fontSize: number;
}

function cssVar(name: string, fallbackVar?: string): string {
  const style = getComputedStyle(document.documentElement);
  const value = style.getPropertyValue(name).trim();
  if (value || !fallbackVar) return value;
  return style.getPropertyValue(fallbackVar).trim();
}

function kindOf(body: HTMLElement): ThemeKind {
  if (body.classList.contains('vscode-high-contrast-light')) return 'highContrastLight';
  if (body.classList.contains('vscode-high-contrast')) return 'highContrast';
  return body.classList.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const foreground = cssVar('--vscode-editor-foreground', '--vscode-foreground');
  const kind = kindOf(document.body);
  const highContrast = kind === 'highContrast' || kind === 'highContrastLight';
  return {
    kind,
    foreground,
    muted: cssVar('--vscode-descriptionForeground', '--vscode-foreground'),
    // High contrast themes draw every border in the contrast colour; charts follow.
    grid: highContrast ? cssVar('--vscode-contrastBorder', '--vscode-foreground') : cssVar('--vscode-charts-lines', '--vscode-widget-border'),
    background: cssVar('--vscode-editor-background'),
    threshold: cssVar('--vscode-charts-red', '--vscode-errorForeground'),
    breach: cssVar('--vscode-charts-red', '--vscode-errorForeground'),
    selection: cssVar('--vscode-editor-selectionBackground', '--vscode-focusBorder'),
    series: [
      cssVar('--vscode-charts-blue'),
      cssVar('--vscode-charts-orange'),
      cssVar('--vscode-charts-purple'),
      cssVar('--vscode-charts-green'),
      cssVar('--vscode-charts-yellow'),
      foreground,
    ].filter(Boolean),
    fontFamily: cssVar('--vscode-font-family') || 'sans-serif',
    fontSize: parseFloat(cssVar('--vscode-font-size')) || 13,
  };
}

/** Calls `onChange` with the new theme after VS Code switches themes. */
export function watchTheme(onChange: (theme: Theme) => void): void {
  let last = '';
  const check = () => {
    const theme = readTheme();
    const key = JSON.stringify(theme);
    if (key === last) return;
    last = key;
    onChange(theme);
    // Set after the re-render: says which theme the charts are drawn in.
    document.body.dataset.chartTheme = theme.kind;
  };
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  const initial = readTheme();
  last = JSON.stringify(initial);
  document.body.dataset.chartTheme = initial.kind;
}
