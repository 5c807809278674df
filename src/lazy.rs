//! Pages loaded on demand. Every page outside the first screen is compiled into a chunk of wasm
//! (`#[wasm_split]`, cut out by `cargo xtask wasm`) that is fetched the first time she opens the
//! page, or earlier when the service worker warms its cache in idle time.
//!
//! A chunk that cannot be fetched (offline, a dropped connection, a deploy that replaced the files)
//! leaves no dead page: she reads "Không tải được trang" with a button that tries again, and the
//! rest of the app keeps working. Leptos 0.8's `#[lazy_route]` panics on a failed fetch (fixed
//! on 0.9 only, leptos PR #4785), so the split functions here are `fallible` and a failure is a view.

use std::{borrow::Cow, future::Future, pin::Pin};

use leptos::{
    prelude::*, tachys::view::iterators::StaticVec, task::spawn_local_scoped, wasm_split::SplitLoaderError,
};
use leptos_router::{
    any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute},
    ChooseView, NestedRoute, PartialPathMatch, PathSegment, PossibleRouteMatch,
};

use crate::{connection, i18n::use_texts};

/// Room for the splitter to move constant data (texts, tables) into the chunks that use them.
/// It lays each module's data out again with its own alignment padding, and gives up (keeping all
/// of it in the first load, ~70 KB more) when the result is longer than the linker's read-only
/// segment, which the next segment follows without a gap. Nothing refers to these bytes, so the
/// splitter leaves them out of every module: the segment keeps 2 KB of slack.
#[used]
static SPLIT_SLACK: [u8; 2048] = [0x5a; 2048];

/// A chunk that could not be fetched.
pub struct ChunkError;

impl From<SplitLoaderError> for ChunkError {
    fn from(_: SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Fetches a chunk (once; a failure is not remembered) and builds its page of that name.
pub type Loader = fn(&'static str) -> Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// The pages of one chunk, behind one loader: `lazy_pages!(groups_pages, groups, [GroupPage, …])`
/// puts the components (no props) in the chunk named `groups` and declares the [`Loader`]
/// `groups_pages::load(name)`, which fetches the chunk and builds the page named `name`. One loader
/// per chunk, not per page: each split function leaves its loader in the first load (~190 bytes
/// of brotli each), and a page instantiates every file of its pack anyway. Code shared by
/// several chunks goes into chunks of its own.
macro_rules! lazy_pages {
    ($loader:ident, $chunk:ident, [$($page:ident),+ $(,)?]) => {
        $crate::lazy::on_demand!(
            $chunk,
            fn $loader(name: &'static str) -> Result<::leptos::prelude::AnyView, $crate::lazy::ChunkError> {
                Ok(match name {
                    $(stringify!($page) => ::leptos::prelude::IntoAny::into_any(::leptos::prelude::view! { <$page /> }),)+
                    _ => ::leptos::prelude::IntoAny::into_any(()),
                })
            }
        );

        /// The chunk's loader as a [`Loader`](crate::lazy::Loader) (a module may share a function's name).
        pub(crate) mod $loader {
            /// The pages it builds, for [`lazy_page!`]'s compile-time check.
            pub const PAGES: &[&str] = &[$(stringify!($page)),+];

            pub fn load(
                name: &'static str,
            ) -> ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<::leptos::prelude::AnyView, $crate::lazy::ChunkError>>>> {
                Box::pin(super::$loader(name))
            }
        }
    };
}
pub(crate) use lazy_pages;

/// A route's view for a page of a chunk declared with [`lazy_pages!`]:
/// `lazy_page!(groups_pages, GroupPage)`. A page missing from that chunk's list would render
/// nothing, so it does not compile.
macro_rules! lazy_page {
    ($loader:ident, $page:ident) => {{
        const _: () = assert!(
            $crate::lazy::listed($loader::PAGES, stringify!($page)),
            concat!(
                stringify!($page),
                " is not in the lazy_pages! of ",
                stringify!($loader)
            )
        );
        $crate::lazy::LazyPage($loader::load, stringify!($page))
    }};
}
pub(crate) use lazy_page;

/// Whether `name` is one of `pages`, at compile time.
pub const fn listed(pages: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < pages.len() {
        let (a, b) = (pages[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// `on_demand!(chunk, fn name(args) -> Result<T, ChunkError> { … })` declares `async fn name(args)`
/// whose body lives in the chunk named `chunk`: the first call fetches the chunk, a failed fetch
/// answers `Err(ChunkError)` and the next call tries again. Only the release build is split (the
/// `split` feature, set by `cargo xtask wasm`); elsewhere (the component tests) it is a plain async fn.
macro_rules! on_demand {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use on_demand;

/// The router's view for a lazy page. One type for every lazy page (the loader is a value, not a
/// type), so the router's machinery is compiled once, not once per page.
#[derive(Clone, Copy)]
pub struct LazyPage(pub Loader, pub &'static str);

impl ChooseView for LazyPage {
    async fn choose(self) -> AnyView {
        page(self.0, self.1).await
    }

    async fn preload(&self) {}
}

/// A route's path read at run time: `/groups/:id/queue` (static segments and `:name` params).
/// `path!` gives each route a type of its own, and the router's matching was compiled once per
/// route: ~200 bytes of the first load each. With one path type and one view type, every lazy
/// route is a row of one table ([`routes`]) and the matching is compiled once.
#[derive(Clone, Copy, Debug)]
pub struct Pattern(pub &'static str);

impl PossibleRouteMatch for Pattern {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut rest = path;
        let mut params = Vec::new();
        for segment in self.0.split('/').filter(|s| !s.is_empty()) {
            let tail = rest.strip_prefix('/')?;
            let (value, after) = tail.split_at(tail.find('/').unwrap_or(tail.len()));
            match segment.strip_prefix(':') {
                Some(name) if !value.is_empty() => params.push((Cow::Borrowed(name), value.to_string())),
                None if segment == value => {}
                _ => return None,
            }
            rest = after;
        }
        Some(PartialPathMatch::new(
            rest,
            params,
            &path[..path.len() - rest.len()],
        ))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in self.0.split('/').filter(|s| !s.is_empty()) {
            path.push(match segment.strip_prefix(':') {
                Some(name) => PathSegment::Param(name.into()),
                None => PathSegment::Static(segment.into()),
            });
        }
    }
}

/// The router's routes: the first screen's (`first`, compiled into the first load) and then a
/// table of lazy pages, tried in order (so `/groups/new` goes before `/groups/:id`). A new lazy
/// page costs its row, not a route's code.
pub fn routes(
    first: impl IntoIterator<Item = AnyNestedRoute>,
    table: &[(&'static str, LazyPage)],
) -> StaticVec<AnyNestedRoute> {
    first
        .into_iter()
        .chain(
            table
                .iter()
                .map(|&(path, page)| NestedRoute::new(Pattern(path), page).into_any_nested_route()),
        )
        .collect::<Vec<_>>()
        .into()
}

/// The page, or the notice that tries again.
pub async fn page(load: Loader, name: &'static str) -> AnyView {
    match load(name).await {
        Ok(view) => view,
        Err(ChunkError) => view! { <ChunkFailed load name /> }.into_any(),
    }
}

/// A part of a page from a chunk (`<LazyPart part=lazy_page!(admin_pages, TodoCard) />`):
/// nothing until the chunk is in, then the part; the notice that tries again when it cannot be
/// fetched.
#[component]
pub fn LazyPart(part: LazyPage) -> impl IntoView {
    let LazyPage(load, name) = part;
    let built = RwSignal::new_local(None::<AnyView>);
    spawn_local_scoped(async move { built.set(Some(page(load, name).await)) });
    move || {
        built.track();
        // Taken once: the part is shown and never rebuilt.
        built.try_update_untracked(Option::take).flatten()
    }
}

/// "Không tải được trang" and a button. Trying again fetches the chunk in place; when that fails
/// while the server answers, the release she has is gone (a deploy), and the app restarts into
/// the new one.
#[component]
fn ChunkFailed(load: Loader, name: &'static str) -> impl IntoView {
    let t = use_texts();
    let busy = RwSignal::new(false);
    let loaded = RwSignal::new_local(None::<AnyView>);
    let owner = Owner::current().unwrap_or_default();
    let retry = move || {
        busy.set(true);
        // The page is built under this component's owner, so it finds the router and contexts.
        owner.with(|| {
            spawn_local_scoped(async move {
                match load(name).await {
                    Ok(page) => loaded.set(Some(page)),
                    Err(ChunkError) => {
                        if connection::server_answers().await {
                            connection::restart();
                        }
                        busy.set(false);
                    }
                }
            })
        });
    };
    let retry = StoredValue::new_local(retry);
    move || {
        loaded.track();
        // Taken once: the page is shown in place of the notice and never rebuilt.
        match loaded.try_update_untracked(Option::take).flatten() {
            Some(page) => page,
            None => view! {
                <section class="card chunk-failed" role="alert">
                    <p>{t.page_failed}</p>
                    <button type="button" class="button primary" on:click=move |_| retry.with_value(|retry| retry())
                        disabled=move || busy.get()>
                        {t.retry}
                    </button>
                </section>
            }
            .into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use leptos_router::PossibleRouteMatch;
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::Pattern;

    /// (matched, remaining, params) of a path.
    type Matched = (String, String, Vec<(String, String)>);

    fn test(pattern: &'static str, path: &str) -> Option<Matched> {
        Pattern(pattern).test(path).map(|m| {
            let (matched, remaining) = (m.matched().to_string(), m.remaining().to_string());
            (
                matched,
                remaining,
                m.params().into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            )
        })
    }

    /// A deep link opens the page it names, with its id; another page's path does not.
    #[wasm_bindgen_test]
    fn a_path_matches_its_pattern_and_gives_its_params() {
        let group = |path| test("/groups/:id/queue", path);
        assert_eq!(
            group("/groups/12/queue"),
            Some((
                "/groups/12/queue".into(),
                "".into(),
                vec![("id".into(), "12".into())]
            ))
        );
        // A trailing slash is left for the router, which accepts it.
        assert_eq!(group("/groups/12/queue/").map(|m| m.1), Some("/".into()));
        // The rest of a longer path is left over, so the route does not match it as a whole.
        assert_eq!(group("/groups/12/queue/x").map(|m| m.1), Some("/x".into()));
        assert_eq!(group("/groups/12/members"), None);
        assert_eq!(group("/groups//queue"), None);
        assert_eq!(group("/groups"), None);
        assert_eq!(test("/groups", "/groupsx"), None);
        assert_eq!(test("/groups/new", "/groups/new").map(|m| m.2), Some(vec![]));
    }
}
