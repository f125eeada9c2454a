//! The literal baseline of `rasid eval events --baseline literal`: the verb
//! dictionary of UniversalPetrarch's Arabic branch (`CAMEO.ar.0.5.txt`, copied
//! in `gold/baseline/`) matched literally, with no parse, no morphology and no
//! actors, to show what a real coder adds.
//!
//! * Every verb line of a block gives its lemma (words joined by `+` or `_`) and
//!   its code: its own `[CODE]`, else the block's; `[---]` codes nothing.
//! * A pattern line `- * WORDS [CODE] # VERBS` whose words are plain (no `&SET`,
//!   no `$`/`+` actor slots) adds: one of VERBS (else any verb of the block)
//!   followed within five words by those words codes CODE. Patterns win over the
//!   bare verb.
//! * A sentence's words are matched after dropping punctuation, one leading
//!   conjunction `و`/`ف`, and normalising as rasid's search key. One event per
//!   matched verb occurrence, without source or target.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{plover_of_code, tokens, GoldEvent, GoldSentence, Predicted};

const DICTIONARY: &str = include_str!("../../gold/baseline/CAMEO.ar.0.5.txt");

/// A verb pattern: the verb's words, the words that must follow, the code.
#[derive(Clone, Debug)]
struct Pattern {
    verb: Vec<String>,
    after: Vec<String>,
    code: String,
}

/// The literal matcher.
#[derive(Debug)]
pub struct Literal {
    /// By the verb's first word.
    patterns: HashMap<String, Vec<Pattern>>,
}

fn words(phrase: &str) -> Vec<String> {
    tokens(&phrase.replace(['+', '_'], " "))
}

fn bracket_code(line: &str) -> Option<Option<String>> {
    let start = line.find('[')?;
    let end = start + line[start..].find(']')?;
    let code = line[start + 1..end].trim();
    Some((code.bytes().all(|b| b.is_ascii_digit()) && !code.is_empty()).then(|| code.to_string()))
}

impl Literal {
    /// The matcher over the embedded dictionary.
    pub fn embedded() -> &'static Literal {
        static L: OnceLock<Literal> = OnceLock::new();
        L.get_or_init(|| Literal::parse(DICTIONARY))
    }

    /// Parses a PETRARCH-2 verb dictionary (only the verb blocks are read).
    pub fn parse(text: &str) -> Literal {
        let mut patterns: HashMap<String, Vec<Pattern>> = HashMap::new();
        let mut block_code: Option<String> = None;
        let mut block_verbs: Vec<Vec<String>> = Vec::new();
        let mut in_blocks = false;
        let mut add = |verb: &[String], after: Vec<String>, code: String| {
            if let Some(first) = verb.first() {
                patterns.entry(first.clone()).or_default().push(Pattern {
                    verb: verb.to_vec(),
                    after,
                    code,
                });
            }
        };
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if let Some(rest) = line.strip_prefix("---") {
                // `--- LEMMA [CODE] ---` opens a block.
                in_blocks = true;
                block_code = bracket_code(rest).flatten();
                block_verbs.clear();
                continue;
            }
            if !in_blocks || line.is_empty() {
                continue;
            }
            if let Some(pattern) = line.strip_prefix('-') {
                let Some(code) = bracket_code(pattern).flatten() else {
                    continue;
                };
                let body = &pattern[..pattern.find('[').unwrap_or(pattern.len())];
                let Some(after) = body.trim().strip_prefix('*') else {
                    continue;
                };
                if after.contains(['&', '$', '+', '*']) || !body.trim_start().starts_with('*') {
                    continue;
                }
                let after = words(&after.replace(['(', ')', '{', '}'], " "));
                if after.is_empty() {
                    continue;
                }
                // The comment lists the verbs the pattern is for; none listed: the whole block.
                let listed: Vec<Vec<String>> = raw
                    .split_once('#')
                    .map(|(_, verbs)| verbs.split(',').map(words).filter(|v| !v.is_empty()).collect())
                    .unwrap_or_default();
                for verb in if listed.is_empty() { &block_verbs } else { &listed } {
                    add(verb, after.clone(), code.clone());
                }
                continue;
            }
            // A verb line: `LEMMA [CODE]` or `LEMMA`.
            let lemma = line[..line.find('[').unwrap_or(line.len())].trim();
            let verb = words(lemma);
            if verb.is_empty() {
                continue;
            }
            let code = match bracket_code(line) {
                Some(own) => own,
                None => block_code.clone(),
            };
            if let Some(code) = code {
                add(&verb, Vec::new(), code);
            }
            block_verbs.push(verb);
        }
        for list in patterns.values_mut() {
            // Longer verbs, then patterns with more words, first.
            list.sort_by(|a, b| b.verb.len().cmp(&a.verb.len()).then(b.after.len().cmp(&a.after.len())));
        }
        Literal { patterns }
    }

    /// The events of one sentence.
    pub fn code(&self, text: &str) -> Vec<GoldEvent> {
        let sentence: Vec<String> = tokens(text)
            .into_iter()
            .map(|w| match w.strip_prefix(['و', 'ف']) {
                Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
                _ => w,
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(rest) = sentence.get(i..) {
            let Some(first) = rest.first() else { break };
            let hit = self.patterns.get(first).and_then(|list| {
                list.iter().find(|p| {
                    rest.starts_with(&p.verb)
                        && (p.after.is_empty() || {
                            let after_verb = rest.get(p.verb.len()..).unwrap_or_default();
                            let window = after_verb
                                .get(..after_verb.len().min(5 + p.after.len()))
                                .unwrap_or_default();
                            window.windows(p.after.len()).any(|w| w == p.after.as_slice())
                        })
                })
            });
            match hit {
                Some(p) => {
                    out.push(GoldEvent {
                        source: None,
                        target: None,
                        code: p.code.clone(),
                        plover: plover_of_code(&p.code).map(String::from),
                        modality: None,
                    });
                    i += p.verb.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// The baseline's prediction for a gold sentence (events only).
    pub fn predict(&self, sentence: &GoldSentence) -> Predicted {
        Predicted {
            events: self.code(&sentence.text),
            quotes: Vec::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const DICT: &str = "\
&SET
+x_
--- اتهم [112] ---
اتهم # accuse
حمل+مسؤولية [1121] # blame
اعتقل [173]
- * &CRIME [1121] # اتهم
- * (على تعذيب) [1122] # اتهم
--- قال [---] ---
قال # say
اعلن [010]
- * حرب [138] # اعلن
";

    #[test]
    fn verbs_and_plain_patterns_match_literally() {
        let l = Literal::parse(DICT);
        let codes = |t: &str| l.code(t).into_iter().map(|e| e.code).collect::<Vec<_>>();
        assert_eq!(codes("واتهم الوزير الحكومة"), vec!["112"]);
        assert_eq!(codes("قال الوزير"), Vec::<String>::new());
        assert_eq!(codes("اعلن الرئيس"), vec!["010"]);
        assert_eq!(
            codes("اعلن الرئيس الحرب على"),
            vec!["010"],
            "الحرب is not the literal حرب"
        );
        assert_eq!(codes("اعلن الرئيس حرب على"), vec!["138"]);
        assert_eq!(
            codes("حمل الوزير مسؤولية"),
            Vec::<String>::new(),
            "multi-word verbs are contiguous"
        );
        assert_eq!(codes("حمل مسؤولية الهجوم"), vec!["1121"]);
        assert_eq!(codes("اتهم الجيش على تعذيب"), vec!["1122"]);
        assert_eq!(
            codes("اعتقل الجيش على تعذيب"),
            vec!["173"],
            "the pattern is for اتهم only"
        );
        assert!(l.code("").is_empty());
    }

    #[test]
    fn embedded_dictionary_codes_common_verbs() {
        let l = Literal::embedded();
        let events = l.code("ورفض الوزير المقترح");
        assert!(events.iter().any(|e| e.code.starts_with("12")), "{events:?}");
        assert!(events.iter().all(|e| e.source.is_none() && e.target.is_none()));
    }
}
