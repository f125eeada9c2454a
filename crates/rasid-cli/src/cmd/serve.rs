//! `rasid serve`: the web interface and the JSON API over an index.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::path::PathBuf;

use anyhow::Context;
use rasid_server::{Config, Server};

use crate::report::Outcome;

/// Arguments of `rasid serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The index directory (created when missing, unless --read-only).
    #[arg(long, value_name = "DIR")]
    index: PathBuf,

    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 8080)]
    port: u16,

    /// The address to listen on. The default answers only this machine; another
    /// address (0.0.0.0 for every interface) needs --token or --read-only.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,

    /// Refuse every write (ingest answers 403).
    #[arg(long)]
    read_only: bool,

    /// Writes need `Authorization: Bearer TOKEN`.
    #[arg(long, value_name = "TOKEN", env = "RASID_TOKEN", hide_env_values = true)]
    token: Option<String>,

    /// A name clients reach the server by (news.example.org), besides its
    /// address and `localhost`: requests for any other name are refused, so that
    /// a web page cannot reach the server through a name it controls (DNS
    /// rebinding). Repeatable.
    #[arg(long = "host", value_name = "NAME")]
    hosts: Vec<String>,

    /// The entity tagger for the articles it analyses and ingests: `fast` (the
    /// two-pass perceptron) or `accurate` (an ensemble of three: higher
    /// recall, about a third of the speed). As `rasid index --ner`.
    #[arg(long, value_name = "MODE", default_value_t = rasid::pipeline::NerMode::default())]
    ner: rasid::pipeline::NerMode,
}

/// Serves until interrupted (Ctrl-C or SIGTERM).
pub fn run(args: Args, resources: Option<&Path>) -> anyhow::Result<Outcome> {
    let mut config = Config::new(&args.index);
    config.resources = resources.map(Path::to_path_buf);
    config.read_only = args.read_only;
    config.token = args.token.filter(|t| !t.trim().is_empty());
    config.hosts = args.hosts;
    config.ner = args.ner;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("rasid-serve")
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(async {
        let server = Server::bind(config, SocketAddr::new(args.bind, args.port)).await?;
        let documents = server.documents().unwrap_or(0);
        eprintln!(
            "rasid: serving {} ({documents} articles{}) on http://{}/ (Ctrl-C stops)",
            args.index.display(),
            if args.read_only { ", read-only" } else { "" },
            server.local_addr()
        );
        server.run(shutdown_signal()).await
    })?;
    eprintln!("rasid: stopped");
    Ok(Outcome::Ok)
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
