//! Where entry files live. [`FileStore`] is the small interface; [`LocalDisk`] (the default)
//! keeps them under `<data_dir>/entry-files/`, [`ObjectStoreFiles`] in any store of the
//! `object_store` crate (an S3-compatible bucket when several servers run). Keys are chosen by
//! the server — the SHA-256 of the content — so no name on disk ever comes from the user.

use std::path::PathBuf;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use sha2::{Digest, Sha256};

pub trait FileStore: Send + Sync {
    fn put(&self, key: String, bytes: Vec<u8>) -> BoxFuture<'_, anyhow::Result<()>>;
    /// `None` when no file has the key.
    fn get(&self, key: String) -> BoxFuture<'_, anyhow::Result<Option<Vec<u8>>>>;
}

/// The storage key of `bytes`: the hex SHA-256 of the content.
pub fn key_for(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Only keys this module made are ever turned into paths.
fn valid_key(key: &str) -> anyhow::Result<()> {
    if key.len() == 64
        && key
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        Ok(())
    } else {
        anyhow::bail!("invalid storage key")
    }
}

/// Files on the local disk, fanned out by the key's first two characters.
pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    pub fn new(data_dir: &std::path::Path) -> LocalDisk {
        LocalDisk {
            root: data_dir.join("entry-files"),
        }
    }

    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        valid_key(key)?;
        Ok(self.root.join(&key[..2]).join(key))
    }

    /// Writes a file from blocking code (the demo seeding); a key already there is kept.
    pub fn put_blocking(&self, key: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path(key)?;
        if path.exists() {
            return Ok(()); // same content, same key
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Write then rename, so a reader never sees half a file.
        let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)?;
        Ok(())
    }
}

impl FileStore for LocalDisk {
    fn put(&self, key: String, bytes: Vec<u8>) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async move {
            valid_key(&key)?;
            let disk = LocalDisk {
                root: self.root.clone(),
            };
            actix_web::rt::task::spawn_blocking(move || disk.put_blocking(&key, &bytes)).await??;
            Ok(())
        })
    }

    fn get(&self, key: String) -> BoxFuture<'_, anyhow::Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let path = self.path(&key)?;
            let bytes = actix_web::rt::task::spawn_blocking(move || match std::fs::read(&path) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(anyhow::Error::from(e)),
            })
            .await??;
            Ok(bytes)
        })
    }
}

/// Files in an `object_store` store under `prefix/`.
pub struct ObjectStoreFiles {
    store: Arc<dyn object_store::ObjectStore>,
    prefix: String,
}

impl ObjectStoreFiles {
    pub fn new(store: Arc<dyn object_store::ObjectStore>, prefix: &str) -> ObjectStoreFiles {
        ObjectStoreFiles {
            store,
            prefix: prefix.trim_matches('/').to_owned(),
        }
    }

    fn path(&self, key: &str) -> anyhow::Result<object_store::path::Path> {
        valid_key(key)?;
        Ok(object_store::path::Path::from(format!(
            "{}/{key}",
            self.prefix
        )))
    }
}

impl FileStore for ObjectStoreFiles {
    fn put(&self, key: String, bytes: Vec<u8>) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async move {
            let path = self.path(&key)?;
            self.store
                .put(&path, object_store::PutPayload::from(bytes))
                .await?;
            Ok(())
        })
    }

    fn get(&self, key: String) -> BoxFuture<'_, anyhow::Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let path = self.path(&key)?;
            match self.store.get(&path).await {
                Ok(result) => Ok(Some(result.bytes().await?.to_vec())),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e.into()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn round_trip(store: &dyn FileStore) {
        let bytes = b"poster bytes".to_vec();
        let key = key_for(&bytes);
        store.put(key.clone(), bytes.clone()).await.unwrap();
        assert_eq!(store.get(key).await.unwrap(), Some(bytes));
        assert_eq!(store.get(key_for(b"other")).await.unwrap(), None);
        assert!(store.get("../../etc/passwd".to_owned()).await.is_err());
        assert!(store.put("name.png".to_owned(), vec![]).await.is_err());
    }

    #[actix_rt::test]
    async fn the_local_disk_store_keeps_files_under_content_hash_names() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDisk::new(dir.path());
        round_trip(&store).await;
        let key = key_for(b"poster bytes");
        assert!(
            dir.path()
                .join("entry-files")
                .join(&key[..2])
                .join(&key)
                .exists()
        );
    }

    #[actix_rt::test]
    async fn the_object_store_implementation_works_over_an_in_memory_store() {
        use object_store::ObjectStore as _;
        let memory = Arc::new(object_store::memory::InMemory::new());
        let store = ObjectStoreFiles::new(memory.clone(), "entries/");
        round_trip(&store).await;
        let key = key_for(b"poster bytes");
        let listed = memory
            .head(&object_store::path::Path::from(format!("entries/{key}")))
            .await
            .unwrap();
        assert_eq!(listed.size, 12);
    }
}
