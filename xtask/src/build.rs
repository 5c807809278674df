//! The release build of the app: Trunk with wasm-opt -Oz, then .br and .gz beside each asset,
//! then the size that reaches a phone.

use std::{fs, io::Write, path::Path};

use crate::{
    proc::{cmd, root, run, step, Result},
    tools,
};

/// What the member's phone downloads, in bytes after brotli.
pub struct Sizes {
    pub wasm: u64,
    pub js: u64,
    pub css: u64,
}

/// The member app's first-load budget for wasm+js+css after brotli (raised from 180 KB by the feed issue).
pub const BUDGET_BYTES: u64 = 220 * 1024;

pub fn build_app() -> Result<Sizes> {
    tools::for_build()?;
    step("build: trunk build --release (wasm-opt -Oz)");
    run(cmd("trunk").args(["build", "--release"]))?;
    step("build: writing .br and .gz beside each asset");
    let dist = root().join("dist");
    let sizes = precompress(&dist)?;
    let kb = |b: u64| b as f64 / 1024.0;
    println!(
        "member app (wasm+js+css), brotli: {:.1} KB (wasm {:.1} KB, js {:.1} KB, css {:.1} KB); budget {:.0} KB",
        kb(sizes.total()),
        kb(sizes.wasm),
        kb(sizes.js),
        kb(sizes.css),
        kb(BUDGET_BYTES)
    );
    Ok(sizes)
}

/// What the survey pages may add to the member app, after brotli (issue 6).
pub const SURVEY_BUDGET_BYTES: u64 = 40 * 1024;

/// Builds the app once more without the `surveys` feature (into target/, never served) and
/// prints what the survey pages add: the difference of the two downloads.
pub fn survey_cost(with: &Sizes) -> Result<()> {
    step("build: the app without the survey pages, to measure what they add");
    let dist = root().join("target").join("dist-without-surveys");
    let dist_arg = dist.display().to_string();
    run(cmd("trunk").args(["build", "--release", "--no-default-features", "--dist", &dist_arg]))?;
    let without = measure(&dist, false)?;
    let kb = |b: u64| b as f64 / 1024.0;
    println!(
        "survey pages add, brotli: {:.1} KB ({:.1} KB with them, {:.1} KB without); budget {:.0} KB",
        kb(with.total().saturating_sub(without.total())),
        kb(with.total()),
        kb(without.total()),
        kb(SURVEY_BUDGET_BYTES)
    );
    Ok(())
}

impl Sizes {
    pub fn total(&self) -> u64 {
        self.wasm + self.js + self.css
    }
}

fn precompress(dist: &Path) -> Result<Sizes> {
    measure(dist, true)
}

/// Brotli sizes of the app's assets in `dist`; with `write`, the .br and .gz files are kept beside them.
fn measure(dist: &Path, write: bool) -> Result<Sizes> {
    let mut sizes = Sizes {
        wasm: 0,
        js: 0,
        css: 0,
    };
    let entries = fs::read_dir(dist).map_err(|e| format!("no dist/ after trunk build: {e}"))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_owned();
        if !matches!(
            ext.as_str(),
            "wasm" | "js" | "css" | "html" | "svg" | "webmanifest" | "txt" | "json"
        ) {
            continue;
        }
        let data = fs::read(&path).map_err(|e| e.to_string())?;
        let br = brotli_bytes(&data)?;
        if write {
            fs::write(with_suffix(&path, "br"), &br).map_err(|e| e.to_string())?;
            fs::write(with_suffix(&path, "gz"), gzip_bytes(&data)?).map_err(|e| e.to_string())?;
        }
        let size = br.len() as u64;
        match ext.as_str() {
            "wasm" => sizes.wasm += size,
            "js" => sizes.js += size,
            "css" => sizes.css += size,
            _ => {}
        }
    }
    Ok(sizes)
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

fn brotli_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(data).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn gzip_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}
