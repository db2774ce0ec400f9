//! Saving an attempt's answers as they are given, over a network that comes and goes. Every
//! answer gets the next sequence number and is written to localStorage at once (so a closed
//! tab or a dead battery loses nothing), then sent: at once for a click, after a pause for
//! typing. A failed send is retried with backoff and when the browser says it is online again;
//! when the page is hidden everything pending leaves at once (`keepalive`). A slot only shows
//! "saved" once the server acknowledged that answer's sequence number. The rules themselves
//! (merge, backoff, numbers) live in `crate::autosave`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use gloo_timers::callback::Timeout;
use hocdvc_api::{AttemptResponse, AttemptView, SaveAnswerRequest};
use yew::Callback;

use crate::autosave::{LocalAttempt, merge, normalise_number, retry_delay_ms};
use crate::services::api::{self, ApiError};

/// How long typing must pause before a text answer is sent.
const TYPING_PAUSE_MS: u32 = 800;

/// Where a slot's answer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// The server acknowledged the answer shown.
    Saved,
    /// Kept on this device, being sent (or about to be).
    Saving,
    /// Kept on this device; the network failed and a retry is scheduled.
    Waiting,
}

pub struct Engine {
    attempt_id: i32,
    kinds: BTreeMap<i32, String>,
    local: LocalAttempt,
    pub responses: BTreeMap<i32, AttemptResponse>,
    pub states: BTreeMap<i32, SaveState>,
    in_flight: BTreeSet<i32>,
    failures: u32,
    retry_scheduled: bool,
    /// Slots whose typing pause is running, with the token of the timer that may send them
    /// (timers are never cancelled, a newer keystroke just makes the older token stale).
    typing: BTreeMap<i32, u64>,
    next_token: u64,
    /// The server refused a save for good (attempt closed, signed out …): nothing more is sent.
    pub stopped: Option<ApiError>,
    rerender: Callback<()>,
}

pub type Autosaver = Rc<RefCell<Engine>>;

pub fn storage_key(attempt_id: i32) -> String {
    format!("hocdvc.attempt.{attempt_id}")
}

/// Forgets what this device kept for an attempt (once it is finished).
pub fn forget(attempt_id: i32) {
    LocalStorage::delete(storage_key(attempt_id));
}

impl Engine {
    /// Merges the server's answers with this device's unsent ones. Call [`resend_all`] once the
    /// page is mounted to send what only this device has.
    pub fn new(view: &AttemptView, rerender: Callback<()>) -> Engine {
        let stored =
            LocalStorage::get::<LocalAttempt>(storage_key(view.attempt_id)).unwrap_or_default();
        let slots: Vec<i32> = view.questions.iter().map(|q| q.slot).collect();
        let merged = merge(&view.answers, &stored, &slots);
        let states = merged
            .answers
            .keys()
            .map(|&slot| {
                let state = if merged.local.pending.contains_key(&slot) {
                    SaveState::Saving
                } else {
                    SaveState::Saved
                };
                (slot, state)
            })
            .collect();
        let engine = Engine {
            attempt_id: view.attempt_id,
            kinds: view
                .questions
                .iter()
                .map(|q| (q.slot, q.kind.clone()))
                .collect(),
            local: merged.local,
            responses: merged
                .answers
                .into_iter()
                .map(|(slot, (_, response))| (slot, response))
                .collect(),
            states,
            in_flight: BTreeSet::new(),
            failures: 0,
            retry_scheduled: false,
            typing: BTreeMap::new(),
            next_token: 0,
            stopped: None,
            rerender,
        };
        engine.persist();
        engine
    }

    fn persist(&self) {
        // A full or disabled storage only loses the reload safety net; saving still works.
        let _ = LocalStorage::set(storage_key(self.attempt_id), &self.local);
    }

    /// Whether every answer given has been acknowledged.
    pub fn all_saved(&self) -> bool {
        self.local.pending.is_empty()
    }

    /// The state to show for the whole attempt: the worst of its slots.
    pub fn overall(&self) -> SaveState {
        if self.states.values().any(|s| *s == SaveState::Waiting) {
            SaveState::Waiting
        } else if !self.local.pending.is_empty() {
            SaveState::Saving
        } else {
            SaveState::Saved
        }
    }

    fn request(&self, slot: i32) -> Option<SaveAnswerRequest> {
        let pending = self.local.pending.get(&slot)?;
        let mut response = pending.response.clone();
        if self.kinds.get(&slot).map(String::as_str) == Some("numerical") {
            response.text = response.text.as_deref().map(normalise_number);
        }
        Some(SaveAnswerRequest {
            seq: pending.seq,
            response,
        })
    }
}

/// Records an answer and sends it: at once, or after a pause in typing when `typing`.
pub fn answer(saver: &Autosaver, slot: i32, response: AttemptResponse, typing: bool) {
    let rerender = {
        let mut engine = saver.borrow_mut();
        engine.responses.insert(slot, response.clone());
        engine.local.record(slot, response);
        engine.persist();
        let state = if engine.failures > 0 {
            SaveState::Waiting
        } else {
            SaveState::Saving
        };
        engine.states.insert(slot, state);
        if typing {
            engine.next_token += 1;
            let token = engine.next_token;
            engine.typing.insert(slot, token);
            let later = saver.clone();
            Timeout::new(TYPING_PAUSE_MS, move || {
                let due = later.borrow().typing.get(&slot) == Some(&token);
                if due {
                    later.borrow_mut().typing.remove(&slot);
                    send(&later, slot, false);
                }
            })
            .forget();
        } else {
            engine.typing.remove(&slot);
        }
        engine.rerender.clone()
    };
    if !typing {
        send(saver, slot, false);
    }
    rerender.emit(());
}

/// Sends everything pending now (page hidden, back online, time up, before submitting).
pub fn resend_all(saver: &Autosaver, keepalive: bool) {
    let slots: Vec<i32> = {
        let mut engine = saver.borrow_mut();
        engine.typing.clear();
        engine.local.pending.keys().copied().collect()
    };
    for slot in slots {
        send(saver, slot, keepalive);
    }
}

/// A failure worth retrying: no answer at all, or the server (or a proxy) busy or broken.
fn is_transient(err: &ApiError) -> bool {
    match err {
        ApiError::Network(_) | ApiError::Unexpected(_) => true,
        ApiError::Server { status, .. } => *status >= 500 || *status == 429 || *status == 408,
    }
}

fn send(saver: &Autosaver, slot: i32, keepalive: bool) {
    let (attempt_id, request) = {
        let mut engine = saver.borrow_mut();
        if engine.stopped.is_some() || engine.in_flight.contains(&slot) {
            // A send in flight looks again at this slot when it returns.
            return;
        }
        let Some(request) = engine.request(slot) else {
            return;
        };
        engine.in_flight.insert(slot);
        (engine.attempt_id, request)
    };
    let saver = saver.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = api::save_answer(attempt_id, slot, &request, keepalive).await;
        let (again, rerender) = {
            let mut engine = saver.borrow_mut();
            engine.in_flight.remove(&slot);
            let again = match result {
                Ok(ack) => {
                    engine.failures = 0;
                    let done = engine.local.acknowledge(slot, ack.saved_seq);
                    engine.persist();
                    if done {
                        engine.states.insert(slot, SaveState::Saved);
                    }
                    // A newer answer was given meanwhile: send it unless typing goes on.
                    !done && !engine.typing.contains_key(&slot)
                }
                Err(err) if is_transient(&err) => {
                    engine.failures = engine.failures.saturating_add(1);
                    for (pending, _) in engine.local.pending.clone() {
                        engine.states.insert(pending, SaveState::Waiting);
                    }
                    if !engine.retry_scheduled {
                        engine.retry_scheduled = true;
                        let later = saver.clone();
                        Timeout::new(retry_delay_ms(engine.failures), move || {
                            later.borrow_mut().retry_scheduled = false;
                            resend_all(&later, false);
                        })
                        .forget();
                    }
                    false
                }
                Err(err) => {
                    engine.stopped = Some(err);
                    false
                }
            };
            (again, engine.rerender.clone())
        };
        if again {
            send(&saver, slot, false);
        }
        rerender.emit(());
    });
}
