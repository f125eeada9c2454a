// The query syntax, explained: a dialog opened by the header's "?" button and
// by the `?` key, in the interface's language. Each example is a link that runs
// it. A modal <dialog>: the keyboard stays inside it, Escape closes it, and the
// focus goes back where it was.

import { el, replace } from "./dom.js";
import { queryString } from "./api.js";
import { lang } from "./i18n.js";

const WORDS = {
  ar: {
    title: "صيغة البحث",
    close: "إغلاق",
    intro: "اكتب الكلمات كما تُكتب: أستانا واستانا وآستانا كلمة واحدة، والمحادثات تجد محادثات، ووروسيا تجد روسيا. انقر مثالاً لتجربته.",
    example: "المثال",
    meaning: "المعنى",
    keys: "لوحة المفاتيح",
    keyList: [
      ["/", "الانتقال إلى مربع البحث"],
      ["?", "فتح هذه المساعدة"],
      ["↓ ↑", "التنقل بين الأسماء المقترحة، وEnter لاختيار أحدها"],
      ["Esc", "إغلاق المساعدة أو الاقتراحات"],
    ],
  },
  en: {
    title: "Query syntax",
    close: "Close",
    // Each Arabic word isolated, so that the English sentence keeps its order.
    intro: ["Type words as they are written: ", ["أستانا"], ", ", ["استانا"], " and ", ["آستانا"], " are one word; ",
      ["المحادثات"], " finds ", ["محادثات"], "; ", ["وروسيا"], " finds ", ["روسيا"], ". Click an example to try it."],
    example: "Example",
    meaning: "Meaning",
    keys: "Keyboard",
    keyList: [
      ["/", "Jump to the search box"],
      ["?", "Open this help"],
      ["↓ ↑", "Move through the suggested names; Enter picks one"],
      ["Esc", "Close the help or the suggestions"],
    ],
  },
};

/** The syntax, a row per form: examples, then the meaning in Arabic and in English. */
const ROWS = [
  [["محادثات استانا"], "أيٌّ من الكلمتين، والمقالات التي فيها الكلمتان أولاً", "Either word; articles with both rank first"],
  [["\"محادثات السلام\"", "«محادثات السلام»"], "العبارة كما هي، كلمة بعد كلمة", "The exact phrase, word after word"],
  [["+استانا -جنيف"], "+ كلمة لا بد منها، و- كلمة يجب ألا تكون", "+ a word that must be there, - one that must not"],
  [["استانا AND روسيا", "استانا OR جنيف", "روسيا NOT جنيف"], "العوامل AND وOR وNOT بأحرف كبيرة؛ AND أقوى من OR", "Operators AND, OR, NOT in capitals; AND binds tighter than OR"],
  [["(استانا OR جنيف) AND روسيا"], "الأقواس تجمع", "Brackets group"],
  [["title:استانا", "body:\"وقف اطلاق النار\""], "في العنوان وحده، أو في النص وحده", "In the headline only, or in the body only"],
  [["person:لافروف", "place:ادلب", "org:\"الامم المتحدة\"", "entities:روسيا"], "في الأسماء المستخرجة: شخص، مكان، منظمة، أو أي اسم", "In the names found: a person, a place, an organisation, any name"],
  [["source:youm7", "category:politics", "author:…"], "قيمة بعينها (المصدر، القسم، الكاتب)", "An exact value (source, section, author)"],
  [["event:19", "event:046"], "الأحداث برمز CAMEO أو بأوله (19 قتال)", "Events by CAMEO code, or its start (19: fight)"],
  [["actor:SYRGOV", "target:SYRREB", "actor:SYR"], "حدث يفعله هذا الفاعل أو يقع على هذا المستهدف (أو بلده)", "An event this actor does, or this target suffers (or its country)"],
  [["dyad:SYRGOV>SYRREB"], "حدث من هذا الفاعل على هذا المستهدف", "An event by this actor on this target"],
  [["published:2017-12", "published:2017-12-01..2017-12-31", "published:2017.."], "تاريخ النشر: شهر، سنة، أو فترة (الطرفان داخلها، وقد يبقى أحدهما مفتوحاً)", "Published in a month, a year or a range (ends included; either may be open)"],
  [["mentions:2017-05"], "مقالات تذكر في نصها يوماً أو شهراً أو سنة من هذه الفترة", "Articles whose text mentions a day, month or year in the period"],
];

function w(key) {
  return (WORDS[lang()] || WORDS.ar)[key];
}

let dialog = null;

function content(close) {
  const en = lang() === "en";
  const rows = ROWS.map(([examples, ar, english]) => el("tr", {},
    el("td", {}, examples.map((q) => [
      // In the direction the search box gives it (its first letter's).
      q.includes("…")
        ? el("code", { dir: "auto" }, q)
        : el("a", { href: "#/?" + queryString({ q }), class: "help-example", onclick: close }, el("code", { dir: "auto" }, q)),
      " "])),
    el("td", {}, en ? english : ar)));
  return [
    el("div", { class: "help-head" },
      el("h2", { id: "help-title" }, w("title")),
      el("button", { type: "button", class: "help-close", "aria-label": w("close"), onclick: close }, el("span", { "aria-hidden": "true" }, "×"))),
    el("p", { class: "muted" }, [].concat(w("intro")).map((part) => (Array.isArray(part) ? el("bdi", { lang: "ar" }, part[0]) : part))),
    el("table", { class: "help-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, w("example")), el("th", { scope: "col" }, w("meaning")))),
      el("tbody", {}, rows)),
    el("h3", {}, w("keys")),
    el("dl", { class: "help-keys" }, w("keyList").flatMap(([key, what]) => [el("dt", {}, el("kbd", { dir: "ltr" }, key)), el("dd", {}, what)])),
  ];
}

/** Opens the syntax help (in the interface's current language). */
export function openHelp() {
  if (!dialog) {
    dialog = el("dialog", { class: "help", id: "help-dialog", "aria-labelledby": "help-title" });
    // A click on the backdrop (outside the box) closes it too.
    dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
    document.body.append(dialog);
  }
  if (dialog.open) return;
  replace(dialog, el("div", { class: "help-box" }, content(() => dialog.close())));
  dialog.showModal();
}

/** Wires the header's help button. */
export function setupHelp(button) {
  button.addEventListener("click", openHelp);
}
