//! Where photo bytes live: a local folder by default, behind an interface an S3-compatible
//! object store can fill later. The database keeps only each photo's key and size.

use std::{future::Future, io, path::PathBuf, pin::Pin};

type Pending<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

pub trait MediaStore: Send + Sync {
    /// Stores `bytes` under `key` (a relative path of lowercase letters, digits, `/`, `.`, `-`).
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> Pending<'a, ()>;
    /// The bytes under `key`, or `None` when there are none.
    fn get<'a>(&'a self, key: &'a str) -> Pending<'a, Option<Vec<u8>>>;
    /// Deletes the bytes under `key` (erasing an account); a key already gone is not an error.
    fn remove<'a>(&'a self, key: &'a str) -> Pending<'a, ()>;
}

/// Whether a failed write means the store is out of room (a full disk or a quota), which the
/// member can do nothing about but wait: answered 507, not 500.
pub fn is_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded | io::ErrorKind::FileTooLarge
    )
}

/// Files under one folder (`HOI_MEDIA_DIR`, `data/media` by default).
pub struct LocalFolder {
    root: PathBuf,
}

impl LocalFolder {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFolder { root: root.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let safe = !key.is_empty()
            && !key.starts_with('/')
            && !key
                .split('/')
                .any(|part| part.is_empty() || part.starts_with('.'))
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '/' | '.' | '-'));
        if safe {
            Ok(self.root.join(key))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("bad media key {key:?}"),
            ))
        }
    }
}

impl MediaStore for LocalFolder {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> Pending<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            if let Some(folder) = path.parent() {
                tokio::fs::create_dir_all(folder).await?;
            }
            // Written aside and renamed, so a reader never sees half a photo; a write that fails
            // (a full disk) takes its half-written file away, so it fills nothing more.
            let partial = path.with_extension("partial");
            let written = match tokio::fs::write(&partial, bytes).await {
                Ok(()) => tokio::fs::rename(&partial, &path).await,
                Err(error) => Err(error),
            };
            if written.is_err() {
                let _ = tokio::fs::remove_file(&partial).await;
            }
            written
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> Pending<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            match tokio::fs::read(self.path(key)?).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(error) => Err(error),
            }
        })
    }

    fn remove<'a>(&'a self, key: &'a str) -> Pending<'a, ()> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
                _ => Ok(()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_reads_and_refuses_keys_that_climb_out() {
        let root = std::env::temp_dir().join(format!("hoi-media-test-{}", std::process::id()));
        let store = LocalFolder::new(&root);
        store.put("photos/ab/cd.jpg", b"jpeg".to_vec()).await.unwrap();
        assert_eq!(
            store.get("photos/ab/cd.jpg").await.unwrap(),
            Some(b"jpeg".to_vec())
        );
        assert_eq!(store.get("photos/none.jpg").await.unwrap(), None);
        for bad in [
            "../etc/passwd",
            "/etc/passwd",
            "photos//x",
            "photos/.hidden",
            "Photos/X.jpg",
        ] {
            assert!(store.put(bad, Vec::new()).await.is_err(), "{bad}");
        }
        let _ = std::fs::remove_dir_all(root);
    }

    /// The kernel's own "no space left": the partial file is a link to `/dev/full`, which refuses
    /// every write with ENOSPC. The store says the disk is full, leaves no half photo behind,
    /// and keeps the photo stored before.
    #[tokio::test]
    async fn a_full_disk_is_reported_as_full_and_leaves_nothing_half_written() {
        let root = std::env::temp_dir().join(format!("hoi-media-full-{}", std::process::id()));
        let store = LocalFolder::new(&root);
        store.put("photos/kept.jpg", b"kept".to_vec()).await.unwrap();
        std::os::unix::fs::symlink("/dev/full", root.join("photos/new.partial")).unwrap();
        let error = store.put("photos/new.jpg", b"jpeg".to_vec()).await.unwrap_err();
        assert!(is_full(&error), "{error:?}");
        assert!(!root.join("photos/new.partial").exists());
        assert!(std::fs::symlink_metadata(root.join("photos/new.partial")).is_err());
        assert_eq!(store.get("photos/new.jpg").await.unwrap(), None);
        assert_eq!(
            store.get("photos/kept.jpg").await.unwrap(),
            Some(b"kept".to_vec())
        );
        let _ = std::fs::remove_dir_all(root);
    }
}
