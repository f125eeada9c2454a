//! What every end-to-end test of the `rasid` binary needs: running it, reading
//! what it printed, the repository's files, and a `rasid serve` on loopback.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

/// The binary under test.
pub const RASID: &str = env!("CARGO_BIN_EXE_rasid");

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The canonical article shipped in `examples/`.
pub fn example() -> PathBuf {
    root().join("examples/astana-2017-12-21.txt")
}

/// Runs `rasid args`.
pub fn rasid(args: &[&str]) -> Output {
    Command::new(RASID).args(args).output().expect("rasid runs")
}

/// Runs `rasid args`, asserts it exits 0, and gives its standard output.
pub fn ok(args: &[&str]) -> String {
    let out = rasid(args);
    assert_eq!(out.status.code(), Some(0), "rasid {args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// [`ok`], its output read as one JSON value.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(ok(args).trim()).unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Writes `bytes` to `dir/name`.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A spawned `rasid serve` and its address; killed when dropped.
pub struct Server(Child, pub String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `rasid serve [extra] --port 0 --index dir` and waits for the line
/// that gives its address.
pub fn serve(dir: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(RASID)
        .arg("serve")
        .args(extra)
        .args(["--port", "0", "--index"])
        .arg(dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_owned();
    Server(child, addr)
}

/// One HTTP/1.1 request by hand (`Connection: close`): the status line and
/// the body. A body is sent as NDJSON.
pub fn request(addr: &str, method: &str, path: &str, body: &str) -> std::io::Result<(String, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(120)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\
         Content-Type: application/x-ndjson\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    Ok((head.to_owned(), body.to_owned()))
}
