// End-to-end tests of rasid's web interface, as a person uses it, in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
//
//   RASID_URL=http://127.0.0.1:8080 npm test
//
// The server must serve an index made of examples/astana-2017-12-21.txt and
// crates/rasid-server/tests/fixtures/articles.jsonl (the cargo test
// crates/rasid-cli/tests/serve_ui.rs builds it, starts `rasid serve` and runs
// this). Screenshots and timings go to $RASID_ARTIFACTS (default ./artifacts).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";

const URL = process.env.RASID_URL;
const ARTIFACTS = process.env.RASID_ARTIFACTS || path.join(import.meta.dirname, "artifacts");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = 15_000;

assert.ok(URL, "set RASID_URL to a running `rasid serve`");
mkdirSync(ARTIFACTS, { recursive: true });

let browser;
const timings = {};
const consoleErrors = [];

// playwright starts Chromium with a new, empty profile of its own.
before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  writeFileSync(path.join(ARTIFACTS, "timings.json"), JSON.stringify(timings, null, 2) + "\n");
  if (browser) await browser.close();
});

// `refusals`: the page's requests are expected to be refused (400, 403): the
// browser logs each as a console error, which is then not one of the page's.
async function newPage(options = {}, { refusals = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "ar", ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on("console", (m) => { if (m.type() === "error" && !refusals) consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  return page;
}

test("start page is Arabic, right to left, and says what the index holds", async () => {
  const page = await newPage();
  await page.goto(URL);
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getAttribute("html", "lang"), "ar");
  await page.locator(".welcome h1").waitFor();
  // The empty search box reads right to left, so its placeholder is in order.
  assert.equal(await page.locator("#q").evaluate((n) => getComputedStyle(n).direction), "rtl");
  const muted = await page.locator(".welcome .muted").first().textContent();
  assert.match(muted, /(مقالة|مقالات|مقالتان) في الفهرس/);
  // The volume of the whole index, drawn as bars.
  assert.ok(await page.locator(".chart-svg .bar").count() >= 2, "a bar per month");
  await page.screenshot({ path: path.join(ARTIFACTS, "start.png"), fullPage: true });
  await page.context().close();
});

test("typing a query shows highlighted results at once; a facet filters them", async () => {
  const page = await newPage();
  await page.goto(URL);
  await page.locator(".welcome").waitFor();
  // "/" jumps to the search box, as the page says.
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  // Without the hamza, as Egyptian sites write it: the index folds spellings.
  await page.keyboard.type("استانا", { delay: 40 });
  const typed = Date.now();
  // Results for the whole word (the box waits for a 200 ms pause in typing).
  await page.locator('.results[data-query="استانا"] .hit').first().waitFor();
  timings.first_result_ms_after_typing = Date.now() - typed;

  const summary = await page.locator("#summary").textContent();
  const total = Number(summary.replace(/[٠-٩]/g, (d) => "٠١٢٣٤٥٦٧٨٩".indexOf(d)).match(/\d+/)[0]);
  assert.ok(total >= 4, `several articles mention Astana: ${summary}`);
  const firstTitle = page.locator(".hit-title").first();
  assert.ok(await firstTitle.locator("mark").count() >= 1, "the match is marked in the headline");
  const marked = await page.locator(".hit mark").allTextContents();
  assert.ok(marked.some((m) => m.includes("استانا")), `marks: ${marked}`);
  assert.match(page.url(), /q=%D8%A7%D8%B3%D8%AA%D8%A7%D9%86%D8%A7/, "the query is in the address, to share");
  // The volume over time and a map of the places the matches name.
  await page.locator("#viz .chart-svg .bar").first().waitFor();
  await page.locator("#viz .map-svg .land path").first().waitFor();
  const markers = await page.locator("#viz .map-svg .marker").evaluateAll((ms) => ms.map((m) => m.dataset.place));
  assert.ok(markers.includes("استانا"), `markers: ${markers}`);
  await page.screenshot({ path: path.join(ARTIFACTS, "search.png"), fullPage: true });

  const shown = await page.locator(".hit").count();
  // Filter by the first source.
  const facet = page.locator('button.facet[data-facet="source"]').first();
  const source = await facet.getAttribute("data-value");
  await facet.click();
  await page.locator(".active-filters .chip").waitFor();
  await page.waitForFunction((s) => {
    const metas = [...document.querySelectorAll(".hit .source")].map((n) => n.dataset.source);
    return metas.length > 0 && metas.every((m) => m === s);
  }, source);
  const sources = await page.locator(".hit .source").allTextContents();
  assert.ok(sources.length < total, "fewer results once filtered");
  assert.equal(await page.locator(`button.facet.on[data-value="${source}"]`).getAttribute("aria-pressed"), "true");
  await page.screenshot({ path: path.join(ARTIFACTS, "search-filtered.png"), fullPage: true });

  // Removing the filter brings every result back.
  await page.locator(".active-filters .chip").click();
  await page.waitForFunction((n) => document.querySelectorAll(".hit").length === n, shown);
  await page.context().close();
});

test("a shared search link shows its results at once", async () => {
  const page = await newPage();
  const runs = [];
  for (let i = 0; i < 5; i++) {
    await page.goto("about:blank");
    const started = Date.now();
    await page.goto(`${URL}/#/?q=${encodeURIComponent("محادثات")}`);
    await page.locator(".hit").first().waitFor();
    runs.push(Date.now() - started);
  }
  runs.sort((a, b) => a - b);
  timings.first_result_ms_opening_a_link = runs;
  assert.ok(runs[2] < 5000, `median ${runs[2]} ms`);
  await page.context().close();
});

test("an article shows its entities by type, linked to their searches, and a map", async () => {
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent('"محادثات سلام"')}`);
  await page.locator(".hit-title a").first().click();
  await page.locator(".article-title").waitFor();
  assert.match(await page.locator(".article-title").textContent(), /استانا/);
  // The body as written, with people, places and organisations marked.
  for (const kind of ["PER", "LOC", "ORG"]) {
    assert.ok(await page.locator(`.article-body .mention.kind-${kind}`).count() >= 1, `a ${kind} is marked`);
  }
  assert.ok(await page.locator(".article-body .mention.kind-TIME").count() >= 1, "a date is marked");
  const places = await page.locator(".article-body a.mention.kind-LOC").allTextContents();
  assert.ok(places.some((p) => p.includes("استانا")), `places: ${places}`);
  // A map with a marker for each place that has coordinates.
  await page.locator(".map-svg .land path").first().waitFor();
  assert.ok(await page.locator(".map-svg .marker").count() >= 2);
  await page.screenshot({ path: path.join(ARTIFACTS, "article.png"), fullPage: true });

  // A person opens the articles that name them.
  const entity = page.locator('.chips a.chip.kind-PER').first();
  const name = await entity.getAttribute("data-entity");
  await entity.click();
  await page.locator(".hit").first().waitFor();
  assert.equal(await page.locator('.active-filters .chip[data-filter="person"]').count(), 1);
  assert.match(await page.locator(".active-filters").textContent(), new RegExp(name.split(" ").pop()));
  await page.context().close();
});

test("English toggle, analysis of pasted text, and a phone-sized screen", async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${URL}/#/?q=${encodeURIComponent("سوريا")}`);
  await page.locator(".hit").first().waitFor();
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: path.join(ARTIFACTS, "phone.png"), fullPage: false });

  await page.locator("#lang").click();
  assert.equal(await page.getAttribute("html", "dir"), "ltr");
  await page.waitForFunction(() => /results/.test(document.querySelector("#summary")?.textContent || ""));
  // The articles stay right to left inside the English interface.
  assert.equal(await page.locator(".hit").first().getAttribute("dir"), "rtl");

  await page.goto(`${URL}/#/analyze`);
  await page.locator("#analyze-text").fill("محادثات جديدة فى استانا\nالخميس، 21 ديسمبر 2017 10:57 ص\nقال وزير الخارجية الروسى سيرغى لافروف فى موسكو ان المحادثات ستبدأ غدا.");
  await page.locator("form.analyze-form button[type=submit]").click();
  await page.locator(".analysis .article-title").waitFor();
  assert.ok(await page.locator(".analysis .mention.kind-PER").count() >= 1, "Lavrov is found");
  assert.ok(await page.locator(".analysis .mention.kind-TIME").count() >= 1, "غدا is resolved");
  await page.locator("#lang").click();
  await page.context().close();
});

test("a story shows its summary, timeline and reports; copies are folded", async () => {
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("ميستورا")}`);
  await page.locator(".hit").first().waitFor();
  assert.match(await page.locator(".hit .copies").first().textContent(), /نسخة واحدة|[1١]/, "the syndicated copy is folded");
  await page.goto(URL);
  await page.locator(".story-list a").first().click();
  await page.locator(".story h1").waitFor();
  assert.ok(await page.locator(".story-summary li").count() >= 1, "a summary");
  assert.ok(await page.locator(".story .hit").count() >= 1, "its reports");
  await page.screenshot({ path: path.join(ARTIFACTS, "story.png"), fullPage: true });
  await page.locator(".story .hit-title a").first().click();
  await page.locator(".article-title").waitFor();
  await page.context().close();
});

test("finished: Arabic counts agree, codes are words, a half-typed phrase is no error, the summary shows", async () => {
  // The first keystroke, a lone quote, has nothing to search for: the server refuses it (400)
  // and the page shows a hint until the next keystroke.
  const page = await newPage({}, { refusals: true });
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
  await page.locator('.results[data-query="استانا"] .hit').first().waitFor();
  const summary = await page.locator("#summary strong").textContent();
  const shown = await page.locator(".hit").count();
  // ٣–١٠ نتائج, نتيجتان, نتيجة واحدة: never "٣ نتيجة".
  assert.ok(!/^[٣-٩] نتيجة$|^١٠ نتيجة$/.test(summary), summary);
  if (shown >= 3 && shown <= 10) assert.match(summary, /نتائج$/);

  // Typing a phrase: the search's parser is lenient (an unclosed quote is read as
  // the words typed so far), so no error page, no hint and no English while typing.
  await page.locator("#q").fill("");
  await page.locator("#q").type('"محادثات', { delay: 30 });
  await page.locator('.results[data-query="\\"محادثات"]').waitFor();
  assert.equal(await page.locator(".status.error").count(), 0);
  assert.equal(await page.locator(".query-hint").count(), 0);
  const toolbar = await page.locator(".results .toolbar").textContent();
  assert.ok(!/[A-Za-z]{3,}/.test(toolbar), `English in ${toolbar}`);
  await page.locator("#q").type(' سلام"', { delay: 30 });
  await page.locator('.results[data-query="\\"محادثات سلام\\""] .hit').first().waitFor();
  assert.equal(await page.locator(".status.error").count(), 0);

  // The article: its summary, and its times in words, not codes.
  await page.locator(".hit-title a").first().click();
  await page.locator(".article-title").waitFor();
  assert.ok(await page.locator(".article-summary li").count() >= 1, "the summary is shown");
  const values = await page.locator(".facts dd").allTextContents();
  for (const v of values) assert.ok(!/PRESENT_REF|PAST_REF|FUTURE_REF|^P[\dX]|\((START|MID|END|APPROX)\)|^\d{4}-\d{2}/.test(v), `a code shown: ${v}`);
  const tips = await page.locator(".article-body .mention.kind-TIME").evaluateAll((ns) => ns.map((n) => n.title));
  for (const tip of tips) assert.ok(!/_REF|\(END\)|: P\d/.test(tip), tip);
  await page.context().close();
});

test("a bar of the chart for one day filters that day, not its month", async () => {
  const page = await newPage();
  // A month of results: the chart counts days.
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}&month=2017-12`);
  await page.locator("#viz .chart-svg .bar").first().waitFor();
  const bar = page.locator("#viz .chart-svg .bar").first();
  const day = await bar.getAttribute("data-start");
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
  await bar.click();
  await page.waitForFunction((d) => location.hash.includes(`day=${d}`), day);
  await page.locator(".active-filters .chip.filter-day").waitFor();
  assert.equal(await page.locator(".active-filters .chip.filter-month").count(), 0);
  await page.locator(".hit").first().waitFor();
  const dates = await page.locator(".hit time").evaluateAll((ns) => ns.map((n) => n.getAttribute("datetime")));
  assert.ok(dates.length >= 1 && dates.every((d) => d.startsWith(day)), `${day}: ${dates}`);
  await page.context().close();
});

test("timings: a facet click to the results redrawn, a story opened (median of 5)", async () => {
  const page = await newPage();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const facetRuns = [];
  for (let i = 0; i < 5; i++) {
    await page.goto("about:blank");
    await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
    await page.locator(".hit").first().waitFor();
    const facet = page.locator('button.facet[data-facet="source"]').first();
    const source = await facet.getAttribute("data-value");
    const started = Date.now();
    await facet.click();
    await page.waitForFunction((s) => {
      const metas = [...document.querySelectorAll(".hit .source")].map((n) => n.dataset.source);
      return document.querySelector(".active-filters .chip") && metas.length > 0 && metas.every((m) => m === s);
    }, source);
    facetRuns.push(Date.now() - started);
  }
  const storyRuns = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(URL);
    await page.locator(".story-list a").first().waitFor();
    const started = Date.now();
    await page.locator(".story-list a").first().click();
    await page.locator(".story .hit").first().waitFor();
    storyRuns.push(Date.now() - started);
  }
  timings.facet_click_to_redraw_ms = facetRuns;
  timings.story_open_ms = storyRuns;
  assert.ok(median(facetRuns) < 5000 && median(storyRuns) < 5000, `${facetRuns} ${storyRuns}`);
  await page.context().close();
});

// Long articles as the API answers them, made in the page (run by Playwright,
// outside the page's script policy): `n` paragraphs of about 1 kB, each with
// three names and a date marked, byte offsets as the server gives them. The
// page's `fetch` answers `/api/articles/long-N` with them, as the server would
// over loopback, so that what is timed is the interface's work, not the test's
// transfer of megabytes through the browser's debugging protocol.
function installLongArticles(sizes) {
  const bytes = (s) => new TextEncoder().encode(s).length;
  const words = "قال وزير الخارجية الروسى سيرغى لافروف فى موسكو ان المحادثات حول سوريا ستبدأ فى استانا يوم الخميس المقبل بحضور وفود ";
  const make = (id, n) => {
    const entities = [
      { canonical: "سيرغى لافروف", kind: "PER", mentions: [] },
      { canonical: "موسكو", kind: "LOC", mentions: [], place: { lat: 55.75, lon: 37.62 } },
      { canonical: "استانا", kind: "LOC", mentions: [], place: { lat: 51.18, lon: 71.45 } },
    ];
    const mentions = [];
    const times = [];
    const spans = [];
    const parts = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      const text = words.repeat(8) + `(${i})`;
      const start = at;
      for (const [k, name] of entities.entries()) {
        const offset = bytes(text.slice(0, text.indexOf(name.canonical)));
        name.mentions.push(mentions.length);
        mentions.push({ entity: k, kind: name.kind, part: "body", span: { start: start + offset, end: start + offset + bytes(name.canonical) } });
      }
      const day = bytes(text.slice(0, text.indexOf("يوم الخميس")));
      times.push({ text: "يوم الخميس", type: "DATE", value: "2017-12-21", part: "body", span: { start: start + day, end: start + day + bytes("يوم الخميس") } });
      parts.push(text);
      at += bytes(text);
      spans.push({ start, end: at });
      at += 1; // the "\n" between paragraphs
    }
    return JSON.stringify({
      article: { id, title: `مقالة طويلة جدا عن محادثات استانا (${n})`, body: parts.join("\n"), source: "long", published: "2017-12-21T10:57:00" },
      analysis: { title: { paragraphs: [] }, body: { paragraphs: spans } },
      extractions: { entities: { entities, mentions }, times, numbers: [], summary: [] },
    });
  };
  const answers = Object.fromEntries(Object.entries(sizes).map(([id, n]) => [id, make(id, n)]));
  const original = window.fetch;
  window.fetch = (url, options) => {
    const id = String(url).match(/\/api\/articles\/(long-\d+)$/)?.[1];
    return id && answers[id]
      ? Promise.resolve(new Response(answers[id], { status: 200, headers: { "content-type": "application/json" } }))
      : original(url, options);
  };
  return Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, a.length]));
}

/**
 * Opens an article: ms until its first paragraphs are painted (`open`), and
 * until every paragraph is on the page (`complete`).
 */
async function openArticle(page, id) {
  return page.evaluate(async (id) => {
    const started = performance.now();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const until = (test) => new Promise((resolve) => {
      const check = () => (test() ? resolve() : requestAnimationFrame(check));
      check();
    });
    location.hash = `#/article/${id}`;
    await until(() => document.querySelector(".article-body p"));
    await frame();
    const open = performance.now() - started;
    await until(() => document.querySelector(".article-body[data-complete]"));
    await frame();
    return { open, complete: performance.now() - started };
  }, id);
}

test("a 5 MB article opens in under a second; opening costs time in proportion to size", async () => {
  const page = await newPage();
  await page.goto(URL);
  await page.locator(".welcome").waitFor();
  const sizes = { "long-1": 1_000, "long-5": 5_000 };
  const lengths = await page.evaluate(installLongArticles, sizes);
  assert.ok(lengths["long-5"] > 5_000_000, `${lengths["long-5"]} bytes`);
  const runs = { "long-1": [], "long-5": [] };
  for (let i = 0; i < 5; i++) {
    for (const id of Object.keys(sizes)) {
      await page.evaluate(() => { location.hash = "#/analyze"; });
      await page.locator(".analyze-form").waitFor();
      runs[id].push(await openArticle(page, id));
      assert.equal(await page.locator(".article-body p").count(), sizes[id]);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = (id, key) => runs[id].map((r) => Math.round(r[key]));
  timings.article_open_1mb_ms = ms("long-1", "open");
  timings.article_open_5mb_ms = ms("long-5", "open");
  timings.article_complete_1mb_ms = ms("long-1", "complete");
  timings.article_complete_5mb_ms = ms("long-5", "complete");
  const open5 = median(ms("long-5", "open"));
  const [complete1, complete5] = [median(ms("long-1", "complete")), median(ms("long-5", "complete"))];
  // Every paragraph's names and date are marked.
  assert.equal(await page.locator(".article-body .mention.kind-PER").count(), sizes["long-5"]);
  assert.equal(await page.locator(".article-body .mention.kind-TIME").count(), sizes["long-5"]);
  assert.ok(open5 < 1000, `the 5 MB article took ${open5} ms to open`);
  assert.ok(complete5 < 7 * complete1 + 200, `5 MB: ${complete5} ms, 1 MB: ${complete1} ms to the last paragraph: not linear`);
  await page.context().close();
});

/** Posts articles as a client that is not a browser does (JSON, no Origin). */
async function ingest(article) {
  const reply = await fetch(`${URL}/api/articles`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(article),
  });
  assert.equal(reply.status, 200, await reply.text());
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

test("bidi controls in an article cannot reorder what a reader sees", async () => {
  // "\u202E" (right-to-left override) makes "gnp.exe" read "exe.png".
  await ingest({
    title: "مرفق قرنفلية \u202Egnp.exe\u202C للتحميل",
    body: "نص عن قرنفلية \u2067مقلوب\u2069 و\u202Dكلام\u202C.",
    source: "\u202Eevil-source",
    category: "\u2066news\u2069",
    published: "2018-03-01T10:00:00",
  });
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("قرنفلية")}`);
  await page.locator(".hit").first().waitFor();
  const title = await page.locator(".hit-title").first().textContent();
  assert.ok(!BIDI.test(title), `controls left in ${JSON.stringify(title)}`);
  assert.match(title, /gnp\.exe/);
  const meta = await page.locator(".hit .meta").first().textContent();
  assert.ok(!BIDI.test(meta), `controls left in ${JSON.stringify(meta)}`);
  const snippet = await page.locator(".hit .snippet").first().textContent();
  assert.ok(!BIDI.test(snippet), `controls left in ${JSON.stringify(snippet)}`);
  // Each field is isolated from the next.
  for (const selector of [".hit-title a", ".hit .meta .source", ".hit .meta time", ".hit .snippet", ".facet-name"]) {
    const bidi = await page.locator(selector).first().evaluate((n) => getComputedStyle(n).unicodeBidi);
    assert.equal(bidi, "isolate", selector);
  }
  const facets = await page.locator(".facet-name").allTextContents();
  assert.ok(facets.every((f) => !BIDI.test(f)), JSON.stringify(facets));

  await page.locator(".hit-title a").first().click();
  await page.locator(".article-title").waitFor();
  for (const selector of [".article-title", ".article .meta", ".article-body"]) {
    const text = await page.locator(selector).first().textContent();
    assert.ok(!BIDI.test(text), `${selector}: controls left in ${JSON.stringify(text)}`);
  }
  assert.ok(!BIDI.test(await page.title()), await page.title());
  assert.equal(await page.locator(".article-title").evaluate((n) => getComputedStyle(n).unicodeBidi), "isolate");
  await page.context().close();
});

test("a page on another site cannot write to the server", async () => {
  // Another site, on loopback too (a page on a public address is kept from
  // loopback by the browser itself, which would prove nothing about the server).
  const other = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>elsewhere</title><p>elsewhere</p>");
  });
  await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
  const page = await newPage({}, { refusals: true });
  try {
    await page.goto(`http://127.0.0.1:${other.address().port}/`);
    const line = JSON.stringify({ title: "مقالة مزروعة", body: "نص زرعته صفحة من موقع آخر", source: "csrf-probe" });
    // What any page can make a browser send without asking the server first.
    const documents = async () => (await (await fetch(`${URL}/api/health`)).json()).documents;
    const before = await documents();
    const sent = [];
    page.on("request", (r) => { if (r.url().includes("/api/articles")) sent.push(r.url()); });
    await page.evaluate(async ({ url, line }) => {
      const tries = [
        ["/api/articles?format=jsonl", { "content-type": "text/plain" }],
        ["/api/articles", { "content-type": "text/plain" }],
        ["/api/articles?format=jsonl", {}],
        ["/api/articles", { "content-type": "application/x-www-form-urlencoded" }],
      ];
      for (const [path, headers] of tries) {
        try {
          await fetch(url + path, { method: "POST", mode: "no-cors", headers, body: line + "\n" });
        } catch { /* the browser keeps the answer from the page */ }
      }
    }, { url: URL, line });
    assert.equal(sent.length, 4, `the browser sent every request (the server is what must refuse them): ${sent}`);
    assert.equal(await documents(), before, "an article was indexed from another site");
    const found = await (await fetch(`${URL}/api/search?source=csrf-probe`)).json();
    assert.equal(found.total, 0, "an article was indexed from another site");
  } finally {
    await page.context().close();
    other.close();
  }
});

test("screenshots of every page, on a desktop and a phone", async () => {
  const pages = [
    ["start", "", ".welcome"],
    ["search", `#/?q=${encodeURIComponent("استانا")}`, "#viz .map-svg .land path"],
    ["article", "#/article/c643f56e2e245afb", ".article-body[data-complete]"],
    ["story", null, ".story .hit"],
    ["analyze", "#/analyze", ".analyze-form"],
  ];
  for (const [device, options] of [
    ["desktop", {}],
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    const page = await newPage(options);
    for (const [name, hash, ready] of pages) {
      if (hash === null) {
        await page.goto(URL);
        await page.locator(".story-list a").first().click();
      } else {
        await page.goto(`${URL}/${hash}`);
      }
      await page.locator(ready).first().waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, `${device}-${name}.png`), fullPage: device === "desktop" });
    }
    await page.context().close();
  }
});

test("events and quotes: marked in the article, a story's event timeline, the dyad matrix", async () => {
  // The index holds two copies of a report with hand-made events: the army
  // (SYRMIL) shelling the opposition (SYRREB) in Idlib, and a spokesman's quote.
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("ادلب")}&event=195`);
  await page.locator(".hit").first().waitFor();
  // Facets by event root and by actor.
  await page.locator('button.facet[data-facet="actor"][data-value="SYRMIL"]').waitFor();
  assert.equal(await page.locator('button.facet[data-facet="event"][data-value="19"]').count(), 1);

  // The article: the action and the quote's cue marked, the events and quotes listed.
  await page.locator(".hit-title a").first().click();
  await page.locator(".article-title").waitFor();
  assert.ok(await page.locator('.article-body .mention.kind-EVENT[data-event="195"]').count() >= 1, "the shelling is marked");
  assert.ok(await page.locator(".article-body .mention.kind-QUOTE").count() >= 1, "the quote's cue is marked");
  assert.match(await page.locator(".quote-item blockquote").first().textContent(), /سنواصل العمليات/);
  const actor = page.locator('.events-panel a.actor[data-actor="SYRMIL"]').first();
  assert.match(await actor.getAttribute("href"), /actor=SYRMIL/);
  await page.screenshot({ path: path.join(ARTIFACTS, "article-events.png"), fullPage: true });
  // An actor opens the articles where it acts.
  await actor.click();
  await page.locator('.active-filters .chip[data-filter="actor"]').waitFor();
  await page.locator(".hit").first().waitFor();

  // The dyad view of a search: click a cell for the articles behind it.
  await page.goto(`${URL}/#/?q=${encodeURIComponent("ادلب")}`);
  await page.locator(".hit").first().waitFor();
  await page.locator("a.dyads-link").click();
  const cell = page.locator('.dyad-matrix .dyad-cell a[data-source="SYRMIL"][data-target="SYRREB"]');
  await cell.waitFor();
  assert.ok(await cell.locator(".dyad-count.quad-4").count() === 1, "coloured as material conflict");
  await page.screenshot({ path: path.join(ARTIFACTS, "dyads.png"), fullPage: true });
  await cell.click();
  await page.locator(".hit").first().waitFor();
  assert.match(page.url(), /actor=SYRMIL/);
  assert.match(page.url(), /target=SYRREB/);
  assert.equal(await page.locator('.active-filters .chip[data-filter="target"]').count(), 1);

  // The story of the report: its events in date order.
  const story = await page.evaluate(async () => {
    const { stories } = await (await fetch("/api/stories?limit=200")).json();
    for (const s of stories) {
      const events = await (await fetch(`/api/events?story=${s.id}&event=195`)).json();
      if (events.total > 0) return s.id;
    }
    return null;
  });
  assert.ok(story !== null, "a story holds the report");
  await page.goto(`${URL}/#/story/${story}`);
  await page.locator(".story-events .event-item").first().waitFor();
  const days = await page.locator(".story-events time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  assert.deepEqual(days, [...days].sort(), "in date order");
  assert.ok(days.includes("2017-12-20"));
  await page.context().close();
});

test("no script errors and no request leaves the server", async () => {
  const page = await newPage();
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(URL) && !r.url().startsWith("data:")) foreign.push(r.url()); });
  await page.goto(`${URL}/#/?q=${encodeURIComponent("روسيا")}`);
  await page.locator(".hit").first().waitFor();
  await page.locator(".hit-title a").first().click();
  await page.locator(".article-title").waitFor();
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, [], consoleErrors.join("\n"));
  await page.context().close();
});

test("analyst tools: a date range picked with the keyboard filters by publication or by the dates mentioned", async () => {
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
  await page.locator('.results[data-query="استانا"] .hit').first().waitFor();
  const before = await page.locator(".hit").count();
  const form = page.locator(".period-form");
  // Labelled in Arabic, open beside the results on a desktop.
  assert.match(await page.locator(".period summary").textContent(), /الفترة/);
  assert.match(await form.textContent(), /من/);
  // A start after the end is said, not sent.
  await form.locator('input[name="from"]').fill("2017-12-22");
  await form.locator('input[name="to"]').fill("2017-12-01");
  await form.locator('input[name="to"]').press("Enter");
  await page.locator(".period-error").waitFor();
  assert.match(await page.locator(".period-error").textContent(), /بعد/);
  assert.ok(!page.url().includes("from="), page.url());

  // Enter in a field applies the range; it lands in the URL and as chips.
  await form.locator('input[name="from"]').fill("2017-12-20");
  await form.locator('input[name="to"]').fill("2017-12-21");
  await form.locator('input[name="to"]').press("Enter");
  await page.waitForFunction(() => location.hash.includes("from=2017-12-20") && location.hash.includes("to=2017-12-21"));
  await page.locator(".active-filters .chip.filter-from").waitFor();
  await page.locator(".active-filters .chip.filter-to").waitFor();
  await page.locator(".hit").first().waitFor();
  const dates = await page.locator(".hit time").evaluateAll((ns) => ns.map((n) => n.getAttribute("datetime")));
  assert.ok(dates.length >= 1 && dates.every((d) => d >= "2017-12-20" && d < "2017-12-22"), `${dates}`);
  assert.ok(await page.locator(".hit").count() < before, "fewer results in the range");
  assert.match(await page.locator(".chip.filter-from").textContent(), /٢٠/, "the day in Arabic digits");

  // The state is the URL's: opened again, the fields show the range.
  await page.reload();
  await page.locator(".period-form").waitFor();
  assert.equal(await page.locator('.period-form input[name="from"]').inputValue(), "2017-12-20");
  assert.equal(await page.locator('.period-form input[name="to"]').inputValue(), "2017-12-21");
  // "Clear" removes the period.
  await page.locator(".period-clear").click();
  await page.waitForFunction(() => !location.hash.includes("from="));

  // By the dates the text mentions: the example mentions May 2017.
  await page.goto("about:blank");
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
  await page.locator(".period-form").waitFor();
  await page.locator('.period-form input[value="mentions"]').check();
  await page.locator('.period-form input[name="from"]').fill("2017-05-01");
  await page.locator('.period-form input[name="to"]').fill("2017-05-31");
  await page.locator('.period-form button[type="submit"]').click();
  await page.waitForFunction(() => location.hash.includes("mentions=2017-05-01..2017-05-31"));
  await page.locator(".active-filters .chip.filter-mentions").waitFor();
  await page.locator(".hit").first().waitFor();
  assert.equal(await page.locator('.period-form input[value="mentions"]').isChecked(), true);
  await page.context().close();
});

test("analyst tools: undated articles have a filter of their own", async () => {
  await ingest({ title: "بيان زعفراني بلا تاريخ", body: "نص بيان زعفراني عن استانا لا يقول متى نشر.", source: "undated-probe" });
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
  await page.locator(".hit").first().waitFor();
  // The checkbox, from the keyboard.
  await page.locator(".period-undated input").focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.hash.includes("undated=true"));
  await page.locator(".active-filters .chip.filter-undated").waitFor();
  await page.waitForFunction(() => /زعفراني/.test(document.querySelector(".hit-title")?.textContent || ""));
  assert.equal(await page.locator(".hit time").count(), 0, "no result has a date");
  const titles = await page.locator(".hit-title").allTextContents();
  assert.ok(titles.every((t) => !/محادثات سلام جديدة/.test(t)), `${titles}`);
  // Removing the chip brings the dated ones back.
  await page.locator(".active-filters .chip.filter-undated").click();
  await page.waitForFunction(() => !location.hash.includes("undated") && document.querySelectorAll(".hit time").length > 0);
  // The chart's count of undated articles opens them.
  await page.goto(URL);
  await page.locator(".welcome .undated button").click();
  await page.waitForFunction(() => location.hash.includes("undated=true"));
  await page.locator(".hit").first().waitFor();
  assert.equal(await page.locator(".hit time").count(), 0, "no result has a date");
  await page.context().close();
});

test("analyst tools: names are suggested as you type, and picked with the keyboard", async () => {
  const page = await newPage();
  const lookups = [];
  page.on("request", (r) => { if (r.url().includes("/api/entities")) lookups.push(r.url()); });
  await page.goto(URL);
  await page.locator(".welcome").waitFor();
  const box = page.locator("#q");
  assert.equal(await box.getAttribute("role"), "combobox");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  await box.focus();
  // The surname finds the whole name.
  await page.keyboard.type("لافرو", { delay: 30 });
  const options = page.locator("#q-suggestions [role=option]");
  await options.first().waitFor();
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  assert.equal(await box.getAttribute("aria-controls"), "q-suggestions");
  assert.ok(lookups.length <= 2, `one request after a pause in typing, not one a letter: ${lookups.length}`);
  assert.ok(lookups.every((u) => /limit=\d+/.test(u)), "bounded");
  const count = await options.count();
  assert.ok(count >= 1 && count <= 8, `${count} names`);
  const name = await options.first().locator("bdi").textContent();
  assert.match(name, /لافروف/);
  await page.screenshot({ path: path.join(ARTIFACTS, "desktop-suggest.png") });
  // Arrows move, Enter picks: the name becomes a filter and leaves the query.
  await page.keyboard.press("ArrowDown");
  assert.equal(await box.getAttribute("aria-activedescendant"), "q-option-0");
  assert.equal(await options.first().getAttribute("aria-selected"), "true");
  const kind = await options.first().getAttribute("data-type");
  await page.keyboard.press("Enter");
  const filter = { PER: "person", LOC: "place", ORG: "org" }[kind];
  await page.locator(`.active-filters .chip.filter-${filter}`).waitFor();
  await page.locator(".hit").first().waitFor();
  assert.equal(await box.inputValue(), "");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  assert.ok(page.url().includes(`${filter}=`), page.url());
  // Escape closes the list and leaves the box in use.
  await box.focus();
  await page.keyboard.type("استا", { delay: 30 });
  await options.first().waitFor();
  await page.keyboard.press("Escape");
  await page.locator("#q-suggestions").waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  // A word excluded is not a name to pick.
  await box.fill("");
  await page.keyboard.type("-لافرو", { delay: 30 });
  await page.waitForTimeout(400);
  assert.equal(await page.locator("#q-suggestions").isHidden(), true);
  await page.context().close();
});

test("analyst tools: an article's \"more like this\" runs the search", async () => {
  const page = await newPage();
  await page.goto(`${URL}/#/article/c643f56e2e245afb`);
  await page.locator(".article-title").waitFor();
  const link = page.locator("a.more-like");
  assert.match(await link.textContent(), /مشابهة/);
  await link.click();
  await page.waitForFunction(() => location.hash.includes("like=c643f56e2e245afb"));
  await page.locator(".active-filters .chip.filter-like").waitFor();
  await page.locator(".hit").first().waitFor();
  const hrefs = await page.locator(".hit-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.length >= 1 && hrefs.every((h) => !h.startsWith("#/article/c643f56e2e245afb")), `${hrefs}`);
  await page.context().close();
});

test("analyst tools: the query syntax help opens with a button and with ?, in Arabic and English", async () => {
  const page = await newPage();
  await page.goto(URL);
  await page.locator(".welcome").waitFor();
  await page.keyboard.press("?");
  const dialog = page.locator("dialog.help[open]");
  await dialog.waitFor();
  assert.match(await dialog.locator("h2").textContent(), /صيغة البحث/);
  const examples = await dialog.locator(".help-table code").allTextContents();
  for (const field of ["person:", "place:", "org:", "event:", "actor:", "target:", "dyad:", "published:", "mentions:", "AND", "OR", "NOT", "\""]) {
    assert.ok(examples.some((e) => e.includes(field)), `${field} is explained: ${examples}`);
  }
  assert.ok(examples.some((e) => e.startsWith("-") || e.includes(" -")), "the minus is explained");
  // The keyboard stays in it; Escape closes it.
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => Boolean(document.activeElement.closest("dialog.help"))), "focus is in the dialog");
  await page.keyboard.press("Escape");
  await page.locator("dialog.help[open]").waitFor({ state: "detached" });
  // Typing "?" in the search box is a question mark, not the help.
  await page.locator("#q").focus();
  await page.keyboard.type("؟");
  assert.equal(await page.locator("dialog.help[open]").count(), 0);

  // The button, in English; an example runs its search.
  await page.locator("#lang").click();
  await page.locator("#help").click();
  await dialog.waitFor();
  assert.match(await dialog.locator("h2").textContent(), /Query syntax/);
  assert.equal(await page.locator("#help").evaluate((b) => b.textContent.includes("Query syntax")), true, "the button has a name");
  await dialog.locator('a.help-example:has(code:text-is("place:ادلب"))').click();
  await page.locator("dialog.help[open]").waitFor({ state: "detached" });
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes("q=place:ادلب"));
  await page.locator(".hit").first().waitFor();
  await page.locator("#lang").click();
  await page.context().close();
});

test("analyst tools: sources are shown by name, not by slug, in hits, facets and the article", async () => {
  await ingest({ title: "خبر من منفذ مجهول عن قرطبية", body: "نص عن قرطبية.", source: "zz-unknown_outlet", published: "2018-03-02T10:00:00" });
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
  await page.locator(".hit").first().waitFor();
  const slugs = ["alwatan", "albayan", "alquds"];
  const shown = await page.locator(".hit .source").allTextContents();
  assert.ok(shown.length >= 1 && shown.every((s) => !slugs.includes(s)), `raw slugs: ${shown}`);
  assert.ok(shown.includes("الوطن"), `${shown}`);
  // The slug stays the filter's value and the tooltip.
  const facet = page.locator('button.facet[data-facet="source"][data-value="alwatan"]');
  assert.equal(await facet.locator(".facet-name").textContent(), "الوطن");
  await facet.click();
  await page.locator(".active-filters .chip.filter-source").waitFor();
  assert.match(await page.locator(".active-filters .chip.filter-source").textContent(), /الوطن/);
  assert.equal(await page.locator(".hit .source").first().getAttribute("title"), "alwatan");
  // In English, the English name.
  await page.locator("#lang").click();
  await page.waitForFunction(() => [...document.querySelectorAll(".hit .source")].some((n) => n.textContent === "Al Watan"));
  await page.locator("#lang").click();
  // An outlet the table does not know: its slug made readable.
  await page.goto(`${URL}/#/?q=${encodeURIComponent("قرطبية")}`);
  await page.locator('.results[data-query="قرطبية"] .hit .source').first().waitFor();
  assert.equal(await page.locator(".hit .source").first().textContent(), "Zz Unknown Outlet");
  // The article page.
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}&source=alwatan`);
  await page.locator('.results[data-query="استانا"] .chip.filter-source').waitFor();
  await page.locator(".hit-title a").first().click();
  await page.locator(".article .meta .source").waitFor();
  assert.equal(await page.locator(".article .meta .source").textContent(), "الوطن");
  await page.context().close();
});

test("screenshots of the analyst tools, on a desktop and a phone", async () => {
  for (const [device, options] of [
    ["desktop", {}],
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    const page = await newPage(options);
    // A search in a period: the panel is open (on a phone too, being in use).
    await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}&from=2017-12-20&to=2017-12-21`);
    await page.locator(".hit").first().waitFor();
    await page.locator(".period-form input[name=from]").waitFor();
    await page.locator("#viz .map-svg .land path").first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, `${device}-period.png`), fullPage: device === "desktop" });
    // The query syntax help.
    await page.goto(URL);
    await page.locator(".welcome").waitFor();
    await page.locator("#help").click();
    await page.locator("dialog.help[open]").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, `${device}-help.png`) });
    await page.context().close();
  }
  // No page of the analyst tools' tests logged a script error.
  assert.deepEqual(consoleErrors, [], consoleErrors.join("\n"));
});

test("the stories list: pages, a text filter, sizes and order in the address", async () => {
  const page = await newPage();
  await page.goto(`${URL}/#/stories`);
  await page.locator(".stories-page .story-list li").first().waitFor();
  const all = await page.locator(".stories-page .story-list li").count();
  assert.ok(all >= 3, `every story of the fixtures: ${all}`);
  await page.screenshot({ path: path.join(ARTIFACTS, "stories-list.png"), fullPage: true });
  // A text filter: the one story of the football match.
  await page.fill("#stories-q", "الزمالك");
  await page.click(".stories-filters button[type=submit]");
  await page.waitForFunction(() => location.hash.includes("q="));
  await page.waitForFunction(() => document.querySelectorAll(".stories-page .story-list li").length === 1);
  // Bigger stories only: fewer than all, each of two articles or more.
  await page.goto(`${URL}/#/stories`);
  await page.locator(".stories-page .story-list li").first().waitFor();
  await page.selectOption("#stories-min_articles", "2");
  await page.selectOption("#stories-recent", "true");
  await page.click(".stories-filters button[type=submit]");
  await page.waitForFunction(() => location.hash.includes("min_articles=2") && location.hash.includes("recent=true"));
  await page.waitForFunction((n) => {
    const items = document.querySelectorAll(".stories-page .story-list li");
    return items.length > 0 && items.length < n;
  }, all);
  // A story opens from the list, and "back" comes back to the same list.
  await page.locator(".stories-page .story-list a").first().click();
  await page.locator(".story .hit").first().waitFor();
  await page.locator(".story a.back").click();
  await page.waitForFunction(() => location.hash.startsWith("#/stories?") && location.hash.includes("min_articles=2"));
  await page.locator(".stories-page .story-list li").first().waitFor();
  await page.context().close();
});

test("the results download as CSV, JSON Lines and Parquet, the query's articles only", async () => {
  const page = await newPage({ acceptDownloads: true });
  await page.goto(`${URL}/#/?q=${encodeURIComponent("جنيف")}`);
  await page.locator('.results[data-query="جنيف"] .hit').first().waitFor();
  const { total } = await (await fetch(`${URL}/api/search?q=${encodeURIComponent("جنيف")}`)).json();
  assert.ok(total >= 2, `several results: ${total}`);
  const shown = await page.locator(".hit-title a").evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute("href").match(/article\/([^?]+)/)[1])));
  // CSV: the link downloads a file with the header and one row per result.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('.export-link[data-format="csv"]')]);
  const file = await download.path();
  const { readFileSync } = await import("node:fs");
  const lines = readFileSync(file, "utf8").replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  assert.equal(lines[0], "id,published,source,category,title,url,score,copies");
  assert.equal(lines.length - 1, total, `one row per result: ${lines.length - 1} for ${total}`);
  assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]).slice(0, shown.length), shown, "the results, in their order");
  // JSON Lines and Parquet, by their links.
  const fetched = await page.evaluate(async () => {
    const href = (f) => document.querySelector(`.export-link[data-format="${f}"]`).getAttribute("href");
    const jsonl = await (await fetch(href("jsonl"))).text();
    const parquet = new Uint8Array(await (await fetch(href("parquet"))).arrayBuffer());
    return { ids: jsonl.trim().split("\n").map((l) => JSON.parse(l).id), magic: String.fromCharCode(...parquet.slice(0, 4)), end: String.fromCharCode(...parquet.slice(-4)), href: href("parquet") };
  });
  assert.equal(fetched.ids.length, total);
  assert.equal(fetched.magic, "PAR1");
  assert.equal(fetched.end, "PAR1");
  assert.match(fetched.href, /^\/api\/export\?q=/);
  await page.context().close();
});

test("a saved search: saved from the search page, its new articles on the watch list", async () => {
  const page = await newPage();
  const word = "الكازاخستانية";
  await page.goto(`${URL}/#/?q=${encodeURIComponent(word)}`);
  await page.locator(".hit").first().waitFor();
  await page.click(".save-search");
  await page.fill(".save-name", "متابعة كازاخستان");
  await page.click(".save-form button[type=submit]");
  await page.locator('.save-status a[href="#/saved"]').waitFor();
  await page.click('.save-status a[href="#/saved"]');
  const item = page.locator(".saved-item").filter({ hasText: "متابعة كازاخستان" });
  await item.waitFor();
  assert.equal(await item.locator(".new-count").getAttribute("data-count"), "0");
  assert.equal(await item.locator(".saved-name bdi").count(), 1, "the name is isolated");
  await page.screenshot({ path: path.join(ARTIFACTS, "watch-list.png"), fullPage: true });

  // An article arrives (from a client that is not a browser page).
  const title = "وفد جديد يصل الى العاصمة الكازاخستانية";
  const added = await fetch(`${URL}/api/articles`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, body: `${title} للمشاركة فى اجتماع تقنى.`, source: "e2e-watch" }),
  });
  assert.equal(added.status, 200, await added.text());
  await page.reload();
  await item.locator('.new-count[data-count="1"]').waitFor();
  await item.locator(".new-count").click();
  assert.equal(await item.locator(".new-articles li bdi").first().textContent(), title);
  // Opened: the search shows, and nothing is new any more.
  await item.locator(".saved-name").click();
  await page.locator(`.results[data-query="${word}"] .hit`).first().waitFor();
  await page.goto(`${URL}/#/saved`);
  await page.locator(".saved-item").filter({ hasText: "متابعة كازاخستان" }).locator('.new-count[data-count="0"]').waitFor();
  await page.context().close();
});

test("a page on another site cannot save a search", async () => {
  const other = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>elsewhere</title><p>elsewhere</p>");
  });
  await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
  const page = await newPage({}, { refusals: true });
  try {
    await page.goto(`http://127.0.0.1:${other.address().port}/`);
    const body = JSON.stringify({ name: "بحث مزروع", query: "q=x" });
    await page.evaluate(async ({ url, body }) => {
      for (const headers of [{ "content-type": "text/plain" }, {}, { "content-type": "application/json" }]) {
        try {
          await fetch(url + "/api/saved", { method: "POST", mode: "no-cors", headers, body });
        } catch { /* the browser keeps the answer from the page */ }
        try {
          await fetch(url + "/api/saved", { method: "POST", headers, body });
        } catch { /* refused by the browser or the server */ }
      }
    }, { url: URL, body });
    const list = await (await fetch(`${URL}/api/saved`)).json();
    assert.ok(!list.searches.some((s) => s.name === "بحث مزروع"), "a search was saved from another site");
  } finally {
    await page.context().close();
    other.close();
  }
});

test("who appears with whom: pairs of names, each a link to the search of both", async () => {
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("استانا")}`);
  const pair = page.locator(".names-panel .pair").first();
  await pair.waitFor();
  const a = await pair.getAttribute("data-a");
  const b = await pair.getAttribute("data-b");
  assert.equal(await pair.locator("bdi").count(), 2, "each name in its own <bdi>");
  assert.equal(await pair.locator("td bdi").first().textContent(), a);
  await page.locator(".names-panel").screenshot({ path: path.join(ARTIFACTS, "cooccurrence.png") });
  await pair.locator("td.count a").click();
  await page.waitForFunction(() => document.querySelectorAll(".active-filters .chip").length >= 2);
  const chips = await page.locator(".active-filters .chip").allTextContents();
  assert.ok(chips.some((c) => c.includes(a)) && chips.some((c) => c.includes(b)), `both names filter: ${chips}`);
  await page.locator(".hit").first().waitFor();
  await page.context().close();
});

test("an article links to its story, copies, rewrites and related articles; a link opens that article", async () => {
  const page = await newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(URL);
  // The hospital's opening (crates/rasid-server/tests/fixtures/relations.jsonl):
  // the original, a copy, a rewrite cut to its first half, a follow-up.
  const ids = await page.evaluate(async () => {
    const found = await (await fetch(`/api/search?q=${encodeURIComponent("مستشفى")}&all_copies=true&size=20`)).json();
    return Object.fromEntries(found.hits.map((h) => [h.source, h.id]));
  });
  assert.ok(ids.spa && ids.okaz && ids.alriyadh && ids.alwatan, JSON.stringify(ids));
  await page.goto(`${URL}/#/article/${ids.spa}`);
  const panel = page.locator(".relations");
  await panel.waitFor();
  assert.equal(await panel.locator("h2").textContent(), "القصة");
  const headings = await panel.locator("h3").allTextContents();
  assert.deepEqual(headings, ["نسخ", "صياغات أخرى", "مقالات ذات صلة"]);
  assert.match(await panel.locator(".relation-story a").getAttribute("href"), /^#\/story\/\d+\?back=/);
  const linked = async (relation) =>
    panel.locator(`[data-relation="${relation}"] a`).evaluateAll((as) => as.map((a) => a.dataset.id));
  assert.deepEqual(await linked("copies"), [ids.okaz]);
  assert.deepEqual(await linked("rewrites"), [ids.alriyadh]);
  assert.deepEqual(await linked("related"), [ids.alwatan]);
  // Each title and source is a bidi isolate of its own.
  assert.equal(await panel.locator(".relation-list a > bdi").count(), 3);
  assert.equal(await panel.locator(".relation-list bdi.source").count(), 3);
  await page.screenshot({ path: path.join(ARTIFACTS, "article-relations.png"), fullPage: true });

  // Clicking the rewrite opens it; its own panel links back to the original's group.
  await panel.locator('[data-relation="rewrites"] a').first().click();
  await page.waitForFunction((id) => location.hash.startsWith(`#/article/${id}`), ids.alriyadh);
  await page.locator(".article-title").waitFor();
  assert.equal((await page.locator(".article-title").textContent()).trim(), "مستشفى بخمسمائة سرير في العاصمة");
  const back = await page.locator('.relations [data-relation="rewrites"] a').evaluateAll((as) => as.map((a) => a.dataset.id));
  assert.ok(back.length === 1 && [ids.spa, ids.okaz].includes(back[0]), back.join(" "));
  // And the story link opens the story.
  await page.locator(".relations .relation-story a").click();
  await page.locator(".story h1").waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("regression: a search answered late does not overwrite the view navigated to since", async () => {
  // Under load the browser test once clicked through to the dyads while the
  // search it had left was still being answered; the late answer replaced them.
  const page = await newPage();
  await page.goto(`${URL}/#/?q=${encodeURIComponent("ادلب")}`);
  await page.locator(".hit").first().waitFor();
  await page.route((url) => url.pathname === "/api/search", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue().catch(() => {});
  });
  await page.evaluate(() => { location.hash = `#/?q=${encodeURIComponent("سوريا")}`; });
  await page.evaluate(() => { location.hash = `#/dyads?q=${encodeURIComponent("ادلب")}`; });
  await page.locator(".dyad-matrix").waitFor();
  await page.waitForTimeout(2500);
  assert.equal(await page.locator(".dyad-matrix").count(), 1, "the dyads are still shown");
  assert.equal(await page.locator(".search-layout").count(), 0, "the late search was not drawn");
  await page.context().close();
});
