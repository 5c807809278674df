//! `cargo xtask fuzz`, also a step of `cargo xtask test`: schemathesis, from PyPI in the project's
//! own virtual environment, generates requests from the server's OpenAPI document and checks
//! every answer against it, as a visitor, as a member and as a group admin, against a demo
//! server. Each role must end with 0 server errors, 0 answers that break their schema, and 0
//! statuses the document does not list. The seed is fixed and the examples bounded, so a run is
//! the same every time and takes a few minutes.

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::PathBuf,
    process::Command,
};

use crate::proc::{cmd, free_port, root, run, run_tee, step, wait_for_health, KillOnDrop, Result};

const SCHEMATHESIS: &str = "schemathesis==4.32.5";
const SEED: &str = "20261201";
/// Examples per operation in the fuzzing phase (the coverage phase adds its own, bounded ones).
const MAX_EXAMPLES: &str = "8";
/// The demo's password (server/src/demo.rs).
const DEMO_PASSWORD: &str = "chihoiso2025";

/// Operations a signed-in role must not call while being fuzzed: they end the session the rest of
/// the run uses, or stream forever.
const SKIPPED: &str = "^/api/(auth/logout|auth/logout-all|events)$";

/// The checks every answer passes.
const CHECKS: &str =
    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance";

pub fn fuzz() -> Result<()> {
    let (ok, _) = run_fuzz()?;
    if ok {
        Ok(())
    } else {
        Err("the fuzzer found answers the OpenAPI document does not allow".into())
    }
}

/// Runs the three roles; `(all clean, their summaries)`.
pub fn run_fuzz() -> Result<(bool, String)> {
    let schemathesis = install()?;
    run(cmd("cargo").args(["build", "-p", "hoi-server"]))?;
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("hoi-fuzz-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let server = cmd(&root().join("target/debug/hoi-server").display().to_string())
        .args([
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--demo",
            "--dist",
            "/nonexistent",
        ])
        .arg("--database-url")
        .arg(format!("sqlite://{}/fuzz.sqlite", data.display()))
        .arg("--media-dir")
        .arg(data.join("media"))
        .arg("--sms-outbox")
        .arg(data.join("sms.txt"))
        .env("RUST_LOG", "error")
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let mut server = KillOnDrop(server);
    wait_for_health(port, &mut server.0)?;
    let base = format!("http://127.0.0.1:{port}");
    let mut all_clean = true;
    let mut summaries = String::new();
    for (role, phone) in [
        ("visitor", None),
        ("member", Some("0987000001")),
        ("group admin", Some("0912000001")),
    ] {
        step(&format!("fuzz: schemathesis as {role}"));
        let mut command = Command::new(&schemathesis);
        command
            .args(["run", &format!("{base}/api/openapi.json"), "--url", &base])
            .args(["--checks", CHECKS, "--seed", SEED, "--max-examples", MAX_EXAMPLES])
            .args(["--workers", "2", "--phases", "examples,coverage,fuzzing"])
            .args(["--exclude-path-regex", SKIPPED])
            .args(["--suppress-health-check", "all", "--no-color"]);
        if let Some(phone) = phone {
            let cookie = log_in(port, phone)?;
            command.args(["--header", &format!("Cookie: {cookie}")]);
        }
        let (ok, out) = run_tee(&mut command);
        let summary = summary_line(&out);
        all_clean &= ok;
        summaries.push_str(&format!("fuzz as {role}: {summary}\n"));
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    print!("\n{summaries}");
    Ok((all_clean, summaries))
}

/// The virtual environment's schemathesis, installed on first use.
fn install() -> Result<PathBuf> {
    let venv = root().join(".tools/fuzz-venv");
    let binary = venv.join("bin/schemathesis");
    let wanted = SCHEMATHESIS.trim_start_matches("schemathesis==");
    let installed = crate::proc::output(Command::new(&binary).arg("--version"))
        .is_some_and(|version| version.contains(wanted));
    if !installed {
        step(&format!(
            "tools: installing {SCHEMATHESIS} (PyPI) into .tools/fuzz-venv"
        ));
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
        run(Command::new(venv.join("bin/pip")).args(["install", "--quiet", SCHEMATHESIS]))?;
    }
    Ok(binary)
}

/// Signs a demo account in and answers its `Cookie` value.
fn log_in(port: u16, phone: &str) -> Result<String> {
    let body = format!(r#"{{"phone":"{phone}","password":"{DEMO_PASSWORD}"}}"#);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(
        stream,
        "POST /api/auth/login HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).map_err(|e| e.to_string())?;
    reply
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().split(';').next().unwrap_or("").to_owned())
        })
        .ok_or_else(|| {
            format!(
                "the demo account {phone} could not sign in: {}",
                reply.lines().next().unwrap_or("")
            )
        })
}

/// One line from schemathesis's report: the cases generated, and the failures the issue counts
/// (server errors, answers that break their schema, statuses the document does not list), each
/// 0 when schemathesis lists none of its kind.
fn summary_line(out: &str) -> String {
    let generated = out
        .lines()
        .map(str::trim)
        .find(|line| {
            line.split_once(' ')
                .is_some_and(|(n, rest)| n.parse::<u64>().is_ok() && rest.starts_with("generated"))
        })
        .unwrap_or("no cases generated (did schemathesis run?)");
    // The summary lists each kind found as `❌ ST103 Undocumented status code: 3`.
    let count = |code: &str| -> u64 {
        out.lines()
            .filter(|line| line.contains(&format!("❌ {code} ")))
            .filter_map(|line| line.rsplit(':').next()?.trim().parse::<u64>().ok())
            .sum()
    };
    format!(
        "{generated}; {} server errors, {} schema violations, {} undocumented statuses",
        count("ST101") + count("ST102"),
        count("ST108"),
        count("ST103"),
    )
}
