// The analysis page: paste text or pick a file, see what rasid finds in it,
// without indexing anything.

import { el, replace } from "./dom.js";
import { api } from "./api.js";
import { t } from "./i18n.js";
import { articleView } from "./article.js";

export function showAnalyze(main) {
  const text = el("textarea", { id: "analyze-text", rows: 10, lang: "ar", dir: "rtl", "aria-describedby": "analyze-hint" });
  const file = el("input", { id: "analyze-file", type: "file" });
  const output = el("div", { class: "analysis", "aria-live": "polite" });
  const form = el("form", { class: "analyze-form" },
    el("h1", {}, t("analyzeTitle")),
    el("p", { class: "muted", id: "analyze-hint" }, t("analyzeHint")),
    el("label", { for: "analyze-text" }, t("analyzeText")), text,
    el("label", { for: "analyze-file" }, t("analyzeFile")), file,
    el("button", { type: "submit", class: "primary" }, t("analyzeRun")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const picked = file.files && file.files[0];
    if (!picked && !text.value.trim()) {
      replace(output, el("p", { class: "status error", role: "alert" }, t("analyzeEmpty")));
      return;
    }
    replace(output, el("p", { class: "status" }, t("loading")));
    try {
      const result = picked
        ? await api.analyze(picked, { name: picked.name })
        : await api.analyze(text.value, { contentType: "text/plain; charset=utf-8" });
      replace(output, result.articles.map((a) => articleView(a)),
        result.errors.map((problem) => el("p", { class: "status error" }, problem.message)));
    } catch (err) {
      replace(output, el("p", { class: "status error", role: "alert" }, `${t("error")}: ${err.message}`));
    }
  });
  replace(main, form, output);
  text.focus();
}
