// Outlets by name, not by the slug an index keeps (`bbc-arabic`): a table of
// known Arabic news outlets, and for any other slug the slug made readable
// (`skynews-arabia` → `Skynews Arabia`). The slug stays the filter's value and
// the element's `data-source`; only what people read changes.

import { lang } from "./i18n.js";

/** Known outlets: slug → {ar, en}. Keys are lower case, without `www.` or a domain ending. */
const OUTLETS = {
  "aawsat": { ar: "الشرق الأوسط", en: "Asharq Al-Awsat" },
  "addustour": { ar: "الدستور", en: "Addustour" },
  "ahram": { ar: "الأهرام", en: "Al-Ahram" },
  "akhbarelyom": { ar: "أخبار اليوم", en: "Akhbar El Yom" },
  "al-masry-al-youm": { ar: "المصري اليوم", en: "Al-Masry Al-Youm" },
  "alahram": { ar: "الأهرام", en: "Al-Ahram" },
  "alarabiya": { ar: "العربية", en: "Al Arabiya" },
  "albayan": { ar: "البيان", en: "Al Bayan" },
  "aleqtisadiya": { ar: "الاقتصادية", en: "Al Eqtisadiya" },
  "alghad": { ar: "الغد", en: "Alghad" },
  "alhayat": { ar: "الحياة", en: "Al Hayat" },
  "aljazeera": { ar: "الجزيرة", en: "Al Jazeera" },
  "aljazirah": { ar: "الجزيرة السعودية", en: "Al Jazirah" },
  "alkhaleej": { ar: "الخليج", en: "Al Khaleej" },
  "almadina": { ar: "المدينة", en: "Al Madina" },
  "almasryalyoum": { ar: "المصري اليوم", en: "Al-Masry Al-Youm" },
  "alquds": { ar: "القدس", en: "Al-Quds" },
  "alqabas": { ar: "القبس", en: "Al Qabas" },
  "alrai": { ar: "الرأي", en: "Al Rai" },
  "alriyadh": { ar: "الرياض", en: "Al Riyadh" },
  "alwatan": { ar: "الوطن", en: "Al Watan" },
  "alweeam": { ar: "الوئام", en: "Al Weeam" },
  "alyaum": { ar: "اليوم", en: "Al Yaum" },
  "annahar": { ar: "النهار", en: "An-Nahar" },
  "arriyadiyah": { ar: "الرياضية", en: "Arriyadiyah" },
  "asharq-al-awsat": { ar: "الشرق الأوسط", en: "Asharq Al-Awsat" },
  "assafir": { ar: "السفير", en: "As-Safir" },
  "bbc-arabic": { ar: "بي بي سي عربي", en: "BBC Arabic" },
  "cnn-arabic": { ar: "سي إن إن بالعربية", en: "CNN Arabic" },
  "dw-arabic": { ar: "دويتشه فيله عربية", en: "DW Arabic" },
  "echoroukonline": { ar: "الشروق أونلاين", en: "Echorouk Online" },
  "elkhabar": { ar: "الخبر", en: "El Khabar" },
  "euronews-arabic": { ar: "يورونيوز عربية", en: "Euronews Arabic" },
  "france24-arabic": { ar: "فرانس ٢٤ عربي", en: "France 24 Arabic" },
  "hespress": { ar: "هسبريس", en: "Hespress" },
  "independent-arabia": { ar: "إندبندنت عربية", en: "Independent Arabia" },
  "masrawy": { ar: "مصراوي", en: "Masrawy" },
  "okaz": { ar: "عكاظ", en: "Okaz" },
  "reuters-arabic": { ar: "رويترز عربي", en: "Reuters Arabic" },
  "rt-arabic": { ar: "آر تي عربي", en: "RT Arabic" },
  "sabq": { ar: "سبق", en: "Sabq" },
  "shorouknews": { ar: "الشروق", en: "Shorouk News" },
  "skynews-arabia": { ar: "سكاي نيوز عربية", en: "Sky News Arabia" },
  "spa": { ar: "واس", en: "Saudi Press Agency" },
  "was": { ar: "واس", en: "Saudi Press Agency" },
  "wam": { ar: "وام", en: "WAM" },
  "youm7": { ar: "اليوم السابع", en: "Youm7" },
};

/** The table's key of a slug: lower case, no scheme, `www.` or domain ending, `_` as `-`. */
function keyOf(slug) {
  return slug.trim().toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/.*$/, "")
    .replace(/(\.(com|net|org|info|news|co|gov))?(\.[a-z]{2})?$/, "")
    .replaceAll("_", "-");
}

/** A slug made readable: words split at `-`, `_` and `.`, each capitalised (`skynews-arabia` → `Skynews Arabia`). */
function prettify(slug) {
  const words = keyOf(slug).split(/[-.\s]+/).filter(Boolean);
  if (!words.length) return slug;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}

/**
 * The name of an outlet for people, in the interface's language: the table's,
 * else the slug made readable; a value that is already a name (not ASCII, as
 * `الوطن`) as it is.
 */
export function sourceName(slug) {
  if (!slug) return "";
  const value = String(slug);
  if (/[^\x00-\x7f]/.test(value)) return value;
  const known = OUTLETS[keyOf(value)];
  if (known) return lang() === "en" ? known.en : known.ar;
  return prettify(value);
}
