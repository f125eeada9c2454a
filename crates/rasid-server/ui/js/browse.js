// The stories list (#/stories): every story, a page at a time, filtered by a
// text, dates, source and size, biggest or latest first. The filters are in the
// address, so a list can be bookmarked and shared.

import { el, replace, number } from "./dom.js";
import { api, queryString } from "./api.js";
import { lang, t } from "./i18n.js";
import { storyItem } from "./story.js";
import { w } from "./tools.js";

const PAGE = 20;
const FIELDS = ["q", "from", "to", "source", "min_articles", "recent"];
const SIZES = [2, 5, 10, 50];

/** The list's state from the address. */
function stateOf(params) {
  const state = { page: Math.max(1, Number(params.get("page")) || 1) };
  for (const f of FIELDS) state[f] = params.get(f) || "";
  return state;
}

function hashOf(state) {
  return "#/stories?" + queryString({ ...Object.fromEntries(FIELDS.map((f) => [f, state[f]])), page: state.page > 1 ? state.page : "" });
}

/** The filters' form, filled from `state`; `sources` the index's sources. */
function filterForm(state, sources) {
  const input = (name, attrs) => el("input", { name, id: `stories-${name}`, value: state[name], ...attrs });
  const field = (name, label, control) => el("label", { class: "field", for: `stories-${name}` }, el("span", {}, label), control);
  const form = el("form", { class: "stories-filters", role: "search" },
    field("q", w("text"), input("q", { type: "search", dir: "auto", maxlength: "1000" })),
    field("from", w("from"), input("from", { type: "date" })),
    field("to", w("to"), input("to", { type: "date" })),
    field("source", w("source"), el("select", { name: "source", id: "stories-source" },
      el("option", { value: "" }, w("anySource")),
      [...new Set([...sources, state.source].filter(Boolean))].map((s) =>
        el("option", { value: s, selected: s === state.source }, s)))),
    field("min_articles", w("size"), el("select", { name: "min_articles", id: "stories-min_articles" },
      el("option", { value: "" }, w("anySize")),
      SIZES.map((n) => el("option", { value: String(n), selected: String(n) === state.min_articles }, w("atLeast", number(n, lang())))))),
    field("recent", w("order"), el("select", { name: "recent", id: "stories-recent" },
      el("option", { value: "" }, w("biggest")),
      el("option", { value: "true", selected: state.recent === "true" }, w("latest")))),
    el("div", { class: "actions" },
      el("button", { type: "submit", class: "primary" }, w("apply")), " ",
      el("a", { href: "#/stories", class: "link" }, w("reset"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = { page: 1 };
    for (const f of FIELDS) next[f] = String(data.get(f) || "").trim();
    location.hash = hashOf(next);
  });
  return form;
}

function pager(state, total) {
  const pages = Math.ceil(total / PAGE);
  if (pages <= 1) return null;
  const to = (page) => hashOf({ ...state, page });
  return el("nav", { class: "pager" },
    state.page > 1 ? el("a", { href: to(state.page - 1), class: "previous", rel: "prev" }, "‹") : null,
    el("span", {}, `${number(state.page, lang())} / ${number(pages, lang())}`),
    state.page < pages ? el("a", { href: to(state.page + 1), class: "next", rel: "next" }, "›") : null);
}

/** A story of the list whose "back" comes back to this page of the list. */
function withBack(item, state) {
  const link = item.querySelector("a[href^='#/story/']");
  if (link) link.setAttribute("href", `${link.getAttribute("href")}?back=${encodeURIComponent(hashOf(state))}`);
  return item;
}

/** Renders the stories list of the address's `params` into `main`. */
export async function showStories(main, params) {
  const state = stateOf(params);
  document.title = `${w("storiesTitle")} · ${t("brand")}`;
  replace(main, el("p", { class: "status" }, w("loading")));
  try {
    const query = { ...Object.fromEntries(FIELDS.map((f) => [f, state[f]])), page: state.page > 1 ? state.page : "", size: PAGE };
    const [list, facets] = await Promise.all([
      api.stories(query),
      api.search({ from: "1000", size: 1 }).catch(() => null),
    ]);
    const sources = facets ? facets.facets.sources.map((s) => s.value) : [];
    replace(main, el("div", { class: "stories-page" },
      el("h1", {}, w("storiesTitle")),
      el("p", { class: "muted" }, list.note || w("storiesHint")),
      filterForm(state, sources),
      el("p", { class: "summary", id: "stories-total" }, el("strong", {}, w("storiesCount", list.total, number(list.total, lang())))),
      list.stories.length
        ? el("ol", { class: "story-list", start: (state.page - 1) * PAGE + 1 }, list.stories.map((s) => withBack(storyItem(s), state)))
        : el("p", { class: "empty" }, w("noStories")),
      pager(state, list.total)));
  } catch (e) {
    replace(main, el("div", { class: "status error", role: "alert" }, `${w("error")}: ${e.message}`));
  }
}
