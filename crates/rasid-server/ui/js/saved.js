// The watch list (#/saved): the searches saved on the server, each with the
// number of articles indexed since it was last opened. Opening one marks what
// was new as seen and shows the search; "show what is new" lists the new
// articles first.

import { el, replace, date, number } from "./dom.js";
import { lang, t } from "./i18n.js";
import { postJson, w } from "./tools.js";

async function getJson(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

function newList(found, back) {
  return el("ul", { class: "new-articles" }, found.articles.map((a) =>
    el("li", {},
      el("a", { href: `#/article/${encodeURIComponent(a.id)}?back=${encodeURIComponent(back)}`, lang: "ar", dir: "rtl" }, el("bdi", {}, a.title)),
      a.source ? el("span", { class: "muted" }, " · ", el("bdi", {}, a.source)) : null,
      a.published ? el("span", { class: "muted" }, " · ", date(a.published, lang())) : null)));
}

function item(s, readOnly, refresh) {
  const search = `#/?${s.query}`;
  const open = async (e) => {
    e.preventDefault();
    // What was new is seen once the search is opened.
    if (!readOnly) await postJson(`/api/saved/${s.id}/open`, {}).catch(() => null);
    location.hash = search;
  };
  const more = el("div", { class: "new-list" });
  const badge = s.new > 0
    ? el("button", { type: "button", class: "new-count", dataset: { count: String(s.new) }, onclick: async () => {
      try {
        const found = await getJson(`/api/saved/${s.id}/new?size=20`);
        replace(more, newList(found, "#/saved"));
      } catch (err) {
        replace(more, el("p", { class: "error" }, `${w("error")}: ${err.message}`));
      }
    } }, w("newCount", s.new, number(s.new, lang())))
    : el("span", { class: "muted new-count none", dataset: { count: "0" } }, w("nothingNew"));
  return el("li", { class: "saved-item", dataset: { id: String(s.id) } },
    el("a", { href: search, class: "saved-name", onclick: open }, el("bdi", {}, s.name)), " ",
    badge, " ",
    el("span", { class: "muted" }, `${w("savedAt")} ${date(s.created, lang())}`), " ",
    readOnly ? null : el("button", { type: "button", class: "link remove", "aria-label": w("removeLabel", s.name), onclick: async () => {
      await fetch(`/api/saved/${s.id}`, { method: "DELETE" });
      refresh();
    } }, w("remove")),
    more);
}

/** Renders the watch list into `main`. */
export async function showSaved(main) {
  document.title = `${w("watchList")} · ${t("brand")}`;
  replace(main, el("p", { class: "status" }, w("loading")));
  const refresh = () => showSaved(main);
  try {
    const list = await getJson("/api/saved");
    replace(main, el("div", { class: "saved-page" },
      el("h1", {}, w("watchList")),
      el("p", { class: "muted" }, list.read_only ? w("readOnly") : w("savedHint")),
      list.searches.length
        ? el("ul", { class: "saved-list" }, list.searches.map((s) => item(s, list.read_only, refresh)))
        : el("p", { class: "empty" }, w("noSaved"))));
  } catch (e) {
    replace(main, el("div", { class: "status error", role: "alert" }, `${w("error")}: ${e.message}`));
  }
}
