// rasid's web interface: routes (in the URL's hash, so every view can be
// bookmarked and shared), the search box, the language switch, keyboard keys.
//
//   #/?q=…&source=…&page=…   search (the start page without a query)
//   #/article/ID?back=…      an article
//   #/story/ID               a story: timeline, summary, reports
//   #/analyze                analyse text without indexing it
//   #/dyads?q=…&…            who acts on whom: the events of a search as a matrix
//   #/stories?q=…&from=…&…   every story, a page at a time, with filters
//   #/saved                  the watch list: saved searches and what is new for each

import { debounce, el, replace } from "./dom.js";
import { lang, setLang, t } from "./i18n.js";
import { createSearch, stateFrom, hashOf } from "./search.js";
import { showArticle } from "./article.js";
import { showAnalyze } from "./analyze.js";
import { showStory } from "./story.js";
import { showDyads } from "./events.js";
import { openHelp, setupHelp } from "./help.js";
import { attachSuggest } from "./suggest.js";
import { showStories } from "./browse.js";
import { showSaved } from "./saved.js";

const mainElement = document.getElementById("main");
const input = document.getElementById("q");
const form = document.getElementById("search-form");

function parseHash() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = hash.split("?");
  return { path, params: new URLSearchParams(query) };
}

function go(state, { replaceHistory = false } = {}) {
  const hash = hashOf(state);
  if (hash === location.hash) {
    route();
  } else if (replaceHistory) {
    history.replaceState(null, "", hash);
    route();
  } else {
    location.hash = hash;
  }
}

const search = createSearch(mainElement, go);

function route() {
  const { path, params } = parseHash();
  const article = path.match(/^\/article\/([^/]+)$/);
  const story = path.match(/^\/story\/(\d+)$/);
  document.body.dataset.view = article ? "article" : story ? "story" : path === "/analyze" ? "analyze" : "search";
  const searching = !article && !story && !["/dyads", "/stories", "/saved", "/analyze"].includes(path);
  let main = mainElement;
  if (!searching) {
    // A search still being answered is dropped, and every other view draws
    // into a container of its own: when the reader has moved on, a late
    // answer lands in a detached container instead of over the view shown.
    search.cancel();
    main = el("div", { class: "view" });
    replace(mainElement, main);
  }
  if (path === "/dyads") {
    document.body.dataset.view = "dyads";
    showDyads(main, params);
  } else if (path === "/stories") {
    document.body.dataset.view = "stories";
    showStories(main, params);
  } else if (path === "/saved") {
    document.body.dataset.view = "saved";
    showSaved(main);
  } else if (story) {
    const back = params.get("back");
    showStory(main, story[1], back && back.startsWith("#/") ? back : "#/");
  } else if (article) {
    const back = params.get("back");
    showArticle(main, decodeURIComponent(article[1]), back && back.startsWith("#/") ? back : "#/");
  } else if (path === "/analyze") {
    document.title = `${t("analyze")} · ${t("brand")}`;
    showAnalyze(main);
  } else {
    const state = stateFrom(params);
    if (document.activeElement !== input) {
      input.value = state.q;
      syncInputDir();
    }
    document.title = state.q ? `${state.q} · ${t("brand")}` : `${t("brand")} · ${t("tagline")}`;
    search.render(state);
  }
}

/**
 * The search box's direction: its text's own (`auto`) when there is one, else
 * the interface's, so that the placeholder reads in order (an empty `auto` box
 * is left to right).
 */
function syncInputDir() {
  input.dir = input.value ? "auto" : document.documentElement.dir || "rtl";
}

/** Puts the interface's words in the static parts of the page. */
function translate() {
  syncInputDir();
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  input.placeholder = t("searchPlaceholder");
  input.setAttribute("aria-label", t("searchLabel"));
  const toggle = document.getElementById("lang");
  toggle.textContent = t("toggle");
  toggle.setAttribute("aria-label", t("toggleLabel"));
  toggle.lang = lang() === "ar" ? "en" : "ar";
}

// Results as you type: each pause in typing runs the search, replacing the
// history entry, so Back leaves the search instead of undoing each letter.
const typed = debounce(() => {
  const onSearch = parseHash().path === "/";
  const base = stateFrom(onSearch ? parseHash().params : new URLSearchParams());
  go({ ...base, q: input.value, page: 1 }, { replaceHistory: onSearch });
}, 200);

input.addEventListener("input", () => {
  syncInputDir();
  typed();
});
form.addEventListener("submit", (e) => {
  e.preventDefault();
  go({ ...stateFrom(parseHash().params), q: input.value, page: 1 });
});

// A name picked from the suggestions becomes a filter; the word typed leaves the query.
attachSuggest(input, form, (filter, name, rest) => {
  const onSearch = parseHash().path === "/";
  const base = stateFrom(onSearch ? parseHash().params : new URLSearchParams());
  go({ ...base, q: rest, [filter]: name, page: 1 });
});
setupHelp(document.getElementById("help"));

document.getElementById("lang").addEventListener("click", () => {
  setLang(lang() === "ar" ? "en" : "ar");
  translate();
  route();
});

document.addEventListener("keydown", (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    input.focus();
    input.select();
  } else if ((e.key === "?" || e.key === "؟") && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    openHelp();
  } else if (e.key === "Escape" && e.target === input) {
    input.blur();
  }
});

window.addEventListener("hashchange", route);
setLang(lang());
translate();
route();
