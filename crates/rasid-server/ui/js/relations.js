// What an article is linked to: its story, its copies (folded under one another
// in search results), the rewrites of the same source text and the articles
// sharing some of its text. Each entry is a link; every title and source is a
// bidi isolate of its own.

import { el, date, number } from "./dom.js";
import { lang, t } from "./i18n.js";
import { sourceName } from "./sources.js";
import { storyLabel } from "./story.js";

function day(seconds) {
  return seconds ? date(new Date(seconds * 1000).toISOString(), lang()) : "";
}

/** One linked article: its headline as a link, then its source and day. */
function linkedItem(item, back) {
  const shared = item.shared ? t("sharedText", number(Math.round(item.shared * 100), lang())) : null;
  return el("li", {},
    el("a", { href: `#/article/${encodeURIComponent(item.id)}?back=${encodeURIComponent(back)}`, title: shared, dataset: { id: item.id } },
      el("bdi", { lang: "ar", dir: "rtl" }, item.title || item.id)),
    el("span", { class: "muted" }, " · ",
      item.source ? el("bdi", { class: "source", title: item.source, dataset: { source: item.source } }, sourceName(item.source)) : null,
      item.source && item.published ? " · " : null,
      item.published ? el("bdi", {}, day(item.published)) : null));
}

const LISTS = [["copies", "copiesOf"], ["rewrites", "rewrites"], ["related", "relatedArticles"]];

/**
 * The panel of an article's links (`relations` as `/api/articles/{id}` gives it),
 * or null when it has none; `self` is the article page's own address, where
 * the pages it links to come back to.
 */
export function relationsPanel(relations, self) {
  if (!relations) return null;
  const story = relations.story;
  const lists = LISTS.filter(([key]) => (relations[key] || []).length);
  if (!story && !lists.length) return null;
  return el("section", { class: "panel relations", "aria-labelledby": "relations-h" },
    el("h2", { id: "relations-h" }, t("story")),
    story
      ? el("p", { class: "relation-story" },
        el("a", { href: `#/story/${story.id}?back=${encodeURIComponent(self)}` }, el("bdi", { lang: "ar", dir: "rtl" }, storyLabel(story) || `#${story.id}`)),
        el("span", { class: "muted" }, " · ", t("storySize", number(story.articles, lang()), number(story.reports, lang()))))
      : null,
    lists.map(([key, word]) => [
      el("h3", {}, t(word)),
      el("ul", { class: "relation-list", dataset: { relation: key } }, relations[key].map((item) => linkedItem(item, self))),
    ]));
}
