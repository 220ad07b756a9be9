// The summary's chart: one bar per unit, stacked by the classification, overdue in red. Drawn on the
// server with no browser: vega-lite compiles the spec, vega renders it to SVG, resvg rasterises it
// to PNG in DejaVu Sans (shipped with the dejavu-fonts-ttf package, else the system's copy), a font
// with every Vietnamese diacritic. Nothing is downloaded at run time.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { formatDay, formatMonth } from "../../domain/calendar.js";
import { SUMMARY_GROUPS, type GroupCounts } from "../../domain/summary/compile.js";
import { summary as t } from "../../messages/vi/summary.js";

const FONT_FAMILY = "DejaVu Sans";
const COLORS: Record<(typeof SUMMARY_GROUPS)[number], string> = {
  doneOnTime: "#2e7d32",
  doneLate: "#81c784",
  inProgress: "#1e88e5",
  overdue: "#d32f2f",
  blocked: "#f9a825",
  notReported: "#9e9e9e",
};

/** The font files resvg gets: the packaged DejaVu Sans, or the system's when the package is absent. */
export function chartFonts(): string[] {
  const candidates: string[] = [];
  try {
    const pkg = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json");
    candidates.push(join(dirname(pkg), "ttf", "DejaVuSans.ttf"), join(dirname(pkg), "ttf", "DejaVuSans-Bold.ttf"));
  } catch {
    // Not installed: fall through to the system's fonts.
  }
  candidates.push("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
  return candidates.filter((f) => existsSync(f));
}

/** What the chart draws: the summary's month and day, and each unit's parts counted by group. */
export interface ChartInput {
  month: string;
  today: string;
  units: { code: string; counts: GroupCounts }[];
}

function spec(s: ChartInput): TopLevelSpec {
  const values = s.units.flatMap((u) => SUMMARY_GROUPS.map((g, order) => ({ unit: u.code, group: t.groups[g], order, count: u.counts[g] })));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: t.chart.title(formatMonth(s.month)), subtitle: t.asOf(formatDay(s.today)) },
    width: Math.max(360, 70 * s.units.length),
    height: 300,
    background: "white",
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: { field: "unit", type: "nominal", sort: s.units.map((u) => u.code), title: t.chart.unitAxis, axis: { labelAngle: 0 } },
      y: { field: "count", type: "quantitative", stack: "zero", title: t.chart.countAxis, axis: { tickMinStep: 1 } },
      color: {
        field: "group",
        type: "nominal",
        title: t.chart.group,
        scale: { domain: SUMMARY_GROUPS.map((g) => t.groups[g]), range: SUMMARY_GROUPS.map((g) => COLORS[g]) },
        legend: { orient: "bottom", columns: 2, labelLimit: 320 },
      },
      order: { field: "order", type: "quantitative" },
    },
    config: { font: FONT_FAMILY, padding: 12 },
  };
}

/** The chart as SVG (vega's own renderer, no canvas). */
export async function chartSvg(s: ChartInput): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec(s)).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG, 2× for a phone's screen. */
export async function chartPng(s: ChartInput): Promise<Buffer> {
  const svg = await chartSvg(s);
  const fontFiles = chartFonts();
  const resvg = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "zoom", value: 2 },
    background: "white",
  });
  return resvg.render().asPng();
}
