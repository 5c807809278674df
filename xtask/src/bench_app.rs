//! `cargo xtask bench app`: what a cheap phone gets from the member app. Lighthouse 12 (mobile:
//! simulated slow 4G, 4x CPU slowdown) on six pages, median of three runs each, for the app as
//! it ships (split into a first load and packs) and, in the same run on the same server and
//! data, for the same app built as one wasm (`HOI_SPLIT=off`), as before issue 17. Prints the
//! table, the bytes of each page load and the ratios; asserts nothing.

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use serde_json::Value;

use crate::{
    bench::{wait_until_up, Server},
    build::{self, wasm::SPLIT_ENV},
    proc::{cmd, free_port, root, run, step, target_dir, Result},
    tools,
};

const LIGHTHOUSE: &str = "lighthouse@12.8.2";
const RUNS: usize = 3;
/// A member of the Gia Lâm group (README), for the pages that need one.
const MEMBER: &str = "0987000001";

/// One Lighthouse run's figures.
#[derive(Clone, Copy, Default)]
struct Figures {
    performance: f64,
    accessibility: f64,
    lcp_ms: f64,
    tbt_ms: f64,
    cls: f64,
    bytes: f64,
}

pub fn app() -> Result<()> {
    tools::for_browser_tests()?;
    let lighthouse = install_lighthouse()?;
    let split = build::build_app()?;
    let dist_split = snapshot_dist("split")?;
    step("bench: the same app as one wasm (HOI_SPLIT=off), the reference");
    run(cmd("trunk").args(["build", "--release"]).env(SPLIT_ENV, "off"))?;
    let one = build::measure_dist()?;
    let dist_one = snapshot_dist("one")?;
    step("bench: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;

    let data = std::env::temp_dir().join(format!("hoi-bench-app-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let mut table = Vec::new();
    for (name, dist) in [("split", &dist_split), ("one wasm", &dist_one)] {
        // One database for both: the demo is seeded once, the second server finds it.
        let port = free_port()?;
        let _server = start(dist, &data, port)?;
        let base = format!("http://127.0.0.1:{port}");
        let cookie = format!("hoi_session={}", log_in(port, MEMBER)?);
        let pages = pages(port, &cookie)?;
        for (page, path, signed_in) in &pages {
            let mut runs = Vec::new();
            for run_index in 0..RUNS {
                step(&format!(
                    "bench: Lighthouse, {name}, {page}, run {}",
                    run_index + 1
                ));
                let header = signed_in.then_some(cookie.as_str());
                runs.push(lighthouse_run(
                    &lighthouse,
                    &format!("{base}{path}"),
                    header,
                    &data,
                )?);
            }
            table.push((name, *page, median(&runs), slowest(&runs)));
        }
    }
    let _ = std::fs::remove_dir_all(&data);

    println!("\nfirst load (brotli): split {:.1} KB, one wasm {:.1} KB ({:.0}% of it); budget {:.0} KB, goal {:.0} KB",
        kib(split.first_load_total()), kib(one.first_load_total()),
        100.0 * split.first_load_total() as f64 / one.first_load_total().max(1) as f64,
        kib(build::FIRST_LOAD_BUDGET), kib(build::FIRST_LOAD_GOAL));
    println!("\nLighthouse 12, mobile (slow 4G, 4x CPU), median of {RUNS} (slowest LCP in brackets):");
    println!(
        "  {:<9} {:<28} {:>5} {:>14} {:>7} {:>6} {:>5} {:>9}",
        "build", "page", "perf", "LCP ms", "TBT ms", "CLS", "a11y", "KB"
    );
    for (name, page, m, slow) in &table {
        println!(
            "  {:<9} {:<28} {:>5.0} {:>6.0} ({:>5.0}) {:>7.0} {:>6.3} {:>5.0} {:>9.1}",
            name,
            page,
            m.performance * 100.0,
            m.lcp_ms,
            slow.lcp_ms,
            m.tbt_ms,
            m.cls,
            m.accessibility * 100.0,
            m.bytes / 1024.0
        );
    }
    println!("\nsplit vs one wasm, same pages (targets: perf ≥ 95, LCP ≤ 2000 ms, TBT ≤ 100 ms, CLS ≤ 0.02, a11y 100):");
    let count = table.len() / 2;
    for (ours, reference) in table[..count].iter().zip(&table[count..]) {
        println!(
            "  {:<28} LCP {:.2}x, bytes {:.2}x, TBT {:.2}x",
            ours.1,
            ours.2.lcp_ms / reference.2.lcp_ms.max(1.0),
            ours.2.bytes / reference.2.bytes.max(1.0),
            ours.2.tbt_ms.max(1.0) / reference.2.tbt_ms.max(1.0)
        );
    }
    // The last build in dist/ is the reference: build the app again so `serve` serves the split one.
    step("bench: restoring dist/ to the split build");
    std::fs::remove_dir_all(root().join("dist")).map_err(|e| e.to_string())?;
    copy_tree(&dist_split, &root().join("dist"))?;
    Ok(())
}

fn kib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

/// npm's lighthouse in the project's own tools folder (not a test dependency: ~70 MB).
fn install_lighthouse() -> Result<PathBuf> {
    let prefix = root().join(".tools/lighthouse");
    let binary = prefix.join("node_modules/.bin/lighthouse");
    if !binary.exists() {
        step(&format!(
            "bench: installing {LIGHTHOUSE} (npm, into .tools/lighthouse)"
        ));
        run(cmd("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(LIGHTHOUSE))?;
    }
    Ok(binary)
}

/// Copies dist/ aside, so both builds can be served in turn.
fn snapshot_dist(name: &str) -> Result<PathBuf> {
    let to = target_dir().join("bench-app").join(name);
    let _ = std::fs::remove_dir_all(&to);
    copy_tree(&root().join("dist"), &to)?;
    Ok(to)
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for file in build::wasm::files_under(from)? {
        let target = to.join(file.strip_prefix(from).map_err(|e| e.to_string())?);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::copy(&file, &target).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn start(dist: &Path, data: &Path, port: u16) -> Result<Server> {
    let child = cmd(&root().join("target/release/hoi-server").display().to_string())
        .arg("--addr")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--dist")
        .arg(dist)
        .arg("--demo")
        .arg("--database-url")
        .arg(format!("sqlite://{}/bench.sqlite", data.display()))
        .arg("--media-dir")
        .arg(data.join("media"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start hoi-server: {e}"))?;
    let server = Server(child);
    wait_until_up(port, "/api/health")?;
    Ok(server)
}

/// One bare HTTP/1.0 exchange: the response's head and body.
fn http(port: u16, request: &str) -> Result<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).map_err(|e| e.to_string())?;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    Ok((head.to_owned(), body.to_owned()))
}

/// Signs in with the demo password; answers the session token.
fn log_in(port: u16, phone: &str) -> Result<String> {
    let body = format!(r#"{{"phone":"{phone}","password":"chihoiso2025"}}"#);
    let (head, _) = http(
        port,
        &format!(
            "POST /api/auth/login HTTP/1.0\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )?;
    head.lines()
        .find_map(|line| {
            line.split_once(':')
                .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        })
        .and_then(|(_, value)| value.trim().strip_prefix("hoi_session="))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("no session for {phone}: {head}"))
}

fn get_json(port: u16, path: &str, cookie: &str) -> Result<Value> {
    let (_, body) = http(
        port,
        &format!("GET {path} HTTP/1.0\r\nHost: bench\r\nCookie: {cookie}\r\n\r\n"),
    )?;
    serde_json::from_str(&body).map_err(|e| format!("{path}: {e}"))
}

/// The issue's six pages, found in the demo data: (name, path, signed in).
fn pages(port: u16, cookie: &str) -> Result<Vec<(&'static str, String, bool)>> {
    let first_id = |value: &Value, list: &str, open: &str| -> Result<i64> {
        value[list]
            .as_array()
            .and_then(|items| items.iter().find(|item| item["phase"] == open))
            .and_then(|item| item["id"].as_i64())
            .ok_or_else(|| format!("the demo has no {open} item in {list}"))
    };
    let quiz = first_id(&get_json(port, "/api/quizzes", cookie)?, "items", "open")?;
    let contest = first_id(
        &get_json(port, "/api/photo-contests", cookie)?,
        "photo_contests",
        "voting",
    )?;
    let entry = get_json(port, &format!("/api/photo-contests/{contest}"), cookie)?["gallery"][0]["id"]
        .as_i64()
        .ok_or("the demo contest has no approved entry")?;
    let survey = first_id(&get_json(port, "/api/surveys", cookie)?, "items", "open")?;
    Ok(vec![
        ("home feed, signed in", "/".to_owned(), true),
        ("group page, signed out", "/groups/1".to_owned(), false),
        ("the open quiz", format!("/quizzes/{quiz}"), true),
        ("a contest entry", format!("/entries/{entry}"), true),
        ("a survey", format!("/surveys/{survey}"), true),
        ("the join form", "/join-hoi".to_owned(), false),
    ])
}

fn lighthouse_run(binary: &Path, url: &str, cookie: Option<&str>, dir: &Path) -> Result<Figures> {
    let report = dir.join("lighthouse.json");
    let mut command = Command::new(binary);
    command
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
        ])
        .arg(format!("--output-path={}", report.display()))
        .env("CHROME_PATH", "/usr/bin/chromium");
    if let Some(cookie) = cookie {
        command.arg(format!(r#"--extra-headers={{"Cookie":"{cookie}"}}"#));
    }
    run(&mut command)?;
    let text = std::fs::read_to_string(&report).map_err(|e| e.to_string())?;
    let json: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let audit = |name: &str| json["audits"][name]["numericValue"].as_f64().unwrap_or(f64::NAN);
    Ok(Figures {
        performance: json["categories"]["performance"]["score"].as_f64().unwrap_or(0.0),
        accessibility: json["categories"]["accessibility"]["score"]
            .as_f64()
            .unwrap_or(0.0),
        lcp_ms: audit("largest-contentful-paint"),
        tbt_ms: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
        bytes: audit("total-byte-weight"),
    })
}

/// Each figure's median over the runs.
fn median(runs: &[Figures]) -> Figures {
    let pick = |f: fn(&Figures) -> f64| {
        let mut values: Vec<f64> = runs.iter().map(f).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    Figures {
        performance: pick(|f| f.performance),
        accessibility: pick(|f| f.accessibility),
        lcp_ms: pick(|f| f.lcp_ms),
        tbt_ms: pick(|f| f.tbt_ms),
        cls: pick(|f| f.cls),
        bytes: pick(|f| f.bytes),
    }
}

/// The run with the slowest LCP.
fn slowest(runs: &[Figures]) -> Figures {
    runs.iter()
        .copied()
        .max_by(|a, b| a.lcp_ms.total_cmp(&b.lcp_ms))
        .unwrap_or_default()
}
