//! The release build of the app: Trunk stages index.html, the CSS and the public files and runs
//! `cargo xtask wasm` (the split wasm, [`wasm`]); then .br and .gz beside each file, and what
//! reaches a phone: the first load and a table of the chunks fetched on demand.

mod pack;
mod release;
pub mod wasm;

use std::{fs, io::Write, path::Path};

pub use release::Release;

use crate::{
    proc::{cmd, root, run, step, Result},
    tools,
};

/// The first load may not pass this after brotli: `cargo xtask test` fails above it (issue 17).
pub const FIRST_LOAD_BUDGET: u64 = 200 * 1024;
/// What the first load should stay under.
pub const FIRST_LOAD_GOAL: u64 = 150 * 1024;

/// What a phone downloads, in bytes after brotli.
pub struct Sizes {
    /// index.html, the CSS and the release's first-load files: everything before the first screen.
    pub first_load: Vec<(String, u64)>,
    /// Each pack (what opening a page of that feature costs) and the number of files in it.
    pub packs: Vec<(String, u64, usize)>,
}

impl Sizes {
    pub fn first_load_total(&self) -> u64 {
        self.first_load.iter().map(|(_, size)| size).sum()
    }

    /// Fails when the first load is over its budget.
    pub fn check_budget(&self) -> Result<()> {
        let total = self.first_load_total();
        if total > FIRST_LOAD_BUDGET {
            return Err(format!(
                "the first load is {} after brotli, over its budget of {}",
                kb(total),
                kb(FIRST_LOAD_BUDGET)
            ));
        }
        Ok(())
    }

    pub fn print(&self) {
        println!("\nfirst load (brotli), everything index.html pulls in before the first screen:");
        for (file, size) in &self.first_load {
            println!("  {:>9}  {file}", kb(*size));
        }
        println!(
            "  {:>9}  total (goal {}, budget {})",
            kb(self.first_load_total()),
            kb(FIRST_LOAD_GOAL),
            kb(FIRST_LOAD_BUDGET)
        );
        println!("\nchunks fetched on demand, one pack per feature (brotli; the first page of a feature fetches its pack):");
        for (file, size, parts) in &self.packs {
            println!("  {:>9}  {file:<24} {parts} chunk files", kb(*size));
        }
        println!();
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

pub fn build_app() -> Result<Sizes> {
    tools::for_build()?;
    step("build: trunk build --release (index.html, CSS, public files; the wasm by `cargo xtask wasm`)");
    run(cmd("trunk").args(["build", "--release"]))?;
    measure_dist()
}

/// Writes .br and .gz beside each file of the build in dist/, and prints and answers its sizes.
pub fn measure_dist() -> Result<Sizes> {
    step("build: writing .br and .gz beside each file");
    let dist = root().join("dist");
    precompress(&dist)?;
    let sizes = measure(&dist, &Release::last_built()?)?;
    sizes.print();
    Ok(sizes)
}

/// The kinds of file worth compressing (wasm, text); photos and icons already are.
fn compressible(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(
        ext,
        "wasm" | "bin" | "js" | "css" | "html" | "svg" | "webmanifest" | "txt" | "json"
    )
}

fn precompress(dist: &Path) -> Result<()> {
    for path in wasm::files_under(dist)? {
        if !compressible(&path) {
            continue;
        }
        let data = fs::read(&path).map_err(|e| e.to_string())?;
        fs::write(with_suffix(&path, "br"), brotli_bytes(&data)?).map_err(|e| e.to_string())?;
        fs::write(with_suffix(&path, "gz"), gzip_bytes(&data)?).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The brotli sizes of the first load and of each pack in `dist`.
fn measure(dist: &Path, release: &Release) -> Result<Sizes> {
    let brotli = |path: &Path| -> Result<u64> {
        let data = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(brotli_bytes(&data)?.len() as u64)
    };
    let folder = dist.join(release.base.trim_start_matches('/'));
    let mut first_load = vec![("index.html".to_owned(), brotli(&dist.join("index.html"))?)];
    for entry in fs::read_dir(dist).map_err(|e| e.to_string())?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "css") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            first_load.push((name, brotli(&path)?));
        }
    }
    for file in &release.first_load {
        first_load.push((file.clone(), brotli(&folder.join(file))?));
    }
    let mut packs = Vec::new();
    for pack in &release.packs {
        packs.push((
            pack.file.clone(),
            brotli(&folder.join(&pack.file))?,
            pack.parts.len(),
        ));
    }
    packs.sort_by_key(|pack| std::cmp::Reverse(pack.1));
    Ok(Sizes { first_load, packs })
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
