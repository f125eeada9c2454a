//! Currencies after an amount: `مليار دولار`, `20 ألف فرانك سويسري`, `500 جنيه`.

use crate::words::W;

/// A currency word: its ISO 4217 code when the word alone says it, else the word.
fn currency(form: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match form {
        "دولار" | "دولارا" | "دولارات" => ("دولار", Some("USD")),
        "يورو" => ("يورو", Some("EUR")),
        "جنيه" | "جنيها" | "جنيهات" => ("جنيه", Some("EGP")),
        "ريال" | "ريالا" | "ريالات" => ("ريال", Some("SAR")),
        "درهم" | "درهما" | "دراهم" => ("درهم", Some("AED")),
        "دينار" | "دينارا" | "دنانير" => ("دينار", None),
        "ليره" | "ليرات" => ("ليرة", None),
        "شيكل" | "شيكلا" | "شيقل" | "شيكلات" | "شواكل" => ("شيكل", Some("ILS")),
        "روبل" | "روبلا" | "روبلات" => ("روبل", Some("RUB")),
        "ين" => ("ين", Some("JPY")),
        "يوان" => ("يوان", Some("CNY")),
        "فرنك" | "فرنكا" | "فرانك" | "فرانكا" | "فرنكات" => ("فرنك", None),
        "روبيه" | "روبيات" => ("روبية", Some("INR")),
        "تومان" => ("تومان", Some("IRR")),
        "لير" => ("ليرة", None),
        _ => return None,
    })
}

/// A nationality after the currency word that names its country's currency.
fn qualifier(word: &str, form: &str) -> Option<&'static str> {
    let code = match (word, form) {
        ("دولار", "امريكي") => "USD",
        ("دولار", "كندي") => "CAD",
        ("دولار", "استرالي") => "AUD",
        ("دولار", "سنغافوري") => "SGD",
        ("جنيه", "استرليني") => "GBP",
        ("جنيه", "مصري") => "EGP",
        ("جنيه", "سوداني") => "SDG",
        ("ريال", "سعودي") => "SAR",
        ("ريال", "قطري") => "QAR",
        ("ريال", "عماني") => "OMR",
        ("ريال", "يمني") => "YER",
        ("ريال", "ايراني") => "IRR",
        ("درهم", "اماراتي") => "AED",
        ("درهم", "مغربي") => "MAD",
        ("دينار", "كويتي") => "KWD",
        ("دينار", "اردني") => "JOD",
        ("دينار", "بحريني") => "BHD",
        ("دينار", "عراقي") => "IQD",
        ("دينار", "تونسي") => "TND",
        ("دينار", "ليبي") => "LYD",
        ("دينار", "جزايري") => "DZD",
        ("ليرة", "تركيه") => "TRY",
        ("ليرة", "سوريه") => "SYP",
        ("ليرة", "لبنانيه") => "LBP",
        ("فرنك", "سويسري") => "CHF",
        ("فرنك", "فرنسي") => "FRF",
        _ => return None,
    };
    Some(code)
}

/// A currency at `i` (and its qualifier): the code or word, and the index after.
pub(crate) fn currency_at(ws: &[W<'_>], i: usize) -> Option<(String, usize)> {
    let w = ws.get(i)?;
    let ((word, code), c) = w.lookup(currency)?;
    if c.conj || c.prep {
        return None;
    }
    if let Some(q) = ws.get(i + 1).filter(|q| q.sent == w.sent) {
        if let Some((code, _)) = q.lookup(|f| qualifier(word, f)) {
            return Some((code.to_string(), i + 2));
        }
    }
    Some((code.map_or_else(|| word.to_string(), str::to_string), i + 1))
}
