//! BM25 for one term with its two parameters chosen (tantivy's own term query
//! fixes k1 at 1.2 and b at 0.75): the same statistics (document frequency,
//! average field length over the searcher), the same encoded field lengths.
//!
//! score = idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / average length)),
//! idf = ln(1 + (N − df + 0.5) / (df + 0.5)).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// A term, scored by BM25 with `k1` and `b`.
#[derive(Clone, Debug)]
pub(crate) struct Bm25Query {
    term: Term,
    k1: Score,
    b: Score,
}

impl Bm25Query {
    pub(crate) fn new(term: Term, k1: Score, b: Score) -> Self {
        Bm25Query { term, k1, b }
    }
}

fn idf(doc_freq: u64, docs: u64) -> Score {
    let x = (docs.saturating_sub(doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

impl Query for Bm25Query {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let (idf, average) = match scoring {
            EnableScoring::Enabled {
                statistics_provider, ..
            } => {
                let docs = statistics_provider.total_num_docs()?.max(1);
                let tokens = statistics_provider.total_num_tokens(self.term.field())?;
                let doc_freq = statistics_provider.doc_freq(&self.term)?;
                (idf(doc_freq, docs), tokens as Score / docs as Score)
            }
            EnableScoring::Disabled { .. } => (0.0, 1.0),
        };
        Ok(Box::new(Bm25TermWeight {
            term: self.term.clone(),
            idf,
            average: average.max(1e-3),
            k1: self.k1,
            b: self.b,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct Bm25TermWeight {
    term: Term,
    idf: Score,
    average: Score,
    k1: Score,
    b: Score,
}

impl Weight for Bm25TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.term.field();
        let postings = reader
            .inverted_index(field)?
            .read_postings(&self.term, IndexRecordOption::WithFreqs)?;
        let Some(postings) = postings else {
            return Ok(Box::new(EmptyScorer));
        };
        Ok(Box::new(Bm25Scorer {
            postings,
            norms: reader.get_fieldnorms_reader(field)?,
            weight: self.idf * boost * (self.k1 + 1.0),
            k1: self.k1,
            b: self.b,
            average: self.average,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        let mut explanation = Explanation::new("BM25 (rasid's k1 and b)", scorer.score());
        explanation.add_const("idf", self.idf);
        explanation.add_const("k1", self.k1);
        explanation.add_const("b", self.b);
        Ok(explanation)
    }
}

struct Bm25Scorer {
    postings: SegmentPostings,
    norms: FieldNormReader,
    /// idf · boost · (k1 + 1).
    weight: Score,
    k1: Score,
    b: Score,
    average: Score,
}

impl DocSet for Bm25Scorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Bm25Scorer {
    fn score(&mut self) -> Score {
        let tf = self.postings.term_freq() as Score;
        let length = self.norms.fieldnorm(self.postings.doc()) as Score;
        let norm = self.k1 * (1.0 - self.b + self.b * length / self.average);
        self.weight * tf / (tf + norm)
    }
}
