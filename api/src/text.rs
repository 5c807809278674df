//! Text helpers shared by both sides.

/// Folds Vietnamese to plain lowercase ASCII so "gia lam" finds "Gia Lâm" and "thach ban" finds
/// "Thạch Bàn": people type without diacritics on phones whose keyboard lacks Telex.
pub fn fold_vietnamese(input: &str) -> String {
    input.chars().map(fold_char).collect::<String>().to_lowercase()
}

fn fold_char(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", 'a'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ÈÉẸẺẼÊỀẾỆỂỄ", 'e'),
        ("ìíịỉĩ", 'i'),
        ("ÌÍỊỈĨ", 'i'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ", 'o'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ÙÚỤỦŨƯỪỨỰỬỮ", 'u'),
        ("ỳýỵỷỹ", 'y'),
        ("ỲÝỴỶỸ", 'y'),
        ("đĐ", 'd'),
    ];
    if c.is_ascii() {
        return c;
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map_or(c, |&(_, plain)| plain)
}

/// Trims and collapses runs of whitespace, so "  Nguyễn   Thị  Lan " is stored once, cleanly.
pub fn tidy(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A piece of plain text: words, or a link the app makes clickable (through the warning page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link {
        text: &'a str,
        /// What the browser opens: the text with `https://` added when it had no scheme.
        href: String,
        /// The lowercase host without `www.`, shown beside the link and checked by the rules.
        domain: String,
    },
}

/// Top-level domains that make a bare word a link ("zalo.me/abc", "vaytien.xyz").
const BARE_TLDS: &[&str] = &[
    "vn", "com", "net", "org", "me", "info", "xyz", "top", "io", "ly", "link", "site", "online", "shop",
    "club", "vip", "cc",
];

/// Splits text into words and links: `http(s)://…`, `www.…` and bare domains with a common
/// top-level domain. Trailing punctuation stays out of the link.
pub fn links(text: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let core = word
            .trim_end()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        let core_start = start + (core.len() - core.trim_start_matches(['(', '"']).len());
        let core = core.trim_start_matches(['(', '"']);
        let Some((href, domain)) = as_link(core) else {
            continue;
        };
        if core_start > plain_from {
            segments.push(Segment::Text(&text[plain_from..core_start]));
        }
        segments.push(Segment::Link {
            text: core,
            href,
            domain,
        });
        plain_from = core_start + core.len();
    }
    if plain_from < text.len() {
        segments.push(Segment::Text(&text[plain_from..]));
    }
    segments
}

fn as_link(word: &str) -> Option<(String, String)> {
    let lower = word.to_ascii_lowercase();
    let (href, rest) = if let Some(rest) = lower.strip_prefix("https://").or(lower.strip_prefix("http://")) {
        (word.to_owned(), rest)
    } else {
        (format!("https://{word}"), lower.as_str())
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let explicit = href.len() == word.len() || lower.starts_with("www.");
    let tld = host.rsplit('.').next().unwrap_or("");
    (valid && (explicit || BARE_TLDS.contains(&tld))).then(|| (href, host.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_vietnamese_vowel_and_d() {
        assert_eq!(fold_vietnamese("Gia Lâm"), "gia lam");
        assert_eq!(fold_vietnamese("Phường Thạch Bàn"), "phuong thach ban");
        assert_eq!(fold_vietnamese("Đà Nẵng"), "da nang");
        assert_eq!(fold_vietnamese("Ừ Ữ Ỵ Ố"), "u u y o");
    }

    #[test]
    fn finds_links_with_and_without_a_scheme() {
        let segments = links("Xem (https://Vay-Nhanh.xyz/a?b=1), hoặc zalo.me/123. Lúc 8.30 nhé");
        let found: Vec<_> = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Link { text, domain, .. } => Some((*text, domain.as_str())),
                Segment::Text(_) => None,
            })
            .collect();
        assert_eq!(
            found,
            [
                ("https://Vay-Nhanh.xyz/a?b=1", "vay-nhanh.xyz"),
                ("zalo.me/123", "zalo.me")
            ]
        );
        let rebuilt: String = segments
            .iter()
            .map(|s| match s {
                Segment::Link { text, .. } => *text,
                Segment::Text(t) => t,
            })
            .collect();
        assert_eq!(
            rebuilt,
            "Xem (https://Vay-Nhanh.xyz/a?b=1), hoặc zalo.me/123. Lúc 8.30 nhé"
        );
    }

    #[test]
    fn tidies_whitespace() {
        assert_eq!(tidy("  Nguyễn   Thị  Lan "), "Nguyễn Thị Lan");
    }
}
