//! HTML pages: dom_smoothie finds the article and its title; petrel's own rules then drop what
//! leaks (navigation, banners, captions and credits, "Read more", share lines, footers).

use crate::builder::{DocBuilder, Meta};
use crate::furniture::{normalize, Furniture};
use crate::jsonl::parse_date;
use chrono::NaiveDate;
use ego_tree::iter::Edge;
use petrel_core::Document;
use regex::Regex;
use scraper::{Html, Node};
use std::sync::OnceLock;

/// Elements whose whole subtree is never article text.
const DROP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "iframe",
    "svg",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "menu",
    "head",
    "title",
    "picture",
    "img",
    "dialog",
];

/// Elements that start and end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "address",
    "hr",
    "body",
    "html",
    "center",
    "details",
    "summary",
    "br",
    "tbody",
    "thead",
];

/// Deepest element nesting handed to dom_smoothie.
const MAX_READABILITY_DEPTH: usize = 256;

/// Deepest nesting given to an HTML parser at all: html5ever's scope checks are linear in the
/// depth, so absurdly nested (malformed or hostile) pages are read by stripping markup instead.
const MAX_TREE_DEPTH: usize = 2048;

/// Elements that never have a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An upper bound of the element nesting of a page: open tags minus close tags, at the deepest.
fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'<', b) {
        let rest = &b[i + 1..];
        if let Some(r) = rest.strip_prefix(b"/") {
            if r.first().is_some_and(u8::is_ascii_alphabetic) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest[0].is_ascii_alphabetic() {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_lowercase();
        if !VOID.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// A block of text with how much of it sits inside links.
#[derive(Debug, Default)]
struct Block {
    text: String,
    link_bytes: usize,
}

/// Collects the paragraphs under the root of `html`, skipping dropped subtrees.
fn blocks(html: &Html, furniture: &Furniture) -> Vec<Block> {
    let total_p = html
        .tree
        .root()
        .descendants()
        .filter(|n| matches!(n.value(), Node::Element(e) if e.name() == "p"))
        .count();
    let mut out = Vec::new();
    let mut cur = Block::default();
    let mut in_link = 0usize;
    let mut skip: Option<ego_tree::NodeId> = None;
    let flush = |cur: &mut Block, out: &mut Vec<Block>| {
        let t = cur.text.trim_end();
        if !t.is_empty() {
            let len = t.len();
            let mut b = std::mem::take(cur);
            b.text.truncate(len);
            b.link_bytes = b.link_bytes.min(len);
            out.push(b);
        } else {
            *cur = Block::default();
        }
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        for (i, w) in t.split_whitespace().enumerate() {
                            let space = i > 0 || t.starts_with(char::is_whitespace);
                            if space && !cur.text.is_empty() && !cur.text.ends_with(' ') {
                                cur.text.push(' ');
                            }
                            cur.text.push_str(w);
                            if in_link > 0 {
                                cur.link_bytes += w.len() + 1;
                            }
                        }
                        if t.ends_with(char::is_whitespace)
                            && !cur.text.is_empty()
                            && !cur.text.ends_with(' ')
                        {
                            cur.text.push(' ');
                        }
                    }
                    Node::Element(e) => {
                        let name = e.name();
                        let attr_drop = || {
                            [e.attr("class"), e.attr("id"), e.attr("role")]
                                .into_iter()
                                .flatten()
                                .any(|v| furniture.attr_rule(v).is_some() || v == "navigation")
                        };
                        let hidden =
                            e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true");
                        if DROP.contains(&name)
                            || hidden
                            || (attr_drop() && !holds_article(node, total_p))
                        {
                            skip = Some(node.id());
                            continue;
                        }
                        if BLOCK.contains(&name) {
                            flush(&mut cur, &mut out);
                        }
                        if name == "a" {
                            in_link += 1;
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    if BLOCK.contains(&e.name()) {
                        flush(&mut cur, &mut out);
                    }
                    if e.name() == "a" {
                        in_link = in_link.saturating_sub(1);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// True when the element holds most of the page's paragraphs: then a class like "has-share"
/// on the article container must not drop the article.
fn holds_article(node: ego_tree::NodeRef<'_, Node>, total_p: usize) -> bool {
    let p = node
        .descendants()
        .filter(|n| matches!(n.value(), Node::Element(e) if e.name() == "p"))
        .count();
    p >= 3 && p * 2 >= total_p
}

/// True when a block is mostly link text and short: navigation, "Read more: ..." links.
fn is_link_list(b: &Block) -> bool {
    b.text.split_whitespace().count() <= 30 && b.link_bytes * 2 > b.text.len()
}

/// `html` with markup, comments, scripts and styles blanked out (same length), for finding
/// extracted text in the raw input.
fn mask_markup(html: &str) -> Vec<u8> {
    let mut m = html.as_bytes().to_vec();
    let n = m.len();
    let lower = |i: usize, pat: &[u8]| {
        m.get(i..i + pat.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(pat))
    };
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if m[i] != b'<' {
            i += 1;
            continue;
        }
        let next = m.get(i + 1).copied().unwrap_or(0);
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            i += 1;
            continue;
        }
        let end = if lower(i, b"<!--") {
            memchr::memmem::find(&m[i + 4..], b"-->").map_or(n, |p| i + 4 + p + 3)
        } else {
            // a tag: up to the first '>' outside quotes
            let mut j = i + 1;
            let mut quote = 0u8;
            while j < n {
                let c = m[j];
                if quote != 0 {
                    if c == quote {
                        quote = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    quote = c;
                } else if c == b'>' {
                    break;
                }
                j += 1;
            }
            let mut end = (j + 1).min(n);
            for raw in [&b"script"[..], b"style"] {
                if lower(i + 1, raw) {
                    let close: Vec<u8> = [b"</".as_slice(), raw].concat();
                    let rest = &m[end..];
                    end = (0..rest.len())
                        .find(|&k| {
                            rest[k..].len() >= close.len()
                                && rest[k..k + close.len()].eq_ignore_ascii_case(&close)
                        })
                        .map_or(n, |k| end + k);
                }
            }
            end
        };
        blank.push((i, end));
        i = end.max(i + 1);
    }
    for (a, b) in blank {
        m[a..b].fill(0);
    }
    m
}

/// Finds `s` (collapsed text) in the masked input from `from`: exact first, else word by word.
/// Returns pieces `(offset in s, len, input offset)` and the new cursor.
fn locate(masked: &[u8], s: &str, from: usize) -> (Vec<(usize, usize, usize)>, usize) {
    let from = from.min(masked.len());
    if let Some(p) = memchr::memmem::find(&masked[from..], s.as_bytes()) {
        return (vec![(0, s.len(), from + p)], from + p + s.len());
    }
    const WINDOW: usize = 64 * 1024;
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
    let mut cursor = from;
    let mut off = 0;
    for w in s.split(' ') {
        let len = w.len();
        if len > 0 {
            let end = (cursor + WINDOW).min(masked.len());
            if let Some(p) = memchr::memmem::find(&masked[cursor..end], w.as_bytes()) {
                let at = cursor + p;
                match pieces.last_mut() {
                    // merge when the gap is identical in text and input
                    Some(last)
                        if last.0 + last.1 + 1 == off
                            && last.2 + last.1 + 1 == at
                            && masked[at - 1] == b' ' =>
                    {
                        last.1 += 1 + len;
                    }
                    _ => pieces.push((off, len, at)),
                }
                cursor = at + len;
            }
        }
        off += len + 1;
    }
    (pieces, cursor)
}

/// Makes a document of an HTML page. Offsets in the source map are offsets into `html`.
/// `None` when no article text is left.
pub(crate) fn read_html(html: &str, mut meta: Meta, furniture: &Furniture) -> Option<Document> {
    let depth = nesting_depth(html);
    if depth > MAX_TREE_DEPTH {
        return read_flat(html, meta, furniture);
    }
    let cfg = dom_smoothie::Config {
        keep_classes: true,
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    // dom_smoothie recurses over the tree: very deep (malformed) pages go to petrel's own
    // iterative walker instead.
    let article = if depth <= MAX_READABILITY_DEPTH {
        dom_smoothie::Readability::new(html, None, Some(cfg))
            .ok()
            .and_then(|mut r| r.parse().ok())
    } else {
        None
    };
    let (mut title, content) = match &article {
        Some(a) => (a.title.trim().to_string(), Html::parse_fragment(&a.content)),
        None => (String::new(), Html::parse_document(html)),
    };
    let page = if article.is_some() {
        None
    } else {
        Some(&content)
    };
    if title.is_empty() {
        // no readable title: the page's first <h1>
        let doc;
        let h = match page {
            Some(p) => p,
            None => {
                doc = Html::parse_document(html);
                &doc
            }
        };
        if let Ok(sel) = scraper::Selector::parse("h1") {
            if let Some(h1) = h.select(&sel).next() {
                title = h1
                    .text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
    }
    if furniture.paragraph_rule(&title).is_some() {
        title.clear();
    }
    let mut paras: Vec<String> = blocks(&content, furniture)
        .into_iter()
        .filter(|b| !is_link_list(b) && furniture.paragraph_rule(&b.text).is_none())
        .map(|b| b.text)
        .collect();
    let title_key = normalize(&title);
    if !title_key.is_empty() {
        paras.retain(|p| normalize(p) != title_key);
    }
    if paras.is_empty() {
        return None;
    }
    if let Some(a) = &article {
        if meta.date.is_none() {
            meta.date = a.published_time.as_deref().and_then(|t| {
                parse_date(t)
                    .ok()
                    .or_else(|| t.get(..10).and_then(|d| parse_date(d).ok()))
            });
        }
        meta.url = meta.url.or_else(|| a.url.clone().filter(|u| !u.is_empty()));
        meta.source = meta
            .source
            .or_else(|| a.site_name.clone().filter(|s| !s.trim().is_empty()));
    }
    if meta.date.is_none() {
        meta.date = time_element_date(html);
    }
    let masked = mask_markup(html);
    if let Some(short) = strip_site_name(&title, &masked) {
        title = short;
        let key = normalize(&title);
        paras.retain(|p| normalize(p) != key);
        if paras.is_empty() {
            return None;
        }
    }
    let mut b = DocBuilder::new();
    if !title.is_empty() {
        let (pieces, _) = locate(&masked, &title, 0);
        b.title_pieces(&title, &pieces);
    }
    let mut cursor = 0;
    for p in &paras {
        let (pieces, next) = locate(&masked, p, cursor);
        cursor = next;
        b.paragraph_pieces(p, &pieces);
    }
    Some(b.finish(meta))
}

/// The date of the first `<time datetime="...">` of the page that parses as a date.
fn time_element_date(html: &str) -> Option<NaiveDate> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(r#"(?i)<time\b[^>]*?\bdatetime\s*=\s*["']([^"']{8,40})["']"#).ok()
        })
        .as_ref()?;
    re.captures_iter(html).take(5).find_map(|c| {
        let v = c.get(1)?.as_str();
        parse_date(v)
            .ok()
            .or_else(|| v.get(..10).and_then(|d| parse_date(d).ok()))
    })
}

/// "Headline - Site Name" → "Headline", when the page shows the headline on its own (it is
/// found twice in the page's visible text: in `<title>` and in the page).
fn strip_site_name(title: &str, masked: &[u8]) -> Option<String> {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(at) = title.rfind(sep) {
            let head = title[..at].trim();
            if head.split_whitespace().count() < 2 {
                continue;
            }
            let found = memchr::memmem::find_iter(masked, head.as_bytes())
                .take(2)
                .count();
            if found >= 2 {
                return Some(head.to_string());
            }
        }
    }
    None
}

/// Reads a page without parsing it: markup is removed, block-level tags end paragraphs, and the
/// result is read as plain text (furniture rules included). Linear in the input size.
fn read_flat(html: &str, meta: Meta, furniture: &Furniture) -> Option<Document> {
    let masked = mask_markup(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < masked.len() {
        if masked[i] != 0 {
            let end = masked[i..]
                .iter()
                .position(|&c| c == 0)
                .map_or(masked.len(), |p| i + p);
            // text runs start and end at ASCII '<' / '>' boundaries, so they are whole chars
            out.push_str(&html[i..end]);
            i = end;
            continue;
        }
        let end = masked[i..]
            .iter()
            .position(|&c| c != 0)
            .map_or(masked.len(), |p| i + p);
        let tag = html[i..end].trim_start_matches(['<', '/']);
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK.contains(&name.as_str()) || DROP.contains(&name.as_str()) {
            out.push_str("\n\n");
        } else {
            out.push(' ');
        }
        i = end;
    }
    let mut d = crate::text::read_text(&out, meta, furniture)?;
    d.source_map.clear();
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_only_text() {
        let h = "<p class=\"a>b\">Hi <b>there</b></p><!-- x --><script>var a='<p>';</script>ok";
        let m = mask_markup(h);
        let visible: String = m.iter().filter(|&&c| c != 0).map(|&c| c as char).collect();
        assert_eq!(visible, "Hi thereok");
        assert_eq!(m.len(), h.len());
    }

    #[test]
    fn locate_word_by_word() {
        let h = "<p>Putin <a href=x>denies</a> planning\n an invasion.</p>";
        let m = mask_markup(h);
        let s = "Putin denies planning an invasion.";
        let (pieces, _) = locate(&m, s, 0);
        for (off, len, at) in &pieces {
            assert_eq!(&s[*off..off + len], &h[*at..at + len]);
        }
        assert_eq!(pieces.len(), 4);
    }

    #[test]
    fn simple_page() {
        let h = "<html><head><title>Talks resume</title></head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
                 <article><h1>Talks resume</h1><p>Diplomats met in Geneva on Monday and agreed to meet again next week, officials said.</p>\
                 <figure><img src=x><figcaption>Delegates (L) arrive. Ivan Petrov / TASS</figcaption></figure>\
                 <p>The talks lasted four hours, and both sides called them useful, according to a statement.</p><p>Read more</p></article>\
                 <footer>© 2024 Wire</footer></body></html>";
        let d = read_html(h, Meta::default(), Furniture::builtin()).unwrap();
        assert_eq!(d.title.as_deref(), Some("Talks resume"));
        assert_eq!(
            d.text,
            "Talks resume\n\nDiplomats met in Geneva on Monday and agreed to meet again next week, officials said.\n\n\
             The talks lasted four hours, and both sides called them useful, according to a statement."
        );
        for m in &d.source_map {
            assert_eq!(
                &d.text[m.text_start..m.text_start + m.len],
                &h[m.input_start..m.input_start + m.len]
            );
        }
    }
}
