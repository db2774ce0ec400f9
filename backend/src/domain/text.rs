//! Vietnamese text handling: everything stored in Unicode NFC, and a folded form (lower case,
//! no diacritics, đ → d, single spaces) for search that ignores diacritics and case.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC with surrounding and repeated inner whitespace removed.
pub fn clean(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Free text a person wrote (a comment, an answer): NFC, control characters dropped, spaces
/// inside each line collapsed, at most one blank line in a row, trimmed. Line breaks stay.
pub fn clean_multiline(text: &str) -> String {
    let normal: String = text
        .nfc()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for line in normal.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// The search key of a text: "Nguyễn Văn  An" and "nguyen van an" fold alike.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folded text with everything but letters and digits removed: "Xã / Phường" → "xaphuong".
pub fn compact_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The folded text with, for each of its characters, the index of the character of `text` it
/// came from, so a match found in the folded text can be cut out of the original.
pub fn fold_mapped(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (index, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if folded.last().is_some_and(|last| *last != ' ') {
                folded.push(' ');
                origin.push(index);
            }
            continue;
        }
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            let d = if d == 'đ' || d == 'Đ' { 'd' } else { d };
            for lower in d.to_lowercase() {
                folded.push(lower);
                origin.push(index);
            }
        }
    }
    (folded, origin)
}

/// `text` cut to about `width` characters around the first place where it folds to `needle`
/// (already folded), with "…" where it was cut; the start of the text when there is no match.
pub fn snippet_around(text: &str, needle: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (folded, origin) = fold_mapped(text);
    let needle: Vec<char> = needle.chars().collect();
    let at = if needle.is_empty() {
        None
    } else {
        folded
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .and_then(|i| origin.get(i).copied())
    };
    let centre = at.unwrap_or(0);
    let start = if at.is_some() {
        centre.saturating_sub(width / 3)
    } else {
        0
    };
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// A LIKE pattern matching `needle` anywhere, its `%`, `_` and `\` taken literally (the
/// query uses `ESCAPE '\'`).
pub fn like_contains(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// HTML as plain text: tags dropped, the common entities decoded, spaces collapsed.
pub fn html_to_plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_diacritics_case_and_spacing() {
        assert_eq!(fold("Nguyễn Văn  An"), "nguyen van an");
        assert_eq!(fold("ĐẶNG THỊ ĐÀO"), "dang thi dao");
        assert_eq!(fold("nguyen van an"), fold("Nguyễn Văn An"));
    }

    #[test]
    fn decomposed_input_is_stored_composed() {
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(clean(decomposed), "Nguyễn");
        assert_eq!(clean("  Lê   Hoàng Yến "), "Lê Hoàng Yến");
    }

    #[test]
    fn a_snippet_is_cut_from_the_original_around_the_folded_match() {
        let text = "Bước đầu tiên: mở Cổng Dịch vụ công quốc gia rồi chọn thủ tục cần làm.";
        let snippet = snippet_around(text, "thu tuc", 20);
        assert!(snippet.contains("thủ tục"), "{snippet}");
        assert!(snippet.starts_with('…'), "{snippet}");
        assert_eq!(snippet_around("Đăng ký", "dang", 40), "Đăng ký");
        assert_eq!(snippet_around("abc", "zz", 2), "ab…");
    }

    #[test]
    fn folded_characters_point_back_at_their_original() {
        let (folded, origin) = fold_mapped("Đà  Nẵng");
        assert_eq!(folded.iter().collect::<String>(), "da nang");
        assert_eq!(origin, vec![0, 1, 2, 4, 5, 6, 7]);
        assert_eq!(folded.iter().collect::<String>(), fold("Đà  Nẵng"));
    }

    #[test]
    fn like_wildcards_in_user_input_are_taken_literally() {
        assert_eq!(like_contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn free_text_keeps_its_lines_but_not_blank_runs_or_control_characters() {
        assert_eq!(
            clean_multiline("  Bài hay\r\n\r\n\r\n  nhưng  dài\u{7}\n\n"),
            "Bài hay\n\nnhưng dài"
        );
        assert_eq!(clean_multiline("Nguye\u{0302}\u{0303}n"), "Nguyễn");
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_plain("<p>Chọn <b>Nộp</b> &amp; chờ</p>"),
            "Chọn Nộp & chờ"
        );
    }
}
