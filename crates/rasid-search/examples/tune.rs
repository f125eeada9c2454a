//! Dev-only tuning helper: index a JSONL file's bodies once into DIR (kept),
//! then run the title queries with each ranking and print MRR@10; with
//! `--misses N` print N queries whose target is not first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::Instant;

use rasid_core::Article;
use rasid_search::eval::{perturb, Rng};
use rasid_search::tokenizer::search_tokens;
use rasid_search::WriterOptions;
use rasid_search::{Index, Pipeline, Ranking, SearchRequest};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let dir = std::path::PathBuf::from(args.next().unwrap());
    let (mut rankings, mut misses, mut noisy, mut limit) = (Vec::<Ranking>::new(), 0usize, None, usize::MAX);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ranking" => rankings.push(args.next().unwrap().parse().unwrap()),
            "--misses" => misses = args.next().unwrap().parse().unwrap(),
            "--noisy" => noisy = Some(args.next().unwrap().parse::<u64>().unwrap()),
            "--limit" => limit = args.next().unwrap().parse().unwrap(),
            "--missing" => {
                missing(&text_of(&path, limit));
                return;
            }
            other => panic!("unknown {other}"),
        }
    }
    let articles = text_of(&path, limit);
    run(articles, &dir, rankings, misses, noisy);
}

/// Query words whose term is not among the target body's terms, most frequent first.
fn missing(articles: &[Article]) {
    let analyzer = rasid_text::Analyzer::default();
    let mut counts: std::collections::HashMap<String, (usize, String)> = Default::default();
    let (mut total, mut absent) = (0usize, 0usize);
    for a in articles {
        let body: std::collections::HashSet<String> =
            search_tokens(&analyzer, &a.body).into_iter().map(|t| t.text).collect();
        for t in search_tokens(&analyzer, &a.title) {
            total += 1;
            let forms = rasid_search::query::variant_words(&t.text);
            let found = forms
                .iter()
                .any(|f| search_tokens(&analyzer, f).iter().any(|x| body.contains(&x.text)));
            if !body.contains(&t.text) && !found {
                absent += 1;
                let e = counts
                    .entry(t.text.clone())
                    .or_insert((0, a.title[t.offset_from..t.offset_to].to_owned()));
                e.0 += 1;
            }
        }
    }
    println!("{absent} of {total} title terms not in the body");
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0));
    for (term, (n, surface)) in v.iter().take(150) {
        println!("{n}\t{term}\t{surface}");
    }
}

fn text_of(path: &str, limit: usize) -> Vec<Article> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
            if s("body").trim().is_empty() {
                return None;
            }
            let mut b = Article::builder(s("title"), s("body")).source(s("source"));
            if let Ok(t) = s("published").parse::<rasid_core::Timestamp>() {
                b = b.published(t);
            }
            Some(b.build())
        })
        .take(limit)
        .collect()
}

fn run(articles: Vec<Article>, dir: &std::path::Path, mut rankings: Vec<Ranking>, misses: usize, noisy: Option<u64>) {
    let pipeline = Pipeline::builder().extractors([]).build();
    let fresh = !dir.exists();
    let index = Index::create_or_open_with(dir, pipeline).unwrap();
    if fresh {
        let mut writer = index
            .writer(
                WriterOptions {
                    threads: 1,
                    memory_bytes: 40_000_000,
                    ..WriterOptions::default()
                },
                "tune",
            )
            .unwrap();
        for batch in articles.chunks(512) {
            let batch: Vec<Article> = batch
                .iter()
                .map(|a| {
                    let mut a = a.clone();
                    a.title = String::new();
                    a
                })
                .collect();
            writer.add_batch(batch).unwrap();
        }
        writer.finish().unwrap();
    }
    if rankings.is_empty() {
        rankings.push(Ranking::default());
    }
    let mut rng = noisy.map(Rng::new);
    let queries: Vec<(String, String, String)> = articles
        .iter()
        .filter(|a| !a.title.trim().is_empty())
        .map(|a| {
            let q = match rng.as_mut() {
                Some(r) => perturb(&a.title, r),
                None => a.title.clone(),
            };
            (a.id.to_string(), q, a.source.clone().unwrap_or_default())
        })
        .collect();
    for ranking in &rankings {
        let (mut rr, mut first, mut shown) = (0.0, 0usize, 0usize);
        let mut per_source: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
        let mut times = Vec::with_capacity(queries.len());
        for (target, q, source) in &queries {
            let started = Instant::now();
            let mut request = SearchRequest::new(q.as_str());
            request.ranking = *ranking;
            request.snippets = false;
            request.facets = false;
            let rank = index
                .search(&request)
                .ok()
                .and_then(|r| r.hits.iter().position(|h| h.id.as_str() == target));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            let r = rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
            rr += r;
            let e = per_source.entry(source.clone()).or_default();
            e.0 += r;
            e.1 += 1;
            first += usize::from(rank == Some(0));
            if rank != Some(0) && shown < misses {
                shown += 1;
                println!("MISS rank={rank:?} {q}");
            }
        }
        times.sort_by(f64::total_cmp);
        let n = queries.len() as f64;
        let p = |x: f64| times[((times.len() - 1) as f64 * x).round() as usize];
        println!(
            "{ranking}\tMRR@10 {:.4}\tR@1 {:.4}\tp50 {:.2} p99 {:.2} ms",
            rr / n,
            first as f64 / n,
            p(0.5),
            p(0.99)
        );
        let line: Vec<String> = per_source
            .iter()
            .map(|(s, (r, c))| format!("{s} {:.3}", r / *c as f64))
            .collect();
        println!("  {}", line.join(", "));
    }
}
