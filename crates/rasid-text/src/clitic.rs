//! Conservative, lexicon-guided clitic splitting.
//!
//! A word form `w` (key form) is read as
//! `[conj] [prep | لل | س] [ال] base [pronoun]`, with
//! conj ∈ {و, ف}, prep ∈ {ب, ك, ل}, pronoun ∈ {ه, ها, هم, هما, هن, نا}.
//! Each layer is peeled from the outside in, and only when the corpus counts
//! `f(·)` of the embedded lexicon support it:
//!
//! * **conjunction / preposition / future س** (`c + r`): split when the rest
//!   `r` is attested (`f(r) ≥ min`), the whole form is not much more frequent
//!   than the rest (`f(w) ≤ κ·f(r)`), and the whole form does not itself take
//!   clitics (`H(w) ≤ θ·f(r)`, where `H(w)` counts `وw, فw, بw, لw, الw, والw,
//!   بالw, للw`). A genuine `و + روسيا` never occurs as `الوروسيا`, while a word
//!   that only starts with a clitic letter (`وزارة`, `بيان`, `كندا`) does occur
//!   as `الوزارة`, `البيان`, `وكندا`. κ and θ are per clitic: `و` and `ب` are
//!   common and safe, `ك` is rare and collides with names, so it is strict and
//!   never precedes a verb-like `ي…`. The future `س` only goes before an
//!   imperfect verb (`ي ت ن ا…`) whose form is more frequent than `سw`.
//! * **لل** (`ل + ال`): preferred to plain `ل` when `f(ال+b) + f(b)` beats
//!   `f(ل…)`; then always split when the base has ≥ 3 letters.
//! * **the article ال** (`ال + b`, `b` ≥ 3 letters, or 2 letters with
//!   `f(b) + f(لل+b) ≥ 20`: `الرد`, `الحج`): split unless the form
//!   behaves like a word that starts with alef-lam (`ألمانيا`, `إلغاء`,
//!   `التزام`): those occur as `الالتزام`, `لالغاء`, and their `b` never occurs
//!   as `للb` or alone. Split iff `f(ال+w) + f(ل+w) ≤ f(b) + f(لل+b)`.
//! * **pronoun suffix**: only on a base of ≥ 3 letters that is attested
//!   (`f(b) + f(ال+b) ≥ 5`) and at least half as frequent as the suffixed form, with
//!   `ت → ة` (`رعايتها → رعاية`), `ا → ى` (`مستواها → مستوى`) and
//!   `ئ ؤ → ء` (`شفائه → شفاء`) restored.
//!   Single `ه` is never split off a word written with `ة` (checked by the
//!   caller on the original spelling). `ي`, `ك`, `كم`, `ني` are not split:
//!   they collide with nisba adjectives and names far more often than they
//!   occur in news.
//!
//! Stopwords (on the whole form) are never split. Unknown forms whose rest is
//! unknown too are split only when peeling one more layer reaches a frequent
//! form (`وبتحييد → و + بتحييد` because `تحييد` is known).

use crate::lexicon::Counts;

/// One proclitic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Proclitic {
    /// `و` and.
    Wa,
    /// `ف` so, then.
    Fa,
    /// `ب` with, by, in.
    Bi,
    /// `ك` like, as.
    Ka,
    /// `ل` for, to.
    Li,
    /// `لل`: `ل` + the article, with the article's alef dropped.
    Lil,
    /// `ال` the article.
    Al,
    /// `س` future marker on verbs.
    Sa,
}

impl Proclitic {
    /// The clitic in key form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Proclitic::Wa => "و",
            Proclitic::Fa => "ف",
            Proclitic::Bi => "ب",
            Proclitic::Ka => "ك",
            Proclitic::Li => "ل",
            Proclitic::Lil => "لل",
            Proclitic::Al => "ال",
            Proclitic::Sa => "س",
        }
    }

    /// Its length in characters.
    pub const fn chars(self) -> usize {
        match self {
            Proclitic::Lil | Proclitic::Al => 2,
            _ => 1,
        }
    }
}

/// One pronoun suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Enclitic {
    /// `ه` his, him, its.
    Hu,
    /// `ها` her, its.
    Ha,
    /// `هم` their, them.
    Hum,
    /// `هما` their (two).
    Huma,
    /// `هن` their (feminine).
    Hunna,
    /// `نا` our, us.
    Na,
}

impl Enclitic {
    /// The suffix in key form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Enclitic::Hu => "ه",
            Enclitic::Ha => "ها",
            Enclitic::Hum => "هم",
            Enclitic::Huma => "هما",
            Enclitic::Hunna => "هن",
            Enclitic::Na => "نا",
        }
    }

    /// Its length in characters.
    pub const fn chars(self) -> usize {
        match self {
            Enclitic::Hu => 1,
            Enclitic::Huma => 3,
            _ => 2,
        }
    }
}

/// Tried longest first.
const ENCLITICS: [Enclitic; 6] = [
    Enclitic::Huma,
    Enclitic::Hum,
    Enclitic::Hunna,
    Enclitic::Ha,
    Enclitic::Na,
    Enclitic::Hu,
];

/// What the base's last letter was before the suffix changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Restore {
    /// Nothing to restore.
    #[default]
    None,
    /// A `ت` before the suffix is a ta marbuta (`رعايتها` → `رعاية`).
    TaMarbuta,
    /// An `ا` before the suffix is an alef maqsura (`مستواها` → `مستوى`).
    AlefMaqsura,
    /// A hamza carrier `ئ`/`ؤ` before the suffix is a final hamza (`شفائه` → `شفاء`).
    Hamza,
}

/// How a word form splits. At most three proclitics (`و`, `ب`, `ال`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Decision {
    /// Proclitics, outermost first; `None` after the last.
    pub proclitics: [Option<Proclitic>; 3],
    /// The pronoun suffix, if split off.
    pub enclitic: Option<Enclitic>,
    /// How to restore the base's last letter.
    pub restore: Restore,
    /// True when the word is a function word.
    pub stop: bool,
}

impl Decision {
    /// The proclitics that are set.
    pub fn proclitics(&self) -> impl Iterator<Item = Proclitic> + '_ {
        self.proclitics.iter().map_while(|p| *p)
    }

    /// Characters taken by the proclitics.
    pub fn prefix_chars(&self) -> usize {
        self.proclitics().map(Proclitic::chars).sum()
    }

    /// Characters taken by the enclitic.
    pub fn suffix_chars(&self) -> usize {
        self.enclitic.map_or(0, Enclitic::chars)
    }

    fn push(&mut self, p: Proclitic) {
        if let Some(slot) = self.proclitics.iter_mut().find(|s| s.is_none()) {
            *slot = Some(p);
        }
    }
}

/// Thresholds for one outer proclitic: split `c + r` iff `f(r) ≥ min`,
/// `f(w) ≤ kappa·f(r)` and `H(w) ≤ theta·f(r)`.
struct Rule {
    outer: bool,
    /// Whether an unknown form may lean on `inner_known`.
    fallback: bool,
    min: u32,
    kappa: f64,
    theta: f64,
}

const WA: Rule = Rule {
    outer: true,
    fallback: true,
    min: 2,
    kappa: 50.0,
    theta: 0.05,
};
const FA: Rule = Rule {
    outer: true,
    fallback: true,
    min: 2,
    kappa: 20.0,
    theta: 0.05,
};
const BI: Rule = Rule {
    outer: false,
    fallback: true,
    min: 2,
    kappa: 50.0,
    theta: 0.05,
};
const LI: Rule = Rule {
    outer: false,
    fallback: true,
    min: 2,
    kappa: 30.0,
    theta: 0.05,
};
const KA: Rule = Rule {
    outer: false,
    fallback: true,
    min: 20,
    kappa: 5.0,
    theta: 0.05,
};
const SA: Rule = Rule {
    outer: false,
    fallback: false,
    min: 5,
    kappa: 1.0,
    theta: 0.1,
};

/// Minimum letters left for a base after a one-letter proclitic.
const MIN_BASE: usize = 3;

#[inline]
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `f(a + b)`, built in a reused buffer.
fn count2(lex: &impl Counts, a: &str, b: &str, buf: &mut String) -> u32 {
    buf.clear();
    buf.push_str(a);
    buf.push_str(b);
    lex.count(buf)
}

/// How often `w` itself takes clitics: evidence that `w` is a word of its own.
/// For a conjunction, `وw` and `فw` count too (`ووزير`, but never `ووروسيا`);
/// for inner clitics they do not, since a conjunction goes before either reading
/// (`وباقتراح`, `وسيلتقي`).
fn hosted(lex: &impl Counts, w: &str, outer: bool, buf: &mut String) -> u64 {
    // `ل + لX` is spelt like `لل + X` (the article after ل), so it is no
    // evidence about `لX`.
    let inner: u64 = ["ب", "ل", "ال", "وال", "بال", "لل"]
        .iter()
        .filter(|&&p| !(p == "ل" && w.starts_with('ل')))
        .map(|p| u64::from(count2(lex, p, w, buf)))
        .sum();
    if outer {
        inner + u64::from(count2(lex, "و", w, buf)) + u64::from(count2(lex, "ف", w, buf))
    } else {
        inner
    }
}

/// Evidence that `r` is a word that a proclitic could precede.
fn attested(lex: &impl Counts, r: &str) -> u64 {
    let mut s = u64::from(lex.count(r));
    if let Some(b) = r.strip_prefix("ال") {
        if chars(b) >= MIN_BASE {
            s += u64::from(lex.count(b));
        }
    }
    s
}

/// Weak evidence for an unknown `r`: one more layer peeled off (a
/// proclitic, or a pronoun suffix with the base's last letter restored)
/// reaches a frequent form.
fn inner_known(lex: &impl Counts, r: &str, buf: &mut String) -> bool {
    // The article is the strongest prior of all: `وال…`, `بال…` followed by
    // three letters or more are و/ب + ال + a word.
    if r.starts_with("ال") && chars(r) >= 5 {
        return true;
    }
    let prefixed = ["ال", "لل", "ب", "ل", "ك"].iter().any(|p| {
        r.strip_prefix(p)
            .is_some_and(|b| chars(b) >= MIN_BASE && lex.count(b) >= 5)
    });
    // The accusative alef of an indefinite noun (`تكفيرا` → `تكفير`).
    let accusative = r
        .strip_suffix('ا')
        .is_some_and(|b| chars(b) >= MIN_BASE && lex.count(b) >= 5);
    prefixed
        || accusative
        || ENCLITICS.iter().any(|e| {
            r.strip_suffix(e.as_str())
                .is_some_and(|b| chars(b) >= MIN_BASE && best_base(lex, b, buf).0 >= 5)
        })
}

/// Evidence for a base left by a pronoun suffix: its count alone plus with the
/// article (nouns mostly occur defined: `بلاد` is rare, `البلاد` is not),
/// trying the restorations of its last letter (`ت → ة`, `ا → ى`, `ي/و → ء`);
/// the best one wins.
fn best_base(lex: &impl Counts, b: &str, buf: &mut String) -> (u64, Restore) {
    let evidence = |stem: &str, last: &str, buf: &mut String| {
        buf.clear();
        buf.push_str(stem);
        buf.push_str(last);
        let bare = u64::from(lex.count(buf));
        buf.insert_str(0, "ال");
        bare + u64::from(lex.count(buf))
    };
    let mut best = (evidence(b, "", buf), Restore::None);
    for (strip, last, restore) in [
        (b.strip_suffix('ت'), "ه", Restore::TaMarbuta),
        (b.strip_suffix('ا'), "ي", Restore::AlefMaqsura),
        (b.strip_suffix(['ي', 'و']), "ء", Restore::Hamza),
    ] {
        if let Some(stem) = strip {
            let f = evidence(stem, last, buf);
            buf.clear();
            buf.push_str(stem);
            buf.push_str(last);
            // A restored function word (`عنت` → `عنه`) is no base.
            if f > best.0 && !lex.is_stopword(buf) {
                best = (f, restore);
            }
        }
    }
    best
}

fn accept(lex: &impl Counts, w: &str, r: &str, rule: &Rule, buf: &mut String) -> bool {
    let fw = u64::from(lex.count(w));
    let mut s = attested(lex, r);
    if s == 0 && fw == 0 && rule.fallback && inner_known(lex, r, buf) {
        s = u64::from(rule.min);
    }
    if s < u64::from(rule.min) {
        return false;
    }
    let s = s as f64;
    // An unattested form is not attested with clitics either (its
    // clitic-bearing forms are rarer still), so `H(w)` is only computed for
    // known forms: this keeps unknown words cheap.
    (fw as f64) <= rule.kappa * s && (fw == 0 || (hosted(lex, w, rule.outer, buf) as f64) <= rule.theta * s)
}

/// A preposition's host may not itself start with a conjunction + function word.
fn conj_inside(lex: &impl Counts, r: &str) -> bool {
    ["و", "ف"]
        .iter()
        .any(|c| r.strip_prefix(c).is_some_and(|rest| lex.is_stopword(rest)))
}

/// The article test on `w = ال + b`: split unless `w` behaves like a word that
/// starts with alef-lam (`الالتزام`, `لالغاء` occur; `للتزام` does not).
fn article_splits(lex: &impl Counts, w: &str, b: &str, buf: &mut String) -> bool {
    let n = chars(b);
    if n < 2 {
        return false;
    }
    let evidence = |w: &str, b: &str, buf: &mut String| {
        let whole = u64::from(count2(lex, "ال", w, buf)) + u64::from(count2(lex, "ل", w, buf));
        let article = u64::from(lex.count(b)) + u64::from(count2(lex, "لل", b, buf));
        (whole, article)
    };
    let (mut whole, mut article) = evidence(w, b, buf);
    if whole == 0 && article == 0 {
        // No evidence: try without the accusative alef (`التهابا` → `التهاب`).
        if let (Some(w2), Some(b2)) = (w.strip_suffix('ا'), b.strip_suffix('ا')) {
            (whole, article) = evidence(w2, b2, buf);
        }
    }
    // Two-letter bases (`الرد`, `الحق`, `الحج`) need positive evidence.
    if n == 2 && article < 20 {
        return false;
    }
    whole <= article
}

/// Decides how the key form `w` of an Arabic word splits.
///
/// `buf` is scratch space. Pure: the same form always gets the same answer.
pub(crate) fn decide(w: &str, lex: &impl Counts, buf: &mut String) -> Decision {
    let mut d = Decision::default();
    if lex.is_stopword(w) {
        d.stop = true;
        return d;
    }
    let mut rest = w;
    let mut stop_ok = true;

    // Conjunction.
    for (c, p, rule) in [("و", Proclitic::Wa, &WA), ("ف", Proclitic::Fa, &FA)] {
        if let Some(r) = rest.strip_prefix(c) {
            let n = chars(r);
            let ok = if n >= MIN_BASE {
                accept(lex, rest, r, rule, buf)
            } else {
                // Two letters: function words (`ولا`, `فقد`) and frequent
                // words (`وتم`).
                n == 2 && (lex.is_stopword(r) || (lex.count(r) >= 100 && accept(lex, rest, r, rule, buf)))
            };
            if ok {
                d.push(p);
                rest = r;
                if lex.is_stopword(rest) || lex.is_protected(rest) {
                    d.stop = lex.is_stopword(rest);
                    return d;
                }
            }
            break;
        }
    }

    // Preposition, لل or future س.
    let mut article_possible = true;
    let mut prep = false;
    if let Some(b) = rest.strip_prefix("لل") {
        let as_lil = u64::from(count2(lex, "ال", b, buf)) + u64::from(lex.count(b));
        if chars(b) >= MIN_BASE || (chars(b) == 2 && as_lil >= 50) {
            let as_li = u64::from(lex.count(rest.strip_prefix('ل').unwrap_or(rest)));
            if as_lil >= as_li {
                d.push(Proclitic::Lil);
                rest = b;
                article_possible = false;
                prep = true;
            }
        }
    }
    if !prep {
        for (c, p, rule) in [
            ("ب", Proclitic::Bi, &BI),
            ("ل", Proclitic::Li, &LI),
            ("ك", Proclitic::Ka, &KA),
        ] {
            if let Some(r) = rest.strip_prefix(c) {
                let verb_like = r.starts_with('ي');
                // `ك` + a particle (`كلم`) is not Arabic; `كما` is a stopword.
                let function_word = p != Proclitic::Ka && chars(r) == 2 && lex.is_stopword(r);
                let frequent_short = p != Proclitic::Ka && chars(r) == 2 && lex.count(r) >= 100;
                let ok = function_word
                    || ((chars(r) >= MIN_BASE || frequent_short)
                        && !conj_inside(lex, r)
                        && !(p == Proclitic::Ka && verb_like)
                        && accept(lex, rest, r, rule, buf));
                if ok {
                    d.push(p);
                    rest = r;
                    prep = true;
                    if lex.is_stopword(rest) {
                        // بما, بأن, لأي, بهذا: a function word still.
                        d.stop = true;
                        return d;
                    }
                    stop_ok = false;
                }
                break;
            }
        }
    }
    if !prep {
        if let Some(r) = rest.strip_prefix('س') {
            let imperfect = r.starts_with(['ي', 'ت', 'ن', 'ا']);
            if imperfect && chars(r) >= MIN_BASE && accept(lex, rest, r, &SA, buf) {
                d.push(Proclitic::Sa);
                rest = r;
                article_possible = false;
                stop_ok = false;
            }
        }
    }

    // Article.
    if article_possible {
        if let Some(b) = rest.strip_prefix("ال") {
            if !lex.is_stopword(rest) && article_splits(lex, rest, b, buf) {
                d.push(Proclitic::Al);
                rest = b;
                stop_ok = false;
            }
        }
    }

    // Pronoun suffix.
    if !lex.is_stopword(rest) {
        let f_rest = u64::from(lex.count(rest));
        for e in ENCLITICS {
            let Some(b) = rest.strip_suffix(e.as_str()) else {
                continue;
            };
            if chars(b) < MIN_BASE {
                continue;
            }
            let (fb, restore) = best_base(lex, b, buf);
            if fb >= 5 && f_rest <= 2 * fb {
                d.enclitic = Some(e);
                d.restore = restore;
                stop_ok = false;
            }
            break;
        }
    }

    d.stop = stop_ok && d.enclitic.is_none() && lex.is_stopword(rest);
    d
}

/// Writes the base of the key form `key` under decision `d`, with its last
/// letter restored, to `out`. Returns false (and writes nothing) when the
/// decision does not fit the form.
pub(crate) fn base_key(key: &str, d: &Decision, out: &mut String) -> bool {
    out.clear();
    let skip = d.prefix_chars();
    let keep = chars(key).saturating_sub(skip + d.suffix_chars());
    if keep == 0 {
        return false;
    }
    out.extend(key.chars().skip(skip).take(keep));
    match d.restore {
        Restore::None => {}
        Restore::TaMarbuta => {
            if out.ends_with('ت') {
                out.pop();
                out.push('ه');
            }
        }
        Restore::AlefMaqsura => {
            if out.ends_with('ا') {
                out.pop();
                out.push('ي');
            }
        }
        Restore::Hamza => {
            if out.ends_with(['ي', 'و']) {
                out.pop();
                out.push('ء');
            }
        }
    }
    true
}
