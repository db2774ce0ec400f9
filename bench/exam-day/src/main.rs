//! `exam-day`: a province's exam minute against the real HTTP API, with goose. Each simulated
//! student signs in (the CSRF token comes with the session), waits until every student has
//! signed in, then all start their attempt at once (the spike); from then on each saves answers
//! one by one with think time (`PUT /api/attempts/{id}/answers/{slot}` with a rising `seq`),
//! and submits when the run ends.
//!
//! Besides goose's own report (every request by name, with percentiles), it prints its own
//! two headline figures from exact timings:
//! - **spike**: attempt starts per second, from the instant the last student signed in to the
//!   last start answered, with p50/p99 latency;
//! - **autosave**: saves per second over the steady window (from the first save after the
//!   spike to the last save before submitting), with p50/p99 latency.
//!
//! Goose flags as usual (`--host`, `--users`, `--hatch-rate`, `--run-time`, `--report-file`).
//! Environment: `EXAM_USERS_FILE` (usernames, one a line, from `exam-day-setup`),
//! `EXAM_PASSWORD`, `EXAM_MODULE` (`thpt-core`), `EXAM_THINK_MS` (think time between saves,
//! `min..max` milliseconds, default `100..500`), `EXAM_LOGIN_WAIT_S` (longest wait for the
//! others to sign in before starting anyway, default 300), `EXAM_LOGIN_PARALLEL` (sign-ins in
//! flight, default 8: each hashes a password on the server).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use goose::prelude::*;
use hocdvc_api::{
    AttemptQuestion, AttemptResponse, AttemptStarted, LoginRequest, SaveAnswerRequest, SessionInfo,
};
use rand::Rng;

/// One simulated student's state.
#[derive(Clone)]
struct Student {
    csrf: String,
    attempt_id: i32,
    questions: Vec<AttemptQuestion>,
    seq: i64,
}

struct Config {
    usernames: Vec<String>,
    password: String,
    module: String,
    think: (u64, u64),
    login_wait: Duration,
    login_parallel: usize,
}

static CONFIG: OnceLock<Config> = OnceLock::new();
static NEXT_USER: AtomicUsize = AtomicUsize::new(0);
static SIGNED_IN: AtomicUsize = AtomicUsize::new(0);
static SIGN_IN_FAILED: AtomicUsize = AtomicUsize::new(0);
static USERS: AtomicUsize = AtomicUsize::new(0);
/// When the last student signed in (the spike's start).
static ALL_SIGNED_IN: OnceLock<Instant> = OnceLock::new();
/// (answered at, latency) of every attempt start and every save.
static STARTS: Mutex<Vec<(Instant, Duration)>> = Mutex::new(Vec::new());
static SAVES: Mutex<Vec<(Instant, Duration)>> = Mutex::new(Vec::new());
/// Saves that did not answer 200.
static SAVE_ERRORS: AtomicUsize = AtomicUsize::new(0);
/// Sign-ins in flight: each one hashes a password (Argon2id, 19 MiB) on the server, so the
/// students arrive at the login page a few at a time, as they do in a school's computer room.
static SIGN_IN_SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();

fn config() -> &'static Config {
    CONFIG.get_or_init(|| {
        let file =
            std::env::var("EXAM_USERS_FILE").unwrap_or_else(|_| "target/exam-day-users.txt".into());
        let usernames = std::fs::read_to_string(&file)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let think = std::env::var("EXAM_THINK_MS").unwrap_or_else(|_| "100..500".into());
        let think = think
            .split_once("..")
            .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
            .unwrap_or((100, 500));
        let login_wait = std::env::var("EXAM_LOGIN_WAIT_S")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(300);
        Config {
            usernames,
            password: std::env::var("EXAM_PASSWORD").unwrap_or_else(|_| "thi-thu-2026".into()),
            module: std::env::var("EXAM_MODULE").unwrap_or_else(|_| "thpt-core".into()),
            think,
            login_wait: Duration::from_secs(login_wait),
            login_parallel: std::env::var("EXAM_LOGIN_PARALLEL")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(8),
        }
    })
}

fn custom(message: impl Into<String>) -> Box<TransactionError> {
    Box::new(TransactionError::Custom(message.into()))
}

fn record(list: &Mutex<Vec<(Instant, Duration)>>, began: Instant) {
    let now = Instant::now();
    if let Ok(mut list) = list.lock() {
        list.push((now, now - began));
    }
}

/// Signs in, waits for the whole class of the province, then starts the attempt.
async fn sign_in_and_start(user: &mut GooseUser) -> TransactionResult {
    let config = config();
    let index = NEXT_USER.fetch_add(1, Ordering::SeqCst);
    let username = config.usernames.get(index).ok_or_else(|| {
        custom(format!(
            "no username for simulated student {index}: run exam-day-setup with more students"
        ))
    })?;
    let login = LoginRequest {
        username: username.clone(),
        password: config.password.clone(),
    };
    let permit = SIGN_IN_SLOTS
        .get_or_init(|| tokio::sync::Semaphore::new(config.login_parallel))
        .acquire()
        .await
        .map_err(|e| custom(e.to_string()))?;
    let request = GooseRequest::builder()
        .method(GooseMethod::Post)
        .path("/api/auth/login")
        .name("login")
        .set_request_builder(
            user.get_request_builder(&GooseMethod::Post, "/api/auth/login")?
                .json(&login),
        )
        .build();
    let response = user.request(request).await?;
    drop(permit);
    let csrf = match response.response {
        Ok(r) if r.status().is_success() => {
            r.json::<SessionInfo>()
                .await
                .map_err(|e| custom(e.to_string()))?
                .csrf_token
        }
        Ok(r) => {
            SIGN_IN_FAILED.fetch_add(1, Ordering::SeqCst);
            SIGNED_IN.fetch_add(1, Ordering::SeqCst);
            return Err(custom(format!("login of {username}: {}", r.status())));
        }
        Err(e) => {
            SIGN_IN_FAILED.fetch_add(1, Ordering::SeqCst);
            SIGNED_IN.fetch_add(1, Ordering::SeqCst);
            return Err(custom(e.to_string()));
        }
    };

    // The exam minute: nobody starts before everyone has signed in.
    let signed_in = SIGNED_IN.fetch_add(1, Ordering::SeqCst) + 1;
    let waiting = Instant::now();
    let total = USERS.load(Ordering::SeqCst);
    if signed_in >= total {
        let _ = ALL_SIGNED_IN.set(Instant::now());
    }
    while SIGNED_IN.load(Ordering::SeqCst) < total && waiting.elapsed() < config.login_wait {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = ALL_SIGNED_IN.set(Instant::now());

    let path = format!("/api/modules/{}/attempts", config.module);
    let builder = user
        .get_request_builder(&GooseMethod::Post, &path)?
        .header("x-csrf-token", &csrf);
    let request = GooseRequest::builder()
        .method(GooseMethod::Post)
        .path(path.as_str())
        .name("start attempt")
        .set_request_builder(builder)
        .build();
    let began = Instant::now();
    let response = user.request(request).await?;
    let started = match response.response {
        Ok(r) if r.status().is_success() => {
            let started = r
                .json::<AttemptStarted>()
                .await
                .map_err(|e| custom(e.to_string()))?;
            record(&STARTS, began);
            started
        }
        Ok(r) => {
            let status = r.status();
            let body = r.text().await.unwrap_or_default();
            return Err(custom(format!("start: {status} {body}")));
        }
        Err(e) => return Err(custom(e.to_string())),
    };
    user.set_session_data(Student {
        csrf,
        attempt_id: started.attempt_id,
        questions: started.questions,
        seq: 0,
    });
    Ok(())
}

/// An answer a student could give to `question`.
fn answer(question: &AttemptQuestion, rng: &mut impl Rng) -> AttemptResponse {
    let pick = |options: &[hocdvc_api::AttemptOption], rng: &mut dyn rand::RngCore| {
        if options.is_empty() {
            None
        } else {
            Some(options[rng.random_range(0..options.len())].id.clone())
        }
    };
    match question.kind.as_str() {
        "multichoice" | "truefalse" => AttemptResponse {
            selected: pick(&question.options, rng).map(|id| vec![id]),
            ..Default::default()
        },
        "match" => AttemptResponse {
            pairs: Some(
                question
                    .stems
                    .iter()
                    .filter_map(|stem| Some((stem.id.clone(), pick(&question.options, rng)?)))
                    .collect(),
            ),
            ..Default::default()
        },
        "numerical" => AttemptResponse {
            text: Some(rng.random_range(0..100).to_string()),
            ..Default::default()
        },
        _ => AttemptResponse {
            text: Some("Cổng Dịch vụ công quốc gia".to_owned()),
            ..Default::default()
        },
    }
}

/// One answer saved, then think time (goose's wait time).
async fn save_answer(user: &mut GooseUser) -> TransactionResult {
    let Some(student) = user.get_session_data_mut::<Student>() else {
        return Err(custom("no attempt: the start failed"));
    };
    let answerable: Vec<usize> = student
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind != "description")
        .map(|(i, _)| i)
        .collect();
    if answerable.is_empty() {
        return Err(custom("the attempt has no question to answer"));
    }
    let (slot, body) = {
        let mut rng = rand::rng();
        let question = &student.questions[answerable[rng.random_range(0..answerable.len())]];
        student.seq += 1;
        (
            question.slot,
            SaveAnswerRequest {
                seq: student.seq,
                response: answer(question, &mut rng),
            },
        )
    };
    let (attempt_id, csrf) = (student.attempt_id, student.csrf.clone());
    let path = format!("/api/attempts/{attempt_id}/answers/{slot}");
    let builder = user
        .get_request_builder(&GooseMethod::Put, &path)?
        .header("x-csrf-token", csrf)
        .json(&body);
    let request = GooseRequest::builder()
        .method(GooseMethod::Put)
        .path(path.as_str())
        .name("autosave")
        .set_request_builder(builder)
        .build();
    let began = Instant::now();
    let response = user.request(request).await?;
    match response.response {
        Ok(r) if r.status().is_success() => {
            record(&SAVES, began);
            Ok(())
        }
        Ok(r) => {
            SAVE_ERRORS.fetch_add(1, Ordering::SeqCst);
            Err(custom(format!("autosave: {}", r.status())))
        }
        Err(e) => {
            SAVE_ERRORS.fetch_add(1, Ordering::SeqCst);
            Err(custom(e.to_string()))
        }
    }
}

/// Submits when the run ends.
async fn submit(user: &mut GooseUser) -> TransactionResult {
    let Some(student) = user.get_session_data::<Student>() else {
        return Ok(());
    };
    let path = format!("/api/attempts/{}/submit", student.attempt_id);
    let builder = user
        .get_request_builder(&GooseMethod::Post, &path)?
        .header("x-csrf-token", student.csrf.clone());
    let request = GooseRequest::builder()
        .method(GooseMethod::Post)
        .path(path.as_str())
        .name("submit")
        .set_request_builder(builder)
        .build();
    user.request(request).await?;
    Ok(())
}

/// (count, per second over `window`, p50, p99) of `samples` answered inside `window`.
fn summarise(
    samples: &[(Instant, Duration)],
    from: Instant,
    to: Instant,
) -> (usize, f64, f64, f64) {
    let mut latencies: Vec<f64> = samples
        .iter()
        .filter(|(at, _)| *at >= from && *at <= to)
        .map(|(_, d)| d.as_secs_f64() * 1000.0)
        .collect();
    latencies.sort_by(f64::total_cmp);
    let n = latencies.len();
    let seconds = (to - from).as_secs_f64().max(1e-9);
    let quantile = |q: f64| {
        if n == 0 {
            f64::NAN
        } else {
            latencies[(((n as f64) * q).ceil() as usize).clamp(1, n) - 1]
        }
    };
    (n, n as f64 / seconds, quantile(0.50), quantile(0.99))
}

#[tokio::main]
async fn main() -> Result<(), GooseError> {
    let config = config();
    if config.usernames.is_empty() {
        eprintln!("no usernames: run exam-day-setup first (see bench/exam-day/README.md)");
        std::process::exit(2);
    }
    let think = config.think;
    let attack = GooseAttack::initialize()?
        .register_scenario(
            scenario!("ExamDay")
                .set_wait_time(
                    Duration::from_millis(think.0),
                    Duration::from_millis(think.1.max(think.0)),
                )?
                .register_transaction(
                    transaction!(sign_in_and_start)
                        .set_on_start()
                        .set_name("sign in and start"),
                )
                .register_transaction(transaction!(save_answer).set_name("autosave"))
                .register_transaction(transaction!(submit).set_on_stop().set_name("submit")),
        )
        .set_default(GooseDefault::Host, "http://127.0.0.1:8080")?;
    // The barrier needs the number of simulated students before they launch.
    let users = std::env::args()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[0] == "--users" || w[0] == "-u")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(1);
    USERS.store(users, Ordering::SeqCst);
    attack.execute().await?;

    let starts = STARTS.lock().map(|s| s.clone()).unwrap_or_default();
    let saves = SAVES.lock().map(|s| s.clone()).unwrap_or_default();
    println!();
    println!("== exam-day summary ==");
    println!(
        "simulated students: {users}; sign-in failures: {}; think time {}..{} ms",
        SIGN_IN_FAILED.load(Ordering::SeqCst),
        think.0,
        think.1
    );
    if let (Some(&spike_from), Some(last)) = (ALL_SIGNED_IN.get(), starts.iter().map(|s| s.0).max())
    {
        let (n, rate, p50, p99) = summarise(&starts, spike_from, last);
        println!(
            "spike: {n} attempt starts in {:.2} s = {rate:.0} starts/s; latency p50 {p50:.1} ms, p99 {p99:.1} ms",
            (last - spike_from).as_secs_f64()
        );
    } else {
        println!("spike: no attempt started");
    }
    let last_start = starts.iter().map(|s| s.0).max();
    let first_save = saves
        .iter()
        .map(|s| s.0)
        .filter(|at| last_start.is_none_or(|l| *at > l))
        .min();
    let last_save = saves.iter().map(|s| s.0).max();
    match (first_save, last_save) {
        (Some(from), Some(to)) if to > from => {
            let (n, rate, p50, p99) = summarise(&saves, from, to);
            println!(
                "autosave (steady, after the spike): {n} saves in {:.1} s = {rate:.0} saves/s; latency p50 {p50:.1} ms, p99 {p99:.1} ms; failed saves: {}",
                (to - from).as_secs_f64(),
                SAVE_ERRORS.load(Ordering::SeqCst)
            );
        }
        _ => println!("autosave: no save after the spike"),
    }
    Ok(())
}
