// Building the page from data: DOM nodes and text only. Nothing from the server
// is ever parsed as HTML (the Content-Security-Policy forbids inline script, and
// this module is the reason none is needed).

const SVG_NS = "http://www.w3.org/2000/svg";

// The bidi controls that reorder the text after them (embeddings and overrides
// U+202A–U+202E, isolates U+2066–U+2069): an article's "\u202Egnp.exe" would read
// "exe.png". Every text this module shows has them taken out; the marks that only
// set a direction (U+200E, U+200F, U+061C) are harmless and stay.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Text with the bidi controls that could reorder what a reader sees taken out. */
export function clean(text) {
  return String(text).replace(BIDI_CONTROLS, "");
}

/** Attributes whose text is shown to people (tooltips, labels). */
const SHOWN = new Set(["title", "aria-label", "alt", "placeholder"]);

function apply(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = clean(value);
    else if (SHOWN.has(key)) node.setAttribute(key, clean(value));
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(clean(child)));
  }
  return node;
}

/** An HTML element: el("a", {href: "#/"}, "text", otherNode). */
export function el(tag, attrs, ...children) {
  return append(apply(document.createElement(tag), attrs), children);
}

/** An SVG element. */
export function svg(tag, attrs, ...children) {
  return append(apply(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/**
 * A cutter of `text` at UTF-8 byte offsets, for many cuts of one text in order:
 * `marks` ({start, end, ...} byte ranges, in order or not; overlapping ones after
 * the first are dropped) are sorted once, and a cursor walks the text from one
 * cut to the next, so cutting a long article paragraph by paragraph costs time
 * in proportion to what has been cut (nothing is encoded ahead).
 * `cut(from, to)` returns the pieces between two offsets in order: {text, mark}
 * where mark is the range or null (`to` null: to the end). Calls must come in
 * order of `from`.
 */
export function byteCutter(text, marks) {
  const sorted = marks.filter((m) => m.start < m.end).sort((a, b) => a.start - b.start || b.end - a.end);
  let next = 0;
  // The cursor: UTF-16 index `ci` is at UTF-8 byte `bi`.
  let ci = 0;
  let bi = 0;
  const at = (byte) => {
    while (bi < byte && ci < text.length) {
      const c = text.charCodeAt(ci);
      if (c < 0x80) { bi += 1; ci += 1; }
      else if (c < 0x800) { bi += 2; ci += 1; }
      else if (c >= 0xd800 && c <= 0xdbff && ci + 1 < text.length) { bi += 4; ci += 2; }
      else { bi += 3; ci += 1; }
    }
    return ci;
  };
  return (from = 0, to = null) => {
    const end = to === null ? Infinity : to;
    while (next < sorted.length && sorted[next].start < from) next++;
    const pieces = [];
    let byte = from;
    let char = at(from);
    for (; next < sorted.length && sorted[next].start < end; next++) {
      const mark = sorted[next];
      if (mark.start < byte || mark.end > end) continue;
      const start = at(mark.start);
      if (start > char) pieces.push({ text: text.slice(char, start), mark: null });
      const stop = at(mark.end);
      pieces.push({ text: text.slice(start, stop), mark });
      [byte, char] = [mark.end, stop];
    }
    const stop = at(end);
    if (stop > char) pieces.push({ text: text.slice(char, stop), mark: null });
    return pieces;
  };
}

/**
 * Cuts `text` at UTF-8 byte offsets, once (see {@link byteCutter} to cut one
 * text many times).
 */
export function byteSlices(text, marks, from = 0, to = null) {
  return byteCutter(text, marks)(from, to);
}

/** A fragment from the API ({text, highlights, cut_before, cut_after}) as nodes, matches in <mark>. */
export function fragment(frag) {
  if (!frag) return [];
  const nodes = byteSlices(frag.text, frag.highlights || []).map((p) =>
    p.mark ? el("mark", {}, p.text) : p.text);
  if (frag.cut_before) nodes.unshift("… ");
  if (frag.cut_after) nodes.push(" …");
  return nodes;
}

/** Calls `fn` once `ms` have passed without another call. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Formatters are costly to make: one per language and set of options, kept.
const formatters = new Map();

function formatter(kind, locale, options) {
  const key = `${kind} ${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === "number" ? new Intl.NumberFormat(locale, options) : new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A number written the way the interface's language writes it. */
export function number(n, lang) {
  return formatter("number", lang === "ar" ? "ar-EG" : "en-GB", {}).format(n);
}

/** A date (ISO 8601 text) written for people. */
export function date(iso, lang, withTime = false) {
  if (!iso) return "";
  const locale = lang === "ar" ? "ar-EG" : "en-GB";
  // A month or a year alone is not the first day of it.
  if (/^\d{4}-\d{2}$/.test(iso)) {
    const [y, m] = iso.split("-").map(Number);
    return formatter("date", locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  }
  if (/^\d{4}$/.test(iso)) return formatter("number", locale, { useGrouping: false }).format(Number(iso));
  const d = new Date(iso.length <= 10 ? iso + "T00:00:00Z" : iso.replace(/([+-]\d\d:\d\d|Z)?$/, (m) => m || "Z"));
  if (Number.isNaN(d.getTime())) return iso;
  const options = { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
  if (withTime) Object.assign(options, { hour: "2-digit", minute: "2-digit" });
  return formatter("date", locale, options).format(d);
}

/** A URL safe to link to (http or https only), or null. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
