// Events (who did what to whom) and quotes (who said what): marked in an
// article's text and listed beside it, a story's events in date order, and the
// dyad view of a query: a matrix of source → target event counts coloured by
// quad class, each cell a link to the articles behind it.
//
// Everything from the server is put in text nodes (dom.js); actor codes and
// texts only ever reach the page as text or as values of a query string.

import { el, replace, date, number } from "./dom.js";
import { api, queryString } from "./api.js";
import { lang } from "./i18n.js";

const WORDS = {
  ar: {
    events: "الأحداث",
    quotes: "الاقتباسات",
    noSource: "فاعل غير مذكور",
    noTarget: "—",
    quad: { 1: "تعاون لفظي", 2: "تعاون مادي", 3: "صراع لفظي", 4: "صراع مادي" },
    modality: { negated: "منفي", threatened: "تهديد", intended: "نية" },
    reported: "منقول",
    storyEvents: "أحداث القصة",
    mentions: (n) => `${n} إشارة`,
    dyads: "من يفعل ماذا بمن",
    dyadsLink: "الفاعلون والمستهدفون",
    dyadsHint: "الصفوف: الفاعل، الأعمدة: المستهدف. انقر خانة لرؤية المقالات.",
    noDyads: "لا أحداث بفاعل ومستهدف معروفين لهذا البحث.",
    truncated: (read, all) => `قُرئت أحدث ${read} مقالة من ${all}.`,
    back: "رجوع إلى البحث",
    loading: "جارٍ التحميل…",
    error: "خطأ",
    searchActor: (code) => `مقالات يفعل فيها ${code}`,
    searchTarget: (code) => `مقالات يُستهدف فيها ${code}`,
    cell: (s, tg, q, n) => `${s} ← ${tg}: ${n} (${q})`,
    speaker: "المتحدث",
  },
  en: {
    events: "Events",
    quotes: "Quotes",
    noSource: "unnamed actor",
    noTarget: "—",
    quad: { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" },
    modality: { negated: "negated", threatened: "threatened", intended: "intended" },
    reported: "reported",
    storyEvents: "The story's events",
    mentions: (n) => `${n} mention${n === "1" ? "" : "s"}`,
    dyads: "Who does what to whom",
    dyadsLink: "Actors and targets",
    dyadsHint: "Rows: source, columns: target. Click a cell for its articles.",
    noDyads: "No events with a known source and target for this search.",
    truncated: (read, all) => `Read the newest ${read} of ${all} articles.`,
    back: "Back to the search",
    loading: "Loading…",
    error: "Error",
    searchActor: (code) => `Articles where ${code} acts`,
    searchTarget: (code) => `Articles where ${code} is the target`,
    cell: (s, tg, q, n) => `${s} → ${tg}: ${n} (${q})`,
    speaker: "Speaker",
  },
};

/** CAMEO's twenty roots, in both languages. */
const ROOTS = {
  ar: ["", "تصريح علني", "مناشدة", "إعلان نية التعاون", "تشاور", "تعاون دبلوماسي", "تعاون مادي", "تقديم مساعدات",
    "تنازل", "تحقيق", "مطالبة", "استنكار", "رفض", "تهديد", "احتجاج", "استعراض القوة", "تقليص العلاقات", "إكراه",
    "اعتداء", "قتال", "عنف جماعي غير تقليدي"],
  en: ["", "Make public statement", "Appeal", "Express intent to cooperate", "Consult", "Diplomatic cooperation",
    "Material cooperation", "Provide aid", "Yield", "Investigate", "Demand", "Disapprove", "Reject", "Threaten",
    "Protest", "Exhibit force posture", "Reduce relations", "Coerce", "Assault", "Fight", "Unconventional mass violence"],
};

/** A CAMEO code with the name of its root: `19 · قتال`. */
export function eventRootLabel(code) {
  const name = (ROOTS[lang()] || ROOTS.ar)[Number(String(code).slice(0, 2))];
  return name ? `${code} · ${name}` : String(code);
}

function w(key, ...args) {
  const value = (WORDS[lang()] || WORDS.ar)[key];
  return typeof value === "function" ? value(...args) : value;
}

/** The search link of an actor: the articles where it acts (or is acted on). */
export function actorHref(code, role = "actor") {
  return "#/?" + queryString({ [role === "target" ? "target" : "actor"]: code });
}

/**
 * The marks of one text part for the article text: event actions and quote
 * cues. A statement event that is a quote is marked as the quote (its action
 * is the quote's cue).
 */
export function eventMarks(found, part) {
  const marks = [];
  (found.events || []).forEach((event, index) => {
    if ((event.part || "body") !== part || Number.isInteger(event.quote)) return;
    marks.push({ start: event.action.span.start, end: event.action.span.end, kind: "EVENT", event, index });
  });
  (found.quotes || []).forEach((quote, index) => {
    if ((quote.part || "body") !== part) return;
    marks.push({ start: quote.cue.span.start, end: quote.cue.span.end, kind: "QUOTE", quote, index });
  });
  return marks;
}

/** The node of an event or quote mark in the text (null for other marks). */
export function eventMarkNode(piece) {
  const mark = piece.mark;
  if (mark.kind === "EVENT") {
    const e = mark.event;
    const label = `${e.code} · ${w("quad")[e.quad_class] || ""} · ${(e.source && e.source.code) || "?"} → ${(e.target && e.target.code) || "?"}`;
    return el("span", { class: `mention kind-EVENT quad-${e.quad_class}`, title: label, dataset: { event: e.code, index: String(mark.index) } }, piece.text);
  }
  if (mark.kind === "QUOTE") {
    const q = mark.quote;
    return el("span", { class: "mention kind-QUOTE", title: q.speaker ? q.speaker.text : w("quotes"), dataset: { quote: String(mark.index) } }, piece.text);
  }
  return null;
}

function actorNode(actor, role) {
  if (!actor) return el("span", { class: "muted" }, role === "target" ? w("noTarget") : w("noSource"));
  const name = el("span", { lang: "ar", dir: "rtl" }, actor.text || actor.name || "");
  if (!actor.code) return name;
  return el("a", { class: "actor", href: actorHref(actor.code, role), title: role === "target" ? w("searchTarget", actor.code) : w("searchActor", actor.code), dataset: { actor: actor.code } },
    name, " ", el("code", { dir: "ltr" }, actor.code));
}

function eventBadges(e) {
  return [
    el("code", { class: `quad quad-${e.quad_class}`, dir: "ltr", title: `${eventRootLabel(e.code)} · ${w("quad")[e.quad_class] || ""}` }, e.code),
    e.modality && e.modality !== "asserted" ? el("span", { class: "badge" }, w("modality")[e.modality] || e.modality) : null,
    e.reported ? el("span", { class: "badge" }, w("reported")) : null,
  ];
}

/** The panel of an article's events and quotes; null when it has none. */
export function eventsPanel(found) {
  const events = found.events || [];
  const quotes = found.quotes || [];
  if (!events.length && !quotes.length) return null;
  const section = el("section", { class: "panel events-panel", "aria-labelledby": "events-h" });
  if (events.length) {
    section.append(el("h2", { id: "events-h" }, w("events")),
      el("ol", { class: "event-list" }, events.map((e, i) => el("li", { id: `event-${i}`, class: "event-item" },
        eventBadges(e), " ", actorNode(e.source, "actor"), " ",
        el("strong", { lang: "ar", dir: "rtl" }, e.action.text), " ", actorNode(e.target, "target"),
        e.place ? el("span", { class: "muted" }, " · ", e.place.text) : null,
        e.date ? el("span", { class: "muted" }, " · ", el("bdi", { dir: "ltr" }, e.date.value)) : null))));
  }
  if (quotes.length) {
    section.append(el("h2", { id: events.length ? null : "events-h" }, w("quotes")),
      el("ol", { class: "quote-list" }, quotes.map((q, i) => el("li", { id: `quote-${i}`, class: `quote-item quote-${q.kind}` },
        el("blockquote", { lang: "ar", dir: "rtl" }, q.text),
        el("p", { class: "muted" }, w("speaker"), ": ",
          q.speaker ? actorNode({ text: q.speaker.text, code: q.speaker.code }, "actor") : "?",
          " · ", el("span", { lang: "ar", dir: "rtl" }, q.cue.text))))));
  }
  return section;
}

/** A story's events in date order, fetched; null when it has none. */
export async function storyEvents(storyId, back) {
  const list = await api.events({ story: storyId, size: 100 });
  if (!list.events.length) return null;
  return el("section", { class: "panel story-events" }, el("h2", {}, w("storyEvents")),
    el("ol", { class: "event-timeline" }, list.events.map((e) => {
      const first = e.mentions[0];
      return el("li", { class: "event-item", dataset: { eventId: String(e.id) } },
        el("time", { datetime: e.day || "", class: "story-date" }, e.day ? date(e.day, lang()) : "—"), " ",
        eventBadges(e), " ", actorNode(e.source && { name: e.source.name, code: e.source.code }, "actor"), " ",
        el("strong", { lang: "ar", dir: "rtl" }, first ? first.action_text : ""), " ",
        actorNode(e.target && { name: e.target.name, code: e.target.code }, "target"), " ",
        first ? el("a", { class: "muted", href: `#/article/${encodeURIComponent(first.article)}?back=${encodeURIComponent(back)}` },
          w("mentions", number(e.num_mentions, lang()))) : null);
    })));
}

/** A link to the dyad view of a search's filters. */
export function dyadsLink(filters) {
  return el("a", { class: "dyads-link", href: "#/dyads?" + queryString(filters) }, w("dyadsLink"));
}

/** The dyad matrix: rows are sources, columns targets, each cell its counts by quad class. */
export function dyadMatrix(data, filters) {
  const sources = data.sources.slice(0, 15);
  const targets = data.targets.slice(0, 15);
  const cells = new Map();
  for (const c of data.cells) {
    const key = `${c.source}\u0000${c.target}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(c);
  }
  const max = Math.max(1, ...data.cells.map((c) => c.count));
  const head = el("tr", {}, el("th", { scope: "col" }, ""), targets.map((tg) => el("th", { scope: "col", dir: "ltr" },
    el("a", { href: actorHref(tg, "target") }, tg))));
  const rows = sources.map((s) => el("tr", {}, el("th", { scope: "row", dir: "ltr" }, el("a", { href: actorHref(s, "actor") }, s)),
    targets.map((tg) => {
      const here = (cells.get(`${s}\u0000${tg}`) || []).sort((a, b) => a.quad_class - b.quad_class);
      if (!here.length) return el("td", { class: "dyad-empty" });
      const href = "#/?" + queryString({ ...filters, actor: s, target: tg });
      return el("td", { class: "dyad-cell" }, el("a", { href, dataset: { source: s, target: tg } }, here.map((c) =>
        el("span", {
          class: `dyad-count quad-${c.quad_class}`,
          title: w("cell", s, tg, w("quad")[c.quad_class], c.count),
          dataset: { level: String(Math.min(4, Math.ceil((c.count / max) * 4))) },
        }, number(c.count, lang())))));
    })));
  return el("table", { class: "dyad-matrix" }, el("thead", {}, head), el("tbody", {}, rows));
}

function legend() {
  return el("p", { class: "legend" }, [1, 2, 3, 4].map((q) => el("span", { class: `dyad-count quad-${q}` }, w("quad")[q])));
}

/** Renders the dyad view of the filters in `params` (a URLSearchParams) into `main`. */
export async function showDyads(main, params) {
  const filters = {};
  for (const [key, value] of params) if (value) filters[key] = value;
  replace(main, el("p", { class: "status" }, w("loading")));
  try {
    const data = await api.dyads(filters);
    document.title = w("dyads");
    replace(main, el("div", { class: "dyads" },
      el("a", { class: "back", href: "#/?" + queryString(filters) }, w("back")),
      el("h1", {}, w("dyads")),
      el("p", { class: "muted" }, w("dyadsHint")),
      data.truncated ? el("p", { class: "muted" }, w("truncated", number(data.articles_read, lang()), number(data.articles_matched, lang()))) : null,
      data.cells.length ? [legend(), el("div", { class: "dyad-scroll" }, dyadMatrix(data, filters))] : el("div", { class: "empty" }, w("noDyads"))));
  } catch (e) {
    replace(main, el("div", { class: "status error", role: "alert" }, `${w("error")}: ${e.message}`));
  }
}
