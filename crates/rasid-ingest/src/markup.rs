//! HTML to paragraphs of text, shared by the HTML page and feed readers.
//!
//! Block elements (`<p>`, `<div>`, headings, list items, `<br>`…) end a
//! paragraph; inline text is joined; runs of white space (NBSP included) become
//! one space; empty paragraphs are dropped. html5ever has already decoded the
//! entities. The walk is iterative, so deeply nested markup cannot overflow the stack.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements whose content is never article text.
pub(crate) fn is_hidden_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "head"
            | "title"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
    )
}

/// Elements that start and end a paragraph.
pub(crate) fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "figure"
            | "figcaption"
            | "hr"
            | "br"
            | "address"
            | "form"
            | "fieldset"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "html"
    )
}

/// Appends text, collapsing white space into single spaces.
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Collapses white space and trims.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    out.truncate(out.trim_end().len());
    out
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let trimmed = current.trim();
    if !trimmed.is_empty() {
        paragraphs.push(trimmed.to_owned());
    }
    current.clear();
}

/// The paragraphs of text under `root`.
pub(crate) fn paragraphs(root: NodeRef<'_, Node>) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut hidden: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if hidden.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => push_collapsed(&mut current, text),
                    Node::Element(element) => {
                        let name = element.name();
                        if is_hidden_tag(name) {
                            hidden = Some(node.id());
                        } else if is_block_tag(name) {
                            flush(&mut current, &mut paragraphs);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if hidden == Some(node.id()) {
                    hidden = None;
                    continue;
                }
                if hidden.is_some() {
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    if is_block_tag(element.name()) {
                        flush(&mut current, &mut paragraphs);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// All the text under `node`, white space collapsed, hidden elements left out.
pub(crate) fn inline_text(node: NodeRef<'_, Node>) -> String {
    paragraphs(node).join(" ")
}

/// A feed item's content (HTML or plain text) as paragraphs joined by `\n`.
pub(crate) fn fragment_text(content: &str) -> String {
    if !content.contains('<') && !content.contains('&') || too_deep(content) {
        let lines: Vec<String> = content.lines().map(collapse).filter(|l| !l.is_empty()).collect();
        return lines.join("\n");
    }
    let fragment = Html::parse_fragment(content);
    paragraphs(fragment.tree.root()).join("\n")
}

/// How deep HTML may nest before it is refused: html5ever's tree builder scans its
/// stack of open elements for many tags, so time grows with depth × tags.
pub(crate) const MAX_HTML_DEPTH: usize = 512;

/// Elements that never hold others.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"basefont"
            | b"bgsound"
            | b"frame"
            | b"image"
    )
}

/// Elements the parser closes by itself when the next one opens (or ignores out of place).
fn closes_itself(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"rtc"
            | b"colgroup"
            | b"caption"
            | b"html"
            | b"head"
            | b"body"
            | b"a"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes"
    )
}

/// True when HTML nests elements deeper than [`MAX_HTML_DEPTH`], by a quick scan
/// of its tags that errs on the side of counting (self-closing syntax only counts
/// as such inside SVG and MathML, as for the parser).
pub(crate) fn too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    let lower_find = |from: usize, needle: &[u8]| {
        let rest = bytes.get(from..)?;
        rest.windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map(|p| from + p)
    };
    let (mut depth, mut foreign_from, mut i) = (0usize, None::<usize>, 0usize);
    while let Some(offset) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        i += offset;
        let rest = bytes.get(i..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = lower_find(i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = lower_find(i + 2, b">").map_or(bytes.len(), |e| e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        let name: Vec<u8> = bytes
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name.is_empty() || !name.first().is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let tag_end = lower_find(name_start + name_len, b">").unwrap_or(bytes.len());
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        i = tag_end + 1;
        if !closing && is_raw_text(&name) {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(&name);
            i = lower_find(i, &end_tag).unwrap_or(bytes.len());
            continue;
        }
        if is_void(&name) || closes_itself(&name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            if foreign_from.is_some_and(|from| depth < from) {
                foreign_from = None;
            }
        } else if !(self_closing && foreign_from.is_some()) {
            if foreign_from.is_none() && (name == b"svg" || name == b"math") {
                foreign_from = Some(depth);
            }
            depth += 1;
            if depth > MAX_HTML_DEPTH {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let text = fragment_text(
            "<p>الفقرة&nbsp;الأولى <b>مهمة</b></p>\n<div>ثانية<br>ثالثة</div><script>x()</script><ul><li>أ</li><li>ب</li></ul>",
        );
        assert_eq!(text, "الفقرة الأولى مهمة\nثانية\nثالثة\nأ\nب");
    }

    #[test]
    fn plain_text_keeps_its_lines() {
        assert_eq!(fragment_text("  سطر   أول \n\n سطر ثان "), "سطر أول\nسطر ثان");
        assert_eq!(fragment_text("a &amp; b"), "a & b");
    }

    #[test]
    fn deep_nesting_is_read_without_the_parser() {
        let html = "<div>".repeat(100_000) + "نص" + &"</div>".repeat(100_000);
        assert!(too_deep(&html));
        assert_eq!(fragment_text(&html), html);
    }

    #[test]
    fn depth_scan() {
        assert!(!too_deep(&"<p>x<br><li>y<a href=1>z".repeat(5000)));
        assert!(!too_deep(&"<div><span>x</span><img src=a></div>".repeat(5000)));
        assert!(!too_deep(&format!("<svg>{}</svg>", "<path d=1/>".repeat(5000))));
        assert!(too_deep(&"<div/>".repeat(600)));
        assert!(too_deep(&"<b>".repeat(600)));
        assert!(!too_deep(&format!("<script>{}</script>", "<div>".repeat(600))));
        assert!(!too_deep(&"<!-- <div> -->".repeat(600)));
    }
}
