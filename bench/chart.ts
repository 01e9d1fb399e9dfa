import type { SizeResult } from './http.js';
import { dialectName, levelOf, shortCount } from './report.js';

/** Tableau 10: distinct on screen and in print. */
const palette = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Series {
  scenario: string;
  color: string;
  /** [clients, ms] */
  p50: [number, number][];
  p99: [number, number][];
}

function seriesOf(sizes: readonly SizeResult[], colors: Map<string, string>, level: number): Series[] {
  const sorted = [...sizes].sort((a, b) => a.data.clients - b.data.clients);
  return [...colors.entries()].map(([scenario, color]) => {
    const points = sorted.flatMap((size) => {
      const result = levelOf(size.scenarios.find((s) => s.name === scenario)?.levels ?? [], level);
      return result ? [{ clients: size.data.clients, p50: result.p50, p99: result.p99 }] : [];
    });
    const pick = (key: 'p50' | 'p99'): [number, number][] =>
      points.flatMap((point) =>
        point[key] === null || point[key] <= 0 ? [] : [[point.clients, point[key]] as [number, number]],
      );
    return { scenario, color, p50: pick('p50'), p99: pick('p99') };
  });
}

/**
 * p50 (solid) and p99 (dashed) latency of every scenario against the number of clients, log
 * scales on both axes, one panel per database; hand-written SVG, so it needs no dependency.
 */
export function renderChart(sizes: readonly SizeResult[], level: number, title: string): string {
  const dialects = (['sqlite', 'postgres'] as const).filter((dialect) =>
    sizes.some((size) => size.dialect === dialect),
  );
  const names = [...new Set(sizes.flatMap((size) => size.scenarios.map((s) => s.name)))];
  const colors = new Map(names.map((name, index) => [name, palette[index % palette.length] ?? '#000']));
  const panels = dialects.map((dialect) => ({
    dialect,
    series: seriesOf(
      sizes.filter((s) => s.dialect === dialect),
      colors,
      level,
    ),
  }));

  const all = panels.flatMap((panel) => panel.series.flatMap((s) => [...s.p50, ...s.p99]));
  const clients = sizes.map((size) => size.data.clients);
  const xMin = Math.log10(Math.min(...clients)) - 0.25;
  const xMax = Math.log10(Math.max(...clients)) + 0.25;
  const yMin = Math.floor(Math.log10(Math.min(...all.map(([, v]) => v), 1)));
  const yMax = Math.max(Math.ceil(Math.log10(Math.max(...all.map(([, v]) => v), 10))), yMin + 1);

  const panelWidth = 470;
  const panelHeight = 330;
  const margin = { left: 64, top: 56, right: 24, bottom: 48 };
  const width = margin.left + dialects.length * (panelWidth + margin.right + margin.left) - margin.left;
  // As many legend columns as fit at 210 px each.
  const columns = Math.max(1, Math.floor((width - margin.left - margin.right) / 210));
  const legendRows = Math.ceil(names.length / columns);
  const height = margin.top + panelHeight + margin.bottom + 36 + legendRows * 20 + 16;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12">',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${escape(title)}</text>`,
  ];
  panels.forEach((panel, index) => {
    const left = margin.left + index * (panelWidth + margin.right + margin.left);
    const top = margin.top;
    const x = (value: number): number => left + ((Math.log10(value) - xMin) / (xMax - xMin)) * panelWidth;
    const y = (value: number): number => top + panelHeight - ((Math.log10(value) - yMin) / (yMax - yMin)) * panelHeight;
    out.push(
      `<text x="${left + panelWidth / 2}" y="${top - 10}" text-anchor="middle" font-size="13" font-weight="600">${dialectName(panel.dialect)}</text>`,
    );
    // Grid and axes: a line per decade of latency, a tick per size measured.
    for (let decade = yMin; decade <= yMax; decade++) {
      const value = 10 ** decade;
      const at = y(value).toFixed(1);
      out.push(
        `<line x1="${left}" x2="${left + panelWidth}" y1="${at}" y2="${at}" stroke="#e3e3e3"/>`,
        `<text x="${left - 6}" y="${at}" dy="4" text-anchor="end" fill="#555">${value >= 1 ? value : value.toFixed(-decade)}</text>`,
      );
    }
    for (const size of [...new Set(sizes.filter((s) => s.dialect === panel.dialect).map((s) => s.data.clients))]) {
      const at = x(size).toFixed(1);
      out.push(
        `<line x1="${at}" x2="${at}" y1="${top}" y2="${top + panelHeight}" stroke="#efefef"/>`,
        `<text x="${at}" y="${top + panelHeight + 16}" text-anchor="middle" fill="#555">${shortCount(size)}</text>`,
      );
    }
    out.push(
      `<rect x="${left}" y="${top}" width="${panelWidth}" height="${panelHeight}" fill="none" stroke="#999"/>`,
      `<text x="${left + panelWidth / 2}" y="${top + panelHeight + 36}" text-anchor="middle" fill="#333">clients (log scale)</text>`,
      `<text transform="translate(${left - 46} ${top + panelHeight / 2}) rotate(-90)" text-anchor="middle" fill="#333">latency, ms (log scale)</text>`,
    );
    for (const series of panel.series) {
      for (const [key, dash] of [
        ['p50', ''],
        ['p99', ' stroke-dasharray="5 4"'],
      ] as const) {
        const points = series[key];
        if (points.length === 0) continue;
        const path = points.map(([c, v]) => `${x(c).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
        out.push(`<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
        for (const [c, v] of points) {
          out.push(
            key === 'p50'
              ? `<circle cx="${x(c).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${series.color}"><title>${escape(`${series.scenario}, ${shortCount(c)} clients: p50 ${v.toFixed(2)} ms`)}</title></circle>`
              : `<circle cx="${x(c).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="#fff" stroke="${series.color}" stroke-width="1.5"><title>${escape(`${series.scenario}, ${shortCount(c)} clients: p99 ${v.toFixed(2)} ms`)}</title></circle>`,
          );
        }
      }
    }
  });
  // Legend: the line styles, then a colour per scenario.
  const legendTop = margin.top + panelHeight + margin.bottom + 12;
  out.push(
    `<line x1="${margin.left}" x2="${margin.left + 28}" y1="${legendTop}" y2="${legendTop}" stroke="#333" stroke-width="2"/>`,
    `<text x="${margin.left + 34}" y="${legendTop + 4}">p50</text>`,
    `<line x1="${margin.left + 80}" x2="${margin.left + 108}" y1="${legendTop}" y2="${legendTop}" stroke="#333" stroke-width="2" stroke-dasharray="5 4"/>`,
    `<text x="${margin.left + 114}" y="${legendTop + 4}">p99</text>`,
  );
  const columnWidth = (width - margin.left - margin.right) / columns;
  names.forEach((name, index) => {
    const lx = margin.left + (index % columns) * columnWidth;
    const ly = legendTop + 24 + Math.floor(index / columns) * 20;
    out.push(
      `<rect x="${lx.toFixed(1)}" y="${ly - 8}" width="14" height="10" fill="${colors.get(name) ?? '#000'}"/>`,
      `<text x="${(lx + 20).toFixed(1)}" y="${ly + 1}">${escape(name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
