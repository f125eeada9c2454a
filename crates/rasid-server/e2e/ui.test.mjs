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

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "ar", ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  return page;
}

test("start page is Arabic, right to left, and says what the index holds", async () => {
  const page = await newPage();
  await page.goto(URL);
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getAttribute("html", "lang"), "ar");
  await page.locator(".welcome h1").waitFor();
  const muted = await page.locator(".welcome .muted").first().textContent();
  assert.match(muted, /مقالة في الفهرس/);
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
    const metas = [...document.querySelectorAll(".hit .source")].map((n) => n.textContent);
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
  assert.match(await page.locator(".hit .copies").first().textContent(), /[1١]/, "the syndicated copy is folded");
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
