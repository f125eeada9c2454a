// The interface's words, in Arabic (the default) and English.

const arabicPlural = new Intl.PluralRules("ar");

/** The count a number written for people stands for (`"١٢"`, `"1,234"`, 12). */
function countOf(shown) {
  if (typeof shown === "number") return shown;
  const digits = String(shown).replace(/[٠-٩]/g, (d) => "٠١٢٣٤٥٦٧٨٩".indexOf(d)).replace(/[^\d]/g, "");
  return digits ? Number(digits) : NaN;
}

/**
 * An Arabic count with its noun in agreement: `forms` are {one, two} (said
 * without the number: `نتيجة واحدة`, `نتيجتان`), {few} for 3–10 (`٣ نتائج`),
 * {many} for 11–99 and {other} for 0 and 100 and more (`many` when not given).
 * `n` is the count, `shown` the number as written (`n` formatted by default).
 */
export function countPhrase(n, shown, forms) {
  const count = countOf(n);
  const written = shown ?? n;
  switch (Number.isFinite(count) ? arabicPlural.select(count) : "other") {
    case "one": return forms.one;
    case "two": return forms.two;
    case "few": return `${written} ${forms.few}`;
    case "many": return `${written} ${forms.many}`;
    default: return `${written} ${forms.other ?? forms.many}`;
  }
}

const AR = {
  results: { one: "نتيجة واحدة", two: "نتيجتان", few: "نتائج", many: "نتيجة" },
  articles: { one: "مقالة واحدة", two: "مقالتان", few: "مقالات", many: "مقالة" },
  reports: { one: "تقرير واحد", two: "تقريران", few: "تقارير", many: "تقريرًا", other: "تقرير" },
  copies: { one: "نسخة واحدة", two: "نسختان", few: "نسخ", many: "نسخة" },
  mentions: { one: "إشارة واحدة", two: "إشارتان", few: "إشارات", many: "إشارة" },
};

/** An English count: `1 result`, `3 results`. */
function en(n, word, plural = `${word}s`) {
  return `${n} ${countOf(n) === 1 ? word : plural}`;
}

const STRINGS = {
  ar: {
    brand: "راصد",
    tagline: "محرك استخبارات الأخبار العربية",
    searchPlaceholder: "ابحث في الأخبار: أستانا، \"محادثات السلام\"…",
    searchLabel: "البحث في الأخبار",
    analyze: "تحليل نص",
    storiesNav: "القصص",
    savedNav: "المتابعة",
    search: "بحث",
    toggle: "English",
    toggleLabel: "Switch the interface to English",
    results: (n) => countPhrase(n, n, AR.results),
    took: (ms) => `في ${ms} ملّي ثانية`,
    noResults: "لا نتائج لهذا البحث.",
    noResultsHint: "جرّب كلمات أقل أو أزل بعض المرشحات.",
    queryIncomplete: "الاستعلام لم يكتمل بعد: أغلق علامات التنصيص والأقواس، وأكمل ما بعد AND وOR وNOT.",
    welcome: "ابحث في الأرشيف كما تُكتب العربية",
    welcomeHint: "أستانا واستانا وآستانا كلمة واحدة، والمحادثات تجد محادثات، ووروسيا تجد روسيا.",
    articlesInIndex: (n) => `${countPhrase(n, n, AR.articles)} في الفهرس`,
    sources: "المصادر",
    categories: "الأقسام",
    months: "الأشهر",
    eventRoots: "أنواع الأحداث",
    actors: "الفاعلون",
    targets: "المستهدفون",
    people: "أشخاص",
    places: "أماكن",
    organisations: "منظمات",
    other: "أخرى",
    filters: "المرشحات",
    removeFilter: (v) => `إزالة المرشح ${v}`,
    clearFilters: "إزالة كل المرشحات",
    sort: "الترتيب",
    relevance: "الأكثر صلة",
    newest: "الأحدث",
    oldest: "الأقدم",
    previous: "السابق",
    next: "التالي",
    page: (p, n) => `الصفحة ${p} من ${n}`,
    timeline: "حجم التغطية عبر الزمن",
    articlesOn: (n, d) => `${countPhrase(n, n, AR.articles)} · ${d}`,
    undated: (n) => `${countPhrase(n, n, AR.articles)} بلا تاريخ`,
    map: "الأماكن المذكورة",
    back: "العودة إلى النتائج",
    entities: "الكيانات",
    times: "التواريخ والأوقات",
    numbers: "الأعداد",
    source: "المصدر",
    published: "تاريخ النشر",
    original: "المقال الأصلي",
    searchFor: (v) => `ابحث عن ${v}`,
    mentions: (n) => countPhrase(n, n, AR.mentions),
    related: "مقالات مشابهة",
    loading: "جارٍ التحميل…",
    error: "حدث خطأ",
    notFound: "لم يُعثر على المقال.",
    analyzeTitle: "تحليل نص دون فهرسته",
    analyzeHint: "الصق مقالاً (السطر الأول عنوانه، والثاني سطر التاريخ إن وُجد) أو اختر ملفاً بأي صيغة يقرؤها راصد.",
    analyzeText: "نص المقال",
    analyzeFile: "أو ملف",
    analyzeRun: "حلّل",
    analyzeEmpty: "أدخل نصاً أو اختر ملفاً أولاً.",
    legend: "الألوان",
    kind: { PER: "شخص", LOC: "مكان", ORG: "منظمة", MISC: "أخرى", TIME: "تاريخ" },
    role: "الصفة",
    shortcut: "اضغط / للبحث",
    footer: "راصد · يعمل دون اتصال · الخريطة من Natural Earth",
    stories: "أكبر القصص",
    storySize: (a, r) => `${countPhrase(a, a, AR.articles)} · ${countPhrase(r, r, AR.reports)}`,
    reportsOn: (n) => countPhrase(n, n, AR.reports),
    summary: "الملخص",
    storyTimeline: "التسلسل الزمني",
    reports: "التقارير",
    copies: (n) => countPhrase(n, n, AR.copies),
    searchStory: "ابحث في مقالات القصة",
    moreReports: (n) => `عرض المزيد (${countPhrase(n, n, AR.reports)})`,
    noStory: "لم يُعثر على القصة.",
    story: "القصة",
    help: "صيغة البحث",
    helpMark: "؟",
    copiesOf: "نسخ",
    rewrites: "صياغات أخرى",
    relatedArticles: "مقالات ذات صلة",
    sharedText: (p) => `نص مشترك: ${p}٪`,
  },
  en: {
    brand: "rasid",
    tagline: "Arabic news intelligence",
    searchPlaceholder: "Search the news: أستانا, \"محادثات السلام\", source:youm7 …",
    searchLabel: "Search the news",
    analyze: "Analyse text",
    storiesNav: "Stories",
    savedNav: "Watch list",
    search: "Search",
    toggle: "العربية",
    toggleLabel: "التبديل إلى الواجهة العربية",
    results: (n) => en(n, "result"),
    took: (ms) => `in ${ms} ms`,
    noResults: "No results for this search.",
    noResultsHint: "Try fewer words, or remove some filters.",
    queryIncomplete: "The query is not complete yet: close its quotes and brackets, and finish what follows AND, OR, NOT.",
    welcome: "Search the archive the way Arabic is written",
    welcomeHint: "أستانا, استانا and آستانا are one word; المحادثات finds محادثات; وروسيا finds روسيا.",
    articlesInIndex: (n) => `${en(n, "article")} in the index`,
    sources: "Sources",
    categories: "Sections",
    months: "Months",
    eventRoots: "Event types",
    actors: "Actors",
    targets: "Targets",
    people: "People",
    places: "Places",
    organisations: "Organisations",
    other: "Other",
    filters: "Filters",
    removeFilter: (v) => `Remove filter ${v}`,
    clearFilters: "Clear all filters",
    sort: "Sort",
    relevance: "Best match",
    newest: "Newest",
    oldest: "Oldest",
    previous: "Previous",
    next: "Next",
    page: (p, n) => `Page ${p} of ${n}`,
    timeline: "Coverage over time",
    articlesOn: (n, d) => `${en(n, "article")} · ${d}`,
    undated: (n) => `${en(n, "article")} without a date`,
    map: "Places mentioned",
    back: "Back to results",
    entities: "Entities",
    times: "Dates and times",
    numbers: "Numbers",
    source: "Source",
    published: "Published",
    original: "Original article",
    searchFor: (v) => `Search for ${v}`,
    mentions: (n) => en(n, "mention"),
    related: "Similar articles",
    loading: "Loading…",
    error: "Something went wrong",
    notFound: "Article not found.",
    analyzeTitle: "Analyse text without indexing it",
    analyzeHint: "Paste an article (line 1 its headline, line 2 its dateline if any) or pick a file in any form rasid reads.",
    analyzeText: "Article text",
    analyzeFile: "or a file",
    analyzeRun: "Analyse",
    analyzeEmpty: "Enter text or pick a file first.",
    legend: "Colours",
    kind: { PER: "Person", LOC: "Place", ORG: "Organisation", MISC: "Other", TIME: "Date" },
    role: "Role",
    shortcut: "Press / to search",
    footer: "rasid · works offline · map from Natural Earth",
    stories: "Biggest stories",
    storySize: (a, r) => `${en(a, "article")} · ${en(r, "report")}`,
    reportsOn: (n) => en(n, "report"),
    summary: "Summary",
    storyTimeline: "Timeline",
    reports: "Reports",
    copies: (n) => en(n, "copy", "copies"),
    searchStory: "Search the story's articles",
    moreReports: (n) => `Show ${en(n, "more report", "more reports")}`,
    noStory: "Story not found.",
    story: "Story",
    help: "Query syntax",
    helpMark: "?",
    copiesOf: "Copies",
    rewrites: "Rewrites",
    relatedArticles: "Related articles",
    sharedText: (p) => `${p}% of the text shared`,
  },
};

let current = localStorage.getItem("rasid.lang") === "en" ? "en" : "ar";

/** The interface language: "ar" or "en". */
export function lang() {
  return current;
}

/** Sets the language and the page's direction. */
export function setLang(value) {
  current = value === "en" ? "en" : "ar";
  localStorage.setItem("rasid.lang", current);
  document.documentElement.lang = current;
  document.documentElement.dir = current === "ar" ? "rtl" : "ltr";
}

/** A word or a phrase of the interface; functions take their arguments. */
export function t(key, ...args) {
  const value = STRINGS[current][key] ?? STRINGS.ar[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}
