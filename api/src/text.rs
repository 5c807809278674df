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
    fn tidies_whitespace() {
        assert_eq!(tidy("  Nguyễn   Thị  Lan "), "Nguyễn Thị Lan");
    }
}
