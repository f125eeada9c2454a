//! `clitic-sample`: placeholder, written below.
use anyhow::Result;
pub fn run(_seed: u64, _n: usize) -> Result<()> {
    Ok(())
}
