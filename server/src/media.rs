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
            // Written aside and renamed, so a reader never sees half a photo.
            let partial = path.with_extension("partial");
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await
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
}
