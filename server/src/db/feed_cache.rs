//! Feed pages kept in memory between writes. A group's first pages are read far more often than
//! they change; each cached page remembers the group's version when it was read, and every write
//! to a group's posts (db::posts) bumps that version, so a stale page is never served. Changes
//! outside the posts table that a page shows (a display name, a board role) bump a global epoch.
//! Pages are cached as the signed-out reader sees them; a member's own reactions are laid over.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, RwLock,
    },
    time::{Duration, Instant},
};

use hoi_api::feed::Feed;

use super::peers::{Notice, Peers};

/// Kept at most this long even without writes: a backstop for changes nobody bumped.
const TTL: Duration = Duration::from_secs(30);
/// Past this many pages the cache starts over, which bounds its memory (a page is ~15 KB).
const MAX_PAGES: usize = 4096;

/// One cached page: which feed, which filter, which cursor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub group_id: i64,
    pub category: Option<&'static str>,
    pub cursor: Option<String>,
    pub limit: u32,
}

/// The page and its JSON, ready to send to a signed-out reader.
pub struct CachedPage {
    pub feed: Feed,
    pub json: Vec<u8>,
    /// The group was public when the page was read: a signed-out reader may have it as is.
    pub public: bool,
}

struct Entry {
    version: (u64, u64),
    stored: Instant,
    page: Arc<CachedPage>,
}

#[derive(Default)]
pub struct FeedCache {
    versions: RwLock<HashMap<i64, u64>>,
    epoch: AtomicU64,
    pages: RwLock<HashMap<PageKey, Entry>>,
    /// The other instances' caches go stale with this one's (`db::peers`).
    peers: Peers,
}

impl FeedCache {
    pub fn new(peers: Peers) -> FeedCache {
        FeedCache {
            peers,
            ..FeedCache::default()
        }
    }

    fn version(&self, group_id: i64) -> (u64, u64) {
        let group = self
            .versions
            .read()
            .map(|v| v.get(&group_id).copied().unwrap_or(0))
            .unwrap_or(0);
        (self.epoch.load(Ordering::Acquire), group)
    }

    /// A group's posts changed: here and on the other instances.
    pub fn touch(&self, group_id: i64) {
        self.bump(group_id);
        self.peers.tell(Notice::Feed(Some(group_id)));
    }

    /// Something every page may show changed (a name, a role): here and on the other instances.
    pub fn touch_all(&self) {
        self.bump_all();
        self.peers.tell(Notice::Feed(None));
    }

    /// A group's pages are stale on this instance (another one told it).
    pub(super) fn bump(&self, group_id: i64) {
        if let Ok(mut versions) = self.versions.write() {
            *versions.entry(group_id).or_insert(0) += 1;
        }
    }

    pub(super) fn bump_all(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    pub fn get(&self, key: &PageKey) -> Option<Arc<CachedPage>> {
        let version = self.version(key.group_id);
        let pages = self.pages.read().ok()?;
        let entry = pages.get(key)?;
        (entry.version == version && entry.stored.elapsed() < TTL).then(|| entry.page.clone())
    }

    /// The version to store a page under: read it before the query, so a write that lands while
    /// the page is being read makes the stored page stale at once.
    pub fn version_before_read(&self, group_id: i64) -> (u64, u64) {
        self.version(group_id)
    }

    pub fn put(&self, key: PageKey, version: (u64, u64), page: CachedPage) -> Arc<CachedPage> {
        let page = Arc::new(page);
        if let Ok(mut pages) = self.pages.write() {
            if pages.len() >= MAX_PAGES {
                pages.clear();
            }
            pages.insert(
                key,
                Entry {
                    version,
                    stored: Instant::now(),
                    page: page.clone(),
                },
            );
        }
        page
    }
}
