//! The `hocdvc` command line, run as a real process: the settings every subcommand shares,
//! and backup / restore while the server keeps serving, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use hocdvc::config::{Secret, Settings};
use hocdvc::db::{Location, migrations};
use hocdvc_tests::{Backend, TestDatabase, binary, free_port};

/// `hocdvc` configured for `database` through the environment only.
fn hocdvc(database: &TestDatabase) -> Command {
    let mut command = Command::new(binary());
    command
        .env("HOCDVC_DATA_DIR", database.data_dir.path())
        .env("HOCDVC_LOG", "warn")
        .env_remove("HOCDVC_CONFIG")
        .env_remove("HOCDVC_DATABASE_URL");
    match database.database_url() {
        Some(url) => command.env("DATABASE_URL", url),
        None => command.env_remove("DATABASE_URL"),
    };
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("hocdvc runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A `hocdvc serve` process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    async fn start(database: &TestDatabase, extra: &[&str]) -> Server {
        let port = free_port();
        let child = hocdvc(database)
            .arg("serve")
            .args(["--port", &port.to_string()])
            .args(extra)
            .stdout(Stdio::null())
            .spawn()
            .expect("hocdvc serve starts");
        let server = Server { child, port };
        for _ in 0..200 {
            if server.health().await.is_some() {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("hocdvc serve did not answer on port {port}");
    }

    async fn health(&self) -> Option<serde_json::Value> {
        let response = reqwest::get(format!("http://127.0.0.1:{}/api/health", self.port))
            .await
            .ok()?;
        response.json().await.ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the database at `database` holds the demo data set, read directly.
fn demo_is_seeded(database: &TestDatabase) -> bool {
    let location = Location::from_settings(&settings_of(database)).unwrap();
    let mut conn = location.connect().unwrap();
    hocdvc::demo::is_seeded(&mut conn).unwrap_or(false)
}

fn settings_of(database: &TestDatabase) -> Settings {
    let mut settings = Settings::for_data_dir(database.data_dir.path());
    settings.database_url = database.database_url().map(Secret::new);
    settings
}

fn migration_level(database: &TestDatabase) -> String {
    let location = Location::from_settings(&settings_of(database)).unwrap();
    let mut conn = location.connect().unwrap();
    migrations::current_level(&mut conn).unwrap()
}

#[tokio::test]
async fn migrate_and_serve_use_the_same_database_through_hocdvc_data_dir() {
    let database = TestDatabase::create(Backend::Sqlite);
    let migrated = run(hocdvc(&database).arg("migrate"));
    assert!(migrated.status.success(), "{}", text(&migrated.stderr));
    assert!(text(&migrated.stdout).contains(&migrations::latest_embedded()));
    assert!(database.data_dir.path().join("hocdvc.sqlite3").exists());

    let server = Server::start(&database, &[]).await;
    let health = server.health().await.unwrap();
    assert_eq!(health["database"], "sqlite");
    assert_eq!(health["migration"], migrations::latest_embedded().as_str());
}

#[tokio::test]
async fn serve_demo_seeds_the_demo_data_once() {
    let database = TestDatabase::create(Backend::Sqlite);
    drop(Server::start(&database, &["--demo"]).await);
    assert!(demo_is_seeded(&database));
    // A second start with --demo changes nothing and still serves.
    let again = Server::start(&database, &["--demo"]).await;
    assert_eq!(again.health().await.unwrap()["status"], "ok");
}

#[tokio::test]
async fn a_bad_database_url_is_refused_with_a_vietnamese_message() {
    let database = TestDatabase::create(Backend::Sqlite);
    let output = run(hocdvc(&database)
        .arg("migrate")
        .env("DATABASE_URL", "mysql://root@localhost/hocdvc"));
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("DATABASE_URL không hợp lệ"),
        "{}",
        text(&output.stderr)
    );
}

async fn backup_taken_while_serving_restores_the_same_data(backend: Backend) {
    let source = TestDatabase::create(backend);
    let server = Server::start(&source, &["--demo"]).await;
    let file = source.data_dir.path().join("sao-luu.bak");

    let backup = run(hocdvc(&source).arg("backup").arg(&file));
    assert!(backup.status.success(), "{}", text(&backup.stderr));
    // Still serving after the backup.
    assert_eq!(server.health().await.unwrap()["status"], "ok");
    drop(server);

    let again = run(hocdvc(&source).arg("backup").arg(&file));
    assert!(
        !again.status.success(),
        "a backup never overwrites an older one"
    );

    let target = TestDatabase::create(backend);
    assert!(!Path::new(&target.data_dir.path().join("hocdvc.sqlite3")).exists());
    let restore = run(hocdvc(&target).arg("restore").arg(&file));
    assert!(restore.status.success(), "{}", text(&restore.stderr));
    assert!(
        demo_is_seeded(&target),
        "the restored database holds the demo data"
    );
    assert_eq!(migration_level(&target), migration_level(&source));
}

#[tokio::test]
async fn a_sqlite_backup_taken_while_serving_restores_the_same_data() {
    backup_taken_while_serving_restores_the_same_data(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_postgres_backup_taken_while_serving_restores_the_same_data() {
    backup_taken_while_serving_restores_the_same_data(Backend::Postgres).await;
}

#[tokio::test]
async fn restore_refuses_a_file_that_is_not_a_backup_and_leaves_the_database_alone() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let database = TestDatabase::create(backend);
        drop(Server::start(&database, &["--demo"]).await);
        let junk = database.data_dir.path().join("junk.bak");
        std::fs::write(&junk, "Họ và tên,Lớp\nNguyễn Văn An,9A1\n").unwrap();
        let output = run(hocdvc(&database).arg("restore").arg(&junk));
        assert!(!output.status.success(), "{backend:?}");
        assert!(
            text(&output.stderr).contains("không phải bản sao lưu"),
            "{}",
            text(&output.stderr)
        );
        assert!(
            demo_is_seeded(&database),
            "{backend:?}: the live database is untouched"
        );
    }
}

#[tokio::test]
async fn several_servers_migrating_one_postgres_database_at_once_all_succeed() {
    let database = TestDatabase::create(Backend::Postgres);
    let children: Vec<_> = (0..3)
        .map(|_| {
            hocdvc(&database)
                .arg("migrate")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("hocdvc migrate starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    assert_eq!(migration_level(&database), migrations::latest_embedded());
}

fn unit_name(database: &TestDatabase, code: &str) -> Option<String> {
    let location = Location::from_settings(&settings_of(database)).unwrap();
    let mut conn = location.connect().unwrap();
    hocdvc::models::unit::find_by_code(&mut conn, code)
        .unwrap()
        .map(|u| u.name)
}

#[tokio::test]
async fn import_units_loads_a_tree_from_excel_csv_and_reimporting_changes_nothing() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let database = TestDatabase::create(backend);
        // Excel "CSV UTF-8": a BOM, CRLF, headers without diacritics and in another order.
        let file = database.data_dir.path().join("don-vi.csv");
        let csv = "\u{feff}Ten don vi,Ma don vi,Loai,Ma don vi cha,Cap hoc\r\n\
                   Tỉnh Thử Nghiệm,TN,Tỉnh,,\r\n\
                   Xã Bình Hòa,TN-BH,Xã,TN,\r\n\
                   Trường THCS Bình Hòa,TN-BH-THCS,Trường,TN-BH,THCS\r\n\
                   Trường THPT Bình Hòa,TN-BH-THPT,truong,TN-BH,thpt\r\n\
                   Sở Nội vụ,TN-SNV,Cơ quan,TN,\r\n";
        std::fs::write(&file, csv).unwrap();
        let first = run(hocdvc(&database).arg("import-units").arg(&file));
        assert!(
            first.status.success(),
            "{backend:?}: {}",
            text(&first.stderr)
        );
        assert!(
            text(&first.stdout).contains("5 đơn vị mới"),
            "{}",
            text(&first.stdout)
        );
        assert_eq!(
            unit_name(&database, "TN-BH-THPT").as_deref(),
            Some("Trường THPT Bình Hòa")
        );

        let again = run(hocdvc(&database).arg("import-units").arg(&file));
        assert!(
            again.status.success(),
            "{backend:?}: {}",
            text(&again.stderr)
        );
        assert!(
            text(&again.stdout)
                .contains("0 đơn vị mới, 0 đổi tên, 0 chuyển đơn vị cha, 5 không đổi")
        );

        // A dry run of a renaming file reports the change and writes nothing.
        std::fs::write(&file, csv.replace("Xã Bình Hòa", "Phường Bình Hòa")).unwrap();
        let dry = run(hocdvc(&database)
            .args(["import-units", "--dry-run"])
            .arg(&file));
        assert!(dry.status.success(), "{backend:?}: {}", text(&dry.stderr));
        assert!(
            text(&dry.stdout).contains("1 đổi tên"),
            "{}",
            text(&dry.stdout)
        );
        assert_eq!(
            unit_name(&database, "TN-BH").as_deref(),
            Some("Xã Bình Hòa")
        );
    }
}

#[tokio::test]
async fn an_import_with_bad_rows_reports_every_line_and_writes_nothing() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let database = TestDatabase::create(backend);
        let file = database.data_dir.path().join("loi.csv");
        std::fs::write(
            &file,
            "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cha,Cấp học\n\
             TN,Tỉnh Thử Nghiệm,Tỉnh,,\n\
             TN-A,Xã A,Huyện lỵ,TN,\n\
             TN-B,,Trường,TN,THCS\n",
        )
        .unwrap();
        let output = run(hocdvc(&database).arg("import-units").arg(&file));
        assert!(!output.status.success(), "{backend:?}");
        let errors = text(&output.stderr);
        assert!(
            errors.contains("Dòng 3, cột Loại") && errors.contains("Huyện lỵ"),
            "{errors}"
        );
        assert!(errors.contains("Dòng 4, cột Tên đơn vị"), "{errors}");
        assert!(errors.contains("có 2 lỗi; chưa ghi gì"), "{errors}");
        assert_eq!(
            unit_name(&database, "TN"),
            None,
            "{backend:?}: the valid row was not written either"
        );

        // A parent that is neither in the file nor in the database.
        std::fs::write(
            &file,
            "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cha,Cấp học\n\
             TN,Tỉnh Thử Nghiệm,Tỉnh,,\n\
             TN-B,Trường B,Trường,KHONG-CO,THCS\n",
        )
        .unwrap();
        let output = run(hocdvc(&database).arg("import-units").arg(&file));
        assert!(!output.status.success(), "{backend:?}");
        let errors = text(&output.stderr);
        assert!(
            errors.contains("Dòng 3, cột Mã đơn vị cha") && errors.contains("KHONG-CO"),
            "{errors}"
        );
        assert_eq!(
            unit_name(&database, "TN"),
            None,
            "{backend:?}: nothing half-written"
        );
    }
}

#[tokio::test]
async fn import_roster_loads_a_school_list_into_a_unit_tree_and_reports_bad_rows_by_line() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let database = TestDatabase::create(backend);
        let units = database.data_dir.path().join("don-vi.csv");
        std::fs::write(
            &units,
            "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cha,Cấp học\n\
             TN,Tỉnh Thử Nghiệm,Tỉnh,,\n\
             TN-BH,Xã Bình Hòa,Xã,TN,\n\
             TN-BH-THPT,Trường THPT Bình Hòa,Trường,TN-BH,THPT\n",
        )
        .unwrap();
        assert!(
            run(hocdvc(&database).arg("import-units").arg(&units))
                .status
                .success()
        );

        let roster = database.data_dir.path().join("hoc-sinh.csv");
        // Headers without diacritics, in another order, semicolons (Excel in Vietnamese locale).
        std::fs::write(
            &roster,
            "Ma truong;Lop;Khoi;Ho va ten;Ma hoc sinh;Ngay sinh\n\
             TN-BH-THPT;10A1;10;Nguyễn Văn An;0101000001;05/09/2010\n\
             TN-BH-THPT;10A1;10;Trần Thị Bình;0101000002;17/01/2010\n\
             TN-BH-THPT;10A2;10;Lê Văn Cường;0101000003;30/12/2010\n",
        )
        .unwrap();
        let dry = run(hocdvc(&database)
            .args(["import-roster", "--dry-run", "--school-year", "2025-2026"])
            .arg(&roster));
        assert!(dry.status.success(), "{backend:?}: {}", text(&dry.stderr));
        assert!(
            text(&dry.stdout).contains("Kiểm tra xong (chưa ghi gì): 3 dòng"),
            "{}",
            text(&dry.stdout)
        );
        assert_eq!(unit_name(&database, "TN-BH-THPT-10A1-2025"), None);

        let first = run(hocdvc(&database)
            .args(["import-roster", "--school-year", "2025-2026"])
            .arg(&roster));
        assert!(
            first.status.success(),
            "{backend:?}: {}",
            text(&first.stderr)
        );
        assert!(
            text(&first.stdout).contains("mới 3, cập nhật 0, chuyển lớp 0, không đổi 0, lớp mới 2"),
            "{}",
            text(&first.stdout)
        );
        assert_eq!(
            unit_name(&database, "TN-BH-THPT-10A1-2025").as_deref(),
            Some("10A1")
        );
        let again = run(hocdvc(&database)
            .args(["import-roster", "--school-year", "2025-2026"])
            .arg(&roster));
        assert!(
            text(&again.stdout).contains("mới 0, cập nhật 0, chuyển lớp 0, không đổi 3, lớp mới 0")
        );

        std::fs::write(
            &roster,
            "Mã học sinh,Họ và tên,Ngày sinh,Lớp,Khối,Mã trường\n\
             0101000004,Phạm Thị Dung,05/09/2010,10A1,10,TN-BH-THPT\n\
             0101000005,Võ Văn Em,29/02/2011,10A1,10,TN-BH-THPT\n\
             0101000006,Đỗ Thị Giang,05/09/2010,10A1,13,TN-BH-THPT\n",
        )
        .unwrap();
        let bad = run(hocdvc(&database)
            .args(["import-roster", "--school-year", "2025-2026"])
            .arg(&roster));
        assert!(!bad.status.success());
        let errors = text(&bad.stderr);
        assert!(errors.contains("Dòng 3, cột Ngày sinh"), "{errors}");
        assert!(errors.contains("Dòng 4, cột Khối"), "{errors}");
        assert!(errors.contains("Chưa có dữ liệu nào được lưu"), "{errors}");
    }
}
