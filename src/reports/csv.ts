import { stringify } from 'csv-stringify/sync';
import type { Chart } from '../core/reports/annual-report.ts';

/** Rows as CSV text, the first row the header; cells quoted where they need it (RFC 4180). */
export const toCsv = (rows: readonly (readonly (string | number | null)[])[]): string => stringify(rows.map((r) => [...r]), { record_delimiter: 'windows' });

/** The data behind a chart, one row per category and one column per series. */
export const chartCsv = (chart: Chart): string =>
  toCsv([['category', ...chart.series.map((s) => s.name)], ...chart.categories.map((category, i) => [category, ...chart.series.map((s) => s.values[i] ?? 0)])]);

/** Every chart's data in one long table: chart, category, series, value. */
export const chartsCsv = (charts: readonly Chart[]): string =>
  toCsv([
    ['chart', 'category', 'series', 'value'],
    ...charts.flatMap((chart) => chart.categories.flatMap((category, i) => chart.series.map((s) => [chart.id, category, s.name, s.values[i] ?? 0]))),
  ]);
