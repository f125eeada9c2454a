//! The load test of BENCHMARKS.md ("Server"): mixed searches and article reads
//! at 1, 8 and 64 concurrent clients against a running `rasid serve`, then a
//! soak with concurrent ingest. Bounded: each level stops after `--seconds` or
//! `--max-requests`, whichever comes first; only loopback addresses are
//! accepted.
//!
//! ```text
//! rasid serve --index /tmp/corpus-idx --port 8080 &
//! cargo run --release -p rasid-server --example load -- --addr 127.0.0.1:8080 \
//!     --pid $! --ingest /tmp/new-articles.jsonl
//! ```
//!
//! `--pid` names the server's process, for its memory (VmRSS) before and after
//! each phase and its CPU time in each level; `--ingest FILE` posts the JSON
//! Lines of FILE, 20 articles a request, while the reads go on. `--queries FILE`
//! takes the queries from FILE (one a line) instead of the built-in twenty,
//! `--clients 1,8,64` the levels, `--search-only` sends searches only (no
//! article reads). After each level a line gives the CPU seconds the server and
//! this load generator (which shares the machine) spent, and the load average:
//! a p99 measured while the generator took a core from a 2-core server is not
//! the server's alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::Duration;

use axum::body::Bytes;
use axum::http::Method;
use rasid_server::client::{load, mixed_reads, query, Client, LoadPlan, LoadReport, LoadRequest};

/// Words and phrases an analyst of this corpus types: places, people, topics,
/// one and two words, phrases, an OR.
const QUERIES: &[&str] = &[
    "سوريا",
    "روسيا",
    "مصر",
    "الانتخابات",
    "النفط",
    "\"وزير الخارجية\"",
    "ايران OR تركيا",
    "الامم المتحدة",
    "كرة القدم",
    "الاقتصاد",
    "اسرائيل",
    "العراق",
    "ترامب",
    "\"مجلس الامن\"",
    "السعودية",
    "لبنان",
    "الحكومة",
    "الرئيس",
    "القاهرة",
    "اللاجئين",
];

struct Args {
    addr: std::net::SocketAddr,
    pid: Option<u32>,
    seconds: u64,
    max_requests: usize,
    ingest: Option<std::path::PathBuf>,
    queries: Option<std::path::PathBuf>,
    clients: Vec<usize>,
    search_only: bool,
}

fn args() -> Args {
    let mut args = Args {
        addr: "127.0.0.1:8080".parse().unwrap(),
        pid: None,
        seconds: 10,
        max_requests: 200_000,
        ingest: None,
        queries: None,
        clients: vec![1, 8, 64],
        search_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--search-only" {
            args.search_only = true;
            continue;
        }
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => args.addr = value.parse().expect("--addr IP:PORT"),
            "--pid" => args.pid = Some(value.parse().expect("--pid N")),
            "--seconds" => args.seconds = value.parse().expect("--seconds N"),
            "--max-requests" => args.max_requests = value.parse().expect("--max-requests N"),
            "--ingest" => args.ingest = Some(value.into()),
            "--queries" => args.queries = Some(value.into()),
            "--clients" => {
                args.clients = value
                    .split(',')
                    .map(|c| c.trim().parse().expect("--clients N,N,…"))
                    .collect();
            }
            other => panic!("unknown flag {other}"),
        }
    }
    assert!(
        args.addr.ip().is_loopback(),
        "the load test only loads this machine (a loopback address)"
    );
    args
}

fn rss_mb(pid: Option<u32>) -> Option<f64> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/status"),
        None => return None,
    };
    let status = std::fs::read_to_string(path).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1000.0)
}

/// CPU seconds (user + system) a process has used so far: `self` or a pid (Linux).
fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks: 100 a second on Linux's usual configuration (USER_HZ).
    Some((utime + stime) / 100.0)
}

/// The one-minute load average.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

/// CPU seconds of the server and of this generator, read before a level.
struct Cpu {
    server: Option<f64>,
    client: Option<f64>,
}

impl Cpu {
    fn now(pid: Option<u32>) -> Cpu {
        Cpu {
            server: pid.and_then(|p| cpu_seconds(&p.to_string())),
            client: cpu_seconds("self"),
        }
    }

    /// The line after a level: CPU spent since `self` was read.
    fn report(&self, pid: Option<u32>, report: &LoadReport) {
        let now = Cpu::now(pid);
        let spent = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => format!("{:.1} s", b - a),
            _ => "?".into(),
        };
        eprintln!(
            "{} clients: {:.1} s wall, server CPU {}, load generator CPU {}, load average {}",
            report.clients,
            report.seconds,
            spent(self.server, now.server),
            spent(self.client, now.client),
            load_average()
        );
    }
}

fn print_rows(report: &LoadReport) {
    for (label, t) in &report.labels {
        println!(
            "| `{}` | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} |",
            if *label == "search" {
                "/api/search"
            } else if *label == "article" {
                "/api/articles/{id}"
            } else {
                "POST /api/articles"
            },
            report.clients,
            t.per_second,
            t.p50_ms,
            t.p99_ms,
            t.max_ms,
            t.errors
        );
        if let Some(e) = &t.first_error {
            eprintln!("first error ({label}): {e}");
        }
    }
}

#[tokio::main]
async fn main() {
    let args = args();
    let client = Client::new(args.addr);
    let queries: Vec<String> = match &args.queries {
        Some(path) => std::fs::read_to_string(path)
            .expect("--queries FILE")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => QUERIES.iter().map(|q| (*q).to_owned()).collect(),
    };
    assert!(!queries.is_empty(), "no queries");
    let health = client
        .get("/api/health")
        .await
        .expect("is rasid serve running?")
        .json()
        .unwrap();
    eprintln!("server: {health}");
    // Article ids to read: the best matches of each query.
    let mut ids = Vec::new();
    for q in queries.iter().take(20).filter(|_| !args.search_only) {
        let found = client
            .get(&format!("/api/search?q={}&size=20", query(q)))
            .await
            .unwrap()
            .json()
            .unwrap();
        ids.extend(
            found["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_str().unwrap().to_owned()),
        );
    }
    let plan = |clients| LoadPlan {
        clients,
        duration: Duration::from_secs(args.seconds),
        max_requests: args.max_requests,
    };
    // Warm the caches as a day's use would.
    let _ = load(&client, &plan(4), mixed_reads(queries.clone(), ids.clone())).await;

    println!("| endpoint | clients | requests/s | p50 ms | p99 ms | max ms | errors |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let before = rss_mb(args.pid);
    for &clients in &args.clients {
        let cpu = Cpu::now(args.pid);
        let report = load(&client, &plan(clients), mixed_reads(queries.clone(), ids.clone())).await;
        print_rows(&report);
        cpu.report(args.pid, &report);
    }
    let after_reads = rss_mb(args.pid);
    eprintln!("server memory: {before:?} MB before the reads, {after_reads:?} MB after");

    let Some(path) = args.ingest else { return };
    let text = std::fs::read_to_string(&path).expect("--ingest FILE");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let batches: Vec<Bytes> = lines.chunks(20).map(|c| Bytes::from(c.join("\n"))).collect();
    let posted = batches.len();
    let documents_before = health["documents"].as_u64().unwrap();
    let batches = std::sync::Arc::new(batches);
    let writes = {
        let batches = batches.clone();
        move |n: usize| LoadRequest {
            label: "ingest",
            method: Method::POST,
            path: "/api/articles".into(),
            headers: vec![("content-type", "application/x-ndjson".into())],
            body: batches[n % batches.len()].clone(),
        }
    };
    let started = std::time::Instant::now();
    let write_plan = LoadPlan {
        clients: 2,
        duration: Duration::from_secs(args.seconds * 6),
        max_requests: posted,
    };
    let read_plan = plan(8);
    let (reads, written) = tokio::join!(
        load(&client, &read_plan, mixed_reads(queries.clone(), ids.clone())),
        load(&client, &write_plan, writes)
    );
    let seconds = started.elapsed().as_secs_f64();
    println!();
    println!("Soak: 8 clients reading while 2 clients ingest batches of 20 articles");
    println!();
    println!("| endpoint | clients | requests/s | p50 ms | p99 ms | max ms | errors |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    print_rows(&reads);
    print_rows(&written);
    let health = client.get("/api/health").await.unwrap().json().unwrap();
    let documents_after = health["documents"].as_u64().unwrap();
    let sent_articles = written.labels.get("ingest").map_or(0, |t| t.requests) * 20;
    println!();
    println!(
        "ingested {} articles in {seconds:.1} s while serving ({:.0} articles/s); index {} → {} documents; \
         server memory {:?} → {:?} MB",
        documents_after - documents_before,
        (documents_after - documents_before) as f64 / seconds,
        documents_before,
        documents_after,
        after_reads,
        rss_mb(args.pid)
    );
    assert!(documents_after - documents_before <= sent_articles as u64);
    assert_eq!(reads.errors() + written.errors(), 0, "errors under load");
}
