//! `cargo xtask wasm`, run by Trunk after it has staged index.html, the CSS and the public files
//! (Trunk.toml's `post_build` hook): the app's wasm, split into the first load and chunks fetched
//! on demand. Trunk 0.21 cannot split wasm (trunk-rs/trunk#1022), so its own rust step is skipped
//! (`data-trunk-skip` in index.html) and this does it:
//!
//! 1. cargo builds the app with `--emit-relocs`, which the splitter needs to move code;
//! 2. `wasm_split_cli_support` cuts the raw wasm at every `#[wasm_split]` function into the main
//!    module, one `split_<name>.wasm` per chunk name, shared `chunk_<n>.wasm` files and the JS
//!    loader `__wasm_split.js`;
//! 3. wasm-bindgen writes `app.js` and `app_bg.wasm` from the main module;
//! 4. wasm-opt -Oz shrinks every wasm file (release only); each split's files are packed into one
//!    file so a page costs one request ([`super::pack`]); esbuild minifies the JS (release only);
//! 5. all of it goes into `app/<release id>/`, the id being a hash of every file, so a phone never
//!    mixes the files of two releases and everything in the folder can be cached for a year.
//!    References inside the folder are relative (`./app.js`), so nothing needs rewriting;
//! 6. index.html gets the preloads and the boot script, and the service worker its file lists.

use std::{
    fs,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{
    build::{
        pack,
        release::{self, Release},
    },
    proc::{cmd, root, run, step, target_dir, Result},
};

/// The folder under the site root that holds every release's wasm and JS.
pub const APP_DIR: &str = "app";

/// `HOI_SPLIT=off` builds the app as one wasm, as before issue 17: the reference `cargo xtask
/// bench app` measures beside the split app. Never served by `serve` or `test`.
pub const SPLIT_ENV: &str = "HOI_SPLIT";

pub fn post_build() -> Result<()> {
    let staging = std::env::var("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .map_err(|_| {
            "`cargo xtask wasm` is Trunk's post_build hook: run `trunk build` or `cargo xtask build`"
        })?;
    let release = std::env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    let split = std::env::var(SPLIT_ENV).as_deref() != Ok("off");
    let raw = cargo_build(release, split)?;
    let work = target_dir().join("app-split");
    let _ = fs::remove_dir_all(&work);
    let out = work.join("out");
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    let (main, prefetch_map) = if split {
        step("wasm: splitting into the first load and chunks (wasm_split_cli_support)");
        let input = fs::read(&raw).map_err(|e| format!("no wasm at {}: {e}", raw.display()))?;
        let main = work.join("main.wasm");
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &out;
        options.main_out_path = &main;
        options.main_module = "./app.js";
        options.link_name = "./__wasm_split.js";
        let split = wasm_split_cli_support::transform(options).map_err(|e| format!("wasm-split: {e:#}"))?;
        (main, split.prefetch_map)
    } else {
        (raw, Default::default())
    };

    step("wasm: wasm-bindgen (--target web) on the main module");
    run(cmd("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
        ])
        .args(["--out-name", "app", "--out-dir"])
        .arg(&out)
        .arg(&main))?;
    if release {
        let wasm: Vec<PathBuf> = files(&out)?
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
            .collect();
        step(&format!(
            "wasm: wasm-opt -Oz on {} wasm files (binaryen 132)",
            wasm.len()
        ));
        optimise_all(&wasm)?;
    }
    let packs = if split {
        step("wasm: one pack per split, so a page is one request");
        pack::write(&out, &out.join("__wasm_split.js"), &prefetch_map)?
    } else {
        Vec::new()
    };
    if release {
        step("wasm: esbuild --minify on the JS");
        for file in files(&out)?
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "js"))
        {
            // wasm-bindgen repeats one import key per imported function; harmless, so quiet.
            run(cmd("esbuild")
                .arg(file)
                .args([
                    "--minify",
                    "--format=esm",
                    "--log-level=error",
                    "--allow-overwrite",
                ])
                .arg(format!("--outfile={}", file.display())))?;
        }
    }

    let id = release_id(&out)?;
    let folder = staging.join(APP_DIR).join(&id);
    copy_dir(&out, &folder)?;
    let base = format!("/{APP_DIR}/{id}");
    let release = Release::new(&base, packs, split);
    release.save()?;
    let app = fs::read_to_string(root().join("src/app.rs")).map_err(|e| e.to_string())?;
    release.write_index(&staging.join("index.html"), &release::lazy_routes(&app))?;
    release.write_service_worker(&staging, &files_under(&staging)?)?;
    step(&format!("wasm: release {id} staged in {APP_DIR}/{id}/"));
    Ok(())
}

/// wasm-opt on every file, as many at once as the machine has cores: npm's wasm-opt starts a
/// Node.js process per file (~0.7 s), and a release has ~170 chunk files.
fn optimise_all(files: &[PathBuf]) -> Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    while let Some(file) = files.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                    {
                        let status = cmd("wasm-opt")
                            .args(["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int"])
                            .arg(file)
                            .arg("-o")
                            .arg(file)
                            .stderr(std::process::Stdio::null())
                            .status()
                            .map_err(|e| format!("could not start wasm-opt: {e}"))?;
                        if !status.success() {
                            return Err(format!("wasm-opt failed on {}", file.display()));
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().map_err(|_| "a wasm-opt worker panicked".to_owned())?)
    })
}

/// Builds the app's binary for wasm32 and answers where the raw wasm is. `cargo rustc` passes
/// `--emit-relocs` to the final link only, so the dependencies stay shared with the other builds.
fn cargo_build(release: bool, split: bool) -> Result<PathBuf> {
    let (profile, folder) = if release {
        ("wasm-release", "wasm-release")
    } else {
        ("dev", "debug")
    };
    step(&format!(
        "wasm: cargo build --profile {profile} (with --emit-relocs for splitting)"
    ));
    let mut build = cmd("cargo");
    if release {
        build.arg("--config").arg(short_source_paths());
    }
    build.args([
        "rustc",
        "--package",
        "chi-hoi-so",
        "--bin",
        "chi-hoi-so",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        profile,
    ]);
    if split {
        build.args(["--features", "split", "--", "-C", "link-args=--emit-relocs"]);
    }
    run(&mut build)?;
    Ok(target_dir()
        .join("wasm32-unknown-unknown")
        .join(folder)
        .join("chi-hoi-so.wasm"))
}

/// A cargo `--config` (whose rustflags add to `.cargo/config.toml`'s) that writes the source paths
/// of dependencies as `leptos_router-0.8.17/src/…` instead of under this machine's cargo home.
/// A panic's location keeps its file's path in the wasm: ~75 of them in the first load, each 59
/// bytes longer than it needs to be (~300 bytes after brotli), and a size that would otherwise
/// depend on where the machine keeps its crates. The second prefix is crates.io's folder, whose
/// name is the same on every machine; the first covers any other registry.
fn short_source_paths() -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default();
    let sources = cargo_home.join("registry/src");
    let crates_io = sources.join("index.crates.io-1949cf8c6b5b557f");
    format!(
        "target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix={}/=\", \"--remap-path-prefix={}/=\"]",
        sources.display(),
        crates_io.display()
    )
}

/// The first 16 hex digits of a SHA-256 over every file's name and bytes, in name order: the
/// same build gives the same id, any change gives a new one.
fn release_id(dir: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    for file in files_under(dir)? {
        hasher.update(
            file.strip_prefix(dir)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update(fs::read(&file).map_err(|e| e.to_string())?);
    }
    Ok(hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The files directly in `dir`, in name order.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut list: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    list.sort();
    Ok(list)
}

/// Every file under `dir`, in path order.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut list = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder)
            .map_err(|e| format!("{}: {e}", folder.display()))?
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                list.push(path);
            }
        }
    }
    list.sort();
    Ok(list)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for file in files_under(from)? {
        let target = to.join(file.strip_prefix(from).map_err(|e| e.to_string())?);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        fs::copy(&file, &target).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_release_id_changes_with_any_file_and_only_then() {
        let dir = std::env::temp_dir().join(format!("xtask-release-id-{}", std::process::id()));
        fs::create_dir_all(dir.join("snippets")).unwrap();
        fs::write(dir.join("app.js"), "a").unwrap();
        fs::write(dir.join("snippets/x.js"), "b").unwrap();
        let first = release_id(&dir).unwrap();
        assert_eq!(first.len(), 16);
        assert_eq!(release_id(&dir).unwrap(), first);
        fs::write(dir.join("snippets/x.js"), "c").unwrap();
        assert_ne!(release_id(&dir).unwrap(), first);
        fs::remove_dir_all(&dir).unwrap();
    }
}
