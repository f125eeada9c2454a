// The search page: results as you type, highlighted snippets, facet filters,
// the volume of the query over time, and paging.

import { el, fragment, replace, date, number } from "./dom.js";
import { api, queryString } from "./api.js";
import { lang, t } from "./i18n.js";
import { timelineChart } from "./chart.js";
import { placesMap } from "./map.js";
import { storyItem } from "./story.js";
import { dyadsLink, eventRootLabel } from "./events.js";
import { sourceName } from "./sources.js";
import { periodPanel, periodLabel, PERIOD_FILTERS } from "./period.js";
import { cooccurrenceView, searchTools } from "./tools.js";

export const PAGE_SIZE = 10;

/** The filters a facet sets, with the facet's key in the search answer. */
export const FACETS = [
  { param: "source", key: "sources", title: "sources" },
  { param: "person", key: "persons", title: "people" },
  { param: "place", key: "places", title: "places" },
  { param: "org", key: "orgs", title: "organisations" },
  { param: "month", key: "months", title: "months" },
  { param: "category", key: "categories", title: "categories" },
  { param: "event", key: "event_roots", title: "eventRoots" },
  { param: "actor", key: "actors", title: "actors" },
  { param: "target", key: "targets", title: "targets" },
];

/**
 * Filters that no facet lists but a link or a panel may set (an entity of
 * another kind, a day of the chart, the period panel's, "more like this").
 */
const EXTRA = ["entity", "story", "day", ...PERIOD_FILTERS, "like"];

const FILTERS = [...FACETS.map((f) => f.param), ...EXTRA];

function stateFilters(state) {
  return Object.fromEntries(FILTERS.map((p) => [p, state[p]]));
}

/** The filter values of a state, for the API (a day is the range from it to it). */
export function filtersOf(state) {
  const { day, ...filters } = stateFilters(state);
  return day ? { ...filters, from: day, to: day } : filters;
}

/** The filter a bar of the chart sets: its month, or its day. */
function pickOf(bucket, interval) {
  return interval === "month" ? { month: bucket.start.slice(0, 7), day: "" } : { day: bucket.start, month: "" };
}

function cleared(state) {
  return { ...state, ...Object.fromEntries(FILTERS.map((p) => [p, ""])), page: 1 };
}

/** Search state from a hash's query string. */
export function stateFrom(params) {
  const state = {
    q: params.get("q") || "",
    sort: params.get("sort") || "",
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  for (const p of FILTERS) state[p] = params.get(p) || "";
  return state;
}

/** The hash of a search state. */
export function hashOf(state) {
  const page = state.page > 1 ? state.page : "";
  return "#/?" + queryString({ q: state.q, ...stateFilters(state), sort: state.sort, page });
}

function hasFilters(state) {
  return FILTERS.some((p) => state[p]);
}

function monthLabel(value) {
  const [y, m] = value.split("-");
  if (!m) return value;
  return new Intl.DateTimeFormat(lang() === "ar" ? "ar-EG" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(Number(y), Number(m) - 1, 1)));
}

/** The names facets gave identity keys (`PER:بتن` → `بوتين`), for the chips of filters set by key. */
const entityNames = new Map();

/** What an entity filter shows: the name its facet gave, or a key's name part, or the name typed. */
function entityLabel(value) {
  if (entityNames.has(value)) return entityNames.get(value);
  const m = /^(?:PER|ORG|LOC|MISC):(.+)$/.exec(value);
  return m ? m[1] : value;
}

function facetLabel(param, value) {
  if (param === "event") return eventRootLabel(value);
  if (param === "source") return sourceName(value);
  const period = periodLabel(param, value);
  if (period !== null) return period;
  if (["person", "place", "org", "entity"].includes(param)) return entityLabel(value);
  return param === "month" ? monthLabel(value) : param === "day" ? date(value, lang()) : value;
}

function hitView(hit, state) {
  const href = `#/article/${encodeURIComponent(hit.id)}?back=${encodeURIComponent(hashOf(state))}`;
  return el("li", { class: "hit", lang: "ar", dir: "rtl" },
    el("h2", { class: "hit-title" }, el("a", { href }, hit.title_highlight ? fragment(hit.title_highlight) : hit.title)),
    el("p", { class: "meta" },
      hit.source ? el("span", { class: "source", title: hit.source, dataset: { source: hit.source } }, sourceName(hit.source)) : null,
      hit.published ? el("time", { datetime: hit.published }, date(hit.published, lang())) : null,
      hit.category ? el("span", {}, hit.category) : null,
      hit.copies && hit.copies.length ? el("span", { class: "copies", title: hit.copies.join(" ") }, t("copies", number(hit.copies.length, lang()))) : null),
    hit.snippet && hit.snippet.text ? el("p", { class: "snippet" }, fragment(hit.snippet)) : null);
}

function facetView(facet, values, state, go) {
  const selected = state[facet.param];
  if (!values.length && !selected) return null;
  const max = Math.max(1, ...values.map((v) => v.count));
  for (const v of values) if (v.label) entityNames.set(v.value, v.label);
  const list = el("ul", { class: "facet-values" }, values.map((v) => {
    const on = v.value === selected;
    return el("li", {},
      el("button", {
        type: "button", class: on ? "facet on" : "facet", "aria-pressed": on ? "true" : "false",
        dataset: { facet: facet.param, value: v.value },
        onclick: () => go({ ...state, [facet.param]: on ? "" : v.value, page: 1 }),
      },
      el("span", { class: "facet-name" }, v.label || facetLabel(facet.param, v.value)),
      el("span", { class: "facet-count" }, number(v.count, lang())),
      el("span", { class: "facet-bar", "aria-hidden": "true" }, el("span", { class: `facet-fill w${Math.round((v.count / max) * 10)}` }))));
  }));
  // Open beside the results on a wide screen; closed above them on a phone,
  // except the one in use.
  const open = Boolean(selected) || window.matchMedia("(min-width: 901px)").matches;
  return el("details", { class: "facet-group", open }, el("summary", {}, t(facet.title)), list);
}

function activeFilters(state, go) {
  const chips = FILTERS.filter((p) => state[p]).map((p) =>
    el("button", { type: "button", class: `chip removable filter-${p}`, "aria-label": t("removeFilter", facetLabel(p, state[p])),
      dataset: { filter: p },
      onclick: () => go({ ...state, [p]: "", page: 1 }) },
    facetLabel(p, state[p]), el("span", { "aria-hidden": "true" }, " ×")));
  if (!chips.length) return null;
  if (chips.length > 1) {
    chips.push(el("button", { type: "button", class: "link", onclick: () => go(cleared(state)) }, t("clearFilters")));
  }
  return el("div", { class: "active-filters", "aria-label": t("filters") }, chips);
}

function pager(state, total, go) {
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), Math.floor(10000 / PAGE_SIZE));
  if (pages <= 1) return null;
  return el("nav", { class: "pager", "aria-label": t("page", state.page, pages) },
    el("button", { type: "button", disabled: state.page <= 1, onclick: () => go({ ...state, page: state.page - 1 }) }, t("previous")),
    el("span", {}, t("page", number(state.page, lang()), number(pages, lang()))),
    el("button", { type: "button", disabled: state.page >= pages, onclick: () => go({ ...state, page: state.page + 1 }) }, t("next")));
}

function sortControl(state, go) {
  const select = el("select", { id: "sort", onchange: (e) => go({ ...state, sort: e.target.value === "relevance" ? "" : e.target.value, page: 1 }) },
    ["relevance", "newest", "oldest"].map((s) => el("option", { value: s, selected: (state.sort || "relevance") === s }, t(s))));
  return el("label", { class: "sort" }, t("sort"), " ", select);
}

/**
 * The chart of `timeline`, its count of undated articles a link to them (the
 * `undated` filter, which a publication range excludes).
 */
function chartOf(timeline, state, go) {
  const chart = timelineChart(timeline, (b) => go({ ...state, ...pickOf(b, timeline.interval), page: 1 }));
  const note = chart.querySelector(".undated");
  if (note) {
    note.replaceWith(el("p", { class: "muted undated" }, el("button", {
      type: "button", class: "link",
      onclick: () => go({ ...state, undated: "true", from: "", to: "", day: "", month: "", page: 1 }),
    }, note.textContent)));
  }
  return chart;
}

/** Picks the bucket width from the months the results span. */
function intervalFor(months) {
  return months.length > 2 ? "month" : "day";
}

/**
 * The search page. `render(state)` draws the results of a state into `main`;
 * `cancel()` drops the one being answered; `go(state)` navigates (updates
 * the hash, which renders).
 */
export function createSearch(main, go) {
  let controller = null;
  let generation = 0;

  async function welcome(signal) {
    const [health, timeline, latest, stories] = await Promise.all([
      api.health(),
      api.timeline({ interval: "month" }, signal),
      api.search({ from: "1900", sort: "newest", size: 5 }, signal).catch(() => null),
      api.stories({ limit: 8 }, signal).catch(() => null),
    ]);
    const state = stateFrom(new URLSearchParams());
    return el("section", { class: "welcome" },
      el("h1", {}, t("welcome")),
      el("p", { class: "lead", lang: "ar", dir: "rtl" }, t("welcomeHint")),
      el("p", { class: "muted" }, t("articlesInIndex", number(health.documents, lang())), " · ", t("shortcut")),
      timeline.buckets.length ? chartOf(timeline, state, go) : null,
      stories && stories.stories.length
        ? el("section", { class: "panel stories" }, el("h2", {}, t("stories")), el("ol", { class: "story-list" }, stories.stories.map(storyItem)))
        : null,
      latest && latest.hits.length ? el("ol", { class: "hits" }, latest.hits.map((h) => hitView(h, state))) : null);
  }

  async function render(state) {
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    const mine = ++generation;
    main.setAttribute("aria-busy", "true");
    try {
      if (!state.q.trim() && !hasFilters(state)) {
        const view = await welcome(signal);
        if (mine === generation) replace(main, view);
        return;
      }
      // `like` ranks the search alone: the chart, the map and the dyads count the filters.
      const { like, ...selected } = filtersOf(state);
      const filters = { q: state.q, ...selected };
      const params = { ...filters, like, sort: state.sort, page: state.page > 1 ? state.page : "", size: PAGE_SIZE };
      const results = await api.search(params, signal);
      if (mine !== generation) return;
      const facets = results.facets;
      const layout = el("div", { class: "search-layout" },
        el("aside", { class: "facets", "aria-label": t("filters") }, periodPanel(state, go), FACETS.map((f) => facetView(f, facets[f.key] || [], state, go))),
        el("section", { class: "results", "aria-live": "polite", dataset: { query: state.q } },
          el("div", { class: "toolbar" },
            el("p", { class: "summary", id: "summary" }, el("strong", {}, t("results", number(results.total, lang()))), " ", el("span", { class: "muted" }, t("took", number(Math.max(1, Math.round(results.took_ms)), lang())))),
            sortControl(state, go), dyadsLink(filters)),
          searchTools(filters, state.sort, results.total),
          activeFilters(state, go),
          el("div", { class: "viz", id: "viz" }),
          results.hits.length
            ? el("ol", { class: "hits", start: (state.page - 1) * PAGE_SIZE + 1 }, results.hits.map((h) => hitView(h, state)))
            : el("div", { class: "empty" }, el("p", {}, t("noResults")), el("p", { class: "muted" }, t("noResultsHint"))),
          pager(state, results.total, go)));
      replace(main, layout);
      // After a facet or a page far down, the count and the first results come back into view.
      const top = layout.querySelector(".results");
      if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView({ block: "start" });
      if (results.total > 0 && !like) {
        const [timeline, places] = await Promise.all([
          api.timeline({ ...filters, interval: state.month || state.day ? "day" : intervalFor(facets.months) }, signal),
          api.places(filters, signal),
        ]);
        if (mine !== generation) return;
        const viz = main.querySelector("#viz");
        if (viz && timeline.buckets.length > 1) {
          viz.append(chartOf(timeline, state, go));
        }
        const map = placesMap(places.places.slice(0, 40).map((p) => ({
          name: p.name, lat: p.lat, lon: p.lon, count: p.articles, country: p.country,
          href: hashOf({ ...state, place: p.name, page: 1 }),
        })));
        if (viz && map) viz.append(map);
        const names = await api.cooccurrence(filters, signal).catch(() => null);
        if (mine !== generation) return;
        // After the results and the pager, so that it never pushes them down.
        if (names) main.querySelector(".results")?.append(cooccurrenceView(names, (extra) => hashOf({ ...state, ...extra, page: 1 })));
      }
    } catch (e) {
      if (e.name === "AbortError" || mine !== generation) return;
      if (e.status === 400 && state.q.trim()) {
        // A query being typed ("محادثات, AND …): say what is missing, in the
        // interface's language, and keep the results shown until it parses.
        main.querySelector(".query-hint")?.remove();
        const hint = el("p", { class: "status query-hint", role: "status", title: lang() === "en" ? e.message : null }, t("queryIncomplete"));
        if (main.querySelector(".results, .welcome")) main.prepend(hint);
        else replace(main, hint);
        return;
      }
      replace(main, el("div", { class: "status error", role: "alert" }, `${t("error")}: ${e.message}`));
    } finally {
      if (mine === generation) main.removeAttribute("aria-busy");
    }
  }

  /** Drops the search being answered: the reader has left the search page. */
  function cancel() {
    if (controller) controller.abort();
    controller = null;
    generation += 1;
    main.removeAttribute("aria-busy");
  }

  return { render, cancel };
}
