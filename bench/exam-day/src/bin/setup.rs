//! `exam-day-setup`: prepares a freshly started demo server (`hocdvc serve --demo`, curriculum
//! loaded) for the exam-day benchmark through its own HTTP API, as a school would: the school
//! admin imports a roster of grade-10 students into Trường THPT Long Xuyên (classes of 40),
//! reads each class's activation sheet, and every student activates their account with the
//! benchmark's password. Writes the usernames, one a line, to the file the benchmark reads.
//!
//! Environment: `EXAM_HOST` (default `http://127.0.0.1:8080`), `EXAM_STUDENTS` (2000),
//! `EXAM_PASSWORD` (`thi-thu-2026`), `EXAM_USERS_FILE` (`target/exam-day-users.txt`),
//! `EXAM_PARALLEL` (activations in flight, 4: each one hashes a password).

use std::sync::Arc;
use std::time::Instant;

use hocdvc_api::{ActivateRequest, ActivationSheet, LoginRequest, SessionInfo};

type Failure = Box<dyn std::error::Error + Send + Sync>;

const SCHOOL: &str = "AG-LX-THPT";
const CLASS_SIZE: usize = 40;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// A Vietnamese full name for student `n` (the roster refuses digits in names).
fn full_name(n: usize) -> String {
    const FAMILY: [&str; 10] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi",
    ];
    const MIDDLE: [&str; 10] = [
        "Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Gia", "Hữu", "Thu", "Bảo",
    ];
    const GIVEN: [&str; 30] = [
        "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khang",
        "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngân", "Nhi", "Phúc", "Quân", "Sơn", "Tâm",
        "Thảo", "Trang", "Trí", "Tuấn", "Vy", "Yến",
    ];
    format!(
        "{} {} {}",
        FAMILY[n % 10],
        MIDDLE[(n / 10) % 10],
        GIVEN[(n / 100) % 30]
    )
}

async fn login(
    client: &reqwest::Client,
    host: &str,
    who: &str,
    password: &str,
) -> Result<String, Failure> {
    let response = client
        .post(format!("{host}/api/auth/login"))
        .json(&LoginRequest {
            username: who.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await?;
    if !response.status().is_success() {
        return Err(format!("login of {who}: {}", response.status()).into());
    }
    Ok(response.json::<SessionInfo>().await?.csrf_token)
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let host = env_or("EXAM_HOST", "http://127.0.0.1:8080");
    let students: usize = env_or("EXAM_STUDENTS", "2000").parse()?;
    let password = env_or("EXAM_PASSWORD", "thi-thu-2026");
    let users_file = env_or("EXAM_USERS_FILE", "target/exam-day-users.txt");
    let parallel: usize = env_or("EXAM_PARALLEL", "4").parse()?;
    let began = Instant::now();

    let admin = reqwest::Client::builder().cookie_store(true).build()?;
    let csrf = login(&admin, &host, "qt.thpt", "hocdvc-demo").await?;

    // One roster file: codes BENCH000001…, classes 10T01, 10T02 … of 40 students.
    let classes = students.div_ceil(CLASS_SIZE);
    let mut csv = String::from("Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường\r\n");
    for n in 0..students {
        let class = n / CLASS_SIZE + 1;
        let gender = if n % 2 == 0 { "Nam" } else { "Nữ" };
        csv.push_str(&format!(
            "BENCH{:06},{},05/09/2010,{gender},10T{class:02},10,{SCHOOL}\r\n",
            n + 1,
            full_name(n)
        ));
    }
    let response = admin
        .post(format!("{host}/api/imports?kind=students&dry_run=false"))
        .header("x-csrf-token", &csrf)
        .header("content-type", "text/csv")
        .header("x-file-name", "exam-day.csv")
        .body(csv)
        .send()
        .await?;
    let status = response.status();
    let body = response.text().await?;
    if !status.is_success() {
        return Err(format!("roster import: {status} {body}").into());
    }
    let summary: serde_json::Value = serde_json::from_str(&body)?;
    let school_year = summary["school_year"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let year_start = school_year.split('-').next().unwrap_or_default().to_owned();
    println!(
        "roster: {} rows imported for {school_year} in {:.1} s",
        students,
        began.elapsed().as_secs_f64()
    );

    // Every class's activation sheet, then every student activates.
    let mut pending: Vec<(String, String)> = Vec::with_capacity(students);
    for class in 1..=classes {
        let code = format!("{SCHOOL}-10T{class:02}-{year_start}");
        let response = admin
            .get(format!("{host}/api/units/{code}/activation-sheet"))
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(format!("activation sheet of {code}: {}", response.status()).into());
        }
        let sheet: ActivationSheet = response.json().await?;
        for entry in sheet.entries {
            if let Some(code) = entry.activation_code {
                pending.push((entry.username, code));
            }
        }
    }
    let usernames: Vec<String> = pending.iter().map(|(u, _)| u.clone()).collect();
    let queue = Arc::new(tokio::sync::Mutex::new(pending));
    let activating = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..parallel.max(1) {
        let (queue, host, password) = (Arc::clone(&queue), host.clone(), password.clone());
        workers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let Some((username, code)) = queue.lock().await.pop() else {
                    return Ok::<(), String>(());
                };
                let response = client
                    .post(format!("{host}/api/auth/activate"))
                    .json(&ActivateRequest {
                        username: username.clone(),
                        activation_code: code,
                        new_password: password.clone(),
                    })
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !response.status().is_success() {
                    return Err(format!("activation of {username}: {}", response.status()));
                }
            }
        }));
    }
    for worker in workers {
        worker.await??;
    }
    println!(
        "activated {} accounts in {:.1} s",
        usernames.len(),
        activating.elapsed().as_secs_f64()
    );
    std::fs::write(&users_file, usernames.join("\n") + "\n")?;
    println!("usernames written to {users_file}");
    Ok(())
}
