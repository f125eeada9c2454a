//! The tagger's model: hashed feature weights per BIO label, label transitions,
//! Viterbi decoding, and the little-endian binary format the weights ship in.

use std::fmt;

use rasid_core::EntityKind;

use crate::NerError;

/// Number of labels: `O` and `B-`/`I-` of the four types.
pub const LABELS: usize = 9;

/// A BIO tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(EntityKind),
    /// A later token of an entity.
    I(EntityKind),
}

fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Per => 0,
        EntityKind::Loc => 1,
        EntityKind::Org => 2,
        EntityKind::Misc => 3,
    }
}

impl Tag {
    /// The label index, `0..LABELS`.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * kind_index(k),
            Tag::I(k) => 2 + 2 * kind_index(k),
        }
    }

    /// The tag with this label index (`O` when out of range).
    pub fn from_index(i: usize) -> Tag {
        let kind = match i.saturating_sub(1) / 2 {
            0 => EntityKind::Per,
            1 => EntityKind::Loc,
            2 => EntityKind::Org,
            _ => EntityKind::Misc,
        };
        match i {
            1 | 3 | 5 | 7 => Tag::B(kind),
            2 | 4 | 6 | 8 => Tag::I(kind),
            _ => Tag::O,
        }
    }

    /// Parses `O`, `B-PER`, `I-LOC`, … ANERcorp's `PERS` is read as `PER`.
    ///
    /// ```
    /// use rasid_entities::Tag;
    /// use rasid_core::EntityKind;
    /// assert_eq!(Tag::parse("B-PERS"), Some(Tag::B(EntityKind::Per)));
    /// assert_eq!(Tag::parse("x"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Tag> {
        let s = s.trim();
        if s == "O" {
            return Some(Tag::O);
        }
        let (bio, kind) = s.split_once('-')?;
        let kind = match kind {
            "PER" | "PERS" => EntityKind::Per,
            "LOC" => EntityKind::Loc,
            "ORG" => EntityKind::Org,
            "MISC" => EntityKind::Misc,
            _ => return None,
        };
        match bio {
            "B" => Some(Tag::B(kind)),
            "I" => Some(Tag::I(kind)),
            _ => None,
        }
    }

    /// The entity type, unless `O`.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(k) => write!(f, "B-{k}"),
            Tag::I(k) => write!(f, "I-{k}"),
        }
    }
}

/// Entity chunks `(start, end, kind)` (token indexes, end exclusive), the way
/// conlleval counts them: a chunk starts at every `B-X` and at an `I-X` after
/// `O` or another type.
///
/// ```
/// use rasid_entities::{chunks, Tag};
/// use rasid_core::EntityKind::*;
/// let tags = [Tag::B(Per), Tag::I(Per), Tag::O, Tag::I(Loc), Tag::I(Org)];
/// assert_eq!(chunks(&tags), vec![(0, 2, Per), (3, 4, Loc), (4, 5, Org)]);
/// ```
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(k), Some((_, o))) if k == o);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = t.kind() {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// True when label `cur` may follow label `prev` (`None`: sentence start):
/// `I-X` only after `B-X` or `I-X`.
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && p.div_ceil(2) == cur / 2)
}

/// The non-zero rows of a `buckets × LABELS` weight table, each row one
/// bucket's weights for all labels, side by side.
///
/// Most buckets of a hashed table are never trained (about one in ten has a
/// weight), so only those rows are kept, in bucket order, with a bitmap of
/// the buckets that have one and the count of rows before each 64 buckets:
/// a bucket's row is found with one popcount. A feature the model never saw
/// costs a bitmap read, and the rows of a 2^20-bucket model take about 2 MiB
/// instead of 18, so they stay in the cache where the dense table missed it
/// on nearly every feature.
#[derive(Clone, PartialEq)]
pub(crate) struct Weights<const W: usize = LABELS> {
    /// Per 64 buckets: the index of its first row, and which buckets have one.
    blocks: Vec<Block>,
    rows: Vec<[i16; W]>,
}

#[derive(Clone, Copy, Default, PartialEq)]
struct Block {
    rank: u32,
    bits: u64,
}

impl<const W: usize> Weights<W> {
    /// No rows, for `buckets` buckets.
    fn empty(buckets: usize) -> Self {
        Weights {
            blocks: vec![Block::default(); buckets.div_ceil(64)],
            rows: vec![[0; W]],
        }
    }

    /// The row of a bucket, `None` when it is all zero (or out of range).
    #[cfg(test)]
    fn row(&self, bucket: u32) -> Option<&[i16; W]> {
        let b = self.blocks.get(bucket as usize >> 6)?;
        let bit = 1u64 << (bucket & 63);
        if b.bits & bit == 0 {
            return None;
        }
        self.rows
            .get(b.rank as usize + (b.bits & (bit - 1)).count_ones() as usize)
    }

    /// Adds the rows of the buckets to `scores`.
    ///
    /// Without a branch on whether a bucket has a row (an unseen feature
    /// reads the all-zero row `rows[0]`): a branch that mispredicts on every
    /// other feature would stop the processor from fetching the next rows
    /// while one is still on its way from memory.
    #[inline]
    fn add_rows(&self, buckets: &[u32], scores: &mut [i32; W]) {
        for &f in buckets {
            let Some(b) = self.blocks.get(f as usize >> 6) else {
                continue;
            };
            let shift = f & 63;
            let present = (b.bits >> shift) & 1;
            let below = b.bits & ((1u64 << shift) - 1);
            let at = (u64::from(b.rank) + u64::from(below.count_ones()) + 1) * present;
            if let Some(row) = self.rows.get(at as usize) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// The non-zero rows with their buckets, in bucket order.
    fn iter(&self) -> impl Iterator<Item = (usize, &[i16; W])> + '_ {
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(k, b)| {
                (0..64usize)
                    .filter(move |j| b.bits & (1u64 << j) != 0)
                    .map(move |j| k * 64 + j)
            })
            .zip(self.rows.iter().skip(1))
    }

    /// Bytes held.
    fn memory_bytes(&self) -> usize {
        self.blocks.len() * std::mem::size_of::<Block>() + self.rows.len() * std::mem::size_of::<[i16; W]>()
    }
}

/// Builds a [`Weights`] from rows given in bucket order.
struct WeightsBuilder<const W: usize = LABELS> {
    table: Weights<W>,
    last: Option<usize>,
}

impl<const W: usize> WeightsBuilder<W> {
    fn new(buckets: usize) -> Self {
        WeightsBuilder {
            table: Weights::empty(buckets),
            last: None,
        }
    }

    /// Adds the row of `bucket`, which must not be below the last one added
    /// (the same bucket again replaces it). All-zero rows are not kept.
    fn push(&mut self, bucket: usize, row: [i16; W]) -> Result<(), String> {
        let blocks = self.table.blocks.len();
        if self.last.is_some_and(|l| bucket < l) {
            return Err(format!("weight row {bucket} out of order"));
        }
        let block = self
            .table
            .blocks
            .get_mut(bucket >> 6)
            .ok_or_else(|| format!("weight row {bucket} out of range for {} buckets", blocks * 64))?;
        let bit = 1u64 << (bucket & 63);
        if block.bits & bit != 0 {
            block.bits &= !bit;
            self.table.rows.pop();
        }
        if row.iter().any(|&w| w != 0) {
            block.bits |= bit;
            self.table.rows.push(row);
        }
        self.last = Some(bucket);
        Ok(())
    }

    /// The table, each block's rank set.
    fn finish(mut self) -> Weights<W> {
        let mut rank = 0u32;
        for b in &mut self.table.blocks {
            b.rank = rank;
            rank += b.bits.count_ones();
        }
        self.table
    }
}

/// The rows of a two-pass model and its first pass side by side, bucket by
/// bucket: the first pass's `LABELS` weights, then the second's. Both passes
/// hash the same word features, so one look-up scores a token's word
/// features under both; the second pass then adds only its document features.
pub(crate) type PairedWeights = Weights<{ 2 * LABELS }>;

impl PairedWeights {
    /// The rows of `first` and `second` side by side (`None` unless both have
    /// as many buckets).
    fn pair(first: &Weights, second: &Weights) -> Option<PairedWeights> {
        if first.blocks.len() != second.blocks.len() {
            return None;
        }
        let mut out = WeightsBuilder::new(first.blocks.len() * 64);
        out.table.rows.reserve(first.rows.len().max(second.rows.len()));
        let mut a = first.iter().peekable();
        let mut b = second.iter().peekable();
        loop {
            let bucket = match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(&(x, _)), None) => x,
                (None, Some(&(y, _))) => y,
                (Some(&(x, _)), Some(&(y, _))) => x.min(y),
            };
            let mut row = [0i16; 2 * LABELS];
            if let Some((_, r)) = a.next_if(|&(x, _)| x == bucket) {
                for (o, &w) in row.iter_mut().zip(r.iter()) {
                    *o = w;
                }
            }
            if let Some((_, r)) = b.next_if(|&(y, _)| y == bucket) {
                for (o, &w) in row.iter_mut().skip(LABELS).zip(r.iter()) {
                    *o = w;
                }
            }
            out.push(bucket, row).ok()?;
        }
        Some(out.finish())
    }

    /// Adds the word features' weights: the first pass's to `first`, the
    /// second's to `second`.
    pub(crate) fn score(&self, features: &[u32], first: &mut [i32; LABELS], second: &mut [i32; LABELS]) {
        let mut s = [0i32; 2 * LABELS];
        self.add_rows(features, &mut s);
        for (k, v) in s.into_iter().enumerate() {
            if k < LABELS {
                if let Some(x) = first.get_mut(k) {
                    *x += v;
                }
            } else if let Some(x) = second.get_mut(k - LABELS) {
                *x += v;
            }
        }
    }
}

/// Trained weights: `buckets × LABELS` feature weights and transition scores.
///
/// Weights are kept quantised to `i16` with one scale, so scoring is integer
/// addition; only the non-zero rows are held ([`Weights`]).
#[derive(Clone, PartialEq)]
pub struct Model {
    log2_buckets: u8,
    weights: Weights,
    /// `(LABELS + 1) × LABELS`: row `LABELS` is the sentence start.
    transitions: Vec<i32>,
    scale: f32,
    /// The first-pass model whose labels feed this model's document features
    /// (stacking); `None` for a single-pass model.
    first: Option<Box<Model>>,
    /// The first pass's rows and this model's side by side, for scoring both
    /// passes' word features with one look-up (a two-pass model whose passes
    /// have as many buckets).
    paired: Option<PairedWeights>,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("buckets", &(1usize << self.log2_buckets))
            .field("nonzero_rows", &self.nonzero_rows())
            .field("scale", &self.scale)
            .finish()
    }
}

const MAGIC: &[u8; 8] = b"RASIDNER";
/// Version of the binary format.
pub const FORMAT_VERSION: u32 = 2;

impl Model {
    /// A model that tags everything `O` (weights zero).
    pub fn empty(log2_buckets: u8) -> Model {
        let log2_buckets = log2_buckets.clamp(4, 24);
        Model {
            log2_buckets,
            weights: Weights::empty(1usize << log2_buckets),
            transitions: vec![0; (LABELS + 1) * LABELS],
            scale: 1.0,
            first: None,
            paired: None,
        }
    }

    /// Quantises float weights (`buckets × LABELS`, transitions `(LABELS+1) × LABELS`).
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn from_floats(log2_buckets: u8, weights: &[f32], transitions: &[f32]) -> Model {
        let max = weights
            .iter()
            .chain(transitions)
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = max / 32_000.0;
        let q = |w: f32| (w / scale).round().clamp(-32_767.0, 32_767.0) as i16;
        let mut table = WeightsBuilder::new(1usize << log2_buckets);
        for (bucket, row) in weights.chunks_exact(LABELS).enumerate() {
            let mut r = [0i16; LABELS];
            for (x, &w) in r.iter_mut().zip(row) {
                *x = q(w);
            }
            let _ = table.push(bucket, r);
        }
        Model {
            log2_buckets,
            weights: table.finish(),
            transitions: transitions.iter().map(|&w| i32::from(q(w))).collect(),
            scale,
            first: None,
            paired: None,
        }
    }

    /// The first-pass model of a two-pass (stacked) model.
    pub fn first_pass(&self) -> Option<&Model> {
        self.first.as_deref()
    }

    /// Makes this a second-pass model over `first`'s labels.
    #[cfg(feature = "train")]
    pub(crate) fn set_first_pass(&mut self, first: Model) {
        self.paired = PairedWeights::pair(&first.weights, &self.weights);
        self.first = Some(Box::new(first));
    }

    /// The first pass's weights and this model's side by side, when this is
    /// a two-pass model whose passes have as many buckets.
    pub(crate) fn paired(&self) -> Option<&PairedWeights> {
        self.paired.as_ref()
    }

    /// Lowers the score of `O` on every token by `delta` (in training units):
    /// trades precision for recall.
    pub fn penalise_outside(&mut self, delta: f32) {
        let bias = crate::features::bias_bucket(self.mask()) as usize;
        let mut table = WeightsBuilder::new(self.weights.blocks.len() * 64);
        let mut placed = false;
        let old: Vec<(usize, [i16; LABELS])> = self.weights.iter().map(|(b, r)| (b, *r)).collect();
        let penalised = |row: &mut [i16; LABELS]| {
            let q = (f32::from(row[0]) - delta / self.scale)
                .round()
                .clamp(-32_767.0, 32_767.0);
            row[0] = q as i16;
        };
        for (bucket, mut row) in old {
            if bucket > bias && !placed {
                let mut r = [0i16; LABELS];
                penalised(&mut r);
                let _ = table.push(bias, r);
                placed = true;
            }
            if bucket == bias {
                penalised(&mut row);
                placed = true;
            }
            let _ = table.push(bucket, row);
        }
        if !placed {
            let mut r = [0i16; LABELS];
            penalised(&mut r);
            let _ = table.push(bias, r);
        }
        self.weights = table.finish();
        if let Some(f) = &self.first {
            self.paired = PairedWeights::pair(&f.weights, &self.weights);
        }
    }

    /// The bucket mask for feature hashing.
    pub(crate) fn mask(&self) -> u32 {
        ((1u64 << self.log2_buckets) - 1) as u32
    }

    /// Rows with a non-zero weight.
    pub fn nonzero_rows(&self) -> usize {
        self.weights.rows.len().saturating_sub(1)
    }

    /// Adds the weights of the features to `scores`.
    pub(crate) fn score(&self, features: &[u32], scores: &mut [i32; LABELS]) {
        self.weights.add_rows(features, scores);
    }

    /// Adds the weights of the features, in training units, to `scores`.
    pub(crate) fn add_scaled(&self, features: &[u32], scores: &mut [f32; LABELS]) {
        let mut s = [0i32; LABELS];
        self.score(features, &mut s);
        for (x, v) in scores.iter_mut().zip(s) {
            *x += v as f32 * self.scale;
        }
    }

    /// Adds the transition scores, in training units, to `out` (`(LABELS + 1) × LABELS`).
    pub(crate) fn add_scaled_transitions(&self, out: &mut [f32]) {
        for (x, &t) in out.iter_mut().zip(&self.transitions) {
            *x += t as f32 * self.scale;
        }
    }

    /// Bytes of the weight tables held in memory, first pass included.
    pub fn memory_bytes(&self) -> usize {
        self.weights.memory_bytes()
            + self.paired.as_ref().map_or(0, Weights::memory_bytes)
            + self.transitions.len() * 4
            + self.first.as_ref().map_or(0, |f| f.memory_bytes())
    }

    /// The best label sequence for these emission scores.
    pub(crate) fn viterbi(&self, emissions: &[[i32; LABELS]]) -> Vec<usize> {
        let trans = |p: usize, c: usize| self.transitions.get(p * LABELS + c).copied().unwrap_or(0);
        viterbi(
            emissions,
            |p, c| i64::from(trans(p.unwrap_or(LABELS), c)),
            |s| s.map(i64::from),
        )
    }

    /// Serialises: magic, format version, log2 buckets, scale, transitions, then
    /// the non-zero rows as (bucket delta varint, `LABELS` × i16), all
    /// little-endian; then a byte 1 and the first-pass model's bytes, or 0.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.push(self.log2_buckets);
        out.extend_from_slice(&self.scale.to_le_bytes());
        for &t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&(self.nonzero_rows() as u32).to_le_bytes());
        let mut last = 0usize;
        for (i, row) in self.weights.iter() {
            let mut delta = i - last;
            last = i;
            loop {
                let b = (delta & 0x7f) as u8;
                delta >>= 7;
                if delta == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
            for &w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        match &self.first {
            Some(f) => {
                out.push(1);
                out.extend_from_slice(&f.to_bytes());
            }
            None => out.push(0),
        }
        out
    }

    /// Reads what [`Model::to_bytes`] wrote.
    ///
    /// # Errors
    /// [`NerError::Model`] when the bytes are not a model of this format version.
    /// Never panics: bytes of another format, version or label count, or
    /// cut short, are an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, NerError> {
        let mut r = Reader { bytes, at: 0 };
        let m = Model::read(&mut r, 0)?;
        if r.at != bytes.len() {
            return Err(NerError::Model(format!(
                "{} bytes left after the model's end at byte {} (a model of another shape or label count, not {LABELS}?)",
                bytes.len() - r.at,
                r.at
            )));
        }
        Ok(m)
    }

    fn read(r: &mut Reader<'_>, depth: u8) -> Result<Model, NerError> {
        if r.take(8)? != MAGIC {
            return Err(NerError::Model("not a rasid-entities model".into()));
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(NerError::Model(format!(
                "model format {version}, this build reads {FORMAT_VERSION}"
            )));
        }
        let log2 = r.take(1)?.first().copied().unwrap_or(0);
        if !(4..=24).contains(&log2) {
            return Err(NerError::Model(format!("bad bucket count 2^{log2}")));
        }
        let scale = f32::from_le_bytes(r.array()?);
        let mut m = Model::empty(log2);
        m.scale = scale;
        let mut table = WeightsBuilder::new(1usize << log2);
        for t in m.transitions.iter_mut() {
            *t = i32::from_le_bytes(r.array()?);
        }
        let rows = r.u32()? as usize;
        // Reserved up to what the bytes left can hold (a row takes at least 19).
        table
            .table
            .rows
            .reserve(rows.min(r.bytes.len().saturating_sub(r.at) / (1 + 2 * LABELS)));
        let mut at = 0usize;
        for _ in 0..rows {
            let mut delta = 0usize;
            let mut shift = 0;
            loop {
                let b = r.take(1)?.first().copied().unwrap_or(0);
                delta |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 || shift > 35 {
                    break;
                }
            }
            at = at.saturating_add(delta);
            if at >= 1usize << log2 {
                return Err(NerError::Model(format!(
                    "weight row {at} out of range for 2^{log2} buckets"
                )));
            }
            let mut row = [0i16; LABELS];
            for w in row.iter_mut() {
                *w = i16::from_le_bytes(r.array()?);
            }
            table.push(at, row).map_err(NerError::Model)?;
        }
        m.weights = table.finish();
        let stacked = r.take(1)?.first().copied();
        if !matches!(stacked, Some(0 | 1)) {
            return Err(NerError::Model(format!(
                "bad first-pass flag {stacked:?} at byte {} (a model of another shape or label count, not {LABELS}?)",
                r.at - 1
            )));
        }
        if stacked == Some(1) {
            if depth > 0 {
                return Err(NerError::Model("first-pass models nest only once".into()));
            }
            let first = Model::read(r, depth + 1)?;
            m.paired = PairedWeights::pair(&first.weights, &m.weights);
            m.first = Some(Box::new(first));
        }
        Ok(m)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let s = self.bytes.get(self.at..self.at.saturating_add(n)).ok_or_else(|| {
            NerError::Model(format!(
                "truncated: {} bytes, wanted {n} more at byte {}",
                self.bytes.len(),
                self.at
            ))
        })?;
        self.at += n;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

/// First-order Viterbi under the BIO constraint, generic over the score type.
pub(crate) fn viterbi<S>(
    emissions: &[S],
    trans: impl Fn(Option<usize>, usize) -> i64,
    emit: impl Fn(&S) -> [i64; LABELS],
) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: i64 = i64::MIN / 4;
    let mut back = vec![[0u8; LABELS]; n];
    let mut cur = [NEG; LABELS];
    let first = emissions.first().map(&emit).unwrap_or([0; LABELS]);
    for (y, c) in cur.iter_mut().enumerate() {
        if allowed(None, y) {
            *c = first.get(y).copied().unwrap_or(0) + trans(None, y);
        }
    }
    for (i, e) in emissions.iter().enumerate().skip(1) {
        let e = emit(e);
        let mut next = [NEG; LABELS];
        let b = back.get_mut(i);
        let mut bp = [0u8; LABELS];
        for (y, nx) in next.iter_mut().enumerate() {
            let mut best = NEG;
            let mut arg = 0;
            for (p, &c) in cur.iter().enumerate() {
                if c == NEG || !allowed(Some(p), y) {
                    continue;
                }
                let s = c + trans(Some(p), y);
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            if best > NEG {
                *nx = best + e.get(y).copied().unwrap_or(0);
            }
            if let Some(slot) = bp.get_mut(y) {
                *slot = arg as u8;
            }
        }
        if let Some(b) = b {
            *b = bp;
        }
        cur = next;
    }
    let mut y = cur
        .iter()
        .enumerate()
        .max_by_key(|&(i, &s)| (s, std::cmp::Reverse(i)))
        .map_or(0, |(i, _)| i);
    let mut path = vec![0usize; n];
    for i in (0..n).rev() {
        if let Some(p) = path.get_mut(i) {
            *p = y;
        }
        if i > 0 {
            y = back.get(i).and_then(|b| b.get(y)).map_or(0, |&p| usize::from(p));
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for i in 0..LABELS {
            let t = Tag::from_index(i);
            assert_eq!(t.index(), i);
            assert_eq!(Tag::parse(&t.to_string()), Some(t));
        }
    }

    #[test]
    fn bio_constraint() {
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
    }

    #[test]
    fn bytes_round_trip() {
        let mut w = vec![0f32; 16 * LABELS];
        w[3 * LABELS + 2] = 1.5;
        w[15 * LABELS] = -0.25;
        let t = vec![0.5f32; (LABELS + 1) * LABELS];
        let m = Model::from_floats(4, &w, &t);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(m, back);
        assert!(Model::from_bytes(b"garbage").is_err());
        assert!(Model::from_bytes(&m.to_bytes()[..30]).is_err());
    }

    /// The error text of reading these bytes.
    fn read_error(bytes: &[u8]) -> String {
        match Model::from_bytes(bytes) {
            Ok(_) => "read".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn models_of_the_wrong_shape_are_errors() {
        let mut w = vec![0f32; 16 * LABELS];
        w[5 * LABELS + 1] = 2.0;
        let m = Model::from_floats(4, &w, &[0.5; (LABELS + 1) * LABELS]);
        let good = m.to_bytes();
        // Wrong magic.
        let mut b = good.clone();
        b[0] = b'X';
        assert!(
            read_error(&b).contains("not a rasid-entities model"),
            "{}",
            read_error(&b)
        );
        // Another format version.
        let mut b = good.clone();
        b[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert!(read_error(&b).contains("model format"), "{}", read_error(&b));
        // Cut anywhere: an error, never a panic.
        for n in 0..good.len() {
            let e = read_error(&good[..n]);
            assert_ne!(e, "read", "a model cut at {n} bytes was read");
        }
        assert!(read_error(&good[..good.len() - 3]).contains("truncated"));
        // Trailing bytes.
        let mut b = good.clone();
        b.extend_from_slice(&[0, 0, 0]);
        assert!(read_error(&b).contains("bytes left"), "{}", read_error(&b));
        // A model written for 7 labels: the transition table and rows have
        // another size.
        let labels = 7usize;
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        b.push(4);
        b.extend_from_slice(&1f32.to_le_bytes());
        for _ in 0..(labels + 1) * labels {
            b.extend_from_slice(&1i32.to_le_bytes());
        }
        b.extend_from_slice(&2u32.to_le_bytes());
        for row in [1u8, 3] {
            b.push(row);
            for _ in 0..labels {
                b.extend_from_slice(&7i16.to_le_bytes());
            }
        }
        b.push(0);
        assert_ne!(read_error(&b), "read");
        // Random bytes after a good header never panic.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200 {
            let mut b = good[..12].to_vec();
            for _ in 0..(x % 400) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b.push(x as u8);
            }
            let _ = Model::from_bytes(&b);
        }
    }

    #[test]
    fn sparse_rows_score_like_the_dense_table() {
        // A 2^10-bucket table with rows in a few buckets, some blocks empty,
        // some full, the first and last buckets included.
        let buckets = 1usize << 10;
        let mut w = vec![0f32; buckets * LABELS];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut with_row = Vec::new();
        for b in 0..buckets {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let full_block = (128..192).contains(&b);
            let empty_block = (256..384).contains(&b);
            if !empty_block && (full_block || b == 0 || b == buckets - 1 || x.is_multiple_of(7)) {
                w[b * LABELS + (x as usize >> 8) % LABELS] = ((x >> 20) % 200) as f32 - 99.5;
                with_row.push(b);
            }
        }
        let m = Model::from_floats(10, &w, &[0.0; (LABELS + 1) * LABELS]);
        assert_eq!(m.nonzero_rows(), with_row.len());
        let dense = |b: usize| -> [i32; LABELS] {
            let mut r = [0i32; LABELS];
            for (k, x) in r.iter_mut().enumerate() {
                *x = i32::from((w[b * LABELS + k] / m.scale).round().clamp(-32_767.0, 32_767.0) as i16);
            }
            r
        };
        for b in 0..buckets {
            let mut s = [0i32; LABELS];
            m.score(&[b as u32], &mut s);
            assert_eq!(s, dense(b), "bucket {b}");
            assert_eq!(m.weights.row(b as u32).is_some(), with_row.contains(&b), "bucket {b}");
        }
        // Several features, repeated, and one out of range (ignored).
        let feats = [3u32, 130, 130, 1023, 0, 5000];
        let mut s = [0i32; LABELS];
        m.score(&feats, &mut s);
        let mut want = [0i32; LABELS];
        for &f in &feats[..5] {
            for (a, b) in want.iter_mut().zip(dense(f as usize)) {
                *a += b;
            }
        }
        assert_eq!(s, want);
        // Written and read back: the same rows.
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    #[test]
    fn penalising_outside_adds_the_bias_row_when_it_had_none() {
        let mut w = vec![0f32; 16 * LABELS];
        w[LABELS + 3] = 1.0;
        let mut m = Model::from_floats(4, &w, &[0.0; (LABELS + 1) * LABELS]);
        let bias = crate::features::bias_bucket(m.mask());
        let mut before = [0i32; LABELS];
        m.score(&[bias], &mut before);
        m.penalise_outside(0.5);
        let mut after = [0i32; LABELS];
        m.score(&[bias], &mut after);
        assert!(after[0] < before[0], "{before:?} {after:?}");
        assert_eq!(after[1..], before[1..]);
        let mut one = [0i32; LABELS];
        m.score(&[1], &mut one);
        assert_eq!(one[3], 32_000);
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    #[test]
    fn the_shipped_model_holds_only_its_trained_rows() {
        let bytes = include_bytes!("../data/ner.bin");
        let (m, took) = (0..3)
            .map(|_| {
                let started = std::time::Instant::now();
                let m = Model::from_bytes(bytes).unwrap();
                (m, started.elapsed())
            })
            .min_by_key(|(_, t)| *t)
            .unwrap();
        let bytes = m.memory_bytes();
        eprintln!("ner.bin: {bytes} bytes in memory, read in {took:?} (best of 3)");
        // Dense, its two passes took 2 × 2^20 buckets × 9 labels × 2 bytes (36 MiB).
        assert!(bytes < 12 << 20, "{bytes} bytes");
        assert!(m.paired().is_some());
        assert_eq!(m.to_bytes(), include_bytes!("../data/ner.bin"));
    }

    #[test]
    fn viterbi_respects_bio() {
        // Emissions prefer I-PER first, which is not allowed at the start.
        let mut e = [0i32; LABELS];
        e[2] = 10;
        e[1] = 5;
        let m = Model::empty(4);
        let path = m.viterbi(&[e, e]);
        assert_eq!(path, vec![1, 2]);
    }
}
