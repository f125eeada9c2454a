// The article page: the text as written, with entities marked by type and
// linked to their own searches, times marked with what they resolve to, and a
// panel of entities, a map of the places, times and numbers.

import { el, byteCutter, clean, date, number, safeUrl, replace } from "./dom.js";
import { api, queryString } from "./api.js";
import { lang, t } from "./i18n.js";
import { placesMap } from "./map.js";
import { timeLabel } from "./timex.js";
import { eventMarks, eventMarkNode, eventsPanel } from "./events.js";
import { sourceName } from "./sources.js";
import { relationsPanel } from "./relations.js";

const KINDS = ["PER", "LOC", "ORG", "MISC"];
const KIND_GROUP = { PER: "people", LOC: "places", ORG: "organisations", MISC: "other" };

/** The filter each kind of entity sets. */
const FILTER_OF = { PER: "person", LOC: "place", ORG: "org", MISC: "entity" };

/** The search link for an entity: the articles that name it. */
export function entityHref(entity) {
  return "#/?" + queryString({ [FILTER_OF[entity.kind] || "entity"]: entity.canonical.replaceAll('"', "") });
}

/** The marks of one text part: entity mentions and times, as byte ranges. */
function marksOf(analysed, part) {
  const { entities } = analysed.extractions;
  const marks = [];
  for (const mention of entities.mentions || []) {
    if ((mention.part || "body") !== part) continue;
    const entity = entities.entities[mention.entity];
    if (!entity) continue;
    marks.push({ start: mention.span.start, end: mention.span.end, kind: mention.kind, entity });
  }
  for (const time of analysed.extractions.times || []) {
    if ((time.part || "body") !== part) continue;
    marks.push({ start: time.span.start, end: time.span.end, kind: "TIME", time });
  }
  return marks.concat(eventMarks(analysed.extractions, part));
}

/** What a time resolves to, in words (`أواخر أكتوبر ٢٠١٧`, `يومان`, `الآن`), not its code. */
function timeValue(time) {
  return timeLabel(time, lang());
}

function markNode(piece) {
  const mark = piece.mark;
  if (mark.kind === "EVENT" || mark.kind === "QUOTE") return eventMarkNode(piece);
  if (mark.kind === "TIME") {
    return el("span", { class: "mention kind-TIME", title: `${t("kind").TIME}: ${timeValue(mark.time)}` }, piece.text);
  }
  const entity = mark.entity;
  const label = [t("kind")[mark.kind], entity.canonical, entity.name_en, entity.role && entity.role.text].filter(Boolean).join(" · ");
  return el("a", { class: `mention kind-${mark.kind}`, href: entityHref(entity), title: label, dataset: { kind: mark.kind } }, piece.text);
}

/** The nodes of the pieces of a text, marks linked. */
function markedNodes(pieces) {
  return pieces.map((p) => (p.mark ? markNode(p) : p.text));
}

/**
 * Bytes of text shown at once; the rest follows in slices that double up to the
 * largest (each slice lays out the body again: few of them keep that linear).
 */
const FIRST_BYTES = 64 * 1024;
const MAX_SLICE_BYTES = 1024 * 1024;

/**
 * The body's paragraphs, marked: the body is encoded once and cut in order, the
 * first screenfuls at once and the rest a slice at a time after it is shown
 * (`data-complete` is set on the body once every paragraph is there).
 */
function articleBody(analysed) {
  const cut = byteCutter(analysed.article.body, marksOf(analysed, "body"));
  const spans = analysed.analysis?.body?.paragraphs?.length
    ? [...analysed.analysis.body.paragraphs].sort((a, b) => a.start - b.start)
    : [{ start: 0, end: null }];
  const body = el("div", { class: "article-body" });
  let next = 0;
  const render = (budget) => {
    const nodes = [];
    for (let used = 0; next < spans.length && (used < budget || !nodes.length); next++) {
      const span = spans[next];
      nodes.push(el("p", {}, markedNodes(cut(span.start, span.end))));
      used += span.end === null ? Infinity : span.end - span.start;
    }
    body.append(...nodes);
    if (next >= spans.length) body.dataset.complete = "true";
  };
  let slice = FIRST_BYTES;
  // Each slice after the page has been painted: the first screen is not kept
  // waiting for the styles of the slices behind it.
  const later = () => requestAnimationFrame(() => setTimeout(rest, 0));
  const rest = () => {
    // Stop when the reader has gone to another page.
    if (next >= spans.length || !body.isConnected) return;
    slice = Math.min(2 * slice, MAX_SLICE_BYTES);
    render(slice);
    later();
  };
  render(FIRST_BYTES);
  if (next < spans.length) later();
  return body;
}

function entityPanel(entities) {
  const byKind = new Map(KINDS.map((k) => [k, []]));
  for (const entity of entities.entities || []) byKind.get(entity.kind)?.push(entity);
  const section = el("section", { class: "panel", "aria-labelledby": "entities-h" }, el("h2", { id: "entities-h" }, t("entities")));
  for (const kind of KINDS) {
    const list = byKind.get(kind).sort((a, b) => b.mentions.length - a.mentions.length);
    if (!list.length) continue;
    section.append(el("h3", { class: `kind-title kind-${kind}` }, t(KIND_GROUP[kind])),
      el("ul", { class: "chips" }, list.map((entity) => el("li", {},
        el("a", { class: `chip kind-${kind}`, href: entityHref(entity), title: t("searchFor", entity.canonical), dataset: { entity: entity.canonical } },
          el("span", { lang: "ar", dir: "rtl" }, entity.canonical),
          entity.name_en && lang() === "en" ? el("small", {}, entity.name_en) : null,
          entity.role ? el("small", {}, entity.role.text) : null,
          el("span", { class: "count" }, number(entity.mentions.length, lang())))))));
  }
  return section;
}

function placesOf(entities) {
  return (entities.entities || [])
    .filter((e) => e.place && Number.isFinite(e.place.lat))
    .map((e) => ({ name: e.canonical, lat: e.place.lat, lon: e.place.lon, country: e.place.country, count: e.mentions.length, href: entityHref(e) }));
}

/** Most entries of each list of the side panel; a long article names thousands. */
const PANEL_ENTRIES = 40;

/** The entries with distinct `key`s, at most `PANEL_ENTRIES` of them. */
function distinct(entries, key) {
  const seen = new Set();
  const out = [];
  for (const entry of entries) {
    const k = key(entry);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(entry);
    if (out.length === PANEL_ENTRIES) break;
  }
  return out;
}

function timesPanel(found) {
  const times = distinct(found.times || [], (x) => `${x.text} ${x.value} ${x.mod || ""}`);
  const numbers = distinct(found.numbers || [], (n) => `${n.text} ${n.value}`);
  const section = el("section", { class: "panel" });
  if (times.length) {
    section.append(el("h2", {}, t("times")), el("dl", { class: "facts" }, times.flatMap((time) => [
      el("dt", { lang: "ar", dir: "rtl" }, time.text), el("dd", { dataset: { value: time.value } }, timeValue(time))])));
  }
  if (numbers.length) {
    section.append(el("h2", {}, t("numbers")), el("dl", { class: "facts" }, numbers.flatMap((n) => [
      el("dt", { lang: "ar", dir: "rtl" }, n.text), el("dd", { dir: "ltr" }, [n.approx ? "≈" : "", number(n.value, "en"), n.currency, n.counts].filter(Boolean).join(" "))])));
  }
  return times.length || numbers.length ? section : null;
}

function legend() {
  // The interface's words, in its own direction inside the right-to-left article.
  return el("p", { class: "legend", lang: lang(), dir: lang() === "ar" ? "rtl" : "ltr" }, el("span", {}, t("legend") + ":"),
    ["PER", "LOC", "ORG", "MISC", "TIME"].map((k) => el("span", { class: `mention kind-${k}` }, t("kind")[k])));
}

/** The whole view of an analysed article (also used by the analysis page). */
export function articleView(analysed, { backHref, moreLike = false, self } = {}) {
  const article = analysed.article;
  const found = analysed.extractions;
  const url = article.url && safeUrl(article.url);
  const meta = el("p", { class: "meta" },
    article.source ? el("span", { class: "source", title: article.source, dataset: { source: article.source } }, sourceName(article.source)) : null,
    article.published ? el("time", { datetime: article.published }, date(article.published, lang(), true)) : null,
    article.dateline && !article.published ? el("span", {}, article.dateline) : null,
    article.category ? el("span", {}, article.category) : null,
    url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, t("original")) : null,
    moreLike ? el("a", { class: "more-like", href: "#/?" + queryString({ like: article.id }) }, t("related")) : null);
  const titleMarks = marksOf(analysed, "title");
  const map = placesMap(placesOf(found.entities));
  return el("div", { class: "article-layout" },
    el("article", { class: "article", lang: "ar", dir: "rtl" },
      backHref ? el("a", { class: "back", href: backHref }, t("back")) : null,
      el("h1", { class: "article-title" }, markedNodes(byteCutter(article.title, titleMarks)())),
      meta,
      found.summary && found.summary.length
        ? el("section", { class: "article-summary" }, el("h2", {}, t("summary")), el("ul", {}, found.summary.map((s) => el("li", {}, s.text))))
        : null,
      legend(),
      articleBody(analysed)),
    el("aside", { class: "article-side" }, relationsPanel(analysed.relations, self), entityPanel(found.entities), eventsPanel(found), map, timesPanel(found)));
}

/** Renders the article with this id into `main`. */
export async function showArticle(main, id, backHref) {
  replace(main, el("p", { class: "status" }, t("loading")));
  try {
    const analysed = await api.article(id);
    document.title = `${clean(analysed.article.title)} · ${t("brand")}`;
    const self = `#/article/${encodeURIComponent(id)}` + (backHref ? `?back=${encodeURIComponent(backHref)}` : "");
    replace(main, articleView(analysed, { backHref, moreLike: true, self }));
  } catch (e) {
    replace(main, el("div", { class: "status error", role: "alert" }, e.status === 404 ? t("notFound") : `${t("error")}: ${e.message}`));
  }
}
