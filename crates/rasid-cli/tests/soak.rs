//! The short form of the soak of issue 19 (item 9): a spawned `rasid serve` on
//! loopback with readers searching and two writers posting batches of new
//! articles at once, while `rasid stories build` updates the stories again and
//! again from another process. No request may fail, and the index and its
//! catalogue must end with exactly the articles the writers sent: none lost,
//! none twice. The long form (8 readers, 2 writers, 10 minutes, memory over
//! time) is `bench/scripts/soak.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{root, serve, RASID};

use serde_json::Value;

const READERS: usize = 4;
const WRITERS: usize = 2;
const BATCHES: usize = 6;
const PER_BATCH: usize = 10;

/// A request that must be answered 200: the status line and the body, or why not.
fn request(addr: &str, method: &str, path: &str, body: &str) -> Result<(String, String), String> {
    let (head, body) = support::request(addr, method, path, body).map_err(|e| format!("{method} {path}: {e}"))?;
    let status = head.lines().next().unwrap_or("").to_owned();
    if !status.starts_with("HTTP/1.1 200") {
        return Err(format!("{method} {path}: {status}: {body}"));
    }
    Ok((status, body))
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The marker word only article `n` has: its number in letters that are no clitic, no
/// suffix and no digit, so that the analyzer keeps the word whole.
fn marker(n: usize) -> String {
    const LETTERS: [char; 10] = ['ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'ش', 'ص'];
    let digits: String = n.to_string().bytes().map(|d| LETTERS[usize::from(d - b'0')]).collect();
    format!("ثغ{digits}ظ")
}

/// Article `n`: one of the server's fixtures with its own headline, address and marker word,
/// so that no two are the same text.
fn article(fixtures: &[Value], n: usize) -> String {
    let mut a = fixtures[n % fixtures.len()].clone();
    a["title"] = Value::String(format!("{} ({})", a["title"].as_str().unwrap(), marker(n)));
    a["body"] = Value::String(format!(
        "{}\nوقال مراسل الخبر {} ان التقرير رقم {n} نشر اليوم.",
        a["body"].as_str().unwrap(),
        marker(n)
    ));
    a["url"] = Value::String(format!("https://example.invalid/soak/{n}"));
    serde_json::to_string(&a).unwrap()
}

#[test]
fn readers_and_writers_against_a_spawned_server_lose_and_double_nothing() {
    let fixtures: Vec<Value> =
        std::fs::read_to_string(root().join("crates/rasid-server/tests/fixtures/articles.jsonl"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let server = serve(&idx, &[]);
    let addr = server.1.clone();
    let errors: Arc<Mutex<Vec<String>>> = Arc::default();
    let writing = Arc::new(AtomicUsize::new(WRITERS));
    let reads = Arc::new(AtomicUsize::new(0));
    let batches_in = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();

    let mut threads = Vec::new();
    for w in 0..WRITERS {
        let (addr, errors, writing, fixtures, batches_in) = (
            addr.clone(),
            errors.clone(),
            writing.clone(),
            fixtures.clone(),
            batches_in.clone(),
        );
        threads.push(std::thread::spawn(move || {
            for b in 0..BATCHES {
                let first = (b * WRITERS + w) * PER_BATCH;
                let lines: Vec<String> = (first..first + PER_BATCH).map(|n| article(&fixtures, n)).collect();
                match request(&addr, "POST", "/api/articles", &lines.join("\n")) {
                    Ok((_, body)) => {
                        let reply: Value = serde_json::from_str(&body).unwrap();
                        if reply["indexed"] != PER_BATCH {
                            errors.lock().unwrap().push(format!("batch {first}: {reply}"));
                        }
                    }
                    Err(e) => errors.lock().unwrap().push(e),
                }
                batches_in.fetch_add(1, Ordering::SeqCst);
            }
            writing.fetch_sub(1, Ordering::SeqCst);
        }));
    }
    let queries = ["روسيا", "استانا", "\"وقف اطلاق النار\"", "سوريا OR تركيا", "التقرير"];
    for r in 0..READERS {
        let (addr, errors, writing, reads) = (addr.clone(), errors.clone(), writing.clone(), reads.clone());
        threads.push(std::thread::spawn(move || {
            let mut i = r;
            while writing.load(Ordering::SeqCst) > 0 {
                let q = queries[i % queries.len()];
                if let Err(e) = request(&addr, "GET", &format!("/api/search?q={}", encode(q)), "") {
                    errors.lock().unwrap().push(e);
                }
                reads.fetch_add(1, Ordering::SeqCst);
                i += 1;
            }
        }));
    }
    let stories_ran = Arc::new(AtomicUsize::new(0));
    let stories = {
        let (idx, errors, writing, ran, batches_in) = (
            idx.clone(),
            errors.clone(),
            writing.clone(),
            stories_ran.clone(),
            batches_in.clone(),
        );
        std::thread::spawn(move || {
            // Once the first batch is in, so that there are articles to build stories of.
            while batches_in.load(Ordering::SeqCst) == 0 && writing.load(Ordering::SeqCst) > 0 {
                std::thread::sleep(Duration::from_millis(50));
            }
            while writing.load(Ordering::SeqCst) > 0 {
                let out = Command::new(RASID)
                    .args(["stories", "build", "-q", "--index"])
                    .arg(&idx)
                    .output()
                    .unwrap();
                if !out.status.success() {
                    errors
                        .lock()
                        .unwrap()
                        .push(format!("stories build: {}", String::from_utf8_lossy(&out.stderr)));
                }
                ran.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    for t in threads {
        t.join().unwrap();
    }
    stories.join().unwrap();
    let errors = errors.lock().unwrap().clone();
    assert!(
        errors.is_empty(),
        "{} failures, the first: {:?}",
        errors.len(),
        errors.first()
    );
    let sent = WRITERS * BATCHES * PER_BATCH;
    eprintln!(
        "{sent} articles posted, {} searches, {} stories builds in {:.1} s",
        reads.load(Ordering::SeqCst),
        stories_ran.load(Ordering::SeqCst),
        started.elapsed().as_secs_f64()
    );
    assert!(reads.load(Ordering::SeqCst) >= READERS, "the readers ran");
    assert!(
        stories_ran.load(Ordering::SeqCst) >= 1,
        "a stories build ran during the writes"
    );

    // Every article is in the index once: its marker word finds it and only it.
    for n in 0..sent {
        let (_, body) = request(&addr, "GET", &format!("/api/search?q={}", marker(n)), "").unwrap();
        let found: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(found["total"], 1, "{}: {found}", marker(n));
    }
    let (_, health) = request(&addr, "GET", "/api/health", "").unwrap();
    let health: Value = serde_json::from_str(&health).unwrap();
    assert_eq!(health["documents"], sent, "{health}");
    drop(server);

    // The catalogue agrees: as many distinct ids as articles sent, each indexed once.
    let out = Command::new(RASID)
        .args(["stats", "--json", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], sent, "{stats}");
    assert_eq!(stats["catalogue"]["articles"], sent, "{stats}");
    // And the stories build, run once more after the writes, still succeeds.
    let out = Command::new(RASID)
        .args(["stories", "build", "-q", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
