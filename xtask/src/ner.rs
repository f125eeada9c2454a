//! `train-ner`: trains the tagger on the ANERcorp train split in
//! `../shared/data/anercorp/` and writes `crates/rasid-ner/data/ner.bin`
//! (deterministic: fixed seed, fixed order). With `--dev`, trains on the
//! first 80 % only and scores the dev block (80–92 %) after every epoch; with
//! `--held-out`, also the last 8 %.

use anyhow::{Context, Result};
use rasid_ner::train::{split, train_with, TrainOptions};
use rasid_ner::{eval, Ner};

use crate::root;

pub fn run(epochs: usize, log2_buckets: u8, dev: bool, held_out: bool) -> Result<()> {
    let path = root()
        .join("..")
        .join("shared")
        .join("data")
        .join("anercorp")
        .join("anercorp_camel_train.conll");
    let sentences = rasid_ner::conll::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let opts = TrainOptions {
        epochs,
        log2_buckets,
        ..TrainOptions::default()
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
                let r = eval::evaluate(&ner, dev_set);
                eprintln!(
                    "epoch {epoch}: dev F1 {:.2} ({:.1}s)",
                    r.micro.f1,
                    start.elapsed().as_secs_f64()
                );
            }
        });
        let ner = Ner::with_model(std::sync::Arc::new(model));
        let set = if held_out { held } else { dev_set };
        let r = eval::evaluate(&ner, set);
        println!("{}", if held_out { "held-out" } else { "dev" });
        println!("{r}");
        println!("tokens/s {:.0}", r.tokens_per_second);
        return Ok(());
    }
    let model = train_with(&sentences, &opts, |epoch, _| {
        eprintln!("epoch {epoch} ({:.1}s)", start.elapsed().as_secs_f64())
    });
    let out = root().join("crates").join("rasid-ner").join("data").join("ner.bin");
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
