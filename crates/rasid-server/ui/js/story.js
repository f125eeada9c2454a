// The story page: what a story is about, the dates its articles report (its
// timeline), its summary across reports, and its reports with their copies.

import { el, replace, date, number } from "./dom.js";
import { api } from "./api.js";
import { lang, t } from "./i18n.js";
import { storyEvents } from "./events.js";
import { sourceName } from "./sources.js";

function articleLink(member, back) {
  return el("a", { href: `#/article/${encodeURIComponent(member.id)}?back=${encodeURIComponent(back)}` }, member.title);
}

function day(seconds) {
  return seconds ? date(new Date(seconds * 1000).toISOString(), lang()) : "";
}

/** A story's label: its top terms and entities. */
export function storyLabel(story) {
  const label = story.label || {};
  return [...new Set([...(label.entities || []), ...(label.terms || [])])].slice(0, 5).join(" · ");
}

/** One story in a list. */
export function storyItem(story) {
  return el("li", { class: "story-item" },
    el("a", { href: `#/story/${story.id}`, lang: "ar", dir: "rtl" }, storyLabel(story) || `#${story.id}`),
    el("span", { class: "muted" }, " ", t("storySize", number(story.articles, lang()), number(story.reports, lang())),
      story.first ? ` · ${date(story.first, lang())}` : "",
      story.last && story.last !== story.first ? ` – ${date(story.last, lang())}` : ""));
}

/** Reports shown at first, and added by each "more". */
const REPORTS_PAGE = 20;

/** Renders story `id` into `main`; its "back" link goes to `backHref`. */
export async function showStory(main, id, backHref = "#/") {
  replace(main, el("p", { class: "status" }, t("loading")));
  const back = `#/story/${id}?back=${encodeURIComponent(backHref)}`;
  try {
    const detail = await api.story(id);
    const story = detail.story;
    document.title = `${storyLabel(story)} · ${t("brand")}`;
    const timeline = el("ol", { class: "story-timeline" }, detail.timeline.map((entry) =>
      el("li", {},
        el("time", { datetime: entry.date, class: "story-date" }, date(entry.date, lang())),
        el("p", { lang: "ar", dir: "rtl" }, entry.sentence),
        el("p", { class: "muted" }, t("reportsOn", number(entry.reports, lang())), " · ",
          el("a", { href: `#/article/${encodeURIComponent(entry.article)}?back=${encodeURIComponent(back)}` }, t("source"))))));
    const summary = el("ul", { class: "story-summary", lang: "ar", dir: "rtl" },
      detail.summary.map((s) => el("li", {}, s.text, " ",
        el("a", { href: `#/article/${encodeURIComponent(s.article)}?back=${encodeURIComponent(back)}`, class: "muted", "aria-label": t("source") }, "↗"))));
    const report = (r) => el("li", { class: "hit", lang: "ar", dir: "rtl" },
      el("h3", { class: "hit-title" }, articleLink(r, back)),
      el("p", { class: "meta" }, r.source ? el("span", { class: "source", title: r.source, dataset: { source: r.source } }, sourceName(r.source)) : null, el("span", {}, day(r.published)),
        r.copies.length ? el("span", { class: "copies" }, t("copies", number(r.copies.length, lang()))) : null),
      r.copies.length ? el("p", { class: "muted" }, r.copies.map((c) => (c.source ? sourceName(c.source) : c.id)).join("، ")) : null);
    // The reports a page at a time: a big story is thousands of pixels long otherwise.
    const reports = el("ol", { class: "hits" }, detail.reports.slice(0, REPORTS_PAGE).map(report));
    const more = el("button", { type: "button", class: "link more-reports" });
    const showMore = () => {
      const shown = reports.children.length;
      reports.append(...detail.reports.slice(shown, shown + REPORTS_PAGE).map(report));
      const left = detail.reports.length - reports.children.length;
      if (left > 0) more.textContent = t("moreReports", number(Math.min(left, REPORTS_PAGE), lang()));
      else more.remove();
    };
    more.addEventListener("click", showMore);
    if (detail.reports.length > REPORTS_PAGE) more.textContent = t("moreReports", number(Math.min(detail.reports.length - REPORTS_PAGE, REPORTS_PAGE), lang()));
    replace(main, el("div", { class: "story" },
      el("a", { class: "back", href: backHref }, t("back")),
      el("h1", { lang: "ar", dir: "rtl" }, storyLabel(story)),
      el("p", { class: "muted" }, t("storySize", number(story.articles, lang()), number(story.reports, lang())),
        story.first ? ` · ${date(story.first, lang())}` : "", story.last ? ` – ${date(story.last, lang())}` : "",
        " · ", el("a", { href: `#/?story=${story.id}` }, t("searchStory"))),
      el("section", { class: "panel" }, el("h2", {}, t("summary")), summary),
      detail.timeline.length ? el("section", { class: "panel" }, el("h2", {}, t("storyTimeline")), timeline) : null,
      el("section", {}, el("h2", {}, t("reports")), reports, detail.reports.length > REPORTS_PAGE ? more : null)));
    const events = await storyEvents(id, back).catch(() => null);
    if (events) main.querySelector(".story")?.insertBefore(events, main.querySelector(".story > section:last-child"));
  } catch (e) {
    replace(main, el("div", { class: "status error", role: "alert" }, e.status === 404 ? t("noStory") : `${t("error")}: ${e.message}`));
  }
}
