import type { Chart } from '../core/reports/annual-report.ts';
import { escapeHtml } from '../letters/html-escape.ts';

// Colours that stay apart in greyscale print; each bar also carries its value as text, so nothing depends on colour.
const COLOURS = ['#1d70b8', '#f47738', '#00703c', '#4c2c92', '#d4351c', '#505a5f', '#912b88', '#28a197'];
const WIDTH = 680;
const LABEL_WIDTH = 230;
const BAR_HEIGHT = 16;
const GAP = 12;
const LINE = 13;

/** Splits a label into lines of at most `max` characters, breaking at spaces. */
function wrap(text: string, max = 34): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const formatValue = (value: number, unit: Chart['unit']) => (unit === 'percent' ? `${value.toFixed(1)}%` : String(value));

/**
 * A horizontal bar chart as a standalone SVG: one group of bars per category, one bar per series, each labelled with
 * its value. No script and no external styles, so it prints and reads the same anywhere.
 */
export function barChartSvg(chart: Chart): string {
  const plotWidth = WIDTH - LABEL_WIDTH - 60;
  const max = chart.unit === 'percent' ? 100 : Math.max(1, ...chart.series.flatMap((s) => s.values));
  const legendHeight = chart.series.length > 1 ? Math.ceil(chart.series.length / 3) * 18 + 6 : 0;
  const groupHeights = chart.categories.map((category) => Math.max(chart.series.length * BAR_HEIGHT, wrap(category).length * LINE) + GAP);
  const height = legendHeight + groupHeights.reduce((a, b) => a + b, 0) + 10;
  const parts: string[] = [];

  chart.series.forEach((s, i) => {
    if (chart.series.length < 2) return;
    const x = (i % 3) * 210;
    const y = Math.floor(i / 3) * 18;
    parts.push(`<rect x="${x}" y="${y + 2}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/><text x="${x + 18}" y="${y + 12}">${escapeHtml(s.name)}</text>`);
  });

  let y = legendHeight;
  chart.categories.forEach((category, c) => {
    const lines = wrap(category);
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + LINE - 2}" text-anchor="end">${lines.map((l, i) => `<tspan x="${LABEL_WIDTH - 8}" dy="${i === 0 ? 0 : LINE}">${escapeHtml(l)}</tspan>`).join('')}</text>`);
    chart.series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      const barWidth = Math.round((value / max) * plotWidth);
      const barY = y + i * BAR_HEIGHT;
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${barY}" width="${barWidth}" height="${BAR_HEIGHT - 3}" fill="${COLOURS[i % COLOURS.length]}"><title>${escapeHtml(`${s.name}, ${category}: ${formatValue(value, chart.unit)}`)}</title></rect>` +
          `<text x="${LABEL_WIDTH + barWidth + 4}" y="${barY + BAR_HEIGHT - 5}">${formatValue(value, chart.unit)}</text>`,
      );
    });
    y += groupHeights[c]!;
  });
  parts.push(`<line x1="${LABEL_WIDTH}" y1="${legendHeight}" x2="${LABEL_WIDTH}" y2="${y}" stroke="#0b0c0c"/>`);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${chart.id}-title" font-family="Arial, Helvetica, sans-serif" font-size="12" fill="#0b0c0c">`,
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
