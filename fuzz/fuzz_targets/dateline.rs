//! Any string is either a dateline with an in-bounds span, or not a dateline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    if let Some(dateline) = rasid_calendar::parse_dateline(line) {
        assert!(dateline.span.slice(line).is_some(), "span out of bounds or off a char boundary");
    }
});
