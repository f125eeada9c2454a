//! Scores the tagger on a gold file: `cargo run -p rasid-times --example eval_time -- FILE [--mistakes]`.
//! (The same report `rasid eval time --gold FILE` prints.)
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: eval_time GOLD.jsonl [--mistakes]");
        std::process::exit(2);
    };
    match rasid_times::eval::run(std::path::Path::new(path)) {
        Ok(report) => {
            if args.iter().any(|a| a == "--mistakes") {
                for m in &report.mistakes {
                    println!("{:<9} {:<45} {:<30} {:?} -> {:?}", m.kind, m.id, "", m.gold, m.system);
                }
            }
            print!("{report}");
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
