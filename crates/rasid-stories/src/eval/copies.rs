//! `rasid eval copies`: the copy detector against real pairs judged by hand.
//!
//! The gold (`crates/rasid-stories/eval/copies/gold.tsv`, see its README and
//! GUIDELINES) holds pairs of real articles, each judged `copy` (the same
//! text), `rewrite` (one source text rewritten), `related` (background, a
//! follow-up) or `unrelated`. The articles of all pairs are fingerprinted and
//! grouped by [`Deduper`] in the order given (the gold's file is sorted by
//! time); a pair is predicted `copy` when both articles end up in one copy
//! group, and otherwise gets the relation [`relation`] gives its two
//! fingerprints. Precision and recall are by pair, per relation.
//!
//! [`predict_links`] scores what users get instead: the articles go through a
//! stories build ([`StoryBuilder`], as `rasid stories build` runs it:
//! boilerplate learnt first, then batches in time order) into a store, and a
//! pair's relation is read back from it: `copy` when both are in one copy
//! group, else the `rewrite` or `related` link [`Store::relations`] shows
//! between their groups (from either side), else `unrelated` (no link). Its
//! precision per relation is how many of the links shown between gold pairs
//! are right; its recall, how many gold pairs get the right link.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use rasid_core::Article;
use serde::Serialize;

use super::fingerprints;
use crate::dedup::{relation, Deduper, Relation};
use crate::{Result, Store, StoriesError, StoryBuilder, BATCH};

/// One judged pair.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldPair {
    /// The pair's number in the gold.
    pub n: u32,
    /// `dev` or `heldout`.
    pub split: String,
    /// The judged relation.
    pub relation: Relation,
    /// The id of the first article (the `id` of its JSON record).
    pub a: String,
    /// The id of the second.
    pub b: String,
}

/// Reads the gold TSV: `n, split, relation, id_a, id_b, …`; `#` lines are comments.
pub fn read_gold(path: &Path) -> Result<Vec<GoldPair>> {
    let bad = |reason: String| StoriesError::Corpus {
        path: path.to_owned(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(n), Some(split), Some(rel), Some(a), Some(b)) = (f.first(), f.get(1), f.get(2), f.get(3), f.get(4))
        else {
            return Err(bad(format!("line {}: fewer than 5 tab-separated fields", i + 1)));
        };
        let n = n
            .parse()
            .map_err(|_| bad(format!("line {}: pair number {n:?} is not a number", i + 1)))?;
        let relation = Relation::parse(rel).ok_or_else(|| {
            bad(format!(
                "line {}: relation {rel:?} is not copy, rewrite, related or unrelated",
                i + 1
            ))
        })?;
        out.push(GoldPair {
            n,
            split: (*split).to_owned(),
            relation,
            a: (*a).to_owned(),
            b: (*b).to_owned(),
        });
    }
    if out.is_empty() {
        return Err(bad("no pairs".into()));
    }
    Ok(out)
}

/// Precision and recall of one relation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RelationScore {
    /// The relation.
    pub relation: String,
    /// Gold pairs with it.
    pub gold: usize,
    /// Pairs predicted with it.
    pub predicted: usize,
    /// Pairs both.
    pub correct: usize,
    /// correct / predicted (1 when nothing was predicted).
    pub precision: f64,
    /// correct / gold (1 when the gold has none).
    pub recall: f64,
}

/// The report of `rasid eval copies`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CopiesReport {
    /// The split scored (`dev`, `heldout` or `all`).
    pub split: String,
    /// Pairs scored.
    pub pairs: usize,
    /// Pairs whose articles were not all found (not scored).
    pub missing: usize,
    /// Copy, rewrite, related.
    pub relations: Vec<RelationScore>,
    /// `confusion[gold][predicted]`, in the order copy, rewrite, related, unrelated.
    pub confusion: [[usize; 4]; 4],
    /// The same pairs scored on what a stories build stores ([`predict_links`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Box<CopiesReport>>,
}

impl CopiesReport {
    /// The score of one relation.
    pub fn of(&self, relation: Relation) -> Option<&RelationScore> {
        self.relations.iter().find(|r| r.relation == relation.name())
    }
}

impl CopiesReport {
    /// The table of precision and recall and the confusion matrix.
    fn table(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "relation   gold  predicted  correct  precision  recall")?;
        for r in &self.relations {
            writeln!(
                f,
                "{:<9} {:>5} {:>10} {:>8} {:>10.3} {:>7.3}",
                r.relation, r.gold, r.predicted, r.correct, r.precision, r.recall
            )?;
        }
        writeln!(f, "gold \\ predicted   copy  rewrite  related  unrelated")?;
        for (g, row) in Relation::ALL.iter().zip(self.confusion.iter()) {
            writeln!(
                f,
                "{:<17} {:>5} {:>8} {:>8} {:>10}",
                g.name(),
                row[0],
                row[1],
                row[2],
                row[3]
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for CopiesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "split {}: {} pairs ({} not found)",
            self.split, self.pairs, self.missing
        )?;
        writeln!(
            f,
            "the pair test (copy groups, then `dedup::relation` of the two fingerprints):"
        )?;
        self.table(f)?;
        if let Some(links) = &self.links {
            writeln!(
                f,
                "\nwhat a stories build stores and shows (copy groups, then the rewrite and related links; none: unrelated):"
            )?;
            links.table(f)?;
        }
        let copy = self.of(Relation::Copy).map_or(0.0, |r| r.precision);
        let recall = self.of(Relation::Copy).map_or(0.0, |r| r.recall);
        write!(f, "copy precision {copy:.4} recall {recall:.4}")
    }
}

/// Predicts the relation of every gold pair: copy when the two articles are
/// in one copy group, else what [`relation`] says of their fingerprints.
/// Articles are matched on their `external_id` (the JSON `id`); pairs with an
/// article not among `articles` get `None`.
pub fn predict(articles: &[Article], gold: &[GoldPair]) -> Vec<Option<Relation>> {
    let fps = fingerprints(articles);
    let mut dedup = Deduper::default();
    let ids: Vec<u32> = fps.iter().map(|fp| dedup.add(fp)).collect();
    let by_id: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.external_id.as_deref().map(|id| (id, i)))
        .collect();
    gold.iter()
        .map(|p| {
            let (&i, &j) = (by_id.get(p.a.as_str())?, by_id.get(p.b.as_str())?);
            let (gi, gj) = (dedup.group(*ids.get(i)?), dedup.group(*ids.get(j)?));
            if gi == gj {
                return Some(Relation::Copy);
            }
            Some(match relation(fps.get(i)?, fps.get(j)?) {
                // Not grouped: whatever the pair test says, the detector did not fold them.
                Relation::Copy => Relation::Rewrite,
                other => other,
            })
        })
        .collect()
}

/// Predicts the relation of every gold pair from a stories build of
/// `articles` (in memory): `copy` when the build put both in one copy group,
/// `rewrite` or `related` when [`Store::relations`] of either shows the
/// other's group so, else `unrelated`. Pairs with an article not among
/// `articles` get `None`.
///
/// # Errors
/// When the build fails.
pub fn predict_links(articles: &[Article], gold: &[GoldPair]) -> Result<Vec<Option<Relation>>> {
    let mut store = Store::open(Path::new(":memory:"))?;
    let mut builder = StoryBuilder::load(&store, rasid_pipeline::Pipeline::default())?;
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted
        .sort_by(|a, b| (a.published.is_none(), a.published, &a.id).cmp(&(b.published.is_none(), b.published, &b.id)));
    for a in &sorted {
        builder.learn(a.id.as_str(), a.source.as_deref(), &a.body);
    }
    for chunk in sorted.chunks(BATCH) {
        builder.add_batch(&mut store, chunk.iter().map(|a| (*a).clone()).collect())?;
    }
    let by_external: HashMap<&str, String> = articles
        .iter()
        .filter_map(|a| Some((a.external_id.as_deref()?, a.id.to_string())))
        .collect();
    let ids: Vec<String> = by_external.values().cloned().collect();
    let group_of: HashMap<String, i64> = store
        .groups_of(&ids)?
        .into_iter()
        .map(|(id, (grp, _))| (id, grp))
        .collect();
    // The groups each article's relations show as rewrites and as related.
    let mut shown: HashMap<String, (Vec<i64>, Vec<i64>)> = HashMap::new();
    let mut links_of = |id: &str| -> Result<(Vec<i64>, Vec<i64>)> {
        if let Some(found) = shown.get(id) {
            return Ok(found.clone());
        }
        let relations = store.relations(id, usize::MAX >> 1)?.unwrap_or_default();
        let groups = |list: &[crate::store::Linked]| -> Vec<i64> {
            list.iter().filter_map(|l| group_of.get(&l.id).copied()).collect()
        };
        let found = (groups(&relations.rewrites), groups(&relations.related));
        shown.insert(id.to_owned(), found.clone());
        Ok(found)
    };
    let mut out = Vec::with_capacity(gold.len());
    for p in gold {
        let (Some(a), Some(b)) = (by_external.get(p.a.as_str()), by_external.get(p.b.as_str())) else {
            out.push(None);
            continue;
        };
        let (Some(&ga), Some(&gb)) = (group_of.get(a), group_of.get(b)) else {
            out.push(None);
            continue;
        };
        if ga == gb {
            out.push(Some(Relation::Copy));
            continue;
        }
        let mut found = Relation::Unrelated;
        for (from, to) in [(a, gb), (b, ga)] {
            let (rewrites, related) = links_of(from)?;
            if rewrites.contains(&to) {
                found = Relation::Rewrite;
            } else if related.contains(&to) {
                found = Relation::Related;
            }
            if found != Relation::Unrelated {
                break;
            }
        }
        out.push(Some(found));
    }
    Ok(out)
}

/// Scores predictions (from [`predict`]) of the pairs of one split
/// (`dev`, `heldout`, or `all`).
pub fn score(gold: &[GoldPair], predicted: &[Option<Relation>], split: &str) -> CopiesReport {
    let mut report = CopiesReport {
        split: split.to_owned(),
        ..CopiesReport::default()
    };
    for (pair, pred) in gold.iter().zip(predicted) {
        if split != "all" && pair.split != split {
            continue;
        }
        let Some(pred) = pred else {
            report.missing += 1;
            continue;
        };
        report.pairs += 1;
        if let Some(row) = report.confusion.get_mut(pair.relation.index()) {
            if let Some(cell) = row.get_mut(pred.index()) {
                *cell += 1;
            }
        }
    }
    for rel in [Relation::Copy, Relation::Rewrite, Relation::Related] {
        let k = rel.index();
        let gold: usize = report.confusion.get(k).map_or(0, |row| row.iter().sum());
        let predicted: usize = report.confusion.iter().filter_map(|row| row.get(k)).sum();
        let correct = report.confusion.get(k).and_then(|row| row.get(k)).copied().unwrap_or(0);
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        report.relations.push(RelationScore {
            relation: rel.name().to_owned(),
            gold,
            predicted,
            correct,
            precision: ratio(correct, predicted),
            recall: ratio(correct, gold),
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(n: u32, relation: Relation, a: &str, b: &str) -> GoldPair {
        GoldPair {
            n,
            split: "dev".into(),
            relation,
            a: a.into(),
            b: b.into(),
        }
    }

    const WIRE: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمائة سرير، \
        وقال الوزير إن المستشفى سيخدم سكان المنطقة الشرقية والوسطى خلال العام المقبل، \
        وأضاف أن العمل في المشروع استغرق ثلاث سنوات بتكلفة بلغت مليار ريال.";

    fn article(id: &str, title: &str, body: &str) -> Article {
        Article::builder(title, body).external_id(id).build()
    }

    /// A wire story and its copy, an unrelated match report, and gold pairs
    /// of each kind, one of them with an article not in the set.
    fn wire_copy_and_match() -> (Vec<Article>, Vec<GoldPair>) {
        let articles = vec![
            article("a", "افتتاح مستشفى", WIRE),
            article("b", "الصحة تفتتح مستشفى", WIRE),
            article(
                "c",
                "الهلال يفوز",
                "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي مساء أمس.",
            ),
        ];
        let gold = vec![
            pair(1, Relation::Copy, "a", "b"),
            pair(2, Relation::Unrelated, "a", "c"),
            pair(3, Relation::Copy, "a", "missing"),
        ];
        (articles, gold)
    }

    #[test]
    fn copies_are_found_and_unrelated_pairs_are_not() {
        let (articles, gold) = wire_copy_and_match();
        let predicted = predict(&articles, &gold);
        assert_eq!(predicted, vec![Some(Relation::Copy), Some(Relation::Unrelated), None]);
        let report = score(&gold, &predicted, "dev");
        assert_eq!((report.pairs, report.missing), (2, 1));
        let copy = report.of(Relation::Copy).cloned().unwrap_or_default();
        assert_eq!((copy.gold, copy.predicted, copy.correct), (1, 1, 1));
        assert_eq!(score(&gold, &predicted, "heldout").pairs, 0);
    }

    #[test]
    fn stored_links_are_scored_like_the_pair_test() {
        let (articles, gold) = wire_copy_and_match();
        let predicted = predict_links(&articles, &gold).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(predicted, vec![Some(Relation::Copy), Some(Relation::Unrelated), None]);
        let mut report = score(&gold, &predicted, "dev");
        report.links = Some(Box::new(report.clone()));
        let shown = report.to_string();
        assert!(shown.contains("what a stories build stores"), "{shown}");
        assert!(shown.ends_with("copy precision 1.0000 recall 1.0000"), "{shown}");
    }

    #[test]
    fn gold_lines_are_checked() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("gold.tsv");
        std::fs::write(
            &path,
            "# n\tsplit\trelation\tid_a\tid_b\n1\tdev\tcopy\ta\tb\n2\tdev\trewrite\ta\tc\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let gold = read_gold(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[1].relation, Relation::Rewrite);
        std::fs::write(&path, "1\tdev\tsame\ta\tb\n").unwrap_or_else(|e| panic!("{e}"));
        let err = read_gold(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("line 1") && err.contains("\"same\""), "{err}");
    }
}
