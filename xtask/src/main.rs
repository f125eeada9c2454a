//! Developer tasks: `cargo run -p xtask -- <task>`. Not part of the shipped binary.
fn main() -> anyhow::Result<()> {
    anyhow::bail!("no task given")
}
