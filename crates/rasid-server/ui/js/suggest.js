// Names as you type in the search box: the people, places and organisations of
// the index with a word starting with the word being typed (`/api/entities?prefix=`),
// most named first. An ARIA combobox (the box) with a listbox (the names): ↓ and
// ↑ move through the names, Enter picks one, Escape closes the list. A picked
// name becomes a filter (person, place, org) and leaves the query.
//
// Requests are debounced (one after a pause in typing), bounded (a short prefix,
// a few names of each kind) and the one before is cancelled.

import { el, replace, number, debounce } from "./dom.js";
import { api } from "./api.js";
import { countPhrase, lang } from "./i18n.js";

/** The filter each kind of name sets. */
const FILTER_OF = { PER: "person", LOC: "place", ORG: "org" };
/** A `field:` typed before the word limits the names to its kind. */
const KIND_OF_FIELD = { person: "PER", place: "LOC", org: "ORG" };

const MIN_CHARS = 2;
const MAX_PREFIX = 40;
const PER_KIND = 5;
const SHOWN = 8;
const DELAY_MS = 150;

const WORDS = {
  ar: {
    kinds: { PER: "شخص", LOC: "مكان", ORG: "منظمة" },
    label: "أسماء مقترحة",
    count: (n) => `${countPhrase(n, number(n, "ar"), { one: "اسم مقترح واحد", two: "اسمان مقترحان", few: "أسماء مقترحة", many: "اسماً مقترحاً" })}، استخدم الأسهم للتنقل`,
  },
  en: {
    kinds: { PER: "person", LOC: "place", ORG: "organisation" },
    label: "Suggested names",
    count: (n) => `${n} suggested name${n === 1 ? "" : "s"}, use the arrow keys`,
  },
};

function w(key, ...args) {
  const value = (WORDS[lang()] || WORDS.ar)[key];
  return typeof value === "function" ? value(...args) : value;
}

/**
 * The word being typed at the end of `text`: its start, the word (without
 * a leading `+`, quote or bracket) and the kind a `person:`, `place:` or
 * `org:` before it asks for. Null when the text ends in a space or an
 * operator, and for a word excluded or inside a phrase.
 */
export function lastWord(text) {
  const match = text.match(/(^|\s)([^\s]*)$/);
  if (!match) return null;
  const start = match.index + match[1].length;
  let token = match[2];
  // An operator, a word excluded (`-word`, `NOT word`), or a word inside a phrase: no names.
  if (/^(AND|OR|NOT)$/.test(token) || token.startsWith("-") || /(^|\s)NOT\s+$/.test(text.slice(0, start))) return null;
  if ((text.slice(0, start).match(/"/g) || []).length % 2 === 1) return null;
  let kind = null;
  const field = token.match(/^\+?([a-z]+):(.*)$/i);
  if (field) {
    kind = KIND_OF_FIELD[field[1].toLowerCase()];
    if (!kind) return null;
    token = field[2];
  }
  const word = token.replace(/^[+\-"«“(]+/, "");
  return word ? { start, word, kind } : null;
}

/**
 * Attaches the suggestions to `input` (in `form`). `choose(filter, name, rest)`
 * is called with the filter to set (`person`, `place`, `org`), the name, and
 * the query without the word typed.
 */
export function attachSuggest(input, form, choose) {
  const list = el("ul", { id: "q-suggestions", role: "listbox", class: "suggestions", hidden: true, "aria-label": w("label") });
  const status = el("span", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  form.append(list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  let items = [];
  let active = -1;
  let typed = null;
  let controller = null;

  const close = () => {
    if (controller) controller.abort();
    items = [];
    active = -1;
    list.hidden = true;
    replace(list);
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };

  const pick = (i) => {
    const item = items[i];
    if (!item || !typed) return;
    const rest = input.value.slice(0, typed.start).trimEnd();
    close();
    input.value = rest;
    choose(FILTER_OF[item.type], item.name, rest);
  };

  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute("aria-selected", k === i ? "true" : "false"));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `q-option-${i}`);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const show = (entities) => {
    items = entities;
    active = -1;
    replace(list, entities.map((e, i) => el("li", {
      id: `q-option-${i}`, role: "option", class: "suggestion", "aria-selected": "false", dataset: { type: e.type, name: e.name },
      // Keeps the focus in the box, so the click picks instead of closing.
      onmousedown: (ev) => ev.preventDefault(),
      onclick: () => pick(i),
    },
    el("bdi", { class: "suggestion-name", lang: "ar" }, e.name),
    el("span", { class: `suggestion-kind kind-${e.type}` }, w("kinds")[e.type]),
    el("span", { class: "suggestion-count" }, number(e.articles, lang())))));
    list.hidden = !entities.length;
    input.setAttribute("aria-expanded", entities.length ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    status.textContent = entities.length ? w("count", entities.length) : "";
  };

  const lookup = debounce(async () => {
    typed = lastWord(input.value);
    if (!typed || [...typed.word].length < MIN_CHARS || document.activeElement !== input) {
      close();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    try {
      const answer = await api.entities({ prefix: [...typed.word].slice(0, MAX_PREFIX).join(""), type: typed.kind || "", limit: PER_KIND }, signal);
      if (signal.aborted) return;
      show(answer.entities.sort((a, b) => b.articles - a.articles).slice(0, SHOWN));
    } catch (e) {
      if (e.name !== "AbortError") close();
    }
  }, DELAY_MS);

  input.addEventListener("input", lookup);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    const open = !list.hidden && items.length > 0;
    if (e.key === "ArrowDown" && open) {
      e.preventDefault();
      highlight((active + 1) % items.length);
    } else if (e.key === "ArrowUp" && open) {
      e.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      e.stopPropagation();
      pick(active);
    } else if (e.key === "Escape" && open) {
      e.stopPropagation();
      close();
    } else if (e.key === "Tab") {
      close();
    }
  });
  // A search that runs closes the list.
  form.addEventListener("submit", close);
  return { close };
}
