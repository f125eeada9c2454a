//! `train-ner`: trains the tagger on the ANERcorp train split in
//! `../shared/data/anercorp/` and writes `crates/rasid-entities/data/ner.bin`
//! (deterministic: fixed seed, fixed order). With `--dev`, trains on the
//! first 80 % only and scores the dev block (80–92 %) after every epoch; with
//! `--held-out`, also the last 8 %.

use anyhow::{Context, Result};
use rasid_entities::train::{split, train_with, TrainOptions};
use rasid_entities::{eval, Ner};

use crate::root;

pub fn run(
    epochs: usize,
    log2_buckets: u8,
    outside_penalty: f32,
    doc_window: usize,
    seed: u64,
    dev: bool,
    held_out: bool,
) -> Result<()> {
    let path = root()
        .join("..")
        .join("shared")
        .join("data")
        .join("anercorp")
        .join("anercorp_camel_train.conll");
    let sentences = rasid_entities::conll::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let opts = TrainOptions {
        epochs,
        log2_buckets,
        outside_penalty,
        doc_window,
        seed,
        features: 0,
    };
    let (train, dev_set, held) = split(&sentences);
    let start = std::time::Instant::now();
    if dev || held_out {
        eprintln!(
            "train {} sentences, dev {}, held-out {}",
            train.len(),
            dev_set.len(),
            held.len()
        );
        let model = train_with(train, &opts, |epoch, model| {
            if dev {
                let ner = Ner::with_model(std::sync::Arc::new(model.clone()));
                let r = eval::evaluate_in_context(&ner, dev_set, doc_window);
                eprintln!(
                    "epoch {epoch}: dev F1 {:.2} ({:.1}s)",
                    r.micro.f1,
                    start.elapsed().as_secs_f64()
                );
            }
        });
        let set = if held_out { held } else { dev_set };
        if !held_out {
            for delta in [0.0f32, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0] {
                let mut m = model.clone();
                m.penalise_outside(delta);
                let r = eval::evaluate_in_context(&Ner::with_model(std::sync::Arc::new(m)), set, doc_window);
                eprintln!(
                    "outside penalty {delta}: dev F1 {:.2} P {:.2} R {:.2}",
                    r.micro.f1, r.micro.precision, r.micro.recall
                );
            }
        }
        let dev_model = std::env::temp_dir().join("rasid-entities-dev.bin");
        std::fs::write(&dev_model, model.to_bytes())?;
        eprintln!("dev model saved to {}", dev_model.display());
        let ner = Ner::with_model(std::sync::Arc::new(model));
        let name = if held_out { "held-out" } else { "dev" };
        let r = eval::evaluate(&ner, set);
        println!("{name}, each sentence alone");
        println!("{r}");
        println!("tokens/s {:.0}", r.tokens_per_second);
        let r = eval::evaluate_in_context(&ner, set, doc_window);
        println!("{name}, in context (±{doc_window} sentences)");
        println!("{r}");
        println!("tokens/s {:.0}", r.tokens_per_second);
        return Ok(());
    }
    let model = train_with(&sentences, &opts, |epoch, _| {
        eprintln!("epoch {epoch} ({:.1}s)", start.elapsed().as_secs_f64())
    });
    let out = root()
        .join("crates")
        .join("rasid-entities")
        .join("data")
        .join("ner.bin");
    let bytes = model.to_bytes();
    write_shipped(&out, &bytes)?;
    eprintln!(
        "wrote {} ({} bytes, {} non-zero rows)",
        out.display(),
        bytes.len(),
        model.nonzero_rows()
    );
    Ok(())
}

/// Writes shipped weights and, beside them, the fingerprint of the inputs
/// they were trained with (`ner.bin.inputs`), which a test compares with today's.
fn write_shipped(out: &std::path::Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(out, bytes).with_context(|| format!("writing {}", out.display()))?;
    let record = rasid_entities::inputs_record(out);
    let fingerprint = rasid_entities::inputs_fingerprint();
    std::fs::write(&record, format!("{fingerprint}\n")).with_context(|| format!("writing {}", record.display()))
}

/// The seed each feature set had in the runs of EVALUATION.md's member
/// table, so `--members 0,3,4,5,6` trains those members again.
const EXPERIMENT_SEEDS: [(u8, u64); 5] = [
    (0, 0x0052_4153_4944),
    (3, 0x0041_4343_5552),
    (4, 0x0057_4944_4531),
    (5, 0x0053_9bf5_246f),
    (6, 0x0050_398e_afa0),
];

/// `train-ner --accurate`: trains the accurate tagger's members (the
/// default set, or the feature sets of `--members 0,3,4`) on `threads`
/// threads and writes `crates/rasid-entities/data/ner-accurate.bin`; with
/// `--dev` (or `--held-out`) trains on the first 80 %, caches each member in
/// the temporary folder (keyed by its settings) and scores every member
/// alone and every combination of them.
pub fn run_accurate(base: TrainOptions, members: &str, threads: usize, dev: bool, held_out: bool) -> Result<()> {
    use rasid_entities::train::{accurate_options, train_accurate, ACCURATE_MEMBERS};
    use rasid_entities::{Ensemble, Member, NerMode, NerResources};
    use std::sync::Arc;

    let path = root()
        .join("..")
        .join("shared")
        .join("data")
        .join("anercorp")
        .join("anercorp_camel_train.conll");
    let sentences = rasid_entities::conll::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut options = accurate_options(&base);
    if !members.is_empty() {
        options = members
            .split(',')
            .enumerate()
            .map(|(k, f)| {
                let features: u8 = f.trim().parse().map_err(|e| anyhow::anyhow!("--members {f}: {e}"))?;
                let seed = EXPERIMENT_SEEDS
                    .iter()
                    .chain(ACCURATE_MEMBERS.iter())
                    .find(|m| m.0 == features)
                    .map_or(base.seed ^ (k as u64 * 0x9e37_79b9), |m| m.1);
                Ok(TrainOptions { features, seed, ..base })
            })
            .collect::<Result<Vec<_>>>()?;
    }
    let start = std::time::Instant::now();
    let (train, dev_set, held) = split(&sentences);
    if !(dev || held_out) {
        let ens = train_accurate(&sentences, &options, threads, &|k, _| {
            eprintln!("member {k} done ({:.1}s)", start.elapsed().as_secs_f64())
        })?;
        let out = root()
            .join("crates")
            .join("rasid-entities")
            .join("data")
            .join("ner-accurate.bin");
        let bytes = ens.to_bytes();
        write_shipped(&out, &bytes)?;
        eprintln!(
            "wrote {} ({} bytes, {} bytes in memory) in {:.1}s",
            out.display(),
            bytes.len(),
            ens.memory_bytes(),
            start.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    // Dev: members cached by their settings.
    let cache = |o: &TrainOptions| {
        std::env::temp_dir().join(format!(
            "rasid-accurate-f{}-s{:x}-e{}-b{}-w{}.bin",
            o.features, o.seed, o.epochs, o.log2_buckets, o.doc_window
        ))
    };
    let mut got: Vec<Member> = Vec::new();
    let mut todo: Vec<TrainOptions> = Vec::new();
    for o in &options {
        match std::fs::read(cache(o))
            .ok()
            .and_then(|b| rasid_entities::Model::from_bytes(&b).ok())
        {
            Some(model) => got.push(Member {
                features: o.features,
                model,
            }),
            None => todo.push(*o),
        }
    }
    eprintln!(
        "train {} sentences, dev {}, held-out {}; {} members cached, {} to train",
        train.len(),
        dev_set.len(),
        held.len(),
        got.len(),
        todo.len()
    );
    if !todo.is_empty() {
        let ens = train_accurate(train, &todo, threads, &|k, m| {
            eprintln!("member {k} done ({:.1}s)", start.elapsed().as_secs_f64());
            if let Some(o) = todo.get(k) {
                let _ = std::fs::write(cache(o), m.model.to_bytes());
            }
        })?;
        got.extend(ens.members().iter().cloned());
    }
    // Members back in the order asked.
    let mut ordered = Vec::new();
    for o in &options {
        if let Some(i) = got.iter().position(|m| m.features == o.features) {
            ordered.push(got.remove(i));
        }
    }
    let set = if held_out { held } else { dev_set };
    let name = if held_out { "held-out" } else { "dev" };
    let score = |members: Vec<Member>| -> Result<rasid_entities::Report> {
        let ens = Ensemble::new(members)?;
        let res = NerResources {
            accurate: Some(Arc::new(ens)),
            ..NerResources::embedded()
        };
        let ner = Ner::with_resources(res, rasid_text::Analyzer::default()).with_mode(NerMode::Accurate);
        Ok(eval::evaluate_in_context(&ner, set, base.doc_window))
    };
    let n = ordered.len();
    if !held_out {
        let full = (1u32 << n) - 1;
        for mask in 1u32..=full {
            // Every subset of up to three members; with more, each member
            // alone and the set without each one.
            let size = mask.count_ones() as usize;
            if n > 3 && !(size == 1 || size + 1 == n) {
                continue;
            }
            let subset: Vec<Member> = (0..n)
                .filter(|k| mask & (1 << k) != 0)
                .filter_map(|k| ordered.get(k).cloned())
                .collect();
            let feats: Vec<String> = subset.iter().map(|m| m.features.to_string()).collect();
            let r = score(subset)?;
            println!(
                "{name} members [{}]: F1 {:.2} P {:.2} R {:.2} ({:.0} tokens/s)",
                feats.join(","),
                r.micro.f1,
                r.micro.precision,
                r.micro.recall,
                r.tokens_per_second
            );
        }
    }
    if !held_out {
        for delta in [1.0f32, 2.0, 3.0, 4.0] {
            let penalised: Vec<Member> = ordered
                .iter()
                .map(|m| {
                    let mut m = m.clone();
                    m.model.penalise_outside(delta);
                    m
                })
                .collect();
            let r = score(penalised)?;
            println!(
                "{name} all members, outside penalty {delta} each: F1 {:.2} P {:.2} R {:.2}",
                r.micro.f1, r.micro.precision, r.micro.recall
            );
        }
    }
    let r = score(ordered)?;
    println!("{name}, accurate, in context (±{} sentences)", base.doc_window);
    println!("{r}");
    println!("tokens/s {:.0}", r.tokens_per_second);
    Ok(())
}
