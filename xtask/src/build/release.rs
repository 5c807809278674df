//! One release of the app's wasm: which files the first screen needs, which packs of chunks are
//! fetched on demand, and how index.html and the service worker learn their names.

use std::{fs, path::Path};

use serde::{Deserialize, Serialize};

use super::pack::Pack;
use crate::proc::{target_dir, Result};

/// Where the hook leaves the release's description for the size report (kept beside the build,
/// not served).
const RELEASE_FILE: &str = "release.json";

/// The release as the size report and the service worker see it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Release {
    /// `/app/<id>`: every file below is relative to it.
    pub base: String,
    /// What index.html pulls in before the first screen: the JS glue, the chunk loader (app.js
    /// imports it) and the main wasm.
    pub first_load: Vec<String>,
    /// The rest, one pack per `#[wasm_split]` name.
    pub packs: Vec<Pack>,
}

/// The first load, by name in the release folder (the chunk loader only when the app is split).
const FIRST_LOAD: [&str; 3] = ["app.js", "__wasm_split.js", "app_bg.wasm"];

impl Release {
    pub fn new(base: &str, packs: Vec<Pack>, split: bool) -> Release {
        Release {
            base: base.to_owned(),
            first_load: FIRST_LOAD
                .iter()
                .filter(|f| split || **f != "__wasm_split.js")
                .map(|f| (*f).to_owned())
                .collect(),
            packs,
        }
    }

    /// The release the last build staged.
    pub fn last_built() -> Result<Release> {
        let path = target_dir().join("app-split").join(RELEASE_FILE);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Kept beside the build for [`Release::last_built`].
    pub fn save(&self) -> Result<()> {
        let path = target_dir().join("app-split").join(RELEASE_FILE);
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        fs::write(path, text).map_err(|e| e.to_string())
    }

    fn url(&self, file: &str) -> String {
        format!("{}/{file}", self.base)
    }

    /// The tags that start the app, put at the end of index.html's head:
    /// - preloads, so the first-load files and `/api/me` (every page asks who reads) download
    ///   in parallel instead of one after the other;
    /// - the module that preloads the pack of the page opened by a deep link (`routes`: path
    ///   pattern and pack, from the router), keeps the browser's offer to install the app for the
    ///   Tôi tab (it comes once, maybe before that page is loaded), instantiates the wasm and
    ///   registers the service worker.
    ///
    /// Inline, so it costs no round trip; the server lists its hash in the CSP.
    pub fn boot_tags(&self, routes: &[(String, String)]) -> String {
        let js = self.url("app.js");
        let wasm = self.url("app_bg.wasm");
        let preloads: String = self
            .first_load
            .iter()
            .filter(|f| f.ends_with(".js"))
            .map(|f| format!(r#"<link rel="modulepreload" href="{}">"#, self.url(f)))
            .collect();
        let routes: Vec<_> = routes
            .iter()
            .filter(|(_, pack)| self.packs.iter().any(|p| &p.split == pack))
            .collect();
        let routes = serde_json::to_string(&routes).unwrap_or_else(|_| "[]".into());
        let base = &self.base;
        format!(
            r#"{preloads}<link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin><link rel="preload" href="/api/me" as="fetch" crossorigin><script type="module">import init from "{js}";for(const[r,k]of {routes})if(RegExp("^"+r.replace(/:\w+/g,"[^/]+")+"$").test(location.pathname)){{const l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="";l.href="{base}/pack_"+k+".bin";document.head.append(l);break}}addEventListener("beforeinstallprompt",e=>{{e.preventDefault();self.hoiInstall=e}});init({{module_or_path:"{wasm}"}}).then(()=>{{if(!("serviceWorker"in navigator))return;navigator.serviceWorker.register("/sw.js").then(()=>navigator.serviceWorker.ready).then(r=>setTimeout(()=>(self.requestIdleCallback||setTimeout)(()=>r.active&&r.active.postMessage("warm")),3000)).catch(()=>{{}})}})</script>"#
        )
    }

    /// Adds the boot tags to the staged index.html, and drops the tag that told Trunk to skip its
    /// own rust step (Trunk leaves it in).
    pub fn write_index(&self, index: &Path, routes: &[(String, String)]) -> Result<()> {
        let html = fs::read_to_string(index).map_err(|e| format!("{}: {e}", index.display()))?;
        let html = without_skipped_rust_link(&html);
        let Some(at) = html.find("</head>") else {
            return Err("index.html has no </head>".into());
        };
        let html = format!("{}{}{}", &html[..at], self.boot_tags(routes), &html[at..]);
        fs::write(index, html).map_err(|e| e.to_string())
    }

    /// Puts the release's lists at the top of the staged `sw.js`: `shell` is cached when the
    /// worker installs (index.html as `/`, the CSS, the first load, the manifest and icons),
    /// `later` when the page says it is idle (the packs), and `parts` tells how to cut a pack
    /// into its table of contents and the files it holds, so each file is cached once. A new release changes these lines,
    /// which is how the browser learns that there is a new worker to install.
    pub fn write_service_worker(&self, staging: &Path, staged: &[std::path::PathBuf]) -> Result<()> {
        let worker = staging.join("sw.js");
        let template = fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
        let in_packs: Vec<String> = self
            .packs
            .iter()
            .flat_map(|p| {
                p.parts
                    .iter()
                    .map(|part| self.url(&part.0))
                    .chain([self.url(&p.file)])
            })
            .collect();
        let mut shell = vec!["/".to_owned()];
        for file in staged {
            let url = format!(
                "/{}",
                file.strip_prefix(staging).unwrap_or(file).to_string_lossy()
            );
            let skip =
                ["/index.html", "/sw.js", "/robots.txt"].contains(&url.as_str()) || in_packs.contains(&url);
            if !skip {
                shell.push(url);
            }
        }
        let parts: serde_json::Map<String, serde_json::Value> = self
            .packs
            .iter()
            .map(|p| {
                // The pack's table of contents comes first, kept under `<pack>?toc`.
                let url = self.url(&p.file);
                let contents = p.parts.first().map_or(0, |part| part.1);
                let parts: Vec<_> = [(format!("{url}?toc"), 0, contents)]
                    .into_iter()
                    .chain(p.parts.iter().map(|(f, start, len)| (self.url(f), *start, *len)))
                    .collect();
                (url, serde_json::json!(parts))
            })
            .collect();
        let later: Vec<String> = self.packs.iter().map(|p| self.url(&p.file)).collect();
        let lists = serde_json::json!({ "id": self.base, "shell": shell, "later": later, "parts": parts });
        fs::write(&worker, format!("const RELEASE = {lists};\n{template}")).map_err(|e| e.to_string())
    }
}

/// The router's lazy routes, `(path pattern, pack)`, read off `src/app.rs`, where each chunk's
/// loader is declared `lazy_pages!(groups_pages, groups, [...])` and each route is a row
/// `("/groups/:id", lazy_page!(groups_pages, GroupPage))` of its table. The router is their one
/// place; this only needs them to preload a deep link's pack.
pub fn lazy_routes(app: &str) -> Vec<(String, String)> {
    let chunks: std::collections::HashMap<&str, &str> = app
        .split("lazy_pages!(")
        .skip(1)
        .filter_map(|rest| {
            let mut parts = rest.split(',');
            Some((parts.next()?.trim(), parts.next()?.trim()))
        })
        .collect();
    let pieces: Vec<&str> = app.split("lazy_page!(").collect();
    pieces
        .windows(2)
        .filter_map(|pair| {
            // The row's path: the last string before the macro.
            let before = pair[0]
                .trim_end()
                .strip_suffix(',')?
                .trim_end()
                .strip_suffix('"')?;
            let path = &before[before.rfind('"')? + 1..];
            let loader = pair[1].split(',').next()?.trim();
            let pack = chunks.get(loader)?;
            path.starts_with('/')
                .then(|| (path.to_owned(), (*pack).to_owned()))
        })
        .collect()
}

fn without_skipped_rust_link(html: &str) -> String {
    let Some(at) = html.find("data-trunk-skip") else {
        return html.to_owned();
    };
    let start = html[..at].rfind('<').unwrap_or(at);
    let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
    format!("{}{}", &html[..start], &html[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lazy_routes_are_read_off_the_router() {
        let app = r#"lazy_pages!(quiz_pages, quiz, [QuizPage]);
            lazy_pages!(
                admin_pages,
                admin,
                [BuilderPage]
            );
            const LAZY_ROUTES: &[(&str, LazyPage)] = &[
                ("/quizzes/:id", lazy_page!(quiz_pages, QuizPage)),
                (
                    "/quizzes/new",
                    lazy_page!(admin_pages, BuilderPage),
                ),
            ];"#;
        let pair = |path: &str, pack: &str| (path.to_owned(), pack.to_owned());
        assert_eq!(
            lazy_routes(app),
            vec![pair("/quizzes/:id", "quiz"), pair("/quizzes/new", "admin")]
        );
        // The real router: every row read, each to a pack the build makes.
        let router = fs::read_to_string(crate::proc::root().join("src/app.rs")).unwrap();
        let routes = lazy_routes(&router);
        assert_eq!(
            routes.len(),
            router.matches("lazy_page!(").count(),
            "src/app.rs no longer reads as expected"
        );
        assert!(routes.contains(&pair("/groups/:id", "groups")));
        assert!(routes.contains(&pair("/units/:id", "admin")));
        let packs = ["groups", "admin", "quiz", "photo", "survey", "hoi"];
        assert!(
            routes.iter().all(|(_, pack)| packs.contains(&pack.as_str())),
            "{routes:?}"
        );
    }

    #[test]
    fn the_boot_tags_start_the_release_and_the_skipped_rust_link_goes() {
        let quiz = Pack {
            split: "quiz".into(),
            file: "pack_quiz.bin".into(),
            parts: vec![],
        };
        let release = Release::new("/app/1", vec![quiz], true);
        let routes = [
            ("/quizzes/:id".to_owned(), "quiz".to_owned()),
            ("/gone".to_owned(), "gone".to_owned()),
        ];
        let tags = release.boot_tags(&routes);
        assert!(tags.contains(r#"import init from "/app/1/app.js""#));
        assert!(tags.contains(r#"[["/quizzes/:id","quiz"]]"#), "{tags}");
        assert!(tags.contains(r#"<link rel="preload" href="/api/me" as="fetch" crossorigin>"#));
        let html = r#"<title>x</title><link data-bin=chi-hoi-so data-trunk data-trunk-skip rel=rust><link href=/a.css rel=stylesheet>"#;
        assert_eq!(
            without_skipped_rust_link(html),
            "<title>x</title><link href=/a.css rel=stylesheet>"
        );
    }
}
