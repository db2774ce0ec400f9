//! `exam-day-spike`: the exam minute with a lean client, and the autosave load file for `wrk`.
//!
//! 1. Every student of `EXAM_USERS_FILE` (written by `exam-day-setup`) signs in, a few at a
//!    time (each sign-in hashes a password with argon2id on purpose).
//! 2. The spike: all of them start the module's attempt at the same instant
//!    (`POST /api/modules/{module}/attempts`, one connection each). Prints attempt starts per
//!    second over the whole spike (first request sent → last answer received) and the p50/p99
//!    of the individual starts.
//! 3. Writes `EXAM_SAVES_FILE`: one line per student — session cookie, CSRF token, attempt id
//!    and, per answerable question, its slot and a valid answer as JSON — which `saves.lua`
//!    replays through `wrk` as autosaves with rising sequence numbers.
//!
//! Environment: `EXAM_HOST` (`http://127.0.0.1:8080`), `EXAM_USERS_FILE`
//! (`target/exam-day-users.txt`), `EXAM_PASSWORD` (`thi-thu-2026`), `EXAM_MODULE`
//! (`thpt-core`), `EXAM_SAVES_FILE` (`target/exam-day-saves.tsv`), `EXAM_LOGIN_PARALLEL` (4).

use std::sync::Arc;
use std::time::{Duration, Instant};

use hocdvc_api::{AttemptQuestion, AttemptStarted, LoginRequest, SessionInfo};

type Failure = Box<dyn std::error::Error + Send + Sync>;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

struct Student {
    cookie: String,
    csrf: String,
}

async fn sign_in(
    client: &reqwest::Client,
    host: &str,
    username: &str,
    password: &str,
) -> Result<Student, Failure> {
    let response = client
        .post(format!("{host}/api/auth/login"))
        .json(&LoginRequest {
            username: username.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await?;
    if !response.status().is_success() {
        return Err(format!("login of {username}: {}", response.status()).into());
    }
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let csrf = response.json::<SessionInfo>().await?.csrf_token;
    Ok(Student { cookie, csrf })
}

/// A valid answer to `question` as the JSON `response` of a save, or `None` for a question
/// that takes no answer.
fn answer_json(question: &AttemptQuestion) -> Option<String> {
    let first = question.options.first().map(|o| o.id.clone());
    let value = match question.kind.as_str() {
        "description" => return None,
        "multichoice" | "truefalse" => serde_json::json!({ "selected": [first?] }),
        "match" => {
            let pairs: serde_json::Map<String, serde_json::Value> = question
                .stems
                .iter()
                .map(|s| (s.id.clone(), serde_json::Value::from(first.clone().unwrap_or_default())))
                .collect();
            serde_json::json!({ "pairs": pairs })
        }
        "numerical" => serde_json::json!({ "text": "42" }),
        _ => serde_json::json!({ "text": "Cổng Dịch vụ công quốc gia" }),
    };
    Some(value.to_string())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let host = env_or("EXAM_HOST", "http://127.0.0.1:8080");
    let users_file = env_or("EXAM_USERS_FILE", "target/exam-day-users.txt");
    let password = env_or("EXAM_PASSWORD", "thi-thu-2026");
    let module = env_or("EXAM_MODULE", "thpt-core");
    let saves_file = env_or("EXAM_SAVES_FILE", "target/exam-day-saves.tsv");
    let parallel: usize = env_or("EXAM_LOGIN_PARALLEL", "4").parse()?;
    let usernames: Vec<String> = std::fs::read_to_string(&users_file)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();

    // Sign-ins, a few in flight.
    let signing = Instant::now();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(usernames.len())
        .build()?;
    let queue = Arc::new(tokio::sync::Mutex::new(
        usernames.iter().cloned().enumerate().collect::<Vec<_>>(),
    ));
    let mut workers = Vec::new();
    for _ in 0..parallel.max(1) {
        let (queue, client, host, password) = (
            Arc::clone(&queue),
            client.clone(),
            host.clone(),
            password.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut done = Vec::new();
            loop {
                let Some((i, username)) = queue.lock().await.pop() else {
                    return Ok::<_, String>(done);
                };
                let student = sign_in(&client, &host, &username, &password)
                    .await
                    .map_err(|e| e.to_string())?;
                done.push((i, student));
            }
        }));
    }
    let mut students = Vec::with_capacity(usernames.len());
    for worker in workers {
        students.extend(worker.await??);
    }
    students.sort_by_key(|(i, _)| *i);
    println!(
        "signed in {} students in {:.1} s",
        students.len(),
        signing.elapsed().as_secs_f64()
    );

    // The spike: every start released at once.
    let gate = Arc::new(tokio::sync::Barrier::new(students.len() + 1));
    let mut tasks = Vec::with_capacity(students.len());
    for (_, student) in &students {
        let (client, gate) = (client.clone(), Arc::clone(&gate));
        let url = format!("{host}/api/modules/{module}/attempts");
        let (cookie, csrf) = (student.cookie.clone(), student.csrf.clone());
        tasks.push(tokio::spawn(async move {
            gate.wait().await;
            let began = Instant::now();
            let response = client
                .post(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status();
            let body = response.text().await.map_err(|e| e.to_string())?;
            let took = began.elapsed();
            if !status.is_success() {
                return Err(format!("start: {status} {body}"));
            }
            let started: AttemptStarted = serde_json::from_str(&body).map_err(|e| e.to_string())?;
            Ok((took, started))
        }));
    }
    gate.wait().await;
    let spike = Instant::now();
    let mut latencies = Vec::with_capacity(tasks.len());
    let mut started = Vec::with_capacity(tasks.len());
    let mut failures = 0usize;
    for task in tasks {
        match task.await? {
            Ok((took, attempt)) => {
                latencies.push(took);
                started.push(Some(attempt));
            }
            Err(message) => {
                if failures < 3 {
                    eprintln!("{message}");
                }
                failures += 1;
                started.push(None);
            }
        }
    }
    let wall = spike.elapsed();
    latencies.sort();
    println!(
        "attempt starts: {} in {:.2} s = {:.0}/s (p50 {} ms, p99 {} ms, max {} ms); failed: {failures}",
        latencies.len(),
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64(),
        percentile(&latencies, 50.0).as_millis(),
        percentile(&latencies, 99.0).as_millis(),
        latencies.last().copied().unwrap_or_default().as_millis(),
    );

    // The autosave file for wrk: cookie \t csrf \t attempt \t slot=json \t slot=json …
    let mut out = String::new();
    for ((_, student), attempt) in students.iter().zip(&started) {
        let Some(attempt) = attempt else { continue };
        let answers: Vec<String> = attempt
            .questions
            .iter()
            .filter_map(|q| answer_json(q).map(|json| format!("{}={json}", q.slot)))
            .collect();
        if answers.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            student.cookie,
            student.csrf,
            attempt.attempt_id,
            answers.join("\t")
        ));
    }
    std::fs::write(&saves_file, out)?;
    println!("autosave lines written to {saves_file}");
    Ok(())
}
