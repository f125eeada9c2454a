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

/**
 * Draws `timeline` ({interval, buckets: [{start, count}]}). `onPick(bucket)` is
 * called when a bar is chosen (click or Enter).
 */
export function timelineChart(timeline, onPick) {
  const buckets = timeline.buckets;
  const figure = el("figure", { class: "chart", "aria-label": t("timeline") });
  figure.append(el("figcaption", {}, t("timeline")));
  if (!buckets.length) return figure;
  const max = Math.max(...buckets.map((b) => b.count));
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
  for (const f of [0, 0.5, 1]) {
    const y = PAD.top + plotH * (1 - f);
    chart.append(svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "grid" }));
    chart.append(svg("text", { x: PAD.left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, number(Math.round(max * f), lang())));
  }
  buckets.forEach((bucket, i) => {
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
  return figure;
}
