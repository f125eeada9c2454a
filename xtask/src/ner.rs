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
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} non-zero rows)",
        out.display(),
        bytes.len(),
        model.nonzero_rows()
    );
    Ok(())
}
