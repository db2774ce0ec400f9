//! The pure rules of saving answers during an attempt, kept apart from the browser so they can be
//! tested natively: what the browser keeps unsent (per attempt, per slot, with the sequence
//! number of each answer), how it merges that with the answers the server already holds after a
//! reload or on another device (higher `seq` wins), how long to wait before retrying, whether a
//! question counts as answered, how a Vietnamese decimal number is sent, and the countdown.

use std::collections::BTreeMap;

use hocdvc_api::{AttemptQuestion, AttemptResponse, SavedAnswer};
use serde::{Deserialize, Serialize};

/// An answer given in this browser and not yet acknowledged by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAnswer {
    pub seq: i64,
    pub response: AttemptResponse,
}

/// What this browser keeps for one attempt (in localStorage): the next sequence number to use,
/// so `seq` keeps rising across reloads, and every answer the server has not acknowledged yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalAttempt {
    pub next_seq: i64,
    #[serde(default)]
    pub pending: BTreeMap<i32, PendingAnswer>,
}

impl LocalAttempt {
    /// Takes the next sequence number (never below 1).
    pub fn take_seq(&mut self) -> i64 {
        let seq = self.next_seq.max(1);
        self.next_seq = seq + 1;
        seq
    }

    /// Records an answer just given; it stays pending until acknowledged.
    pub fn record(&mut self, slot: i32, response: AttemptResponse) -> i64 {
        let seq = self.take_seq();
        self.pending.insert(slot, PendingAnswer { seq, response });
        seq
    }

    /// The server kept `saved_seq` for `slot`: the pending answer is done with when it is not
    /// newer than that. Returns whether the slot has nothing left to send.
    pub fn acknowledge(&mut self, slot: i32, saved_seq: i64) -> bool {
        match self.pending.get(&slot) {
            Some(p) if p.seq > saved_seq => false,
            _ => {
                self.pending.remove(&slot);
                true
            }
        }
    }
}

/// The state of an attempt's answers after a load: the answer to show per slot (with its
/// sequence number), and the slots whose local answer is newer than the server's and must be
/// sent again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub answers: BTreeMap<i32, (i64, AttemptResponse)>,
    pub resend: Vec<i32>,
    /// The local store with acknowledged answers dropped and `next_seq` above every known one.
    pub local: LocalAttempt,
}

/// Merges the server's saved answers with this browser's unsent ones: per slot, the higher
/// `seq` wins (a tie means the server has the local answer already). Local answers for slots
/// the attempt does not have are dropped. `next_seq` ends above every sequence number seen, so
/// an answer given next on this device is never ignored as older than one from another device.
pub fn merge(server: &[SavedAnswer], local: &LocalAttempt, slots: &[i32]) -> Merged {
    let mut answers: BTreeMap<i32, (i64, AttemptResponse)> = server
        .iter()
        .filter(|a| a.seq > 0)
        .map(|a| (a.slot, (a.seq, a.response.clone())))
        .collect();
    let mut kept = BTreeMap::new();
    let mut resend = Vec::new();
    for (&slot, pending) in &local.pending {
        if !slots.contains(&slot) {
            continue;
        }
        let server_seq = answers.get(&slot).map_or(0, |(seq, _)| *seq);
        if pending.seq > server_seq {
            answers.insert(slot, (pending.seq, pending.response.clone()));
            kept.insert(slot, pending.clone());
            resend.push(slot);
        }
    }
    let highest = answers
        .values()
        .map(|(seq, _)| *seq)
        .chain(server.iter().map(|a| a.seq))
        .max()
        .unwrap_or(0);
    Merged {
        answers,
        resend,
        local: LocalAttempt {
            next_seq: local.next_seq.max(highest + 1).max(1),
            pending: kept,
        },
    }
}

/// Milliseconds to wait before retry number `failures` (1, 2, …): 1 s doubling to 30 s, so a
/// phone that lost its signal neither hammers the server nor waits long once it is back.
pub fn retry_delay_ms(failures: u32) -> u32 {
    let exponent = failures.saturating_sub(1).min(5);
    (1000u32 << exponent).min(30_000)
}

/// Whether a response answers a question of type `kind` (a blank text or an empty choice does
/// not). Descriptions need no answer.
pub fn is_answered(question: &AttemptQuestion, response: Option<&AttemptResponse>) -> bool {
    let Some(response) = response else {
        return false;
    };
    match question.kind.as_str() {
        "multichoice" | "truefalse" => response.selected.as_ref().is_some_and(|s| !s.is_empty()),
        "match" => response.pairs.as_ref().is_some_and(|pairs| {
            question
                .stems
                .iter()
                .all(|stem| pairs.get(&stem.id).is_some_and(|choice| !choice.is_empty()))
        }),
        _ => response.text.as_ref().is_some_and(|t| !t.trim().is_empty()),
    }
}

/// Whether a question asks for an answer at all.
pub fn needs_answer(question: &AttemptQuestion) -> bool {
    question.kind != "description"
}

/// A number as typed on a Vietnamese phone, as the server reads it: `3,5` → `3.5`; with a
/// comma as decimal separator, dots group thousands (`1.000,5` → `1000.5`); spaces are
/// dropped. Anything without a comma is sent as typed (trimmed).
pub fn normalise_number(typed: &str) -> String {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.contains(',') {
        compact.replace('.', "").replace(',', ".")
    } else {
        compact
    }
}

/// Milliseconds left, from the server's own clock: what remained when the server answered
/// (`deadline - server_now`), less the time that has passed on this device since then (measured
/// with a monotonic clock, so a phone with a wrong date still counts right). Never negative.
pub fn remaining_ms(deadline_ms: f64, server_now_ms: f64, elapsed_ms: f64) -> f64 {
    (deadline_ms - server_now_ms - elapsed_ms).max(0.0)
}

/// `mm:ss` (or `h:mm:ss` from an hour), rounding up so `00:00` means time is up.
pub fn clock(remaining_ms: f64) -> String {
    let total = (remaining_ms / 1000.0).ceil().max(0.0) as u64;
    let (hours, minutes, seconds) = (total / 3600, (total % 3600) / 60, total % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> AttemptResponse {
        AttemptResponse {
            text: Some(t.to_owned()),
            ..AttemptResponse::default()
        }
    }

    fn saved(slot: i32, seq: i64, t: &str) -> SavedAnswer {
        SavedAnswer {
            slot,
            seq,
            response: text(t),
        }
    }

    fn local(next_seq: i64, pending: &[(i32, i64, &str)]) -> LocalAttempt {
        LocalAttempt {
            next_seq,
            pending: pending
                .iter()
                .map(|&(slot, seq, t)| {
                    (
                        slot,
                        PendingAnswer {
                            seq,
                            response: text(t),
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_newer_local_answer_wins_and_is_sent_again() {
        let merged = merge(&[saved(1, 3, "cũ")], &local(5, &[(1, 4, "mới")]), &[1, 2]);
        assert_eq!(merged.answers[&1], (4, text("mới")));
        assert_eq!(merged.resend, vec![1]);
        assert_eq!(merged.local.pending[&1].seq, 4);
        assert_eq!(merged.local.next_seq, 5);
    }

    #[test]
    fn a_newer_server_answer_wins_and_the_local_one_is_dropped() {
        // Answered again on another device after this one went offline.
        let merged = merge(&[saved(1, 9, "máy khác")], &local(5, &[(1, 4, "cũ")]), &[1]);
        assert_eq!(merged.answers[&1], (9, text("máy khác")));
        assert!(merged.resend.is_empty());
        assert!(merged.local.pending.is_empty());
        assert_eq!(merged.local.next_seq, 10, "the next answer must beat seq 9");
    }

    #[test]
    fn an_acknowledged_local_answer_is_not_sent_twice() {
        let merged = merge(&[saved(2, 7, "x")], &local(8, &[(2, 7, "x")]), &[1, 2]);
        assert!(merged.resend.is_empty());
        assert!(merged.local.pending.is_empty());
        assert_eq!(merged.answers[&2], (7, text("x")));
    }

    #[test]
    fn answers_only_kept_locally_are_shown_and_sent() {
        let merged = merge(&[], &local(3, &[(3, 2, "chưa gửi")]), &[1, 2, 3]);
        assert_eq!(merged.answers[&3], (2, text("chưa gửi")));
        assert_eq!(merged.resend, vec![3]);
    }

    #[test]
    fn local_answers_for_slots_the_attempt_lacks_are_dropped() {
        let merged = merge(&[], &local(3, &[(42, 2, "lạc")]), &[1, 2]);
        assert!(merged.answers.is_empty());
        assert!(merged.resend.is_empty());
        assert!(merged.local.pending.is_empty());
    }

    #[test]
    fn a_fresh_device_starts_above_the_servers_sequence_numbers() {
        let merged = merge(
            &[saved(1, 12, "a"), saved(2, 30, "b")],
            &LocalAttempt::default(),
            &[1, 2],
        );
        assert_eq!(merged.local.next_seq, 31);
        let mut store = merged.local;
        assert_eq!(store.record(1, text("c")), 31);
        assert_eq!(store.next_seq, 32);
    }

    #[test]
    fn sequence_numbers_start_at_one_and_only_rise() {
        let mut store = LocalAttempt::default();
        assert_eq!(store.record(1, text("a")), 1);
        assert_eq!(store.record(1, text("ab")), 2);
        assert_eq!(store.pending[&1].seq, 2);
        // An acknowledgement of an older save keeps the newer answer pending.
        assert!(!store.acknowledge(1, 1));
        assert!(store.acknowledge(1, 2));
        assert!(store.pending.is_empty());
        assert_eq!(store.record(2, text("b")), 3);
    }

    #[test]
    fn retries_back_off_up_to_thirty_seconds() {
        assert_eq!(retry_delay_ms(1), 1000);
        assert_eq!(retry_delay_ms(2), 2000);
        assert_eq!(retry_delay_ms(3), 4000);
        assert_eq!(retry_delay_ms(6), 30_000);
        assert_eq!(retry_delay_ms(100), 30_000);
    }

    #[test]
    fn vietnamese_decimal_numbers_are_sent_with_a_dot() {
        assert_eq!(normalise_number("3,5"), "3.5");
        assert_eq!(normalise_number(" 1.000,25 "), "1000.25");
        assert_eq!(normalise_number("2.5"), "2.5");
        assert_eq!(normalise_number("-7"), "-7");
    }

    fn question(kind: &str) -> AttemptQuestion {
        AttemptQuestion {
            slot: 1,
            kind: kind.to_owned(),
            text: String::new(),
            single: None,
            options: Vec::new(),
            stems: vec![
                hocdvc_api::AttemptOption {
                    id: "a".into(),
                    text: "A".into(),
                },
                hocdvc_api::AttemptOption {
                    id: "b".into(),
                    text: "B".into(),
                },
            ],
            max_mark: 1.0,
        }
    }

    #[test]
    fn blank_answers_do_not_count_as_answered() {
        assert!(!is_answered(&question("essay"), Some(&text("  "))));
        assert!(is_answered(&question("essay"), Some(&text("Có"))));
        assert!(!is_answered(&question("shortanswer"), None));
        let none = AttemptResponse {
            selected: Some(Vec::new()),
            ..AttemptResponse::default()
        };
        assert!(!is_answered(&question("multichoice"), Some(&none)));
        let half = AttemptResponse {
            pairs: Some([("a".to_owned(), "x".to_owned())].into()),
            ..AttemptResponse::default()
        };
        assert!(!is_answered(&question("match"), Some(&half)));
        let full = AttemptResponse {
            pairs: Some(
                [
                    ("a".to_owned(), "x".to_owned()),
                    ("b".to_owned(), "y".to_owned()),
                ]
                .into(),
            ),
            ..AttemptResponse::default()
        };
        assert!(is_answered(&question("match"), Some(&full)));
        assert!(!needs_answer(&question("description")));
    }

    #[test]
    fn the_countdown_follows_the_server_clock() {
        // The phone's own date plays no part: only the server's two times and elapsed time.
        assert_eq!(remaining_ms(100_000.0, 40_000.0, 10_000.0), 50_000.0);
        assert_eq!(remaining_ms(100_000.0, 40_000.0, 90_000.0), 0.0);
        assert_eq!(clock(61_000.0), "01:01");
        assert_eq!(clock(59_001.0), "01:00");
        assert_eq!(clock(0.0), "00:00");
        assert_eq!(clock(3_723_000.0), "1:02:03");
    }
}
