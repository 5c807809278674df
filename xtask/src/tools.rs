//! Installs what the build and the tests need, when it is missing: the wasm32 target, Trunk,
//! wasm-bindgen-cli (the version Cargo.toml pins), npm packages (binaryen, Playwright), Chromium.

use std::{fs, process::Command};

use crate::proc::{cmd, is_root, output, root, run, step, Result};

pub const TRUNK_VERSION: &str = "0.21.14";

pub fn for_build() -> Result<()> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()
}

pub fn for_browser_tests() -> Result<()> {
    for_build()?;
    chromium()
}

pub fn wasm_target() -> Result<()> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        step("tools: wasm32-unknown-unknown target present");
        return Ok(());
    }
    step("tools: adding the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        .map_err(|e| format!("could not add the wasm32 target: {e}"))
}

pub fn trunk() -> Result<()> {
    if output(cmd("trunk").arg("--version")).is_some_and(|v| v.contains(TRUNK_VERSION)) {
        step(&format!("tools: trunk {TRUNK_VERSION} present"));
        return Ok(());
    }
    step(&format!(
        "tools: installing trunk {TRUNK_VERSION} (cargo install, about 4 minutes)"
    ));
    // Trunk only stages index.html, the CSS and the public files here: no TLS (it never
    // downloads), no update check, and its fat LTO traded for a build twice as fast.
    run(cmd("cargo")
        .args([
            "install",
            "trunk",
            "--locked",
            "--version",
            TRUNK_VERSION,
            "--no-default-features",
        ])
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"))
    .map_err(|e| format!("could not install trunk: {e}"))
}

/// The version after `wasm-bindgen = "=` in the root Cargo.toml: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .lines()
        .find_map(|line| line.trim().strip_prefix("wasm-bindgen = \"="))
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml must pin wasm-bindgen as `wasm-bindgen = \"=X.Y.Z\"`".to_owned())
}

pub fn wasm_bindgen() -> Result<()> {
    let version = wasm_bindgen_version()?;
    let has = |tool: &str| output(cmd(tool).arg("--version")).is_some_and(|v| v.contains(&version));
    if has("wasm-bindgen") && has("wasm-bindgen-test-runner") {
        step(&format!("tools: wasm-bindgen-cli {version} present"));
        return Ok(());
    }
    step(&format!(
        "tools: installing wasm-bindgen-cli {version} (cargo install, about 4 minutes)"
    ));
    // Not --locked: the CLI's own lockfile can pin crates this toolchain cannot build.
    run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &version, "--force"]))
        .map_err(|e| format!("could not install wasm-bindgen-cli {version}: {e}"))
}

/// `npm ci` when node_modules is missing or older than the lockfile.
pub fn npm_packages() -> Result<()> {
    let lock = root().join("package-lock.json");
    let installed = root().join("node_modules/.package-lock.json");
    let modified = |p: &std::path::Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    if matches!((modified(&installed), modified(&lock)), (Some(done), Some(wanted)) if done >= wanted) {
        step("tools: npm packages present (binaryen's wasm-opt, esbuild, Playwright)");
        return Ok(());
    }
    step("tools: npm ci (binaryen's wasm-opt 132, esbuild, Playwright)");
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
        .map_err(|e| format!("could not install npm packages: {e}"))
}

pub fn chromium() -> Result<()> {
    let present = |p: &str| std::path::Path::new(p).exists();
    if present("/usr/bin/chromium") && present("/usr/bin/chromedriver") {
        step("tools: Chromium and ChromeDriver present");
        return Ok(());
    }
    step("tools: installing Chromium and ChromeDriver (apt-get)");
    apt_install(&["chromium", "chromium-driver"])
}

/// wrk, for the load benchmarks.
pub fn wrk() -> Result<()> {
    if std::path::Path::new("/usr/bin/wrk").exists() {
        return Ok(());
    }
    step("tools: installing wrk (apt-get)");
    apt_install(&["wrk"])
}

/// Debian packages, after `apt-get update` (a fresh machine has no package lists), with sudo
/// when not root.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let apt = |args: &[&str]| {
        let mut command = if is_root() {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    let mut install = vec!["install", "-y"];
    install.extend_from_slice(packages);
    apt(&["update"])
        .and_then(|_| apt(&install))
        .map_err(|e| format!("could not install {}: {e}", packages.join(", ")))
}
