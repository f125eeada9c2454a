// The timeline chart: a query's articles per day, week or month, as SVG bars.

import { el, svg, number, date } from "./dom.js";
import { lang, t } from "./i18n.js";

const WIDTH = 440;
const HEIGHT = 190;
const PAD = { top: 12, right: 8, bottom: 26, left: 36 };

function label(start, interval) {
  if (interval === "month") {
    const [y, m] = start.split("-");
    return new Intl.DateTimeFormat(lang() === "ar" ? "ar-EG" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" })
      .format(new Date(Date.UTC(Number(y), Number(m) - 1, 1)));
  }
  return date(start, lang());
}

/** The start of the bucket after `start`. */
function nextStart(start, interval) {
  if (interval === "month") {
    const [y, m] = start.split("-").map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1));
  return d.toISOString().slice(0, 10);
}

/** Most buckets drawn with the empty ones between them. */
const MAX_FILLED = 1_000;

/**
 * The buckets with the empty ones between them put back, so that the time axis
 * is even (a gap of a month looks like one); as they are when that would make
 * too many bars.
 */
export function evenBuckets(buckets, interval) {
  if (buckets.length < 2) return buckets;
  const counts = new Map(buckets.map((b) => [b.start, b.count]));
  const filled = [];
  const last = buckets[buckets.length - 1].start;
  for (let start = buckets[0].start; filled.length <= MAX_FILLED; start = nextStart(start, interval)) {
    filled.push({ start, count: counts.get(start) || 0 });
    if (start >= last) return filled;
  }
  return buckets;
}

/** Distinct whole-number ticks from 0 to `max`. */
function yTicks(max) {
  return [...new Set([0, Math.round(max / 2), max])].filter((v, i, all) => i === 0 || v > all[i - 1]);
}

/**
 * Draws `timeline` ({interval, buckets: [{start, count}], undated}). `onPick(bucket)`
 * is called when a bar is chosen (click or Enter). Days, weeks or months without
 * articles are drawn as empty places; the undated articles are counted below.
 */
export function timelineChart(timeline, onPick) {
  const buckets = evenBuckets(timeline.buckets, timeline.interval);
  const figure = el("figure", { class: "chart", "aria-label": t("timeline") });
  figure.append(el("figcaption", {}, t("timeline")));
  if (!buckets.length) return figure;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / buckets.length;
  const barW = Math.max(1, Math.min(40, step * 0.8));
  const chart = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    class: "chart-svg",
    "aria-label": t("timeline"),
  });
  // Horizontal grid lines with counts.
  for (const v of yTicks(max)) {
    const y = PAD.top + plotH * (1 - v / max);
    chart.append(svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "grid" }));
    chart.append(svg("text", { x: PAD.left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, number(v, lang())));
  }
  buckets.forEach((bucket, i) => {
    if (!bucket.count) return;
    const h = Math.max(1, (bucket.count / max) * plotH);
    const x = PAD.left + i * step + (step - barW) / 2;
    const bar = svg("rect", {
      x, y: PAD.top + plotH - h, width: barW, height: h, rx: Math.min(3, barW / 3),
      class: "bar", tabindex: 0, role: "button",
      "aria-label": t("articlesOn", number(bucket.count, lang()), label(bucket.start, timeline.interval)),
      dataset: { start: bucket.start },
    }, svg("title", {}, t("articlesOn", number(bucket.count, lang()), label(bucket.start, timeline.interval))));
    const pick = () => onPick && onPick(bucket);
    bar.addEventListener("click", pick);
    bar.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
    chart.append(bar);
  });
  // Labels at the ends and the middle.
  const ticks = [...new Set([0, Math.floor((buckets.length - 1) / 2), buckets.length - 1])];
  for (const i of ticks) {
    const x = PAD.left + i * step + step / 2;
    const anchor = buckets.length === 1 ? "middle" : i === 0 ? "start" : i === buckets.length - 1 ? "end" : "middle";
    chart.append(svg("text", { x: anchor === "start" ? x - barW / 2 : anchor === "end" ? x + barW / 2 : x, y: HEIGHT - 8, class: "axis", "text-anchor": anchor },
      label(buckets[i].start, timeline.interval)));
  }
  figure.append(chart);
  if (timeline.undated) figure.append(el("p", { class: "muted undated" }, t("undated", number(timeline.undated, lang()))));
  return figure;
}
