//! The one index writer, on its own thread.
//!
//! An index has one writer at a time, so every ingest request hands its articles
//! to this thread through a channel and waits for the answer. The thread opens
//! the writer at the first request and keeps it (and so the index's write lock)
//! until the server stops. Requests that arrive while it works are taken
//! together and committed once (group commit), so concurrent clients share the
//! cost of a commit. An answer is sent only after the commit: what a client was
//! told is indexed is searchable and survives a crash.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;
use std::thread::JoinHandle;

use rasid::core::Article;
use rasid::search::{Index, IndexError, Outcome, Writer, WriterOptions};
use tokio::sync::oneshot;

use crate::error::{Error, Result};

/// Requests waiting for the writer before new ones wait to be queued.
const QUEUE: usize = 64;
/// Most requests committed together.
const GROUP: usize = 64;

/// One ingest request.
struct Job {
    articles: Vec<Article>,
    reply: oneshot::Sender<Result<Vec<Outcome>>>,
}

/// The handle to the writer thread.
#[derive(Debug)]
pub struct Ingester {
    jobs: Mutex<Option<SyncSender<Job>>>,
    thread: Mutex<Option<JoinHandle<Result<()>>>>,
}

impl Ingester {
    /// Starts the writer thread for `index`; the index's pipeline finds the
    /// entities, times, numbers and summary it stores with each article.
    pub fn start(index: Index) -> Ingester {
        let (jobs, queue) = mpsc::sync_channel(QUEUE);
        let thread = std::thread::Builder::new()
            .name("rasid-writer".into())
            .spawn(move || write_loop(&index, &queue))
            .ok();
        Ingester {
            jobs: Mutex::new(Some(jobs)),
            thread: Mutex::new(thread),
        }
    }

    /// Adds articles; returns each one's outcome once they are committed.
    ///
    /// # Errors
    /// [`Error::Index`] when the index refuses them (locked by another writer,
    /// disk full), [`Error::Internal`] when the writer is gone.
    pub async fn add(&self, articles: Vec<Article>) -> Result<Vec<Outcome>> {
        let (reply, answer) = oneshot::channel();
        let sender = self
            .jobs
            .lock()
            .map_err(|_| gone())?
            .as_ref()
            .cloned()
            .ok_or_else(gone)?;
        // A full queue blocks the sender: wait on a worker thread, not the runtime.
        tokio::task::spawn_blocking(move || sender.send(Job { articles, reply }))
            .await
            .map_err(|_| gone())?
            .map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }

    /// Closes the queue and waits for the thread to commit and finish.
    pub fn close(&self) -> Result<()> {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        let thread = self.thread.lock().ok().and_then(|mut t| t.take());
        match thread {
            Some(thread) => thread.join().map_err(|_| gone())?,
            None => Ok(()),
        }
    }
}

fn gone() -> Error {
    Error::Internal("the index writer has stopped".into())
}

fn write_loop(index: &Index, queue: &Receiver<Job>) -> Result<()> {
    let mut writer: Option<Writer<'_>> = None;
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        while group.len() < GROUP {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        if writer.is_none() {
            match index.writer(options(), "rasid serve") {
                Ok(opened) => writer = Some(opened),
                Err(e) => {
                    let locked = match &e {
                        IndexError::Locked { holder, .. } => Some(holder.clone()),
                        _ => None,
                    };
                    for job in group {
                        let answer = if let Some(holder) = &locked {
                            Error::Index(IndexError::Locked {
                                path: index.path().to_owned(),
                                holder: holder.clone(),
                            })
                        } else {
                            Error::Internal(format!("cannot open the index writer: {e}"))
                        };
                        let _ = job.reply.send(Err(answer));
                    }
                    continue;
                }
            }
        }
        let Some(w) = writer.as_mut() else { continue };
        let mut answers = Vec::with_capacity(group.len());
        for job in group {
            let outcome = w.add_batch(job.articles).map_err(Error::Index);
            answers.push((job.reply, outcome));
        }
        match w.commit() {
            Ok(()) => {
                for (reply, outcome) in answers {
                    let _ = reply.send(outcome);
                }
            }
            Err(e) => {
                let message = format!("commit failed: {e}");
                for (reply, _) in answers {
                    let _ = reply.send(Err(Error::Internal(message.clone())));
                }
                // Start over with a fresh writer: the failed one holds nothing committed.
                writer = None;
            }
        }
    }
    match writer {
        Some(w) => w.finish().map(|_| ()).map_err(Error::Index),
        None => Ok(()),
    }
}

/// One indexing thread (the server's cores serve searches), commits made by this
/// loop, not by the writer.
fn options() -> WriterOptions {
    WriterOptions {
        threads: 1,
        memory_bytes: 50_000_000,
        commit_every: usize::MAX,
        replace: false,
    }
}
