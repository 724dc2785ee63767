/**
 * Charts drawn with Observable Plot at generation time into static SVG (jsdom supplies the
 * document Plot draws into), so the report needs no JavaScript; every chart has a table beside it.
 */
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from './report';

export interface Bar {
  group: string;
  platform: Platform;
  value: number;
}

const COLORS: Record<Platform, string> = {
  'neon-drizzle': '#00a67e',
  supabase: '#3b82f6',
  convex: '#f59e0b',
};

/** Horizontal bars, one row per platform in each group (an operation, a concern), labelled with their values. */
export function groupedBars(
  bars: Bar[],
  options: { label: string; format?: (value: number) => string },
): string {
  const { document } = new JSDOM('').window;
  const format = options.format ?? ((value: number) => String(value));
  const groups = [...new Set(bars.map((bar) => bar.group))];
  const labelled = bars.map((bar) => ({ ...bar, platformLabel: PLATFORM_LABELS[bar.platform] }));
  // Only the platforms measured: a platform without bars is absent, not zero.
  const shown = PLATFORMS.filter((platform) => bars.some((bar) => bar.platform === platform));
  const chart = Plot.plot({
    document,
    width: 760,
    height: Math.max(120, groups.length * shown.length * 16 + 60),
    marginLeft: 170,
    marginRight: 70,
    x: { label: options.label, grid: true, nice: true },
    y: { axis: null, domain: shown.map((platform) => PLATFORM_LABELS[platform]) },
    fy: { label: null, domain: groups, padding: 0.25 },
    color: {
      domain: shown.map((platform) => PLATFORM_LABELS[platform]),
      range: shown.map((platform) => COLORS[platform]),
      legend: true,
    },
    marks: [
      Plot.barX(labelled, { x: 'value', y: 'platformLabel', fy: 'group', fill: 'platformLabel' }),
      Plot.text(labelled, {
        x: 'value',
        y: 'platformLabel',
        fy: 'group',
        text: (bar: Bar) => format(bar.value),
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', options.label);
  return chart.outerHTML;
}
