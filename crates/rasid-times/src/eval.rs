//! Scoring the time tagger against gold annotations, as TempEval-3 reports it:
//! strict-span and relaxed-span (overlap) precision, recall and F1, and the
//! accuracy and F1 of values (type and value both right) over relaxed matches,
//! per TIMEX3 type and overall.
//!
//! Gold is JSON Lines, one document a line:
//!
//! ```json
//! {"id": "...", "anchor": "2017-12-21T10:57", "text": "...",
//!  "timexes": [{"start": 12, "end": 18, "text": "...", "type": "DATE", "value": "2017-12-21", "mod": null}]}
//! ```
//!
//! `start`/`end` count Unicode code points of `text`; `anchor` may be `null`.
//!
//! ```
//! let gold = concat!(
//!     r#"{"id": "a", "anchor": "2017-12-21T10:57", "text": "وصل الوفد الخميس لمدة يومين", "timexes": ["#,
//!     r#"{"start": 10, "end": 16, "text": "الخميس", "type": "DATE", "value": "2017-12-21", "mod": null},"#,
//!     r#"{"start": 22, "end": 27, "text": "يومين", "type": "DURATION", "value": "P2D", "mod": null}]}"#,
//! );
//! let report = rasid_times::eval::score(gold).unwrap();
//! assert_eq!(report.overall.strict.f1(), 1.0);
//! assert!(report.to_string().ends_with("value-F1 1.0000\n"));
//! ```

use std::fmt;
use std::path::Path;

use rasid_core::{TimeExpr, Timestamp, TimexType};
use serde::{Deserialize, Serialize};

/// One gold time expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldTimex {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The expression as written.
    #[serde(default)]
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value.
    pub value: String,
    /// The TIMEX3 mod, if any.
    #[serde(rename = "mod", default)]
    pub modifier: Option<String>,
}

/// One gold document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldDoc {
    /// Document id (`antms:…`).
    pub id: String,
    /// The publication time relative expressions resolve against.
    pub anchor: Option<String>,
    /// The text.
    pub text: String,
    /// Its time expressions.
    pub timexes: Vec<GoldTimex>,
}

/// Counts behind a precision/recall/F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prf {
    /// Correct items.
    pub tp: usize,
    /// Items the system found.
    pub system: usize,
    /// Items in the gold.
    pub gold: usize,
}

impl Prf {
    /// tp / system (1 when the system found nothing).
    pub fn precision(&self) -> f64 {
        if self.system == 0 {
            1.0
        } else {
            self.tp as f64 / self.system as f64
        }
    }

    /// tp / gold (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.system += o.system;
        self.gold += o.gold;
    }
}

/// Scores for one type, or overall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Exact span matches.
    pub strict: Prf,
    /// Overlapping span matches (one to one).
    pub relaxed: Prf,
    /// Relaxed matches whose type and value are both right.
    pub value: Prf,
}

impl Scores {
    /// Of the relaxed matches, the share with type and value right.
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed.tp == 0 {
            0.0
        } else {
            self.value.tp as f64 / self.relaxed.tp as f64
        }
    }

    fn add(&mut self, o: &Scores) {
        self.strict.add(o.strict);
        self.relaxed.add(o.relaxed);
        self.value.add(o.value);
    }
}

/// A disagreement with the gold, for error analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// Document id.
    pub id: String,
    /// `missed`, `spurious`, `span` (overlap only) or `value`.
    pub kind: String,
    /// The gold expression, as `text | TYPE | value`.
    pub gold: Option<String>,
    /// The system's expression, as `text | TYPE | value`.
    pub system: Option<String>,
}

/// The result of scoring: per type, overall, and the disagreements.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// DATE, TIME, DURATION, SET, each over the gold and system items of that type.
    pub by_type: Vec<(TimexType, Scores)>,
    /// All types together.
    pub overall: Scores,
    /// Every disagreement.
    pub mistakes: Vec<Mistake>,
}

/// Why a gold or predictions file could not be scored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a document in the gold format.
    #[error("{file} line {line}: {reason}")]
    Parse {
        /// `gold` or `predictions`.
        file: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads a gold JSONL file, tags its texts with rasid and scores the result.
///
/// # Errors
/// When the file cannot be read or a line is not a gold document.
pub fn run(gold_path: &Path) -> Result<Report, EvalError> {
    score(&read(gold_path)?)
}

/// Scores a predictions file in the gold format (another tool's output, one
/// document a line with the gold's `id` and `text`) against a gold file.
///
/// # Errors
/// When a file cannot be read, a line is not a document, or a gold document
/// has no prediction with the same id and text.
pub fn run_predicted(gold_path: &Path, predicted_path: &Path) -> Result<Report, EvalError> {
    score_predicted(&read(gold_path)?, &read(predicted_path)?)
}

/// Parses gold JSONL (blank lines skipped).
///
/// # Errors
/// A line that is not a gold document.
pub fn parse_gold(gold_jsonl: &str) -> Result<Vec<GoldDoc>, EvalError> {
    parse_docs(gold_jsonl, "gold")
}

fn parse_docs(jsonl: &str, file: &'static str) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(line).map_err(|e| EvalError::Parse {
            file,
            line: n + 1,
            reason: e.to_string(),
        })?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Tags and scores gold JSONL.
///
/// # Errors
/// A line that is not a gold document, or an anchor that is not ISO 8601.
pub fn score(gold_jsonl: &str) -> Result<Report, EvalError> {
    let docs = parse_gold(gold_jsonl)?;
    let analyzer = rasid_text::Analyzer::default();
    score_docs(&docs, |n, doc| {
        let anchor: Option<Timestamp> = match &doc.anchor {
            Some(a) => Some(a.parse().map_err(|_| EvalError::Parse {
                file: "gold",
                line: n + 1,
                reason: format!("anchor {a:?} is not ISO 8601"),
            })?),
            None => None,
        };
        let analysis = analyzer.analyze_text(&doc.text);
        Ok(crate::times(&doc.text, &analysis, anchor.as_ref())
            .into_iter()
            .map(|t| Sys::new(&doc.text, t))
            .collect())
    })
}

/// Scores predictions in the gold format against gold, both JSONL. Every gold
/// document needs a prediction with its id and the same text (predictions for
/// other documents are ignored).
///
/// ```
/// let gold = concat!(
///     r#"{"id": "a", "anchor": null, "text": "وصل الوفد الخميس", "timexes": ["#,
///     r#"{"start": 10, "end": 16, "type": "DATE", "value": "XXXX-WXX-4"}]}"#,
/// );
/// let predicted = concat!(
///     r#"{"id": "a", "anchor": null, "text": "وصل الوفد الخميس", "timexes": ["#,
///     r#"{"start": 10, "end": 16, "type": "DATE", "value": "2017-12-21"}]}"#,
/// );
/// let report = rasid_times::eval::score_predicted(gold, predicted).unwrap();
/// assert_eq!((report.overall.strict.f1(), report.overall.value.f1()), (1.0, 0.0));
/// ```
///
/// # Errors
/// A line that is not a document, or a gold document without its prediction.
pub fn score_predicted(gold_jsonl: &str, predicted_jsonl: &str) -> Result<Report, EvalError> {
    let docs = parse_gold(gold_jsonl)?;
    let predicted = parse_docs(predicted_jsonl, "predictions")?;
    let by_id: std::collections::HashMap<&str, &GoldDoc> = predicted.iter().map(|d| (d.id.as_str(), d)).collect();
    score_docs(&docs, |n, doc| {
        let missing = |reason: String| EvalError::Parse {
            file: "gold",
            line: n + 1,
            reason,
        };
        let p = by_id
            .get(doc.id.as_str())
            .ok_or_else(|| missing(format!("no prediction for document {:?}", doc.id)))?;
        if p.text != doc.text {
            return Err(missing(format!("the prediction for {:?} has another text", doc.id)));
        }
        Ok(p.timexes.iter().map(Sys::from_gold).collect())
    })
}

/// Scores each document against what `system` finds in it.
fn score_docs(
    docs: &[GoldDoc],
    mut system: impl FnMut(usize, &GoldDoc) -> Result<Vec<Sys>, EvalError>,
) -> Result<Report, EvalError> {
    let mut report = Report {
        documents: docs.len(),
        ..Report::default()
    };
    let types = [TimexType::Date, TimexType::Time, TimexType::Duration, TimexType::Set];
    let mut by_type: Vec<(TimexType, Scores)> = types.iter().map(|&t| (t, Scores::default())).collect();
    for (n, doc) in docs.iter().enumerate() {
        let system = system(n, doc)?;
        report
            .overall
            .add(&compare(&doc.id, &doc.timexes, &system, Some(&mut report.mistakes)));
        for (t, scores) in &mut by_type {
            let g: Vec<GoldTimex> = doc.timexes.iter().filter(|x| x.kind == *t).cloned().collect();
            let s: Vec<Sys> = system.iter().filter(|x| x.kind == *t).cloned().collect();
            scores.add(&compare(&doc.id, &g, &s, None));
        }
    }
    report.by_type = by_type;
    Ok(report)
}

/// A system expression with code-point offsets.
#[derive(Clone, Debug)]
struct Sys {
    start: usize,
    end: usize,
    text: String,
    kind: TimexType,
    value: String,
}

impl Sys {
    fn new(text: &str, expr: TimeExpr) -> Sys {
        let cp = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
        Sys {
            start: cp(expr.span.start),
            end: cp(expr.span.end),
            text: expr.text,
            kind: expr.kind,
            value: expr.value,
        }
    }

    fn from_gold(t: &GoldTimex) -> Sys {
        Sys {
            start: t.start,
            end: t.end,
            text: t.text.clone(),
            kind: t.kind,
            value: t.value.clone(),
        }
    }
}

fn show_gold(g: &GoldTimex) -> String {
    format!("{} | {} | {}", g.text, g.kind.as_str(), g.value)
}

fn show_sys(s: &Sys) -> String {
    format!("{} | {} | {}", s.text, s.kind.as_str(), s.value)
}

fn compare(id: &str, gold: &[GoldTimex], system: &[Sys], mut mistakes: Option<&mut Vec<Mistake>>) -> Scores {
    let mut scores = Scores::default();
    for p in [&mut scores.strict, &mut scores.relaxed, &mut scores.value] {
        p.gold = gold.len();
        p.system = system.len();
    }
    let mut used = vec![false; system.len()];
    let mut note = |kind: &str, g: Option<&GoldTimex>, s: Option<&Sys>| {
        if let Some(m) = mistakes.as_deref_mut() {
            m.push(Mistake {
                id: id.to_string(),
                kind: kind.to_string(),
                gold: g.map(show_gold),
                system: s.map(show_sys),
            });
        }
    };
    for g in gold {
        // The best system match: exact span first, else the largest overlap.
        let mut best: Option<(usize, usize, bool)> = None;
        for (k, s) in system.iter().enumerate() {
            if used.get(k).copied().unwrap_or(true) {
                continue;
            }
            let overlap = g.end.min(s.end).saturating_sub(g.start.max(s.start));
            if overlap == 0 {
                continue;
            }
            let exact = s.start == g.start && s.end == g.end;
            if best.is_none_or(|(_, o, e)| (exact, overlap) > (e, o)) {
                best = Some((k, overlap, exact));
            }
        }
        match best {
            Some((k, _, exact)) => {
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
                let Some(s) = system.get(k) else { continue };
                scores.relaxed.tp += 1;
                if exact {
                    scores.strict.tp += 1;
                }
                let right = s.kind == g.kind && s.value == g.value;
                if right {
                    scores.value.tp += 1;
                    if !exact {
                        note("span", Some(g), Some(s));
                    }
                } else {
                    note("value", Some(g), Some(s));
                }
            }
            None => note("missed", Some(g), None),
        }
    }
    for (k, s) in system.iter().enumerate() {
        if !used.get(k).copied().unwrap_or(true) {
            note("spurious", None, Some(s));
        }
    }
    scores
}

impl fmt::Display for Report {
    /// A table (strict P/R/F1, relaxed P/R/F1, value accuracy and F1 per type and
    /// overall); the last line is `value-F1 <overall value F1>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} documents", self.documents)?;
        writeln!(
            f,
            "{:<9} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>7} {:>7}",
            "type", "gold", "sys", "str-P", "str-R", "str-F1", "rel-P", "rel-R", "rel-F1", "val-acc", "val-F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &Scores| {
            writeln!(
                f,
                "{:<9} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>7.3} {:>7.3}",
                name,
                s.strict.gold,
                s.strict.system,
                s.strict.precision(),
                s.strict.recall(),
                s.strict.f1(),
                s.relaxed.precision(),
                s.relaxed.recall(),
                s.relaxed.f1(),
                s.value_accuracy(),
                s.value.f1()
            )
        };
        for (t, s) in &self.by_type {
            row(f, t.as_str(), s)?;
        }
        row(f, "overall", &self.overall)?;
        writeln!(f, "value-F1 {:.4}", self.overall.value.f1())
    }
}
