//! Measures duplicate detection and story clustering on a corpus, the way
//! `rasid stories build` runs them, and scores them against what the corpus
//! provides.
//!
//! ```sh
//! cargo run --release -p rasid-stories --example corpus_stories -- \
//!     --mode dedup --dups ../shared/data/news/dev_duplicates.tsv ../shared/data/news/*.jsonl.gz
//! cargo run --release -p rasid-stories --example corpus_stories -- --mode stories ../shared/data/news/*.jsonl.gz
//! ```
//!
//! * `--mode dedup`: analysis, fingerprints and grouping only; with `--dups
//!   FILE.tsv` (`group<TAB>external id<TAB>source`), pair precision and recall
//!   of the groups found against the groups listed; `--sample N` prints N
//!   random groups found, for a hand check.
//! * `--mode stories`: the whole build (analysis, entities, times,
//!   fingerprints, grouping, clustering, SQLite writes) into a temporary
//!   store; purity and adjusted Rand index of the stories against the
//!   articles' categories, where they have one; `--sample N` prints N random
//!   stories of three or more reports.
//! * `--dump FILE`: (stories mode) every article's external id, outlet,
//!   category, story and duplicate group as tab-separated lines, for scoring
//!   elsewhere (`eval/stories/score.py`: purity against categories and the
//!   verified duplicate pairs).
//! * `--max-span DAYS`: (stories mode) the longest a story may span, for
//!   measuring the choice of `cluster::MAX_SPAN_SECONDS` (0: no limit).
//! * `--mode index --index DIR FILES`: writes the articles into a rasid
//!   index at DIR (analysis and extraction stored, as `rasid index` does),
//!   and `--mode update --index DIR`: brings that index's stories store up to
//!   date with `rasid_stories::update`, the call `rasid stories build` makes:
//!   `/usr/bin/time -v` on it measures the stories build alone.
//! * `--no-learn`: (stories mode) gives each article an outlet of its own
//!   while building, so that no line is repeated by an outlet and nothing is
//!   learnt as boilerplate: the build as it was before boilerplate learning
//!   (with `--max-span 0`, before the span limit too).
//! * `--fraction F`: only the first F of each file's articles (file order is
//!   time order), for the growth curve.
//! * A file whose name contains `saudinewsnet` is read with its `crawled`
//!   field as the publication time (that corpus has no other).
//!
//! The last line gives the peak resident memory of the process (VmHWM).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // a measuring tool

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use rasid_core::Article;
use rasid_search::eval::Rng;
use rasid_stories::cluster::Clusterer;
use rasid_stories::dedup::{fingerprint, Deduper};
use rasid_stories::{ListQuery, Store, StoryBuilder, BATCH};
use rasid_text::Analyzer;
use rayon::prelude::*;

struct Options {
    mode: String,
    dups: Option<PathBuf>,
    fraction: f64,
    sample: usize,
    seed: u64,
    dump: Option<PathBuf>,
    index: Option<PathBuf>,
    no_learn: bool,
    max_span: Option<i64>,
    files: Vec<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        mode: "dedup".into(),
        dups: None,
        fraction: 1.0,
        sample: 0,
        seed: 1,
        dump: None,
        index: None,
        no_learn: false,
        max_span: None,
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mode" => o.mode = args.next().expect("--mode dedup|stories"),
            "--dups" => o.dups = args.next().map(PathBuf::from),
            "--dump" => o.dump = args.next().map(PathBuf::from),
            "--index" => o.index = args.next().map(PathBuf::from),
            "--no-learn" => o.no_learn = true,
            "--max-span" => {
                let days: i64 = args.next().and_then(|v| v.parse().ok()).expect("--max-span DAYS");
                o.max_span = Some(if days == 0 { i64::MAX } else { days * 86_400 });
            }
            "--fraction" => o.fraction = args.next().and_then(|v| v.parse().ok()).expect("--fraction F"),
            "--sample" => o.sample = args.next().and_then(|v| v.parse().ok()).expect("--sample N"),
            "--seed" => o.seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            _ => o.files.push(PathBuf::from(a)),
        }
    }
    o
}

fn read(o: &Options) -> Vec<Article> {
    let mut all = Vec::new();
    for path in &o.files {
        // SaudiNewsNet gives no publication time, only when the page was crawled
        // (upstream: probably the publication day): read that as the date.
        let mut read = rasid_ingest::ReadOptions::default();
        if path.to_string_lossy().contains("saudinewsnet") {
            read.fields.published = "crawled".into();
        }
        let articles: Vec<Article> = rasid_ingest::read_path(path, &read)
            .filter_map(Result::ok)
            .filter(|a| !a.body.trim().is_empty())
            .collect();
        let n = (articles.len() as f64 * o.fraction).round() as usize;
        all.extend(articles.into_iter().take(n));
    }
    all
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

fn main() {
    let o = options();
    if o.mode == "update" {
        let dir = o.index.as_deref().expect("--index DIR");
        let index = rasid_search::Index::open(dir).unwrap();
        let mut store = Store::open(&rasid_stories::store_path(dir)).unwrap();
        let report = rasid_stories::update(&index, &mut store, &mut |_, _| {}).unwrap();
        let counts = store.counts().unwrap();
        println!(
            "update: {} articles added in {:.1} s; {} stories, {} duplicate groups",
            report.added, report.seconds, counts.stories, counts.duplicate_groups
        );
        println!("peak RSS {:.1} MB", peak_rss_kb() as f64 / 1000.0);
        return;
    }
    let started = Instant::now();
    let articles = read(&o);
    let read_s = started.elapsed().as_secs_f64();
    eprintln!("{} articles read in {read_s:.1} s", articles.len());
    match o.mode.as_str() {
        "dedup" => dedup(&o, &articles),
        "stories" => stories(&o, articles),
        "index" => {
            let index = rasid_search::Index::create_or_open(o.index.as_deref().expect("--index DIR")).unwrap();
            let mut writer = index
                .writer(rasid_search::WriterOptions::default(), "corpus_stories")
                .unwrap();
            for chunk in articles.chunks(BATCH) {
                writer.add_batch(chunk.to_vec()).unwrap();
            }
            writer.finish().unwrap();
        }
        other => panic!("unknown mode {other}"),
    }
    println!("peak RSS {:.1} MB", peak_rss_kb() as f64 / 1000.0);
}

fn dedup(o: &Options, articles: &[Article]) {
    let started = Instant::now();
    let analyzer = Analyzer::default();
    let fps: Vec<_> = articles.par_iter().map(|a| fingerprint(&analyzer.analyze(a))).collect();
    let fp_s = started.elapsed().as_secs_f64();
    let mut d = Deduper::default();
    let ids: Vec<u32> = fps.iter().map(|f| d.add(f)).collect();
    let groups: Vec<u32> = ids.iter().map(|&i| d.group(i)).collect();
    let total_s = started.elapsed().as_secs_f64();
    let mut size: HashMap<u32, u64> = HashMap::new();
    for g in &groups {
        *size.entry(*g).or_default() += 1;
    }
    let multi = size.values().filter(|&&n| n > 1).count();
    let copies: u64 = size.values().map(|n| n - 1).sum();
    println!(
        "dedup: {} articles, {} groups of 2+ ({} articles in them, {} copies), largest {}",
        articles.len(),
        multi,
        size.values().filter(|&&n| n > 1).sum::<u64>(),
        copies,
        size.values().max().unwrap_or(&0)
    );
    println!(
        "time: {total_s:.2} s ({:.0} articles/s): analysis+fingerprint {fp_s:.2} s (parallel), grouping {:.3} s (one thread, {:.0} articles/s)",
        articles.len() as f64 / total_s,
        total_s - fp_s,
        articles.len() as f64 / (total_s - fp_s).max(1e-9)
    );
    if let Some(path) = &o.dups {
        let text = std::fs::read_to_string(path).unwrap();
        let mut gold: HashMap<String, String> = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            if let (Some(g), Some(id)) = (f.next(), f.next()) {
                gold.insert(id.to_owned(), g.to_owned());
            }
        }
        // Pairs among the articles read, by their external ids.
        let mut gold_size: HashMap<&str, u64> = HashMap::new();
        let mut both: HashMap<(&str, u32), u64> = HashMap::new();
        let mut found_size: HashMap<u32, u64> = HashMap::new();
        for (a, g) in articles.iter().zip(&groups) {
            *found_size.entry(*g).or_default() += 1;
            if let Some(gg) = a.external_id.as_deref().and_then(|x| gold.get(x)) {
                *gold_size.entry(gg).or_default() += 1;
                *both.entry((gg, *g)).or_default() += 1;
            }
        }
        let t: u64 = gold_size.values().map(|&n| pairs(n)).sum();
        let f: u64 = found_size.values().map(|&n| pairs(n)).sum();
        let c: u64 = both.values().map(|&n| pairs(n)).sum();
        let p = c as f64 / f.max(1) as f64;
        let r = c as f64 / t.max(1) as f64;
        println!(
            "against {}: gold pairs {t}, found pairs {f}, in both {c}: precision {p:.4}, recall {r:.4}, F1 {:.4}",
            path.display(),
            2.0 * p * r / (p + r).max(1e-12)
        );
        let gold_groups = gold_size.values().filter(|&&n| n > 1).count();
        println!("gold groups among these articles: {gold_groups}");
    }
    if o.sample > 0 {
        let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            members.entry(*g).or_default().push(i);
        }
        let mut multi: Vec<&Vec<usize>> = members.values().filter(|m| m.len() > 1).collect();
        multi.sort();
        let mut rng = Rng::new(o.seed);
        for k in 0..o.sample.min(multi.len()) {
            let pick = k + rng.below(multi.len() - k);
            multi.swap(k, pick);
            let group = multi[k];
            println!("\n## group {} ({} articles)", k + 1, group.len());
            let first = &fps[group[0]];
            for &i in group {
                let a = &articles[i];
                let j = match (&first.signature, &fps[i].signature) {
                    (Some(x), Some(y)) => format!("{:.2}", x.jaccard(y)),
                    _ => "-".into(),
                };
                let body: String = a.body.chars().take(160).collect::<String>().replace('\n', " ");
                println!(
                    "- {} · {} · {} · J≈{j} · {}\n  {}",
                    a.external_id.as_deref().unwrap_or("-"),
                    a.source.as_deref().unwrap_or("-"),
                    a.published.map(|p| p.to_string()).unwrap_or_default(),
                    a.title,
                    body
                );
            }
        }
    }
}

fn stories(o: &Options, articles: Vec<Article>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("stories.sqlite")).unwrap();
    let mut settings = Clusterer::default();
    if let Some(span) = o.max_span {
        settings = settings.with_max_span(span);
    }
    let mut engine = StoryBuilder::load_with(&store, rasid_pipeline::Pipeline::default(), settings).unwrap();
    let categories: HashMap<String, String> = articles
        .iter()
        .filter_map(|a| Some((a.id.to_string(), a.category.clone()?)))
        .collect();
    let titles: HashMap<String, (String, String, String)> = articles
        .iter()
        .map(|a| {
            let lead: String = a.body.split_whitespace().take(30).collect::<Vec<_>>().join(" ");
            (
                a.id.to_string(),
                (a.title.clone(), a.external_id.clone().unwrap_or_default(), lead),
            )
        })
        .collect();
    let sources: HashMap<String, String> = articles
        .iter()
        .map(|a| (a.id.to_string(), a.source.clone().unwrap_or_default()))
        .collect();
    let n = articles.len();
    // The order `rasid stories build` processes a fresh index in: by publication time.
    let mut articles = articles;
    articles.sort_by_key(|a| (a.published.is_none(), a.published));
    let started = Instant::now();
    if o.no_learn {
        for a in &mut articles {
            a.source = Some(a.id.to_string());
        }
    }
    // As `rasid stories build` does: every article's lines counted first.
    for a in &articles {
        engine.learn(a.id.as_str(), a.source.as_deref(), &a.body);
    }
    let mut rest = articles;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(BATCH));
        let batch = std::mem::replace(&mut rest, tail);
        engine.add_batch(&mut store, batch).unwrap();
    }
    let total = started.elapsed().as_secs_f64();
    let t = engine.timings();
    let counts = store.counts().unwrap();
    println!(
        "stories: {n} articles in {total:.1} s ({:.0} articles/s); {} stories, {} duplicate groups, {} copies",
        n as f64 / total,
        counts.stories,
        counts.duplicate_groups,
        counts.copies
    );
    println!(
        "time: prepare (analysis, entities, times, fingerprints; parallel) {:.1} s, dedup {:.2} s ({:.0} articles/s), \
         clustering {:.2} s ({:.0} articles/s), store writes {:.2} s",
        t.prepare,
        t.dedup,
        n as f64 / t.dedup.max(1e-9),
        t.cluster,
        n as f64 / t.cluster.max(1e-9),
        t.write
    );
    let all = store
        .stories(&ListQuery {
            limit: usize::MAX >> 1,
            ..ListQuery::default()
        })
        .unwrap();
    let sizes: Vec<u64> = all.iter().map(|s| s.articles).collect();
    let singletons = sizes.iter().filter(|&&s| s == 1).count();
    println!(
        "story sizes: {} stories, {} with one article, {} with 10+, largest {:?}",
        sizes.len(),
        singletons,
        sizes.iter().filter(|&&s| s >= 10).count(),
        &sizes[..sizes.len().min(8)]
    );
    for s in all.iter().take(8) {
        println!(
            "  #{}: {} articles ({} reports), {:?} … {:?}: {} | {}",
            s.id,
            s.articles,
            s.reports,
            s.first,
            s.last,
            s.label.terms.join(" · "),
            s.label.entities.join(" · ")
        );
    }
    if let Some(path) = &o.dump {
        let ids: Vec<String> = titles.keys().cloned().collect();
        let of = store.groups_of(&ids).unwrap();
        let mut lines: Vec<String> = ids
            .iter()
            .filter_map(|id| {
                let (group, story) = of.get(id)?;
                let ext = &titles[id].1;
                let cat = categories.get(id).map_or("-", String::as_str);
                Some(format!("{ext}\t{}\t{cat}\t{story}\t{group}", sources[id]))
            })
            .collect();
        lines.sort();
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }
    // Purity and ARI against categories.
    let ids: Vec<String> = categories.keys().cloned().collect();
    let of = store.groups_of(&ids).unwrap();
    let mut table: HashMap<(i64, &str), u64> = HashMap::new();
    let mut by_story: HashMap<i64, u64> = HashMap::new();
    let mut by_cat: HashMap<&str, u64> = HashMap::new();
    for (id, cat) in &categories {
        if let Some((_, story)) = of.get(id) {
            *table.entry((*story, cat.as_str())).or_default() += 1;
            *by_story.entry(*story).or_default() += 1;
            *by_cat.entry(cat.as_str()).or_default() += 1;
        }
    }
    let total_n: u64 = by_story.values().sum();
    if total_n > 0 {
        let mut best: HashMap<i64, u64> = HashMap::new();
        for ((s, _), c) in &table {
            let b = best.entry(*s).or_default();
            *b = (*b).max(*c);
        }
        let purity = best.values().sum::<u64>() as f64 / total_n as f64;
        let comb = |n: u64| (n * n.saturating_sub(1) / 2) as f64;
        let index: f64 = table.values().map(|&c| comb(c)).sum();
        let a: f64 = by_story.values().map(|&c| comb(c)).sum();
        let b: f64 = by_cat.values().map(|&c| comb(c)).sum();
        let expected = a * b / comb(total_n);
        let ari = (index - expected) / (0.5 * (a + b) - expected);
        let multi: u64 = by_story.values().filter(|&&c| c > 1).sum();
        println!(
            "against categories ({} categories, {total_n} articles): purity {purity:.4}, ARI {ari:.4} ({multi} articles in stories of 2+)",
            by_cat.len()
        );
        // The same on stories of two or more articles only (a singleton is always pure).
        let keep: HashSet<i64> = by_story.iter().filter(|(_, &c)| c > 1).map(|(s, _)| *s).collect();
        let pure: u64 = best.iter().filter(|(s, _)| keep.contains(s)).map(|(_, c)| c).sum();
        println!("purity over stories of 2+: {:.4}", pure as f64 / multi.max(1) as f64);
    }
    if o.sample > 0 {
        let candidates: Vec<_> = all.iter().filter(|s| s.reports >= 3).collect();
        let mut rng = Rng::new(o.seed);
        let mut picked: Vec<usize> = (0..candidates.len()).collect();
        for k in 0..o.sample.min(picked.len()) {
            let j = k + rng.below(picked.len() - k);
            picked.swap(k, j);
        }
        for (k, &i) in picked.iter().take(o.sample).enumerate() {
            let s = candidates[i];
            println!(
                "\n## story {} (#{}: {} articles, {} reports, {:?} … {:?})\nlabel: {} | {}",
                k + 1,
                s.id,
                s.articles,
                s.reports,
                s.first,
                s.last,
                s.label.terms.join(" · "),
                s.label.entities.join(" · ")
            );
            let members = store.members(s.id).unwrap();
            for m in rasid_stories::fold(members).iter().take(25) {
                let (title, ext, lead) = &titles[&m.article.id];
                let cat = categories.get(&m.article.id).map_or("-", String::as_str);
                println!(
                    "- {} · {} · {} · {} · {}{}",
                    m.article
                        .published
                        .and_then(|p| jiff::Timestamp::from_second(p).ok())
                        .map(|t| t.strftime("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    m.article.source.as_deref().unwrap_or("-"),
                    cat,
                    ext,
                    title,
                    if m.copies.is_empty() {
                        String::new()
                    } else {
                        format!(" (+{} copies)", m.copies.len())
                    }
                );
                println!("    {lead}");
            }
        }
    }
}
