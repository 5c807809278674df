//! `cargo xtask test`: every check, in the order that fails fastest, then `N passed, N failed`.
//!
//! A step that runs tests counts its tests; a step that only checks (rustfmt, clippy, the
//! contract crate's dependencies) counts as one. A step that fails without saying how many tests
//! failed (it did not compile, say) counts as one failure. Every step runs even after a failure,
//! so one run shows everything that is wrong.

use std::{process::Command, time::Instant};

use crate::{
    build, pg,
    proc::{cmd, free_port, root, run, run_tee, step, wait_for_health, KillOnDrop, Result},
    tools,
};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failed_steps: Vec<String>,
}

impl Tally {
    /// Adds a step's outcome; `output` is searched for test-runner summaries.
    fn record(&mut self, name: &str, ok: bool, output: &str) {
        let (passed, failed, found) = count_tests(output);
        let (passed, failed) = match (found, ok) {
            (true, true) => (passed, failed),
            (true, false) => (passed, failed.max(1)),
            (false, true) => (1, 0),
            (false, false) => (0, 1),
        };
        self.passed += passed;
        self.failed += failed;
        if !ok || failed > 0 {
            self.failed_steps.push(name.to_owned());
        }
        println!("--- {name}: {passed} passed, {failed} failed");
    }
}

/// Sums cargo's `test result: ok. 7 passed; 0 failed;` lines (also printed by
/// wasm-bindgen-test-runner) and Playwright's `  5 passed (3.2s)` / `  1 failed` lines.
fn count_tests(output: &str) -> (u64, u64, bool) {
    let (mut passed, mut failed, mut found) = (0, 0, false);
    let number_before = |line: &str, word: &str| -> Option<u64> {
        let at = line.find(word)?;
        line[..at]
            .split(|c: char| !c.is_ascii_digit())
            .rfind(|s| !s.is_empty())?
            .parse()
            .ok()
    };
    for line in output.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("test result:") {
            found = true;
            passed += number_before(rest, " passed").unwrap_or(0);
            failed += number_before(rest, " failed").unwrap_or(0);
        } else if trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            if let [count, kind, ..] = words.as_slice() {
                if let Ok(n) = count.parse::<u64>() {
                    match *kind {
                        "passed" => {
                            found = true;
                            passed += n;
                        }
                        "failed" | "flaky" => {
                            found = true;
                            failed += n;
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    (passed, failed, found)
}

/// The crates built for the host: linted and unit-tested natively (the app is wasm-only).
const NATIVE_PACKAGES: [&str; 6] = ["-p", "hoi-api", "-p", "hoi-server", "-p", "xtask"];

fn cargo(args: &[&str]) -> Command {
    let mut command = cmd("cargo");
    command.args(args);
    command
}

pub fn test() -> Result<()> {
    let started = Instant::now();
    let mut tally = Tally::default();
    tools::for_browser_tests()?;

    let mut check = |name: &str, command: &mut Command| {
        step(name);
        let (ok, out) = run_tee(command);
        tally.record(name, ok, &out);
    };

    check("rustfmt", &mut cargo(&["fmt", "--all", "--", "--check"]));
    let clippy_native = [
        &["clippy"][..],
        &NATIVE_PACKAGES,
        &["--all-targets", "--", "-D", "warnings"],
    ]
    .concat();
    check("clippy (native)", &mut cargo(&clippy_native));
    check(
        "clippy (wasm32)",
        &mut cargo(&[
            "clippy",
            "-p",
            "chi-hoi-so",
            "-p",
            "hoi-api",
            "--all-targets",
            "--features",
            "chi-hoi-so/split",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    );
    step("contract crate: builds for wasm32 and depends on no server crate");
    let contract = contract_is_clean();
    if let Err(e) = &contract {
        eprintln!("{e}");
    }
    tally.record("contract crate", contract.is_ok(), "");

    step("unit tests and server integration tests on SQLite");
    let tests = [&["test"][..], &NATIVE_PACKAGES, &["--", "--skip", "matrix::"]].concat();
    let (ok, out) = run_tee(&mut cargo(&tests));
    tally.record("unit + SQLite integration", ok, &out);

    step("the authorization matrix, from the OpenAPI document (SQLite)");
    let (ok, out) = run_tee(&mut cargo(&[
        "test",
        "-p",
        "hoi-server",
        "--test",
        "api",
        "matrix::",
        "--",
        "--nocapture",
        "--test-threads=1",
    ]));
    tally.record("authorization matrix", ok, &out);

    step("server integration tests on PostgreSQL (throwaway cluster)");
    match pg::Cluster::start() {
        Ok(cluster) => {
            let mut command = cargo(&["test", "-p", "hoi-server", "--test", "api"]);
            command.env("HOI_TEST_DATABASE_URL", &cluster.url);
            let (ok, out) = run_tee(&mut command);
            tally.record("PostgreSQL integration", ok, &out);
        }
        Err(e) => {
            eprintln!("could not start PostgreSQL: {e}");
            tally.record("PostgreSQL integration", false, "");
        }
    }

    step("the fuzzer: schemathesis from the OpenAPI document, three roles, a demo server");
    let fuzz_summaries = match crate::fuzz::run_fuzz() {
        Ok((ok, summaries)) => {
            tally.record("fuzzer", ok, "");
            summaries
        }
        Err(e) => {
            eprintln!("the fuzzer did not run: {e}");
            tally.record("fuzzer", false, "");
            String::new()
        }
    };

    step("component tests (wasm-bindgen-test in headless Chromium)");
    let mut command = cargo(&["test", "-p", "chi-hoi-so", "--target", "wasm32-unknown-unknown"]);
    command
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    let (ok, out) = run_tee(&mut command);
    tally.record("component tests", ok, &out);

    step("the release build and its first-load budget");
    let built = build::build_app();
    let budget = built
        .as_ref()
        .map_err(Clone::clone)
        .and_then(build::Sizes::check_budget);
    if let Err(e) = &budget {
        eprintln!("{e}");
    }
    tally.record("first-load budget", budget.is_ok(), "");

    step("end-to-end tests (Playwright, Chromium at 390x844, release build)");
    let (ok, out) = built.and_then(|_| end_to_end()).unwrap_or_else(|e| {
        eprintln!("{e}");
        (false, String::new())
    });
    tally.record("end-to-end", ok, &out);

    print!("\n{fuzz_summaries}");
    println!("\ntook {:.0} s", started.elapsed().as_secs_f64());
    if !tally.failed_steps.is_empty() {
        println!("failed steps: {}", tally.failed_steps.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        Ok(())
    } else {
        Err("some checks failed".into())
    }
}

/// The contract crate must build for wasm32 and never pull the server's crates.
fn contract_is_clean() -> Result<()> {
    run(&mut cargo(&[
        "build",
        "-p",
        "hoi-api",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let tree = crate::proc::output(&mut cargo(&[
        "tree",
        "-p",
        "hoi-api",
        "-e",
        "normal",
        "--target",
        "wasm32-unknown-unknown",
    ]))
    .ok_or("cargo tree failed")?;
    let forbidden = ["tokio", "axum", "sqlx", "hyper", "hoi-server", "tower"];
    match tree
        .lines()
        .find(|line| forbidden.iter().any(|f| line.contains(&format!(" {f} "))))
    {
        Some(line) => Err(format!(
            "the contract crate depends on a server crate: {}",
            line.trim()
        )),
        None => Ok(()),
    }
}

/// Builds the server, serves the release app in dist/ with demo data on a fresh SQLite file,
/// runs Playwright.
fn end_to_end() -> Result<(bool, String)> {
    run(&mut cargo(&["build", "-p", "hoi-server"]))?;
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("hoi-e2e-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let base = format!("http://127.0.0.1:{port}");
    // The codes registering texts to a phone, for the tests to type back.
    let sms = data.join("sms.txt");
    let server = cmd(&root().join("target/debug/hoi-server").display().to_string())
        .args([
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--dist",
            "dist",
            "--demo",
            "--public-url",
            &base,
        ])
        .arg("--database-url")
        .arg(format!("sqlite://{}/e2e.sqlite", data.display()))
        .arg("--media-dir")
        .arg(data.join("media"))
        .arg("--sms-outbox")
        .arg(&sms)
        .env("RUST_LOG", "warn")
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let mut server = KillOnDrop(server);
    wait_for_health(port, &mut server.0)?;
    let mut playwright = cmd("npx");
    playwright
        .args(["playwright", "test", "--reporter=list"])
        .env("BASE_URL", &base)
        .env("SMS_OUTBOX", &sms);
    let result = run_tee(&mut playwright);
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::count_tests;

    #[test]
    fn counts_cargo_and_playwright_summaries() {
        let out = "test result: ok. 14 passed; 0 failed; 0 ignored\n\
                   test result: FAILED. 3 passed; 2 failed; 0 ignored\n\
                     5 passed (12.1s)\n  1 failed\n";
        assert_eq!(count_tests(out), (22, 3, true));
    }

    #[test]
    fn output_without_summaries_is_not_counted() {
        assert_eq!(
            count_tests("Compiling foo\nerror[E0308]: mismatched types\n"),
            (0, 0, false)
        );
    }
}
