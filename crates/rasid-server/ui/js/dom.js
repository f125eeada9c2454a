// Building the page from data: DOM nodes and text only. Nothing from the server
// is ever parsed as HTML (the Content-Security-Policy forbids inline script, and
// this module is the reason none is needed).

const SVG_NS = "http://www.w3.org/2000/svg";

function apply(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Cuts `text` at UTF-8 byte offsets. `marks` are {start, end, ...} byte ranges
 * (in order or not; overlapping ones after the first are dropped). Returns the
 * pieces in order: {text, mark} where mark is the range or null.
 */
export function byteSlices(text, marks, from = 0, to = null) {
  const bytes = encoder.encode(text);
  const end = to === null ? bytes.length : Math.min(to, bytes.length);
  const sorted = [...marks].filter((m) => m.start >= from && m.end <= end && m.start < m.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces = [];
  let at = from;
  for (const mark of sorted) {
    if (mark.start < at) continue;
    if (mark.start > at) pieces.push({ text: decoder.decode(bytes.subarray(at, mark.start)), mark: null });
    pieces.push({ text: decoder.decode(bytes.subarray(mark.start, mark.end)), mark });
    at = mark.end;
  }
  if (at < end) pieces.push({ text: decoder.decode(bytes.subarray(at, end)), mark: null });
  return pieces;
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

/** A number written the way the interface's language writes it. */
export function number(n, lang) {
  return new Intl.NumberFormat(lang === "ar" ? "ar-EG" : "en-GB").format(n);
}

/** A date (ISO 8601 text) written for people. */
export function date(iso, lang, withTime = false) {
  if (!iso) return "";
  const d = new Date(iso.length <= 10 ? iso + "T00:00:00Z" : iso.replace(/([+-]\d\d:\d\d|Z)?$/, (m) => m || "Z"));
  if (Number.isNaN(d.getTime())) return iso;
  const options = { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
  if (withTime) Object.assign(options, { hour: "2-digit", minute: "2-digit" });
  return new Intl.DateTimeFormat(lang === "ar" ? "ar-EG" : "en-GB", options).format(d);
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
