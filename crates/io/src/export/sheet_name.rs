//! Workbook sheet names by Excel's rules, from any text a scenario holds (a
//! district's name, say): at most 31 characters (UTF-16 units, as Excel
//! counts them), none of `[ ] : * ? / \`, no apostrophe at either end, not
//! blank, not Excel's reserved `History`, and unique regardless of case even
//! after truncation.

const MAX: usize = 31;
const FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];

/// Sheet names handed out so far, compared as Excel compares them.
#[derive(Default)]
pub struct SheetNames(Vec<String>);

impl SheetNames {
    /// A valid name not used before, as close to `wanted` as the rules allow;
    /// a clash gets a number (`name 2`, `name 3`, ...), truncated to make room.
    pub fn take(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| {
                if FORBIDDEN.contains(&c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" {n}")
            };
            let name = not_a_broken_reference(fit(&clean, &suffix));
            let key = name.to_lowercase();
            if key != "history" && !self.0.iter().any(|u| u.to_lowercase() == key) {
                self.0.push(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

/// rust_xlsxwriter 0.96 takes a name like `A.1` (up to three bytes, a `.`
/// among them, then digits) for a cell reference and subtracts past zero on
/// the `.`: a panic in a debug build. Such a name gets `_` for its `.`.
fn not_a_broken_reference(name: String) -> String {
    let Some(digits) = name.find(|c: char| c.is_ascii_digit()) else {
        return name;
    };
    let (head, tail) = name.split_at(digits);
    if digits <= 3 && head.contains('.') && tail.chars().all(|c| c.is_ascii_digit()) {
        head.replace('.', "_") + tail
    } else {
        name
    }
}

/// `base`, cut so that `base + suffix` is at most 31 UTF-16 units, without
/// an apostrophe at either end; "sheet" when nothing is left.
fn fit(base: &str, suffix: &str) -> String {
    let room = MAX - suffix.encode_utf16().count();
    let mut cut = String::new();
    for c in base.chars() {
        if cut.encode_utf16().count() + c.len_utf16() > room {
            break;
        }
        cut.push(c);
    }
    let trimmed = cut.trim_matches('\'');
    let body = if trimmed.trim().is_empty() {
        "sheet"
    } else {
        trimmed
    };
    format!("{body}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn valid(name: &str) -> bool {
        let len = name.encode_utf16().count();
        (1..=MAX).contains(&len)
            && !name.contains(FORBIDDEN)
            && !name.starts_with('\'')
            && !name.ends_with('\'')
            && !name.chars().any(char::is_control)
    }

    #[test]
    fn quoted_long_and_clashing_names() {
        let mut names = SheetNames::default();
        assert_eq!(names.take("'quoted'"), "quoted");
        assert_eq!(names.take("Quoted"), "Quoted 2");
        assert_eq!(names.take("a/b:c"), "a_b_c");
        assert_eq!(names.take("history"), "history 2");
        let long = "克".repeat(40);
        assert_eq!(names.take(&long), "克".repeat(31));
        assert_eq!(names.take(&long), format!("{} 2", "克".repeat(29)));
        assert_eq!(names.take("'"), "sheet");
        assert_eq!(names.take("A.0"), "A_0");
        // Cut right after an apostrophe: the apostrophe goes too.
        let wanted = format!("{}'bbb", "a".repeat(30));
        assert_eq!(names.take(&wanted), "a".repeat(30));
    }

    proptest! {
        #[test]
        fn any_names_make_a_workbook_excel_accepts(wanted in proptest::collection::vec(any::<String>(), 1..40)) {
            let mut names = SheetNames::default();
            let mut book = rust_xlsxwriter::Workbook::new();
            let mut seen: Vec<String> = Vec::new();
            for w in &wanted {
                let name = names.take(w);
                prop_assert!(valid(&name), "{name:?} from {w:?}");
                prop_assert!(!seen.iter().any(|s| s.to_lowercase() == name.to_lowercase()), "{name:?} twice");
                seen.push(name.clone());
                prop_assert!(book.add_worksheet().set_name(&name).is_ok(), "{name:?}");
            }
            prop_assert!(book.save_to_buffer().is_ok());
        }
    }
}
