//! Actors: the named entities, groups, demonyms and agent nouns of a text,
//! each with its CAMEO actor code.

use rasid_core::{ArticleEntities, EntityKind, GroupKind, Span, TextPart, Token};

use crate::dict::{key, key_cow, phrase_key, Dictionaries};

/// One actor candidate of a text: a stretch of tokens with a code.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub span: Span,
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    pub code: String,
    pub entity: Option<usize>,
    /// A location that is not a country or a capital: a place, not an actor.
    pub city: bool,
    /// A location at all (for event places).
    pub loc: bool,
    /// An organisation (for quote speakers).
    pub org: bool,
    /// A person (for quote speakers).
    pub person: bool,
    /// 0 for an entity, 1 a group, 2 a demonym, 3 an agent noun: the lower wins a tie.
    pub rank: u8,
}

/// What the actor coder knows about the article as a whole.
pub(crate) struct ArticleContext<'a> {
    pub dict: &'a Dictionaries,
    pub entities: &'a ArticleEntities,
    /// YYYYMMDD of the article's date, for date-limited actor codes.
    pub date: Option<u32>,
    /// The country the article is mostly about (ISO alpha-2).
    pub main_country: Option<String>,
    /// The demonyms and country names of the part being coded, by position.
    pub countries: Vec<(Span, String)>,
}

/// The index of the token that holds byte `pos` (the first token starting at or after it).
pub(crate) fn token_at(tokens: &[Token], pos: usize) -> usize {
    tokens.partition_point(|t| t.span.end <= pos)
}

/// The first and last tokens (inclusive) a span covers, if any.
fn token_range(tokens: &[Token], span: Span) -> Option<(usize, usize)> {
    let first = token_at(tokens, span.start);
    let last = token_at(tokens, span.end.saturating_sub(1));
    (first < tokens.len() && first <= last).then_some((first, last.min(tokens.len() - 1)))
}

impl ArticleContext<'_> {
    /// The demonyms and country names of one part, in text order.
    pub(crate) fn countries_of(entities: &ArticleEntities, part: TextPart) -> Vec<(Span, String)> {
        let mut out: Vec<(Span, String)> = entities
            .demonyms
            .iter()
            .filter(|d| d.part == part)
            .map(|d| (d.span, d.country.clone()))
            .collect();
        for m in entities.mentions.iter().filter(|m| m.part == part) {
            if let Some(p) = entities.entities.get(m.entity).and_then(|e| e.place.as_ref()) {
                if p.feature.starts_with("PCL") {
                    out.push((m.span, p.country.clone()));
                }
            }
        }
        out.sort_by_key(|(s, _)| s.start);
        out
    }

    /// The country the article names most (places, demonyms, groups).
    pub(crate) fn main_country(entities: &ArticleEntities) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut add = |c: &str| match counts.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.to_string(), 1)),
        };
        for m in &entities.mentions {
            if let Some(place) = entities.entities.get(m.entity).and_then(|e| e.place.as_ref()) {
                add(&place.country);
            }
        }
        for d in &entities.demonyms {
            add(&d.country);
        }
        for g in &entities.groups {
            if let Some(c) = &g.country {
                add(c);
            }
        }
        // The first of the most named, for a stable answer.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(c, _)| c)
    }

    fn iso3(&self, iso2: &str) -> String {
        self.dict.country_code(iso2).unwrap_or("---").to_string()
    }

    /// The code of one entity mention.
    fn entity_code(
        &self,
        entity: usize,
        text: &str,
        part_text: &str,
        tokens: &[Token],
        first: usize,
        last: usize,
    ) -> String {
        let Some(e) = self.entities.entities.get(entity) else {
            return String::new();
        };
        let from_dict = |phrase: &str| {
            self.dict
                .actor_code(&phrase_key(phrase.split_whitespace()), self.date)
                .map(str::to_string)
        };
        match e.kind {
            EntityKind::Per => {
                if let Some(role) = &e.role {
                    let org = role.organization.as_deref().map(key).unwrap_or_default();
                    if org.contains("الامم المتحده") || key_cow(&role.text).contains("الامم المتحده")
                    {
                        return "UNO".into();
                    }
                    if let Some(c) = &role.country {
                        let agent = role_agent(&role.title);
                        return format!("{}{agent}", self.iso3(c));
                    }
                }
                from_dict(&e.canonical).or_else(|| from_dict(text)).unwrap_or_default()
            }
            EntityKind::Loc => match &e.place {
                Some(p) if p.feature.starts_with("PCL") => self.iso3(&p.country),
                Some(p) if p.feature == "PPLC" => format!("{}GOV", self.iso3(&p.country)),
                Some(p) => self.iso3(&p.country),
                None => from_dict(text).unwrap_or_default(),
            },
            EntityKind::Org | EntityKind::Misc => {
                let k = key_cow(&e.canonical);
                if k.contains("الامم المتحده") || k.contains("مجلس الامن") {
                    return "UNO".into();
                }
                if let Some(code) = from_dict(&e.canonical).or_else(|| from_dict(text)) {
                    return code;
                }
                self.compose(part_text, tokens, first, last).unwrap_or_default()
            }
        }
    }

    /// A code built from the words of a phrase: an agent noun (`وزارة` →
    /// GOV, `جيش` → MIL) and a country (a demonym, a country's name).
    fn compose(&self, part_text: &str, tokens: &[Token], first: usize, last: usize) -> Option<String> {
        let mut agent: Option<(String, bool)> = None;
        let mut country: Option<String> = None;
        for t in tokens.get(first..=last)?.iter() {
            if t.stop {
                continue;
            }
            let stem = t.stem.as_str();
            if agent.is_none() {
                if let Some(a) = self.dict.agents.get(stem) {
                    agent = Some(a.clone());
                }
            }
            if country.is_none() {
                country = self.country_of_token(part_text, t);
            }
        }
        let (agent, prefix) = agent?;
        let country = country.unwrap_or_else(|| "---".into());
        Some(if prefix {
            format!("{agent}{country}")
        } else {
            format!("{country}{agent}")
        })
    }

    /// The country a token names: a demonym or a country's name.
    fn country_of_token(&self, part_text: &str, t: &Token) -> Option<String> {
        let k = self.countries.partition_point(|(s, _)| s.end <= t.span.start);
        if let Some((span, iso2)) = self.countries.get(k) {
            if span.start < t.span.end {
                return Some(self.iso3(iso2));
            }
        }
        let word = part_text.get(t.base.start..t.base.end)?;
        let code = self.dict.actor_code(&phrase_key([word]), self.date)?;
        (code.len() == 3 && self.dict.is_country(code)).then(|| code.to_string())
    }

    /// The candidates of the entity mentions of one text part, in text
    /// order, each with its code (a person's span reaching back over the role
    /// written right before it): the one lookup of an entity's actor code,
    /// which the events and [`crate::Coder::entity_codes`] both read.
    pub(crate) fn mention_candidates(&self, part: TextPart, text: &str, tokens: &[Token]) -> Vec<Cand> {
        let mut cands: Vec<Cand> = Vec::new();
        for m in self.entities.mentions.iter().filter(|m| m.part == part) {
            let mut span = m.span;
            let entity = self.entities.entities.get(m.entity);
            if let Some(role) = entity.and_then(|e| e.role.as_ref()) {
                let gap = text.get(role.span.end..m.span.start).unwrap_or("x");
                if role.part == part && role.span.end <= m.span.start && gap.chars().all(char::is_whitespace) {
                    span.start = role.span.start;
                } else if let Some(before) = text.get(..m.span.start).map(str::trim_end) {
                    // The same role written again before another mention of the person.
                    if before.ends_with(role.text.as_str()) && !role.text.is_empty() {
                        span.start = before.len() - role.text.len();
                    }
                }
            }
            let Some((first, last)) = token_range(tokens, span) else {
                continue;
            };
            let code = self.entity_code(m.entity, &m.text, text, tokens, first, last);
            let place = entity.and_then(|e| e.place.as_ref());
            cands.push(Cand {
                span,
                first,
                last,
                code,
                entity: Some(m.entity),
                city: m.kind == EntityKind::Loc
                    && !place.is_some_and(|p| p.feature.starts_with("PCL") || p.feature == "PPLC"),
                loc: m.kind == EntityKind::Loc,
                org: m.kind == EntityKind::Org,
                person: m.kind == EntityKind::Per,
                rank: 0,
            });
        }
        cands
    }

    /// Every actor candidate of one text part, in text order, none inside
    /// another: `mentions` (the part's [`Self::mention_candidates`]) and the
    /// groups, demonyms and agent nouns.
    pub(crate) fn candidates(&self, part: TextPart, text: &str, tokens: &[Token], mentions: Vec<Cand>) -> Vec<Cand> {
        let mut cands = mentions;
        let range = |span: Span| token_range(tokens, span);
        for g in self.entities.groups.iter().filter(|g| g.part == part) {
            let Some((first, last)) = range(g.span) else { continue };
            let country = g.country.clone().or_else(|| self.main_country.clone());
            let iso3 = country.as_deref().map(|c| self.iso3(c)).unwrap_or_else(|| "---".into());
            let k = key_cow(&g.text);
            let code = match g.kind {
                GroupKind::Government => format!("{iso3}GOV"),
                GroupKind::Opposition
                    if ["فصايل", "مسلح", "متمرد", "مقاتل", "ثوار"]
                        .iter()
                        .any(|w| k.contains(w)) =>
                {
                    format!("{iso3}REB")
                }
                GroupKind::Opposition => format!("{iso3}OPP"),
                GroupKind::Forces => format!("{iso3}MIL"),
                GroupKind::People if g.label.to_lowercase().contains("kurd") => "KUR".into(),
                GroupKind::People => g.country.as_deref().map(|c| self.iso3(c)).unwrap_or_default(),
            };
            cands.push(Cand {
                span: g.span,
                first,
                last,
                code,
                entity: None,
                city: false,
                loc: false,
                org: false,
                person: false,
                rank: 1,
            });
        }
        for d in self.entities.demonyms.iter().filter(|d| d.part == part) {
            let Some((first, last)) = range(d.span) else { continue };
            cands.push(Cand {
                span: d.span,
                first,
                last,
                code: self.iso3(&d.country),
                entity: None,
                city: false,
                loc: false,
                org: false,
                person: false,
                rank: 2,
            });
        }
        // Agent nouns (`الجيش`, `المدنيين`, `الشرطة`), with the country that follows them.
        let max = self.dict.agent_words.max(1);
        let mut phrase = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some(t) = tokens.get(i) else { break };
            if t.stop || !self.dict.agent_first.contains(t.stem.as_str()) {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (1..=max.min(tokens.len() - i)).rev() {
                let Some(words) = tokens.get(i..i + n) else { continue };
                if words.iter().any(|w| w.kind != rasid_core::TokenKind::Arabic) {
                    continue;
                }
                // The stems of two letters or more, joined by spaces (as `phrase_key`).
                phrase.clear();
                for s in words.iter().map(|w| w.stem.as_str()).filter(|s| s.chars().count() >= 2) {
                    if !phrase.is_empty() {
                        phrase.push(' ');
                    }
                    phrase.push_str(s);
                }
                if let Some(a) = self.dict.agents.get(phrase.as_str()) {
                    found = Some((n, a.clone()));
                    break;
                }
            }
            let Some((n, (agent, prefix))) = found else {
                i += 1;
                continue;
            };
            let mut last = i + n - 1;
            let mut country = None;
            // The country: the next word, or the one after a noun in construct
            // (`وزارة خارجية كازاخستان`).
            for j in last + 1..(last + 3).min(tokens.len()) {
                let Some(next) = tokens
                    .get(j)
                    .filter(|t| t.kind == rasid_core::TokenKind::Arabic && !t.stop)
                else {
                    break;
                };
                if let Some(c) = self.country_of_token(text, next) {
                    country = Some(c);
                    last = j;
                    break;
                }
            }
            // A lone agent word stands for an actor only when it names people
            // who act (the army, the police, civilians, rebels); the
            // dictionary's other single words are too often plain nouns.
            if country.is_none() && n == 1 && !STANDALONE_AGENTS.contains(&agent.as_str()) {
                i += 1;
                continue;
            }
            let country = country.unwrap_or_else(|| "---".into());
            let code = if prefix {
                format!("{agent}{country}")
            } else {
                format!("{country}{agent}")
            };
            let (Some(a), Some(b)) = (tokens.get(i), tokens.get(last)) else {
                break;
            };
            cands.push(Cand {
                span: Span::new(a.span.start, b.span.end),
                first: i,
                last,
                code,
                entity: None,
                city: false,
                loc: false,
                org: false,
                person: false,
                rank: 3,
            });
            i = last + 1;
        }
        // Names of the CAMEO actor dictionary the tagger missed (`طالبان`, `حماس`), one word
        // each, when their code is a country or an international body with an agent.
        for (i, t) in tokens.iter().enumerate() {
            if t.stop || t.kind != rasid_core::TokenKind::Arabic || t.stem.chars().count() < 3 {
                continue;
            }
            let Some(word) = text.get(t.base.start..t.base.end) else {
                continue;
            };
            if !self.dict.actor_words.contains_key(key_cow(word).as_ref()) {
                continue;
            }
            let Some(code) = self.dict.actor_code(&phrase_key([word]), self.date) else {
                continue;
            };
            let owner = code.get(..3).unwrap_or_default();
            // A country alone is a place name, which the tagger finds (and a
            // common word such as `مدينة`, Medina, is not one).
            if code.len() <= 3 || !(self.dict.is_country(owner) || matches!(owner, "IGO" | "NGO")) {
                continue;
            }
            cands.push(Cand {
                span: t.base,
                first: i,
                last: i,
                code: code.to_string(),
                entity: None,
                city: false,
                loc: false,
                org: false,
                person: false,
                rank: 3,
            });
        }
        // Longest first at each start; drop what lies inside a kept one.
        // An agent noun that only overlaps a named actor gives way to it.
        let mut named: Vec<Span> = cands.iter().filter(|c| c.rank < 3).map(|c| c.span).collect();
        named.sort_by_key(|n| n.start);
        cands.retain(|c| {
            if c.rank < 3 {
                return true;
            }
            let from = named.partition_point(|n| n.start < c.span.start).saturating_sub(1);
            !named
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|n| n.start < c.span.end)
                .any(|n| {
                    n.start < c.span.end
                        && c.span.start < n.end
                        && !(c.span.start <= n.start && n.end <= c.span.end && c.span != *n)
                })
        });
        cands.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
                .then(a.rank.cmp(&b.rank))
        });
        let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
        for c in cands {
            match kept.last_mut() {
                Some(k) if c.span.start < k.span.end => {
                    // Inside (or overlapping) the one kept: it may still give that one a code.
                    if k.code.is_empty() && c.span.end <= k.span.end {
                        k.code = c.code;
                    }
                }
                _ => kept.push(c),
            }
        }
        kept
    }
}

/// Agent codes a single word may carry without a country (`الجيش` → `---MIL`).
const STANDALONE_AGENTS: [&str; 13] = [
    "MIL", "COP", "CVL", "REB", "INS", "OPP", "GOV", "REF", "UAF", "SPY", "JUD", "LEG", "IGO",
];

/// The agent part of a person's code from the role's English label.
fn role_agent(title: &str) -> &'static str {
    let t = title.to_lowercase();
    if ["army", "military", "commander", "general", "officer", "chief of staff"]
        .iter()
        .any(|w| t.contains(w))
    {
        "MIL"
    } else if ["opposition", "rebel"].iter().any(|w| t.contains(w)) {
        "OPP"
    } else {
        "GOV"
    }
}
