// Time expressions for people: the normalised TIMEX3 values the API gives
// (`2017-12-21`, `2017-10` with mod END, `P2D`, `PRESENT_REF`) written the way a
// reader says them (`٢١ ديسمبر ٢٠١٧`, `أواخر أكتوبر ٢٠١٧`, `يومان`, `الآن`).

import { date, number } from "./dom.js";
import { countPhrase } from "./i18n.js";

const REFS = {
  PRESENT_REF: { ar: "الآن", en: "now" },
  PAST_REF: { ar: "في الماضي", en: "in the past" },
  FUTURE_REF: { ar: "في المستقبل", en: "in the future" },
};

const MODS = {
  START: { ar: "أوائل", en: "early" },
  MID: { ar: "منتصف", en: "mid" },
  END: { ar: "أواخر", en: "late" },
  APPROX: { ar: "نحو", en: "about" },
  MORE_THAN: { ar: "أكثر من", en: "more than" },
  LESS_THAN: { ar: "أقل من", en: "less than" },
  EQUAL_OR_MORE: { ar: "ما لا يقل عن", en: "at least" },
  EQUAL_OR_LESS: { ar: "ما لا يزيد عن", en: "at most" },
  BEFORE: { ar: "قبل", en: "before" },
  AFTER: { ar: "بعد", en: "after" },
};

// Each unit's Arabic forms: one, two, 3–10, 11–99, 100 and more; and English.
const UNITS = {
  Y: { ar: ["سنة واحدة", "سنتان", "سنوات", "سنة", "سنة"], en: "year" },
  M: { ar: ["شهر واحد", "شهران", "أشهر", "شهرًا", "شهر"], en: "month" },
  W: { ar: ["أسبوع واحد", "أسبوعان", "أسابيع", "أسبوعًا", "أسبوع"], en: "week" },
  D: { ar: ["يوم واحد", "يومان", "أيام", "يومًا", "يوم"], en: "day" },
  H: { ar: ["ساعة واحدة", "ساعتان", "ساعات", "ساعة", "ساعة"], en: "hour" },
  MIN: { ar: ["دقيقة واحدة", "دقيقتان", "دقائق", "دقيقة", "دقيقة"], en: "minute" },
  S: { ar: ["ثانية واحدة", "ثانيتان", "ثوانٍ", "ثانية", "ثانية"], en: "second" },
  DE: { ar: ["عقد واحد", "عقدان", "عقود", "عقدًا", "عقد"], en: "decade" },
  CE: { ar: ["قرن واحد", "قرنان", "قرون", "قرنًا", "قرن"], en: "century" },
};

const SOME = { ar: { Y: "سنوات", M: "أشهر", W: "أسابيع", D: "أيام", H: "ساعات", MIN: "دقائق", S: "ثوانٍ", DE: "عقود", CE: "قرون" } };

function durationPart(amount, unit, lang) {
  const forms = UNITS[unit];
  if (!forms) return null;
  if (amount === "X") return lang === "ar" ? `بضعة ${SOME.ar[unit]}` : `some ${forms.en}s`;
  const n = Number(amount);
  if (!Number.isFinite(n)) return null;
  if (lang !== "ar") return `${number(n, "en")} ${forms.en}${n === 1 ? "" : "s"}`;
  const [one, two, few, many, other] = forms.ar;
  return countPhrase(n, number(n, "ar"), { one, two, few, many, other });
}

/** `P2D`, `PT4H`, `P1Y6M`, `PXD` as words, or null when it is not a duration. */
export function durationLabel(value, lang) {
  const match = /^P(?:([\dX.]+)Y)?(?:([\dX.]+)M)?(?:([\dX.]+)W)?(?:([\dX.]+)D)?(?:([\dX.]+)DE)?(?:([\dX.]+)CE)?(?:T(?:([\dX.]+)H)?(?:([\dX.]+)M)?(?:([\dX.]+)S)?)?$/.exec(value);
  if (!match || value === "P" || value === "PT") return null;
  const units = ["Y", "M", "W", "D", "DE", "CE", "H", "MIN", "S"];
  const parts = units.map((u, i) => (match[i + 1] ? durationPart(match[i + 1], u, lang) : null)).filter(Boolean);
  if (!parts.length) return null;
  return parts.join(lang === "ar" ? " و" : " ");
}

function pointLabel(value, lang) {
  if (REFS[value]) return REFS[value][lang === "ar" ? "ar" : "en"];
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return date(value, lang, true);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value, lang);
  // A month or a year alone, as dom.js writes them.
  if (/^\d{4}(-\d{2})?$/.test(value)) return date(value, lang);
  if (/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [from, to] = value.split("/");
    return `${date(from, lang)} – ${date(to, lang)}`;
  }
  return durationLabel(value, lang);
}

/**
 * What a time expression resolves to, for a reader: `{type, value, mod}` from
 * the API. Values that cannot be put in words (unresolved parts such as
 * `XXXX-12-21`) are shown as the expression's own text.
 */
export function timeLabel(time, lang) {
  const label = pointLabel(time.value || "", lang);
  if (!label) return time.text || "";
  const mod = time.mod && MODS[time.mod];
  if (!mod) return label;
  return `${mod[lang === "ar" ? "ar" : "en"]} ${label}`;
}
