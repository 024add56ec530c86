import type { Chart } from '../core/reports/annual-report.ts';
import { escapeHtml } from '../letters/html-escape.ts';
import { chartCsv } from './csv.ts';
import { barChartSvg } from './svg-chart.ts';

/** Text safe to place in HTML. */
export const h = (text: string | number): string => escapeHtml(String(text));

// Print first: A4 portrait, black on white, tables that break between rows, no script anywhere.
const STYLE = `
  body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 2em auto; max-width: 60em; line-height: 1.4; }
  h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 2px solid #0b0c0c; }
  table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.9em; }
  th, td { border: 1px solid #b1b4b6; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
  th { background: #f3f2f1; } td.n { text-align: right; }
  figure { margin: 1em 0; break-inside: avoid; } figure table { width: auto; min-width: 24em; } figcaption { font-weight: bold; margin-bottom: 0.4em; }
  .note { color: #505a5f; } .commentary { min-width: 12em; height: 3em; }
  tr { break-inside: avoid; }
  @page { size: A4; margin: 15mm; }
  @media print { body { margin: 0; max-width: none; } a[href^="data:"] { display: none; } }
`;

/** A whole printable HTML page. */
export function htmlPage(title: string, body: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    `<head><meta charset="utf-8"><title>${h(title)}</title><style>${STYLE}</style></head>`,
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A table from a header row and body rows; numbers are right-aligned. Cells are escaped here. */
export function htmlTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => (typeof v === 'number' ? `<td class="n">${h(v)}</td>` : `<td>${h(v)}</td>`);
  return `<table><thead><tr>${head.map((x) => `<th scope="col">${h(x)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

/** A chart as a figure: the SVG, the figures it shows as a table, and its CSV to download. */
export function chartFigure(chart: Chart): string {
  if (chart.categories.length === 0) return `<figure><figcaption>${h(chart.title)}</figcaption><p class="note">Nothing to show for this year.</p></figure>`;
  const csv = `data:text/csv;charset=utf-8,${encodeURIComponent(chartCsv(chart))}`;
  return [
    `<figure id="${h(chart.id)}">`,
    `<figcaption>${h(chart.title)}</figcaption>`,
    barChartSvg(chart),
    htmlTable(['', ...chart.series.map((s) => s.name)], chart.categories.map((c, i) => [c, ...chart.series.map((s) => s.values[i] ?? 0)])),
    `<p><a href="${h(csv)}" download="${h(chart.id)}.csv">The data behind this chart (CSV)</a></p>`,
    '</figure>',
  ].join('\n');
}
