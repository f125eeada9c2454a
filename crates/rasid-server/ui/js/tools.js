// The analyst's tools of the search page: download the results (CSV, JSON
// Lines, Parquet), save the search on the server, and who appears with whom in
// the results (co-occurrence of names). Their words, and those of the stories
// list (browse.js) and the watch list (saved.js), are here.
//
// Names and titles from the server only reach the page as text (dom.js), each
// in its own <bdi>; they leave it only as values of a query string.

import { el, replace, number } from "./dom.js";
import { queryString } from "./api.js";
import { countPhrase, lang } from "./i18n.js";

const WORDS = {
  ar: {
    download: "تنزيل النتائج",
    csv: "CSV",
    jsonl: "JSON Lines",
    parquet: "Parquet",
    firstOnly: (n) => `أول ${n} نتيجة فقط`,
    save: "حفظ البحث",
    saveName: "اسم البحث المحفوظ",
    saveNow: "حفظ",
    cancel: "إلغاء",
    saved: "حُفظ البحث.",
    watchList: "قائمة المتابعة",
    savedSearches: "البحوث المحفوظة",
    savedHint: "لكل بحث محفوظ عدد المقالات التي فهرست بعد آخر فتح له.",
    noSaved: "لا بحوث محفوظة بعد: ابحث، ثم اختر «حفظ البحث».",
    newCount: (n, shown) => countPhrase(n, shown, { one: "مقالة جديدة واحدة", two: "مقالتان جديدتان", few: "مقالات جديدة", many: "مقالة جديدة", other: "مقالة جديدة" }),
    nothingNew: "لا جديد",
    showNew: "عرض الجديد",
    open: "فتح",
    remove: "حذف",
    removeLabel: (name) => `حذف البحث المحفوظ ${name}`,
    readOnly: "الخادم للقراءة فقط: لا يمكن حفظ البحوث فيه.",
    savedAt: "حُفظ في",
    names: "من يظهر مع من",
    namesHint: "أزواج الأسماء التي تذكرها المقالات نفسها من النتائج، وعدد المقالات. انقر زوجًا لرؤية مقالاته.",
    with: "مع",
    articlesCol: "مقالات",
    nameCol: "الاسم",
    pairLabel: (a, b, n) => `${a} و${b}: ${n}`,
    noPairs: "لا أزواج من الأسماء في هذه النتائج.",
    storiesTitle: "القصص",
    storiesHint: "كل القصص التي بناها «rasid stories»، صفحةً صفحة.",
    text: "نص",
    from: "من",
    to: "إلى",
    source: "المصدر",
    anySource: "كل المصادر",
    size: "الحجم",
    anySize: "أي حجم",
    atLeast: (n) => `${n} مقالات فأكثر`,
    order: "الترتيب",
    biggest: "الأكبر أولًا",
    latest: "الأحدث أولًا",
    apply: "عرض",
    reset: "مسح",
    storiesCount: (n, shown) => countPhrase(n, shown, { one: "قصة واحدة", two: "قصتان", few: "قصص", many: "قصة", other: "قصة" }),
    noStories: "لا قصص بهذه الشروط.",
    loading: "جارٍ التحميل…",
    error: "خطأ",
  },
  en: {
    download: "Download the results",
    csv: "CSV",
    jsonl: "JSON Lines",
    parquet: "Parquet",
    firstOnly: (n) => `the first ${n} results only`,
    save: "Save this search",
    saveName: "Name of the saved search",
    saveNow: "Save",
    cancel: "Cancel",
    saved: "Search saved.",
    watchList: "Watch list",
    savedSearches: "Saved searches",
    savedHint: "Each saved search with the articles indexed since it was last opened.",
    noSaved: "No saved searches yet: search, then choose “Save this search”.",
    newCount: (n, shown) => `${shown} new article${Number(n) === 1 ? "" : "s"}`,
    nothingNew: "nothing new",
    showNew: "Show what is new",
    open: "Open",
    remove: "Delete",
    removeLabel: (name) => `Delete the saved search ${name}`,
    readOnly: "The server is read-only: searches cannot be saved on it.",
    savedAt: "saved",
    names: "Who appears with whom",
    namesHint: "Pairs of names the same articles of the results name, with their number of articles. Click a pair for its articles.",
    with: "with",
    articlesCol: "articles",
    nameCol: "name",
    pairLabel: (a, b, n) => `${a} and ${b}: ${n}`,
    noPairs: "No pairs of names in these results.",
    storiesTitle: "Stories",
    storiesHint: "Every story `rasid stories` built, a page at a time.",
    text: "Text",
    from: "From",
    to: "To",
    source: "Source",
    anySource: "All sources",
    size: "Size",
    anySize: "Any size",
    atLeast: (n) => `${n} or more articles`,
    order: "Order",
    biggest: "Biggest first",
    latest: "Latest first",
    apply: "Show",
    reset: "Clear",
    storiesCount: (n, shown) => `${shown} stor${Number(n) === 1 ? "y" : "ies"}`,
    noStories: "No stories match.",
    loading: "Loading…",
    error: "Error",
  },
};

/** A word of these tools, in the interface's language. */
export function w(key, ...args) {
  const value = (WORDS[lang()] || WORDS.ar)[key];
  return typeof value === "function" ? value(...args) : value;
}

/** Results an export holds at most (the server's default). */
export const EXPORT_CAP = 10000;

/** A POST of JSON to the server; the server's message when it refuses. */
export async function postJson(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  let answer = null;
  try { answer = await response.json(); } catch { answer = null; }
  if (!response.ok) {
    const error = new Error((answer && answer.message) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return answer;
}

/**
 * The download links of a search's results, and the button that saves it.
 * `filters`: the API filters of the search (q included); `sort` its order;
 * `total` its results.
 */
export function searchTools(filters, sort, total) {
  const capped = total > EXPORT_CAP;
  const link = (format, label) => el("a", {
    class: "export-link", download: "", dataset: { format },
    href: `/api/export?${queryString({ ...filters, sort, format, limit: capped ? EXPORT_CAP : "" })}`,
  }, label);
  const exports = el("span", { class: "exports" },
    el("span", { class: "muted" }, w("download"), ": "),
    link("csv", w("csv")), " · ", link("jsonl", w("jsonl")), " · ", link("parquet", w("parquet")),
    capped ? el("span", { class: "muted export-cap" }, ` (${w("firstOnly", number(EXPORT_CAP, lang()))})`) : null);
  return el("div", { class: "search-tools" }, exports, saveControl(filters, sort));
}

/** "Save this search": a name (the query by default), saved on the server. */
function saveControl(filters, sort) {
  const status = el("span", { class: "save-status", role: "status" });
  const name = el("input", { type: "text", class: "save-name", dir: "auto", maxlength: "200", "aria-label": w("saveName"), value: filters.q || "" });
  const form = el("form", { class: "save-form", hidden: true },
    name, " ", el("button", { type: "submit" }, w("saveNow")), " ",
    el("button", { type: "button", class: "link", onclick: () => { form.hidden = true; button.hidden = false; } }, w("cancel")));
  const button = el("button", { type: "button", class: "link save-search", onclick: () => {
    form.hidden = false;
    button.hidden = true;
    status.replaceChildren();
    name.focus();
    name.select();
  } }, w("save"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const label = name.value.trim() || filters.q || "…";
    try {
      await postJson("/api/saved", { name: label, query: queryString({ ...filters, sort }) });
      form.hidden = true;
      button.hidden = false;
      replace(status, w("saved"), " ", el("a", { href: "#/saved" }, w("watchList")));
    } catch (err) {
      replace(status, el("span", { class: "error" }, `${w("error")}: ${err.message}`));
    }
  });
  return el("span", { class: "save" }, button, form, " ", status);
}

/** The filter a name of this kind sets (a second name of the same kind: `entity`). */
function filterOf(kind, taken) {
  const param = ["person", "org", "place"].includes(kind) ? kind : "entity";
  return param === taken ? "entity" : param;
}

/**
 * Who appears with whom: a table of the pairs of names of a search's results,
 * each row a link to the search of both names. `data` is the API's answer,
 * `hrefOf(filters)` the hash of the current search with these filters added.
 */
export function cooccurrenceView(data, hrefOf) {
  const names = data.names || [];
  const pairs = (data.pairs || []).slice(0, 15);
  const body = pairs.length
    ? el("table", { class: "cooccurrence" },
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, w("nameCol")), el("th", { scope: "col" }, w("with")), el("th", { scope: "col" }, w("articlesCol")))),
      el("tbody", {}, pairs.map((p) => {
        const a = names[p.a];
        const b = names[p.b];
        if (!a || !b) return null;
        const first = filterOf(a.kind, "");
        // Filters take identity keys (every spelling); people read the names.
        const href = hrefOf({ [first]: a.key, [filterOf(b.kind, first)]: b.key });
        const label = w("pairLabel", a.name, b.name, number(p.articles, lang()));
        return el("tr", { class: "pair", dataset: { a: a.name, b: b.name } },
          el("td", {}, el("a", { href, class: `kind-${a.kind}` }, el("bdi", {}, a.name))),
          el("td", {}, el("a", { href, class: `kind-${b.kind}` }, el("bdi", {}, b.name))),
          el("td", { class: "count" }, el("a", { href, "aria-label": label }, number(p.articles, lang()))));
      })))
    : el("p", { class: "muted" }, w("noPairs"));
  return el("section", { class: "panel names-panel", "aria-label": w("names") },
    el("h2", {}, w("names")),
    el("p", { class: "muted" }, w("namesHint")),
    body);
}
