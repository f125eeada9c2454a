//! Scoring events and quotes against gold (`rasid eval events`).
//!
//! Gold comes in two forms, told apart by the file's first non-blank character:
//!
//! * PETRARCH's validation XML (`<` first): `<Sentences><Sentence id=".." date=".."><Text>…</Text>
//!   <EventCoding sourcecode="SYR GOV" targetcode="None CVL" eventcode="046" plover="CONSULT"/>
//!   </Sentence></Sentences>`; actor codes are "COUNTRY AGENT" with `None` for a missing part;
//!   other elements and attributes are ignored. It has no quotes.
//! * JSON Lines (`{` first), rasid's own gold (`crates/rasid-events/tests/data/`, written by
//!   `gold/GUIDELINES.md`): `{"id","date","outlet","text","events":[{"source","target","code",
//!   "plover","modality"}],"quotes":[{"speaker","cue","content","kind"}]}`, compact actor codes
//!   (`SYRGOV`) or spaced ones, `null` for absent.
//!
//! Scores, per sentence and summed over the file:
//!
//! * **event detection**: a predicted event matches a gold event of the same sentence with the
//!   same CAMEO root, one to one; precision, recall and F1 overall, by root and by PLOVER
//!   category (the event's own `plover`, else the category of its code in
//!   `CAMEO2PLOVER-2021.txt`; statements and appeals have none and are scored as `(none)`).
//!   Stricter lines: the same with the full code, and with code, source and target all equal.
//! * **actors**, on the detection matches (each gold event paired with the predicted one that
//!   agrees most): source and target code accuracy, exact and country only (the first three
//!   letters: `SYR` of `SYRGOV`, `---` of `---CVL`, `UNO`); modality accuracy.
//! * **quotes**: a predicted quote matches the gold quote of the sentence whose content it shares
//!   the most words with (one to one, token F1 above 0); precision, recall and F1 of those
//!   matches; content token F1 (words normalised as rasid's search key, punctuation dropped),
//!   averaged over gold quotes with 0 for an unmatched one; speaker accuracy over the matched
//!   quotes whose gold speaker is not `null` (right when the speakers' token F1 is at least 0.5);
//!   kind accuracy.
//!
//! The text report's last line is `F1 <event detection F1>`.
//!
//! ```
//! use rasid_events::eval::{read_gold_str, score, Predicted};
//! let gold = read_gold_str(
//!     r#"{"id":"a","date":"2017-12-21","text":"اتهم موفد الامم المتحدة الحكومة السورية","events":[{"source":"UNO","target":"SYRGOV","code":"112"}],"quotes":[]}"#,
//!     "gold.jsonl",
//! ).unwrap();
//! let perfect = vec![Predicted::from_gold(&gold[0])];
//! let report = score(&gold, &perfect);
//! assert_eq!(report.events.detection.f1(), 1.0);
//! assert!(report.to_string().ends_with("F1 1.0000\n"));
//! let nothing = vec![Predicted::default()];
//! assert_eq!(score(&gold, &nothing).events.detection.f1(), 0.0);
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use quick_xml::events::Event as XmlEvent;
use quick_xml::Reader;
use rasid_core::{Event, Modality, Quote, QuoteKind};
use rasid_text::NormalizerConfig;
use serde::{Deserialize, Serialize};

/// The CAMEO → PLOVER table (OEDA PLOVER repository, CC BY-SA 4.0; see `gold/README.md`).
const CAMEO2PLOVER: &str = include_str!("../gold/CAMEO2PLOVER-2021.txt");

/// Why gold could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A JSON line is not a gold sentence.
    #[error("{path}:{line}: {reason}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The XML is malformed or lacks what a gold sentence needs.
    #[error("{path}: byte {position}: {reason}")]
    Xml {
        /// The file.
        path: String,
        /// Byte offset where the problem was found.
        position: u64,
        /// What is wrong.
        reason: String,
    },
    /// The file holds no sentence.
    #[error("{path}: no gold sentences")]
    Empty {
        /// The file.
        path: String,
    },
}

/// One gold event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldEvent {
    /// Source actor code (compact, `None` when absent).
    #[serde(default, deserialize_with = "actor_code")]
    pub source: Option<String>,
    /// Target actor code (compact, `None` when absent).
    #[serde(default, deserialize_with = "actor_code")]
    pub target: Option<String>,
    /// CAMEO code (`046`, `0871`, `04`).
    pub code: String,
    /// PLOVER category, when given.
    #[serde(default)]
    pub plover: Option<String>,
    /// Modality, when given (asserted otherwise).
    #[serde(default)]
    pub modality: Option<Modality>,
}

/// One gold quote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Who said it, as written; `None` when the sentence does not say.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The cue word.
    #[serde(default)]
    pub cue: Option<String>,
    /// What was said.
    pub content: String,
    /// Direct, indirect or mixed, when given.
    #[serde(default)]
    pub kind: Option<QuoteKind>,
}

/// One gold sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldSentence {
    /// Its id.
    pub id: String,
    /// The article's date (ISO 8601), when known.
    #[serde(default)]
    pub date: Option<String>,
    /// The outlet, when known.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The sentence.
    pub text: String,
    /// Its events (may be empty).
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Its quotes (may be empty).
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

/// What a system found in one gold sentence, in the gold's terms.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Predicted {
    /// Its events.
    pub events: Vec<GoldEvent>,
    /// Its quotes.
    pub quotes: Vec<GoldQuote>,
}

impl Predicted {
    /// The events and quotes the pipeline found in the sentence (all of them: the
    /// sentence is the whole article).
    pub fn from_pipeline(events: &[Event], quotes: &[Quote]) -> Self {
        let code = |actor: Option<&rasid_core::Actor>| actor.and_then(|a| normalize_actor(&a.code));
        Predicted {
            events: events
                .iter()
                .map(|e| GoldEvent {
                    source: code(e.source.as_ref()),
                    target: code(e.target.as_ref()),
                    code: e.code.clone(),
                    plover: e.plover.clone(),
                    modality: Some(e.modality),
                })
                .collect(),
            quotes: quotes
                .iter()
                .map(|q| GoldQuote {
                    speaker: q.speaker.as_ref().map(|s| s.text.clone()),
                    cue: Some(q.cue.text.clone()),
                    content: q.text.clone(),
                    kind: Some(q.kind),
                })
                .collect(),
        }
    }

    /// The gold itself as a prediction (a perfect system).
    pub fn from_gold(gold: &GoldSentence) -> Self {
        Predicted {
            events: gold.events.clone(),
            quotes: gold.quotes.clone(),
        }
    }
}

/// An actor code in compact form: `SYR GOV` → `SYRGOV`, `None CVL` → `---CVL`, `IGO UNO` →
/// `IGOUNO`; `None`, `null`, `---` alone and blanks → `None`.
///
/// ```
/// use rasid_events::eval::normalize_actor;
/// assert_eq!(normalize_actor("SYR GOV").as_deref(), Some("SYRGOV"));
/// assert_eq!(normalize_actor("None CVL").as_deref(), Some("---CVL"));
/// assert_eq!(normalize_actor("None"), None);
/// assert_eq!(normalize_actor(" syrreb ").as_deref(), Some("SYRREB"));
/// ```
pub fn normalize_actor(code: &str) -> Option<String> {
    let mut out = String::new();
    for part in code.split_whitespace() {
        if part.eq_ignore_ascii_case("none") || part.eq_ignore_ascii_case("null") {
            out.push_str("---");
        } else {
            out.extend(part.chars().map(|c| c.to_ascii_uppercase()));
        }
    }
    (!out.is_empty() && out.chars().any(|c| c != '-')).then_some(out)
}

fn actor_code<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let raw: Option<String> = Option::deserialize(d)?;
    Ok(raw.as_deref().and_then(normalize_actor))
}

/// The country part of a compact actor code: its first three characters.
fn country(code: &Option<String>) -> Option<&str> {
    code.as_deref().map(|c| c.get(..3).unwrap_or(c))
}

/// Reads a gold file (XML or JSONL, by its first non-blank character).
///
/// # Errors
/// The file cannot be read, or is not gold (names the file, the line or byte, and why).
pub fn read_gold(path: &Path) -> Result<Vec<GoldSentence>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    read_gold_str(&text, &path.display().to_string())
}

/// Reads gold from a string; `name` is used in errors.
///
/// # Errors
/// As [`read_gold`].
pub fn read_gold_str(text: &str, name: &str) -> Result<Vec<GoldSentence>, EvalError> {
    let gold = match text.trim_start_matches('\u{feff}').trim_start().chars().next() {
        Some('<') => read_petrarch_xml(text, name)?,
        _ => read_jsonl(text, name)?,
    };
    if gold.is_empty() {
        return Err(EvalError::Empty { path: name.into() });
    }
    Ok(gold)
}

fn read_jsonl(text: &str, name: &str) -> Result<Vec<GoldSentence>, EvalError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let err = |reason: String| EvalError::Json {
            path: name.into(),
            line: i + 1,
            reason,
        };
        let sentence: GoldSentence = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        if let Some(e) = sentence.events.iter().find(|e| !valid_code(&e.code)) {
            return Err(err(format!("event code {:?} is not a CAMEO code", e.code)));
        }
        out.push(sentence);
    }
    Ok(out)
}

/// Two to four digits with a root 01–20.
fn valid_code(code: &str) -> bool {
    (2..=4).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_digit())
        && code[..2].parse::<u8>().is_ok_and(|r| (1..=20).contains(&r))
}

fn read_petrarch_xml(text: &str, name: &str) -> Result<Vec<GoldSentence>, EvalError> {
    let mut reader = Reader::from_str(text);
    let mut out: Vec<GoldSentence> = Vec::new();
    let mut current: Option<GoldSentence> = None;
    let mut in_text = false;
    loop {
        let position = reader.buffer_position();
        let err = |reason: String| EvalError::Xml {
            path: name.into(),
            position,
            reason,
        };
        let event = reader.read_event().map_err(|e| err(e.to_string()))?;
        match event {
            XmlEvent::Start(ref e) | XmlEvent::Empty(ref e) => {
                let empty = matches!(event, XmlEvent::Empty(_));
                let attrs = attributes(e).map_err(err)?;
                match e.name().as_ref() {
                    "Sentence" => {
                        if current.is_some() {
                            return Err(err("<Sentence> inside <Sentence>".into()));
                        }
                        let sentence = GoldSentence {
                            id: attrs
                                .get("id")
                                .cloned()
                                .unwrap_or_else(|| format!("s{}", out.len() + 1)),
                            date: attrs.get("date").cloned().map(petrarch_date),
                            ..GoldSentence::default()
                        };
                        if empty {
                            out.push(sentence);
                        } else {
                            current = Some(sentence);
                        }
                    }
                    "Text" if !empty => in_text = current.is_some(),
                    "EventCoding" => {
                        let sentence = current
                            .as_mut()
                            .ok_or_else(|| err("<EventCoding> outside a <Sentence>".into()))?;
                        let code = attrs
                            .get("eventcode")
                            .map(|c| c.trim().to_string())
                            .ok_or_else(|| err("<EventCoding> without eventcode".into()))?;
                        if !valid_code(&code) {
                            return Err(err(format!("eventcode {code:?} is not a CAMEO code")));
                        }
                        sentence.events.push(GoldEvent {
                            source: attrs.get("sourcecode").and_then(|c| normalize_actor(c)),
                            target: attrs.get("targetcode").and_then(|c| normalize_actor(c)),
                            code,
                            plover: attrs.get("plover").filter(|p| !p.trim().is_empty()).cloned(),
                            modality: None,
                        });
                    }
                    _ => {}
                }
            }
            XmlEvent::Text(t) if in_text => {
                if let Some(s) = current.as_mut() {
                    s.text.push_str(&t.xml10_content());
                }
            }
            XmlEvent::GeneralRef(r) if in_text => {
                let resolved = match r.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".into(),
                    "gt" => ">".into(),
                    "quot" => "\"".into(),
                    "apos" => "'".into(),
                    other => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_else(|| format!("&{other};")),
                };
                if let Some(s) = current.as_mut() {
                    s.text.push_str(&resolved);
                }
            }
            XmlEvent::CData(t) if in_text => {
                if let Some(s) = current.as_mut() {
                    s.text.push_str(t.as_ref());
                }
            }
            XmlEvent::End(ref e) => match e.name().as_ref() {
                "Text" => in_text = false,
                "Sentence" => {
                    let mut sentence = current
                        .take()
                        .ok_or_else(|| err("</Sentence> without <Sentence>".into()))?;
                    sentence.text = sentence.text.trim().to_string();
                    out.push(sentence);
                }
                _ => {}
            },
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    if current.is_some() {
        return Err(EvalError::Xml {
            path: name.into(),
            position: reader.buffer_position(),
            reason: "unclosed <Sentence>".into(),
        });
    }
    Ok(out)
}

/// PETRARCH writes dates as `20171221`; rasid as `2017-12-21`.
fn petrarch_date(date: String) -> String {
    let d = date.trim();
    if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
    } else {
        d.to_string()
    }
}

fn attributes(e: &quick_xml::events::BytesStart<'_>) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let key = attr.key.as_ref().to_string();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?
            .into_owned();
        out.insert(key, value);
    }
    Ok(out)
}

/// Counts behind a precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prf {
    /// Matches.
    pub tp: usize,
    /// Items the system found.
    pub predicted: usize,
    /// Items in the gold.
    pub gold: usize,
}

impl Prf {
    /// tp / predicted (1 when neither side has any item, 0 when only the gold has).
    pub fn precision(&self) -> f64 {
        match (self.predicted, self.gold) {
            (0, 0) => 1.0,
            (0, _) => 0.0,
            (p, _) => self.tp as f64 / p as f64,
        }
    }

    /// tp / gold (1 when the gold has none).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, tp: usize, predicted: usize, gold: usize) {
        self.tp += tp;
        self.predicted += predicted;
        self.gold += gold;
    }
}

/// Correct out of considered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accuracy {
    /// Right.
    pub correct: usize,
    /// Scored.
    pub total: usize,
}

impl Accuracy {
    /// correct / total (0 when nothing was scored).
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn count(&mut self, right: bool) {
        self.total += 1;
        self.correct += usize::from(right);
    }
}

/// Event scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventScores {
    /// Detection: same sentence, same CAMEO root.
    pub detection: Prf,
    /// Same sentence, same full code.
    pub code: Prf,
    /// Same sentence, same code, source and target.
    pub full: Prf,
    /// Detection by CAMEO root (`01` … `20`).
    pub by_root: BTreeMap<String, Prf>,
    /// Detection by PLOVER category (`(none)` for codes PLOVER has no category for).
    pub by_plover: BTreeMap<String, Prf>,
    /// Source code right, exactly, on detection matches.
    pub source_exact: Accuracy,
    /// Source country (first three letters) right, on detection matches.
    pub source_country: Accuracy,
    /// Target code right, exactly, on detection matches.
    pub target_exact: Accuracy,
    /// Target country right, on detection matches.
    pub target_country: Accuracy,
    /// Modality right, on detection matches.
    pub modality: Accuracy,
}

/// Quote scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteScores {
    /// Quotes matched by content (token F1 above 0).
    pub detection: Prf,
    /// Content token F1, averaged over gold quotes (0 for an unmatched one).
    pub content_f1: f64,
    /// Content token F1, averaged over matched quotes.
    pub content_f1_matched: f64,
    /// Speaker right (token F1 ≥ 0.5), on matched quotes with a gold speaker.
    pub speaker: Accuracy,
    /// Kind right, on matched quotes.
    pub kind: Accuracy,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Gold sentences scored.
    pub sentences: usize,
    /// Gold sentences with no event.
    pub sentences_without_events: usize,
    /// Events.
    pub events: EventScores,
    /// Quotes.
    pub quotes: QuoteScores,
}

/// Scores `predicted[i]` against `gold[i]`; a missing prediction counts as empty.
pub fn score(gold: &[GoldSentence], predicted: &[Predicted]) -> Report {
    let empty = Predicted::default();
    let mut report = Report {
        sentences: gold.len(),
        ..Report::default()
    };
    let mut content_sum = 0.0;
    for (i, g) in gold.iter().enumerate() {
        let p = predicted.get(i).unwrap_or(&empty);
        report.sentences_without_events += usize::from(g.events.is_empty());
        score_events(&g.events, &p.events, &mut report.events);
        content_sum += score_quotes(&g.quotes, &p.quotes, &mut report.quotes);
    }
    let q = &mut report.quotes;
    q.content_f1 = if q.detection.gold == 0 {
        0.0
    } else {
        content_sum / q.detection.gold as f64
    };
    q.content_f1_matched = if q.detection.tp == 0 {
        0.0
    } else {
        content_sum / q.detection.tp as f64
    };
    report
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// Adds per-key multiset matches of one sentence to `prf` (and to `table[key]` when given).
fn count_by<K: Ord + Clone + Into<String>>(
    gold: &[GoldEvent],
    predicted: &[GoldEvent],
    key: impl Fn(&GoldEvent) -> K,
    prf: Option<&mut Prf>,
    table: Option<&mut BTreeMap<String, Prf>>,
) {
    let mut counts: BTreeMap<K, (usize, usize)> = BTreeMap::new();
    for e in gold {
        counts.entry(key(e)).or_default().0 += 1;
    }
    for e in predicted {
        counts.entry(key(e)).or_default().1 += 1;
    }
    let (mut tp, mut p, mut g) = (0, 0, 0);
    let mut table = table;
    for (k, (gc, pc)) in counts {
        tp += gc.min(pc);
        p += pc;
        g += gc;
        if let Some(t) = table.as_deref_mut() {
            t.entry(k.into()).or_default().add(gc.min(pc), pc, gc);
        }
    }
    if let Some(prf) = prf {
        prf.add(tp, p, g);
    }
}

fn score_events(gold: &[GoldEvent], predicted: &[GoldEvent], s: &mut EventScores) {
    count_by(
        gold,
        predicted,
        |e| root(&e.code).to_string(),
        Some(&mut s.detection),
        Some(&mut s.by_root),
    );
    count_by(gold, predicted, |e| e.code.clone(), Some(&mut s.code), None);
    count_by(
        gold,
        predicted,
        |e| format!("{} {:?} {:?}", e.code, e.source, e.target),
        Some(&mut s.full),
        None,
    );
    count_by(
        gold,
        predicted,
        |e| plover_category(e).to_string(),
        None,
        Some(&mut s.by_plover),
    );

    // Pair each gold event with the predicted one of its root that agrees most.
    let agreement = |g: &GoldEvent, p: &GoldEvent| {
        (root(&g.code) == root(&p.code)).then(|| {
            f64::from(2 * u8::from(g.code == p.code) + u8::from(g.source == p.source) + u8::from(g.target == p.target))
        })
    };
    for (g, p, _) in greedy(gold, predicted, agreement) {
        s.source_exact.count(g.source == p.source);
        s.source_country.count(country(&g.source) == country(&p.source));
        s.target_exact.count(g.target == p.target);
        s.target_country.count(country(&g.target) == country(&p.target));
        s.modality
            .count(g.modality.unwrap_or_default() == p.modality.unwrap_or_default());
    }
}

/// Pairs gold and predicted items one to one, highest score first (ties: the
/// earlier gold item, then the earlier prediction); `None` means "cannot pair".
fn greedy<'g, 'p, G, P>(
    gold: &'g [G],
    predicted: &'p [P],
    score: impl Fn(&G, &P) -> Option<f64>,
) -> Vec<(&'g G, &'p P, f64)> {
    let mut candidates = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in predicted.iter().enumerate() {
            if let Some(s) = score(g, p) {
                candidates.push((s, gi, pi, g, p));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gold_used, mut pred_used) = (HashSet::new(), HashSet::new());
    candidates
        .into_iter()
        .filter(|&(_, gi, pi, _, _)| {
            let free = !gold_used.contains(&gi) && !pred_used.contains(&pi);
            if free {
                gold_used.insert(gi);
                pred_used.insert(pi);
            }
            free
        })
        .map(|(s, _, _, g, p)| (g, p, s))
        .collect()
}

/// The event's PLOVER category: its own, else its code's, else `(none)`.
fn plover_category(e: &GoldEvent) -> &str {
    if let Some(p) = e.plover.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        return p;
    }
    plover_of_code(&e.code).unwrap_or("(none)")
}

/// The PLOVER category of a CAMEO code, from the most specific entry of the table.
///
/// ```
/// use rasid_events::eval::plover_of_code;
/// assert_eq!(plover_of_code("046"), Some("CONSULT"));
/// assert_eq!(plover_of_code("0874"), Some("RETREAT"));
/// assert_eq!(plover_of_code("195"), Some("ASSAULT"));
/// assert_eq!(plover_of_code("010"), None);
/// ```
pub fn plover_of_code(code: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for line in CAMEO2PLOVER.lines() {
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            if code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let category = rest.split([',', '#']).next().unwrap_or("").trim();
            if !category.is_empty() {
                t.entry(code).or_insert(category);
            }
        }
        t
    });
    [code.len(), 3, 2]
        .into_iter()
        .filter_map(|n| code.get(..n))
        .find_map(|c| table.get(c).copied())
}

fn normalizer() -> &'static NormalizerConfig {
    static N: OnceLock<NormalizerConfig> = OnceLock::new();
    N.get_or_init(NormalizerConfig::default)
}

/// The words of a span as the scorer compares them: split on spaces, punctuation
/// trimmed, normalised as rasid's search key (hamza, final ya, ta marbuta, diacritics).
pub fn tokens(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| normalizer().key(w).into_owned())
        .collect()
}

/// Token F1 of two spans (multiset overlap).
///
/// ```
/// use rasid_events::eval::token_f1;
/// assert_eq!(token_f1("اضاعة فرصة ذهبية", "«إضاعة فرصة ذهبية»"), 1.0);
/// assert_eq!(token_f1("a b", "c"), 0.0);
/// ```
pub fn token_f1(a: &str, b: &str) -> f64 {
    let (a, b) = (tokens(a), tokens(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in &a {
        *counts.entry(t).or_default() += 1;
    }
    let mut common = 0usize;
    for t in &b {
        if let Some(c) = counts.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / b.len() as f64, common as f64 / a.len() as f64);
    2.0 * p * r / (p + r)
}

/// Scores one sentence's quotes; returns the sum of content F1 over its matches.
fn score_quotes(gold: &[GoldQuote], predicted: &[GoldQuote], s: &mut QuoteScores) -> f64 {
    let overlap = |g: &GoldQuote, p: &GoldQuote| Some(token_f1(&g.content, &p.content)).filter(|f| *f > 0.0);
    let pairs = greedy(gold, predicted, overlap);
    let mut sum = 0.0;
    for &(g, p, f) in &pairs {
        sum += f;
        if let Some(speaker) = &g.speaker {
            let right = p.speaker.as_deref().is_some_and(|ps| token_f1(speaker, ps) >= 0.5);
            s.speaker.count(right);
        }
        if let Some(kind) = g.kind {
            s.kind.count(p.kind == Some(kind));
        }
    }
    s.detection.add(pairs.len(), predicted.len(), gold.len());
    sum
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.events;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, p: &Prf| {
            writeln!(
                f,
                "{name:<24} P {:.4}  R {:.4}  F1 {:.4}  (tp {}, predicted {}, gold {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp,
                p.predicted,
                p.gold
            )
        };
        let acc = |f: &mut fmt::Formatter<'_>, name: &str, a: &Accuracy| {
            writeln!(f, "{name:<24} {:.4}  ({} of {})", a.value(), a.correct, a.total)
        };
        writeln!(
            f,
            "sentences {} ({} without events); gold events {}, predicted {}; gold quotes {}, predicted {}",
            self.sentences,
            self.sentences_without_events,
            e.detection.gold,
            e.detection.predicted,
            self.quotes.detection.gold,
            self.quotes.detection.predicted
        )?;
        writeln!(f, "events")?;
        line(f, "  detection (root)", &e.detection)?;
        line(f, "  code", &e.code)?;
        line(f, "  code+source+target", &e.full)?;
        acc(f, "  source exact", &e.source_exact)?;
        acc(f, "  source country", &e.source_country)?;
        acc(f, "  target exact", &e.target_exact)?;
        acc(f, "  target country", &e.target_country)?;
        acc(f, "  modality", &e.modality)?;
        writeln!(f, "by CAMEO root")?;
        for (root, p) in &e.by_root {
            line(f, &format!("  {root}"), p)?;
        }
        writeln!(f, "by PLOVER category")?;
        for (cat, p) in &e.by_plover {
            line(f, &format!("  {cat}"), p)?;
        }
        let q = &self.quotes;
        writeln!(f, "quotes")?;
        line(f, "  detection", &q.detection)?;
        writeln!(
            f,
            "{:<24} {:.4}  (matched only: {:.4})",
            "  content token F1", q.content_f1, q.content_f1_matched
        )?;
        acc(f, "  speaker", &q.speaker)?;
        acc(f, "  kind", &q.kind)?;
        writeln!(f, "F1 {:.4}", e.detection.f1())
    }
}

/// Reads the gold at `path` and scores `predict`'s output for each sentence.
///
/// # Errors
/// As [`read_gold`].
pub fn run(path: &Path, mut predict: impl FnMut(&GoldSentence) -> Predicted) -> Result<Report, EvalError> {
    let gold = read_gold(path)?;
    let predicted: Vec<Predicted> = gold.iter().map(&mut predict).collect();
    Ok(score(&gold, &predicted))
}

pub mod baseline;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Sentences>
  <Sentence id="astana-3" date="20171221" category="validation">
    <Text>بدأت جولة محادثات سلام جديدة بين النظام السورى والفصائل المعارضة &amp; غيرها</Text>
    <EventCoding sourcecode="SYR GOV" targetcode="SYR REB" eventcode="046" plover="CONSULT"/>
  </Sentence>
  <Sentence id="empty" date="2017-12-21">
    <Text>وتعرقل هذا المشروع</Text>
  </Sentence>
  <Sentence id="none-actor" date="2017-12-21">
    <Text>مقتل مدنيين</Text>
    <EventCoding sourcecode="None" targetcode="None CVL" eventcode="190"/>
  </Sentence>
</Sentences>"#;

    const JSONL: &str = concat!(
        r#"{"id":"a","date":"2017-12-21","outlet":"x","text":"اتهم موفد الامم المتحدة ستافان دى ميستورا الحكومة السورية بافشال المفاوضات، مشيرا الى \"اضاعة فرصة ذهبية\"","#,
        r#""events":[{"source":"UNO","target":"SYRGOV","code":"112","plover":"ACCUSE"},{"source":"SYR GOV","target":null,"code":"125","modality":"asserted"}],"#,
        r#""quotes":[{"speaker":"ستافان دى ميستورا","cue":"مشيرا","content":"اضاعة فرصة ذهبية","kind":"mixed"}]}"#,
        "\n\n",
        r#"{"id":"b","date":"2018-01-01","text":"فاز الفريق","events":[],"quotes":[]}"#,
        "\n"
    );

    #[test]
    fn reads_petrarch_xml() {
        let gold = read_gold_str(XML, "t.xml").unwrap();
        assert_eq!(gold.len(), 3);
        assert_eq!(gold[0].id, "astana-3");
        assert_eq!(gold[0].date.as_deref(), Some("2017-12-21"));
        assert!(gold[0].text.starts_with("بدأت جولة") && gold[0].text.ends_with("& غيرها"));
        assert_eq!(gold[0].events[0].source.as_deref(), Some("SYRGOV"));
        assert_eq!(gold[0].events[0].target.as_deref(), Some("SYRREB"));
        assert_eq!(gold[0].events[0].plover.as_deref(), Some("CONSULT"));
        assert!(gold[1].events.is_empty());
        assert_eq!(gold[2].events[0].source, None);
        assert_eq!(gold[2].events[0].target.as_deref(), Some("---CVL"));
    }

    #[test]
    fn reads_jsonl_compact_and_spaced_codes() {
        let gold = read_gold_str(JSONL, "t.jsonl").unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[0].events[1].source.as_deref(), Some("SYRGOV"));
        assert_eq!(gold[0].events[1].target, None);
        assert_eq!(gold[0].quotes[0].kind, Some(QuoteKind::Mixed));
        assert!(gold[1].events.is_empty());
    }

    #[test]
    fn bad_gold_names_file_and_place() {
        let err = read_gold_str("{\"id\":1}\n", "g.jsonl").unwrap_err().to_string();
        assert!(err.starts_with("g.jsonl:1: "), "{err}");
        let err = read_gold_str(r#"{"id":"a","text":"x","events":[{"code":"99"}]}"#, "g.jsonl")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a CAMEO code"), "{err}");
        let err = read_gold_str("<Sentences><Sentence id='a'><Text>x</Text>", "g.xml").unwrap_err();
        assert!(err.to_string().starts_with("g.xml: byte "), "{err}");
        let err = read_gold_str("<Sentences><EventCoding eventcode='010'/></Sentences>", "g.xml").unwrap_err();
        assert!(err.to_string().contains("outside a <Sentence>"), "{err}");
        assert!(matches!(read_gold_str("\n\n", "e.jsonl"), Err(EvalError::Empty { .. })));
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let gold = read_gold_str(JSONL, "t.jsonl").unwrap();
        let predicted: Vec<Predicted> = gold.iter().map(Predicted::from_gold).collect();
        let r = score(&gold, &predicted);
        assert_eq!(
            r.events.detection,
            Prf {
                tp: 2,
                predicted: 2,
                gold: 2
            }
        );
        assert_eq!(r.events.full.f1(), 1.0);
        assert_eq!(r.events.source_exact.value(), 1.0);
        assert_eq!(r.events.target_country.value(), 1.0);
        assert_eq!(r.quotes.detection.f1(), 1.0);
        assert_eq!(r.quotes.content_f1, 1.0);
        assert_eq!(r.quotes.speaker.value(), 1.0);
        assert_eq!(r.events.by_plover["ACCUSE"].tp, 1);
        assert_eq!(r.events.by_plover["REJECT"].tp, 1);
        assert!(r.to_string().ends_with("F1 1.0000\n"));
    }

    #[test]
    fn empty_prediction_scores_zero() {
        let gold = read_gold_str(JSONL, "t.jsonl").unwrap();
        let r = score(&gold, &[]);
        assert_eq!(
            r.events.detection,
            Prf {
                tp: 0,
                predicted: 0,
                gold: 2
            }
        );
        assert_eq!(r.events.detection.f1(), 0.0);
        assert_eq!(r.quotes.detection.f1(), 0.0);
        assert_eq!(r.quotes.content_f1, 0.0);
        assert_eq!(r.events.source_exact.total, 0);
        assert!(r.to_string().ends_with("F1 0.0000\n"));
    }

    #[test]
    fn partial_prediction_scores_actors_roots_and_quotes() {
        let gold = read_gold_str(JSONL, "t.jsonl").unwrap();
        let predicted = vec![
            Predicted {
                events: vec![
                    // Right root, finer code differs, source right, target country only.
                    GoldEvent {
                        source: Some("UNO".into()),
                        target: Some("SYRMIL".into()),
                        code: "111".into(),
                        ..GoldEvent::default()
                    },
                    // A false alarm in root 19.
                    GoldEvent {
                        source: None,
                        target: Some("---CVL".into()),
                        code: "190".into(),
                        ..GoldEvent::default()
                    },
                ],
                quotes: vec![GoldQuote {
                    speaker: Some("موفد الامم المتحدة ستافان دى ميستورا".into()),
                    cue: None,
                    content: "الى \"إضاعة فرصة ذهبية\"".into(),
                    kind: Some(QuoteKind::Indirect),
                }],
            },
            // The sentence with no gold event: one false alarm.
            Predicted {
                events: vec![GoldEvent {
                    code: "010".into(),
                    source: Some("---CVL".into()),
                    ..GoldEvent::default()
                }],
                quotes: vec![],
            },
        ];
        let r = score(&gold, &predicted);
        assert_eq!(
            r.events.detection,
            Prf {
                tp: 1,
                predicted: 3,
                gold: 2
            }
        );
        assert_eq!(r.events.code.tp, 0);
        assert_eq!(
            r.events.by_root["11"],
            Prf {
                tp: 1,
                predicted: 1,
                gold: 1
            }
        );
        assert_eq!(
            r.events.by_root["12"],
            Prf {
                tp: 0,
                predicted: 0,
                gold: 1
            }
        );
        assert_eq!(
            r.events.by_root["19"],
            Prf {
                tp: 0,
                predicted: 1,
                gold: 0
            }
        );
        assert_eq!(
            r.events.by_plover["(none)"],
            Prf {
                tp: 0,
                predicted: 1,
                gold: 0
            }
        );
        assert_eq!(r.events.source_exact, Accuracy { correct: 1, total: 1 });
        assert_eq!(r.events.target_exact, Accuracy { correct: 0, total: 1 });
        assert_eq!(r.events.target_country, Accuracy { correct: 1, total: 1 });
        assert_eq!(
            r.quotes.detection,
            Prf {
                tp: 1,
                predicted: 1,
                gold: 1
            }
        );
        // 3 shared words of 3 gold and 4 predicted: F1 = 6/7.
        assert!(
            (r.quotes.content_f1 - 6.0 / 7.0).abs() < 1e-9,
            "{}",
            r.quotes.content_f1
        );
        assert_eq!(r.quotes.speaker, Accuracy { correct: 1, total: 1 });
        assert_eq!(r.quotes.kind, Accuracy { correct: 0, total: 1 });
        let f1 = r.events.detection.f1();
        assert!((f1 - 0.4).abs() < 1e-9, "{f1}");
        assert!(r.to_string().ends_with("F1 0.4000\n"));
    }

    #[test]
    fn null_gold_speaker_is_not_scored() {
        let gold = vec![GoldSentence {
            id: "x".into(),
            text: "واضافت ان".into(),
            quotes: vec![GoldQuote {
                content: "الوفد سيصل".into(),
                ..GoldQuote::default()
            }],
            ..GoldSentence::default()
        }];
        let predicted = vec![Predicted {
            events: vec![],
            quotes: vec![GoldQuote {
                speaker: Some("الوزارة".into()),
                content: "الوفد سيصل".into(),
                ..GoldQuote::default()
            }],
        }];
        let r = score(&gold, &predicted);
        assert_eq!(r.quotes.speaker.total, 0);
        assert_eq!(r.quotes.detection.f1(), 1.0);
    }

    #[test]
    fn the_shipped_gold_files_read_and_score_themselves_perfectly() {
        for file in ["events-gold.dev.jsonl", "events-gold.heldout.jsonl"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(file);
            let gold = read_gold(&path).unwrap();
            assert!(gold.len() > 100, "{file}: {}", gold.len());
            assert!(gold.iter().any(|s| s.events.is_empty()));
            let perfect: Vec<Predicted> = gold.iter().map(Predicted::from_gold).collect();
            assert_eq!(score(&gold, &perfect).events.detection.f1(), 1.0);
        }
    }
}
