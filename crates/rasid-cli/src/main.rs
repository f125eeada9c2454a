//! The `rasid` command.
fn main() {}
