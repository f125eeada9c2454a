//! `rasid train ner`: trains the named-entity tagger on ANERcorp.
//!
//! It calls what `cargo run -p xtask -- train-ner` calls
//! (`rasid::entities::train::train_with`, with `TrainOptions::default()` unless told
//! otherwise, on every sentence of the CAMeL train split), so with the shipped
//! gazetteer and clusters it writes the shipped `crates/rasid-entities/data/ner.bin`
//! byte for byte, and says so. Training is deterministic (fixed seed, fixed
//! order). `--dev` and `--held-out` train on the first 80 % of the sentences
//! and score the dev block (the next 12 %) or the held-out block (the last 8 %).
//!
//! `--mode accurate` trains the accurate tagger instead: the ensemble of
//! `rasid::entities::train::ACCURATE_MEMBERS` (each member a two-pass model
//! over its own feature set), written to `ner-accurate.bin`; it reproduces
//! the shipped `crates/rasid-entities/data/ner-accurate.bin` the same way.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use rasid::entities::train::{accurate_options, split, train_accurate, train_with_clusters, TrainOptions};
use rasid::entities::{eval, Clusters, Model, Ner, NerMode, NerResources};

use crate::report::Outcome as Exit;

/// The train split's file name in the ANERcorp folder.
const ANERCORP_TRAIN: &str = "anercorp_camel_train.conll";

/// Arguments of `rasid train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Train the named-entity tagger on ANERcorp (CoNLL, BIO tags) and write its
    /// weights; reproduces the shipped model.
    Ner(NerArgs),
}

/// Arguments of `rasid train ner`.
#[derive(Debug, clap::Args)]
struct NerArgs {
    /// The ANERcorp folder (holding anercorp_camel_train.conll), or a CoNLL file.
    #[arg(long, value_name = "DIR")]
    anercorp: PathBuf,

    /// Word clusters to train with (`form<TAB>id` lines) instead of the shipped
    /// ones. The tagger always runs with the shipped clusters, so a model trained
    /// with other clusters is for experiments, and is scored here with the shipped ones.
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,

    /// Which tagger to train: `fast` (one two-pass perceptron) or `accurate`
    /// (the ensemble).
    #[arg(long, value_name = "MODE", default_value_t = NerMode::Fast)]
    mode: NerMode,

    /// Threads for the accurate tagger's members (the weights do not depend on it).
    #[arg(long, value_name = "N", default_value_t = 1)]
    threads: usize,

    /// Where to write the weights [default: ner.bin, or ner-accurate.bin with
    /// --mode accurate; with --dev or --held-out, nothing is written unless
    /// this is given].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Train on the first 80 % of the sentences and score the dev block (the next 12 %).
    #[arg(long, conflicts_with = "held_out")]
    dev: bool,

    /// Train on the first 80 % of the sentences and score the held-out block (the last 8 %).
    #[arg(long)]
    held_out: bool,

    /// Passes over the data.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().epochs)]
    epochs: usize,

    /// log2 of the number of hashed feature buckets (4 to 24).
    #[arg(long, value_name = "B", default_value_t = TrainOptions::default().log2_buckets)]
    log2_buckets: u8,

    /// Sentences on either side that the second pass sees as the document (0: one pass).
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().doc_window)]
    doc_window: usize,

    /// Seed of the sentence shuffling.
    #[arg(long, value_name = "S", default_value_t = TrainOptions::default().seed)]
    seed: u64,

    /// Penalty on the outside tag, applied to the finished model.
    #[arg(long, value_name = "X", default_value_t = TrainOptions::default().outside_penalty)]
    outside_penalty: f32,

    /// Do not print progress after each epoch.
    #[arg(long, short)]
    quiet: bool,
}

/// Runs `rasid train`.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    match args.what {
        What::Ner(args) => ner(args),
    }
}

fn ner(args: NerArgs) -> anyhow::Result<Exit> {
    let path = if args.anercorp.is_dir() {
        args.anercorp.join(ANERCORP_TRAIN)
    } else {
        args.anercorp.clone()
    };
    let sentences = rasid::entities::conll::read(&path).with_context(|| format!("reading {}", path.display()))?;
    if sentences.is_empty() {
        anyhow::bail!("{}: no sentences", path.display());
    }
    let clusters = match &args.clusters {
        Some(file) => {
            let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            let clusters = Clusters::parse(&text);
            if clusters.is_empty() {
                anyhow::bail!("{}: no clusters (expected form<TAB>id lines)", file.display());
            }
            Some(clusters)
        }
        None => None,
    };
    let options = TrainOptions {
        epochs: args.epochs,
        log2_buckets: args.log2_buckets,
        doc_window: args.doc_window,
        outside_penalty: args.outside_penalty,
        seed: args.seed,
        features: 0,
    };
    let (train_part, dev, held_out) = split(&sentences);
    let scored = if args.dev {
        Some(("dev", dev))
    } else if args.held_out {
        Some(("held-out", held_out))
    } else {
        None
    };
    let training = if scored.is_some() {
        train_part
    } else {
        sentences.as_slice()
    };
    let default_out = match args.mode {
        NerMode::Fast => "ner.bin",
        NerMode::Accurate => "ner-accurate.bin",
    };
    let out = args
        .out
        .clone()
        .or_else(|| scored.is_none().then(|| PathBuf::from(default_out)));
    eprintln!(
        "rasid: training on {} of {} sentences in {}",
        training.len(),
        sentences.len(),
        path.display()
    );

    let started = Instant::now();
    if args.mode == NerMode::Accurate {
        if clusters.is_some() {
            anyhow::bail!("--clusters is for the fast tagger only");
        }
        let members = accurate_options(&options);
        let quiet = args.quiet;
        let ensemble = train_accurate(training, &members, args.threads, &|k, _| {
            if !quiet {
                eprintln!(
                    "rasid: member {} of {} trained ({:.1} s)",
                    k + 1,
                    members.len(),
                    started.elapsed().as_secs_f64()
                );
            }
        })?;
        let bytes = ensemble.to_bytes();
        let mut stdout = std::io::stdout().lock();
        if let Some(out) = &out {
            write_model(out, &bytes, Some(&rasid::entities::inputs_fingerprint()))?;
            let shipped = Ner::new()
                .with_mode(NerMode::Accurate)
                .ensemble()
                .map(rasid::entities::Ensemble::to_bytes);
            let same = if shipped.as_deref() == Some(bytes.as_slice()) {
                "identical to the shipped model"
            } else {
                "differs from the shipped model"
            };
            writeln!(
                stdout,
                "wrote {} ({} bytes, {} members; {same}) in {:.1} s",
                out.display(),
                bytes.len(),
                ensemble.members().len(),
                started.elapsed().as_secs_f64()
            )?;
        }
        if let Some((name, set)) = scored {
            let resources = NerResources {
                accurate: Some(Arc::new(ensemble)),
                ..NerResources::embedded()
            };
            let ner = Ner::with_resources(resources, rasid::text::Analyzer::default()).with_mode(NerMode::Accurate);
            let report = eval::evaluate_in_context(&ner, set, options.doc_window);
            writeln!(
                stdout,
                "{name}: {} sentences, each with ±{} sentences as its document",
                set.len(),
                options.doc_window
            )?;
            writeln!(stdout, "{report}")?;
        }
        return Ok(Exit::Ok);
    }
    let mut on_epoch = |epoch: usize, _: &Model| {
        if !args.quiet {
            eprintln!(
                "rasid: epoch {epoch}/{} ({:.1} s)",
                options.epochs,
                started.elapsed().as_secs_f64()
            );
        }
    };
    let model = match &clusters {
        Some(clusters) => train_with_clusters(training, &options, clusters, &mut on_epoch),
        None => rasid::entities::train::train_with(training, &options, on_epoch),
    };
    let bytes = model.to_bytes();
    let mut stdout = std::io::stdout().lock();
    if let Some(out) = &out {
        let trained_on = clusters.is_none().then(rasid::entities::inputs_fingerprint);
        write_model(out, &bytes, trained_on.as_deref())?;
        let shipped = Ner::new().model().to_bytes();
        let same = if bytes == shipped {
            "identical to the shipped model"
        } else {
            "differs from the shipped model"
        };
        writeln!(
            stdout,
            "wrote {} ({} bytes, {} non-zero rows; {same}) in {:.1} s",
            out.display(),
            bytes.len(),
            model.nonzero_rows(),
            started.elapsed().as_secs_f64()
        )?;
    }
    if let Some((name, set)) = scored {
        // Score with the clusters the model was trained with.
        let mut resources = NerResources::embedded().with_model(Arc::new(model));
        if let Some(clusters) = clusters {
            resources.clusters = Arc::new(clusters);
        }
        let ner = Ner::with_resources(resources, rasid::text::Analyzer::default());
        let report = eval::evaluate_in_context(&ner, set, options.doc_window);
        writeln!(
            stdout,
            "{name}: {} sentences, each with ±{} sentences as its document",
            set.len(),
            options.doc_window
        )?;
        writeln!(stdout, "{report}")?;
    }
    Ok(Exit::Ok)
}

/// Writes the weights through a temporary file, so a failed run leaves no half
/// model, and beside them (`ner.bin.inputs`) the fingerprint of the inputs they
/// were trained with when those are the shipped ones (`trained_on`; a test
/// compares the shipped weights' record with today's inputs).
fn write_model(out: &Path, bytes: &[u8], trained_on: Option<&str>) -> anyhow::Result<()> {
    let tmp = out.with_extension("bin.tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("writing {}", out.display()))?;
    let record = rasid::entities::inputs_record(out);
    match trained_on {
        Some(fingerprint) => std::fs::write(&record, format!("{fingerprint}\n")),
        None => std::fs::remove_file(&record).or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        }),
    }
    .with_context(|| format!("writing {}", record.display()))?;
    Ok(())
}
