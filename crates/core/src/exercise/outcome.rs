//! What one check found, and the sentence it says it in: the shared ground of every check
//! (`addresses`, `predicates`, `connect`, `check`), below them all.

use crate::reach::Trace;

/// What one check found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub passed: bool,
    pub message: String,
    pub code: Option<String>,
    pub at: Option<String>,
    pub trace: Option<Trace>,
}

impl Outcome {
    pub(super) fn pass(message: impl Into<String>) -> Outcome {
        Outcome {
            passed: true,
            message: sentence(message.into()),
            ..Outcome::default()
        }
    }

    pub(super) fn fail(message: impl Into<String>) -> Outcome {
        Outcome {
            passed: false,
            message: sentence(message.into()),
            ..Outcome::default()
        }
    }

    pub(super) fn coded(mut self, code: &str, at: Option<String>) -> Outcome {
        self.code = Some(code.to_string());
        self.at = at;
        self
    }
}

/// A final full stop, and a capital first letter unless the sentence starts with an id
/// (`i-0a1b…`, `rtb-…`, `10.1.0.0/16`), which keeps its spelling.
fn sentence(text: String) -> String {
    let text = text.trim().trim_end_matches('.').to_string();
    if text.is_empty() {
        return text;
    }
    let mut words = text.split(' ');
    let first_word = words.next().unwrap_or_default();
    // `app (i-0a1b…)`: a Name tag, spelled as its owner spelled it.
    let named = words
        .next()
        .is_some_and(|w| w.starts_with('(') && w.contains('-'));
    if first_word.chars().all(|c| c.is_alphabetic()) && !named {
        let mut chars = text.chars();
        if let Some(c) = chars.next() {
            return format!("{}{}.", c.to_uppercase(), chars.as_str());
        }
    }
    format!("{text}.")
}

/// `s` with its first letter lowercased, to continue another sentence.
pub(super) fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Keep ids and acronyms ("NAT gateway", "VPC-1") as they are.
        Some(c) if chars.clone().next().is_some_and(|n| n.is_lowercase()) => {
            format!("{}{}", c.to_lowercase(), chars.as_str())
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_with_a_capital_and_end_with_one_full_stop() {
        for (input, want) in [
            ("vpc-0a1 has 2 subnets", "vpc-0a1 has 2 subnets."),
            ("i-0a1 (app) reaches s3", "i-0a1 (app) reaches s3."),
            ("there is no VPC yet", "There is no VPC yet."),
            ("done.", "Done."),
            ("  ", ""),
        ] {
            assert_eq!(sentence(input.to_string()), want);
        }
    }

    #[test]
    fn lowercase_first_keeps_acronyms_and_ids() {
        for (input, want) in [
            ("The reply finds no route", "the reply finds no route"),
            ("NAT gateway nat-1 is pending", "NAT gateway nat-1 is pending"),
            ("VPC-1 has no route", "VPC-1 has no route"),
            ("", ""),
        ] {
            assert_eq!(lowercase_first(input), want);
        }
    }
}
