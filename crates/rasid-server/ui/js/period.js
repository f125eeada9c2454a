// The search page's period: a date range on the publication date (`from`,
// `to`) or on the dates an article's text mentions (`mentions`), and the filter
// for articles without a date (`undated`). A form of native date fields, so
// the keyboard and the browser's own calendar both work; Enter applies it. The
// values live in the URL's hash like every other filter.

import { el, date } from "./dom.js";
import { lang } from "./i18n.js";

const WORDS = {
  ar: {
    period: "الفترة",
    by: "حسب",
    published: "تاريخ النشر",
    mentioned: "تاريخ مذكور في النص",
    from: "من",
    to: "إلى",
    apply: "تطبيق",
    clear: "مسح",
    undated: "بلا تاريخ نشر فقط",
    backwards: "بداية الفترة بعد نهايتها.",
    empty: "اختر يوماً واحداً على الأقل.",
    chipFrom: (d) => `من ${d}`,
    chipTo: (d) => `حتى ${d}`,
    chipMentions: (d) => `يذكر ${d}`,
    chipUndated: "بلا تاريخ",
    chipLike: "مشابهة لمقالة",
  },
  en: {
    period: "Period",
    by: "By",
    published: "Publication date",
    mentioned: "Date mentioned in the text",
    from: "From",
    to: "To",
    apply: "Apply",
    clear: "Clear",
    undated: "Undated articles only",
    backwards: "The start is after the end.",
    empty: "Pick at least one day.",
    chipFrom: (d) => `from ${d}`,
    chipTo: (d) => `until ${d}`,
    chipMentions: (d) => `mentions ${d}`,
    chipUndated: "undated",
    chipLike: "like an article",
  },
};

function w(key, ...args) {
  const value = (WORDS[lang()] || WORDS.ar)[key];
  return typeof value === "function" ? value(...args) : value;
}

/** The filters this panel sets. */
export const PERIOD_FILTERS = ["from", "to", "mentions", "undated"];

/** A period as written in a filter (`2017-05`, `2017-05..2017-07`, `2017/2018`, `..2017`) as its two ends. */
function ends(value) {
  const [from = "", to = from] = String(value || "").split(/\.\.|\//);
  return { from, to };
}

/** A period for people: `مايو ٢٠١٧ – يوليو ٢٠١٧`. */
function periodText(value) {
  const { from, to } = ends(value);
  if (from === to) return date(from, lang());
  return [from ? date(from, lang()) : "…", to ? date(to, lang()) : "…"].join(" – ");
}

/** The chip's words for a filter of this panel (or for `like`), or null for another filter. */
export function periodLabel(param, value) {
  switch (param) {
    case "from": return w("chipFrom", date(value, lang()));
    case "to": return w("chipTo", date(value, lang()));
    case "mentions": return w("chipMentions", periodText(value));
    case "undated": return w("chipUndated");
    case "like": return w("chipLike");
    default: return null;
  }
}

/** A day for a date field from a filter's `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the period's first or last day). */
function dayOf(value, last) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const month = value.match(/^(\d{4})-(\d{2})$/);
  if (month) {
    if (!last) return `${value}-01`;
    const days = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${value}-${String(days).padStart(2, "0")}`;
  }
  if (/^\d{4}$/.test(value)) return last ? `${value}-12-31` : `${value}-01-01`;
  return "";
}

let panels = 0;

/**
 * The period form of a search state. `go(state)` runs the search with the
 * period applied (a publication range replaces the month or day picked on the
 * chart; "undated" replaces the publication range).
 */
export function periodPanel(state, go) {
  const n = ++panels;
  const mentionsMode = Boolean(state.mentions) && !state.from && !state.to;
  const shown = mentionsMode ? ends(state.mentions) : { from: state.from || state.day, to: state.to || state.day };
  const id = (name) => `period-${name}-${n}`;
  const radio = (value, label, checked) => el("label", { class: "period-mode" },
    el("input", { type: "radio", name: `period-mode-${n}`, value, checked }), " ", label);
  const field = (name, value, last) => el("label", { class: "period-field", for: id(name) },
    el("span", {}, w(name)),
    el("input", { type: "date", id: id(name), name, value: dayOf(value || "", last), min: "1900-01-01", max: "2100-12-31" }));
  const message = el("p", { class: "period-error", role: "alert" });
  const undated = el("input", { type: "checkbox", name: "undated", id: id("undated"), checked: state.undated === "true" });

  const form = el("form", { class: "period-form", "aria-label": w("period"), novalidate: true },
    el("fieldset", { class: "period-modes" }, el("legend", {}, w("by")),
      radio("published", w("published"), !mentionsMode), radio("mentions", w("mentioned"), mentionsMode)),
    el("div", { class: "period-fields" }, field("from", shown.from, false), field("to", shown.to, true)),
    message,
    el("div", { class: "period-actions" },
      el("button", { type: "submit", class: "primary" }, w("apply")),
      el("button", { type: "button", class: "link period-clear",
        onclick: () => go({ ...state, from: "", to: "", mentions: "", day: "", undated: "", page: 1 }) }, w("clear"))),
    el("label", { class: "period-undated", for: id("undated") }, undated, " ", w("undated")));

  undated.addEventListener("change", () => {
    go(undated.checked
      ? { ...state, undated: "true", from: "", to: "", day: "", month: "", page: 1 }
      : { ...state, undated: "", page: 1 });
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const from = form.elements.from.value;
    const to = form.elements.to.value;
    const mode = form.querySelector(`input[name="period-mode-${n}"]:checked`)?.value || "published";
    message.textContent = "";
    if (from && to && from > to) {
      message.textContent = w("backwards");
      form.elements.to.focus();
      return;
    }
    if (mode === "mentions") {
      if (!from && !to) {
        message.textContent = w("empty");
        form.elements.from.focus();
        return;
      }
      const mentions = from === to ? from : `${from}..${to}`;
      go({ ...state, mentions, page: 1 });
    } else {
      go({ ...state, from, to, day: "", month: "", undated: from || to ? "" : state.undated, page: 1 });
    }
  });

  const active = Boolean(state.from || state.to || state.mentions || state.undated || state.day);
  const open = active || window.matchMedia("(min-width: 901px)").matches;
  return el("details", { class: "facet-group period", open },
    el("summary", {}, w("period")), form);
}
