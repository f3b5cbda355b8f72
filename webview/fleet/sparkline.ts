// A sparkline as inline SVG: strokes use CSS classes bound to --vscode-charts-* colours, so a theme
// change recolours them with no script. Gaps break the line.
const SVG = 'http://www.w3.org/2000/svg';

export function sparkline(values: ReadonlyArray<number | null>, label: string, className: string, width = 56, height = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', `sparkline ${className}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return svg;
  const min = Math.min(0, ...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) {
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('points', run.join(' '));
      svg.appendChild(line);
    } else if (run.length === 1) {
      const [x, y] = run[0].split(',');
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', x);
      dot.setAttribute('cy', y);
      dot.setAttribute('r', '1.5');
      svg.appendChild(dot);
    }
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) return flush();
    const y = height - 2 - ((v - min) / span) * (height - 4);
    run.push(`${(i * step).toFixed(1)},${y.toFixed(1)}`);
  });
  flush();
  return svg;
}
