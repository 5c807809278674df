//! One request per page: the splitter writes a chunk file for every set of pages that shares
//! code, so one page needs dozens of small files (25 to 110, depending on how many chunk names
//! the router uses), each a round trip on HTTP/1.1 and a cheap phone.
//! Here the files of each split (its own `split_<name>.wasm` and the shared chunks it needs) are
//! concatenated into `pack_<name>.bin`, and the splitter's JS loader is taught to fetch the pack
//! once and cut the files out of it. A file that an earlier pack already brought is not fetched
//! again (it is in the pack's bytes, but nothing waits for it).
//!
//! A pack starts with its own table of contents (a little-endian u32 length, then JSON
//! `[[file, length], …]`), so the loader in the first load carries no table of its own.
//!
//! The loader is the splitter's own output (`wasm_split_cli_support` =0.2.3, pinned); the two
//! rewrites below check that they found what they expect and fail the build otherwise.

use std::{collections::HashMap, fs, path::Path};

use serde::{Deserialize, Serialize};

use crate::proc::Result;

/// One split's files in one file: `parts` are `(file, start, length)` in the pack (after its table
/// of contents).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pack {
    pub split: String,
    pub file: String,
    pub parts: Vec<(String, u64, u64)>,
}

/// Writes a pack per split into `folder` and rewrites the loader `link` to use them.
pub fn write(folder: &Path, link: &Path, prefetch_map: &HashMap<String, Vec<String>>) -> Result<Vec<Pack>> {
    let mut splits: Vec<_> = prefetch_map.iter().collect();
    splits.sort();
    let mut packs = Vec::new();
    for (split, stems) in splits {
        let mut files = Vec::new();
        for stem in stems {
            let file = format!("{stem}.wasm");
            let data = fs::read(folder.join(&file)).map_err(|e| format!("{file}: {e}"))?;
            files.push((file, data));
        }
        let contents: Vec<(&str, usize)> = files.iter().map(|(f, d)| (f.as_str(), d.len())).collect();
        let contents = serde_json::to_vec(&contents).map_err(|e| e.to_string())?;
        let length = u32::try_from(contents.len()).map_err(|e| e.to_string())?;
        let mut bytes = length.to_le_bytes().to_vec();
        bytes.extend_from_slice(&contents);
        let mut parts = Vec::new();
        for (file, data) in files {
            parts.push((file, bytes.len() as u64, data.len() as u64));
            bytes.extend_from_slice(&data);
        }
        let file = format!("pack_{split}.bin");
        fs::write(folder.join(&file), bytes).map_err(|e| e.to_string())?;
        packs.push(Pack {
            split: split.clone(),
            file,
            parts,
        });
    }
    let js = fs::read_to_string(link).map_err(|e| format!("{}: {e}", link.display()))?;
    fs::write(link, rewrite_loader(&js, &packs)?).map_err(|e| e.to_string())?;
    Ok(packs)
}

/// The fetch the splitter writes for every wasm file, and the start of every split's loader.
const FETCH: (&str, &str) = ("fetch(new URL(\"./", ".wasm\", import.meta.url))");
const EXPORT: &str = "export const __wasm_split_load_";

/// The runtime the rewritten loader calls: `packed` fetches a split's pack before its loader
/// runs and files each part under its name; `part` waits for the packs under way and hands a
/// file to `WebAssembly.instantiateStreaming` as a fresh Response. A failed pack is forgotten,
/// so the next try fetches it again.
const RUNTIME: &str = r#"
const parts = new Map();
const taken = new Set();
const packs = new Set();
function packed(split, load) {
    return () => {
        const pack = fetch(new URL(`./pack_${split}.bin`, import.meta.url))
            .then((response) => { if (!response.ok) throw new Error(`pack ${split}: ${response.status}`); return response.arrayBuffer(); })
            .then((all) => {
                const length = new DataView(all).getUint32(0, true);
                let start = 4 + length;
                for (const [file, size] of JSON.parse(new TextDecoder().decode(new Uint8Array(all, 4, length)))) {
                    if (!taken.has(file)) parts.set(file, all.slice(start, start + size));
                    start += size;
                }
            });
        packs.add(pack);
        pack.catch(() => {}).finally(() => packs.delete(pack));
        return load();
    };
}
function part(file) {
    return Promise.all(packs)
        .then(() => {
            const bytes = parts.get(file);
            parts.delete(file);
            taken.add(file);
            return bytes || fetch(new URL(`./${file}`, import.meta.url)).then((r) => r.arrayBuffer());
        })
        .then((bytes) => new Response(bytes, { headers: { "content-type": "application/wasm" } }));
}
"#;

fn rewrite_loader(js: &str, packs: &[Pack]) -> Result<String> {
    if !packs.is_empty() && !js.contains(FETCH.0) {
        return Err(
            "the wasm-split loader has no fetch of a chunk to rewrite: did wasm_split_cli_support change?"
                .into(),
        );
    }
    // Every `fetch(new URL("./x.wasm", import.meta.url))` becomes `part("x.wasm")`.
    let mut out = String::with_capacity(js.len() + 4096);
    let mut rest = js;
    while let Some(at) = rest.find(FETCH.0) {
        let after = &rest[at + FETCH.0.len()..];
        let end = after.find(FETCH.1).ok_or("a chunk fetch without its end")?;
        out.push_str(&rest[..at]);
        out.push_str(&format!("part(\"{}.wasm\")", &after[..end]));
        rest = &after[end + FETCH.1.len()..];
    }
    out.push_str(rest);
    // Every `export const __wasm_split_load_x = wrapAsyncCb(makeLoad(…, […]));` gets its pack.
    let mut wrapped = String::with_capacity(out.len() + 4096);
    let mut rest = out.as_str();
    let mut loaders = 0;
    while let Some(at) = rest.find(EXPORT) {
        let after = &rest[at + EXPORT.len()..];
        let (name, tail) = after
            .split_once(" = wrapAsyncCb(makeLoad(")
            .ok_or("a split loader in an unknown shape")?;
        let end = tail.find("]));").ok_or("a split loader without its end")?;
        wrapped.push_str(&rest[..at]);
        wrapped.push_str(&format!(
            "{EXPORT}{name} = wrapAsyncCb(packed(\"{name}\", makeLoad({}])));",
            &tail[..end]
        ));
        rest = &tail[end + "]));".len()..];
        loaders += 1;
    }
    wrapped.push_str(rest);
    if loaders != packs.len() {
        return Err(format!(
            "the wasm-split loader has {loaders} split loaders for {} packs",
            packs.len()
        ));
    }
    Ok(format!("{wrapped}{RUNTIME}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = r#"import { initSync } from "./app.js";
const __chunk_1 = makeLoad(() => {
    const src = fetch(new URL("./chunk_1.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_quiz = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_quiz.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_1]));
"#;

    #[test]
    fn the_loader_fetches_packs_and_cuts_its_files_out_of_them() {
        let packs = vec![Pack {
            split: "quiz".into(),
            file: "pack_quiz.bin".into(),
            parts: vec![("chunk_1.wasm".into(), 0, 10), ("split_quiz.wasm".into(), 10, 20)],
        }];
        let js = rewrite_loader(LOADER, &packs).unwrap();
        assert!(!js.contains("fetch(new URL(\"./chunk_1.wasm\""), "{js}");
        assert!(js.contains(r#"const src = part("chunk_1.wasm");"#), "{js}");
        assert!(
            js.contains(r#"wrapAsyncCb(packed("quiz", makeLoad(() => {"#),
            "{js}"
        );
        assert!(js.contains(", [__chunk_1])));"), "{js}");
    }

    #[test]
    fn a_loader_in_another_shape_fails_the_build() {
        let packs = vec![Pack {
            split: "quiz".into(),
            file: "pack_quiz.bin".into(),
            parts: vec![],
        }];
        assert!(rewrite_loader("export const x = 1;", &packs).is_err());
    }
}
