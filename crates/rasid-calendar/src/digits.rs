//! Digits in the three scripts Arabic news uses: ASCII `0-9`, Arabic-Indic `٠-٩`
//! (U+0660..U+0669) and Extended Arabic-Indic (Persian/Urdu) `۰-۹` (U+06F0..U+06F9).

use std::borrow::Cow;

/// The most digits [`parse_number`] accepts: nine decimal digits always fit in a `u32`.
///
/// ```
/// use rasid_calendar::{digits::MAX_NUMBER_DIGITS, parse_number};
/// assert!(parse_number(&"9".repeat(MAX_NUMBER_DIGITS)).is_some());
/// assert!(parse_number(&"9".repeat(MAX_NUMBER_DIGITS + 1)).is_none());
/// ```
pub const MAX_NUMBER_DIGITS: usize = 9;

/// The value of a decimal digit in any of the three scripts.
///
/// ```
/// use rasid_calendar::digit_value;
/// assert_eq!(digit_value('7'), Some(7));
/// assert_eq!(digit_value('٧'), Some(7)); // Arabic-Indic
/// assert_eq!(digit_value('۷'), Some(7)); // Persian
/// assert_eq!(digit_value('a'), None);
/// ```
pub fn digit_value(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        _ => return None,
    };
    u8::try_from(u32::from(c) - u32::from(base)).ok()
}

/// True for a decimal digit in any of the three scripts.
///
/// ```
/// use rasid_calendar::is_digit;
/// assert!(is_digit('٢') && is_digit('2') && is_digit('۲'));
/// assert!(!is_digit('²'));
/// ```
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Rewrites Arabic-Indic and Persian digits as ASCII digits; everything else is kept.
/// Borrows when there is nothing to fold. Each folded digit is shorter in UTF-8
/// (2 bytes become 1), so byte offsets into the result do **not** map back to the
/// input: fold for comparison, keep spans on the original.
///
/// ```
/// use rasid_calendar::fold_digits;
/// assert_eq!(fold_digits("٢١/١٢/٢٠١٧"), "21/12/2017");
/// assert_eq!(fold_digits("۱۴۳۹ هـ"), "1439 هـ");
/// assert!(matches!(fold_digits("2017"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fold_digits(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| !c.is_ascii_digit() && is_digit(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match digit_value(c) {
                Some(d) => char::from(b'0' + d),
                None => c,
            })
            .collect(),
    )
}

/// Parses a run of digits (any of the three scripts, mixed allowed) as a number.
/// Returns `None` for an empty string, any non-digit, or more than
/// [`MAX_NUMBER_DIGITS`] digits (so it never overflows; leading zeros count).
///
/// ```
/// use rasid_calendar::parse_number;
/// assert_eq!(parse_number("٢٠١٧"), Some(2017));
/// assert_eq!(parse_number("07"), Some(7));
/// assert_eq!(parse_number("99999999999999999999"), None);
/// assert_eq!(parse_number("12a"), None);
/// ```
pub fn parse_number(digits: &str) -> Option<u32> {
    let mut value: u32 = 0;
    let mut count = 0usize;
    for c in digits.chars() {
        let d = digit_value(c)?;
        count += 1;
        if count > MAX_NUMBER_DIGITS {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u32::from(d))?;
    }
    (count > 0).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_scripts_fold() {
        assert_eq!(fold_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(fold_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(fold_digits("س٣ص"), "س3ص");
    }

    #[test]
    fn nine_digits_fit_ten_do_not() {
        assert_eq!(parse_number("999999999"), Some(999_999_999));
        assert_eq!(parse_number("0000000001"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("٢0۱7"), Some(2017));
    }
}
