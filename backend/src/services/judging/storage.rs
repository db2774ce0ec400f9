//! Where entry files live. [`FileStore`] is the small interface; [`LocalDisk`] (the default)
//! keeps them under `<data_dir>/entry-files/`, [`ObjectStoreFiles`] in any store of the
//! `object_store` crate (an S3-compatible bucket when several servers run). [`StorageConfig`]
//! reads which one from the settings (`storage`, `s3_*`: see `config.rs`) and [`open`] builds
//! it. Keys are chosen by the server — the SHA-256 of the content — so no name on disk ever
//! comes from the user.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use futures_util::future::BoxFuture;
use sha2::{Digest, Sha256};

use crate::config::{Secret, Settings};

/// The entry-file store the settings ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageConfig {
    /// `storage = "local"` (the default): `<data_dir>/entry-files/`.
    LocalDisk { data_dir: PathBuf },
    /// `storage = "s3"`: an S3-compatible bucket.
    S3(S3Config),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Config {
    pub bucket: String,
    /// `None`: Amazon S3 itself.
    pub endpoint: Option<String>,
    pub region: String,
    /// The folder inside the bucket.
    pub prefix: String,
    /// Explicit keys; `None`: the standard `AWS_*` variables or an instance role.
    pub credentials: Option<(String, Secret)>,
    /// Plain `http://` endpoints (a MinIO on the province's own network) are allowed only when
    /// the endpoint says so.
    pub allow_http: bool,
}

/// Prefix of entry files inside a bucket unless `s3_prefix` says otherwise.
pub const DEFAULT_S3_PREFIX: &str = "entry-files";
/// Region sent when `s3_region` is unset (S3-compatible stores mostly ignore it).
pub const DEFAULT_S3_REGION: &str = "us-east-1";

fn setting(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl StorageConfig {
    /// Reads `storage` and the `s3_*` settings. Fails naming the variable at fault.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<StorageConfig> {
        match settings.storage.trim().to_ascii_lowercase().as_str() {
            "" | "local" => Ok(StorageConfig::LocalDisk {
                data_dir: settings.data_dir.clone(),
            }),
            "s3" => {
                let bucket = setting(&settings.s3_bucket).context(
                    "HOCDVC_STORAGE=s3 cần HOCDVC_S3_BUCKET (tên bucket chứa tệp bài dự thi)",
                )?;
                let endpoint =
                    setting(&settings.s3_endpoint).map(|e| e.trim_end_matches('/').to_owned());
                if let Some(e) = &endpoint
                    && !(e.starts_with("https://") || e.starts_with("http://"))
                {
                    anyhow::bail!(
                        "HOCDVC_S3_ENDPOINT phải bắt đầu bằng https:// hoặc http:// (đang là {e})"
                    );
                }
                let secret = settings
                    .s3_secret_access_key
                    .as_ref()
                    .filter(|s| !s.expose().trim().is_empty());
                let credentials = match (setting(&settings.s3_access_key_id), secret) {
                    (Some(id), Some(secret)) => Some((id, secret.clone())),
                    (None, None) => None,
                    _ => anyhow::bail!(
                        "HOCDVC_S3_ACCESS_KEY_ID và HOCDVC_S3_SECRET_ACCESS_KEY phải cùng đặt (hoặc cùng để trống để dùng AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"
                    ),
                };
                Ok(StorageConfig::S3(S3Config {
                    bucket,
                    allow_http: endpoint
                        .as_deref()
                        .is_some_and(|e| e.starts_with("http://")),
                    endpoint,
                    region: setting(&settings.s3_region)
                        .unwrap_or_else(|| DEFAULT_S3_REGION.to_owned()),
                    prefix: setting(&settings.s3_prefix)
                        .map(|p| p.trim_matches('/').to_owned())
                        .filter(|p| !p.is_empty())
                        .unwrap_or_else(|| DEFAULT_S3_PREFIX.to_owned()),
                    credentials,
                }))
            }
            other => anyhow::bail!("HOCDVC_STORAGE phải là local hoặc s3 (đang là «{other}»)"),
        }
    }
}

/// Builds the configured store. Nothing is contacted yet: a wrong bucket or key shows on the
/// first upload, in the log. S3 needs a server built with the `s3` feature; without it the
/// server refuses to start rather than silently keeping files on one machine's disk.
pub fn open(config: &StorageConfig) -> anyhow::Result<Arc<dyn FileStore>> {
    match config {
        StorageConfig::LocalDisk { data_dir } => Ok(Arc::new(LocalDisk::new(data_dir))),
        StorageConfig::S3(s3) => open_s3(s3),
    }
}

#[cfg(not(feature = "s3"))]
fn open_s3(_: &S3Config) -> anyhow::Result<Arc<dyn FileStore>> {
    anyhow::bail!(
        "HOCDVC_STORAGE=s3 cần bản hocdvc được build với tính năng s3 (cargo build --release -p hocdvc --features s3)"
    )
}

#[cfg(feature = "s3")]
fn open_s3(s3: &S3Config) -> anyhow::Result<Arc<dyn FileStore>> {
    // The standard AWS_* variables first, then what the settings name explicitly.
    let mut builder = object_store::aws::AmazonS3Builder::from_env()
        .with_bucket_name(&s3.bucket)
        .with_region(&s3.region)
        .with_allow_http(s3.allow_http);
    if let Some(endpoint) = &s3.endpoint {
        // S3-compatible stores address buckets by path, not by subdomain.
        builder = builder
            .with_endpoint(endpoint)
            .with_virtual_hosted_style_request(false);
    }
    if let Some((id, secret)) = &s3.credentials {
        builder = builder
            .with_access_key_id(id)
            .with_secret_access_key(secret.expose());
    }
    let store = builder
        .build()
        .context("không tạo được kho S3 cho tệp bài dự thi")?;
    Ok(Arc::new(ObjectStoreFiles::new(Arc::new(store), &s3.prefix)))
}

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

    fn s3_settings(pairs: &[(&str, &str)]) -> anyhow::Result<StorageConfig> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("hocdvc.toml");
        let toml: String = pairs
            .iter()
            .map(|(k, v)| format!("{k} = {v:?}\n"))
            .collect();
        std::fs::write(&file, toml)?;
        let settings = Settings::load(&crate::config::Overrides {
            config_file: Some(file),
            ..Default::default()
        })?;
        StorageConfig::from_settings(&settings)
    }

    #[test]
    fn entry_files_stay_on_the_local_disk_unless_the_settings_say_s3() {
        let settings = Settings::for_data_dir("/srv/hocdvc");
        assert_eq!(
            StorageConfig::from_settings(&settings).unwrap(),
            StorageConfig::LocalDisk {
                data_dir: PathBuf::from("/srv/hocdvc")
            }
        );
    }

    #[test]
    fn the_s3_settings_are_read_from_the_config_file_with_their_defaults() {
        let config = s3_settings(&[
            ("storage", "s3"),
            ("s3_bucket", "hocdvc-bai-du-thi"),
            ("s3_endpoint", "http://10.0.0.5:9000/"),
            ("s3_access_key_id", "hocdvc"),
            ("s3_secret_access_key", "bi-mat"),
        ])
        .unwrap();
        let StorageConfig::S3(s3) = config else {
            panic!("not S3: {config:?}");
        };
        assert_eq!(s3.bucket, "hocdvc-bai-du-thi");
        assert_eq!(s3.endpoint.as_deref(), Some("http://10.0.0.5:9000"));
        assert!(s3.allow_http, "an http:// endpoint allows plain HTTP");
        assert_eq!(s3.region, DEFAULT_S3_REGION);
        assert_eq!(s3.prefix, DEFAULT_S3_PREFIX);
        let (id, secret) = s3.credentials.clone().unwrap();
        assert_eq!((id.as_str(), secret.expose()), ("hocdvc", "bi-mat"));
        assert!(
            !format!("{s3:?}").contains("bi-mat"),
            "the secret key is never printed"
        );
        // With the S3 client the store is built without contacting anything; without it the
        // server refuses to start and says how to build it.
        let opened = open(&StorageConfig::S3(s3));
        if cfg!(feature = "s3") {
            assert!(opened.is_ok());
        } else {
            assert!(opened.err().unwrap().to_string().contains("--features s3"));
        }
    }

    #[test]
    fn amazon_s3_needs_only_a_bucket_and_takes_keys_from_the_aws_variables() {
        let config = s3_settings(&[
            ("storage", "S3"),
            ("s3_bucket", "hocdvc"),
            ("s3_region", "ap-southeast-1"),
            ("s3_prefix", "/tinh-ag/"),
        ])
        .unwrap();
        let StorageConfig::S3(s3) = config else {
            panic!("not S3: {config:?}");
        };
        assert_eq!(s3.endpoint, None);
        assert!(!s3.allow_http);
        assert_eq!(s3.region, "ap-southeast-1");
        assert_eq!(s3.prefix, "tinh-ag");
        assert_eq!(s3.credentials, None);
    }

    #[test]
    fn incomplete_or_unknown_storage_settings_are_refused_by_name() {
        let error = |pairs: &[(&str, &str)]| s3_settings(pairs).unwrap_err().to_string();
        assert!(error(&[("storage", "s3")]).contains("HOCDVC_S3_BUCKET"));
        assert!(
            error(&[
                ("storage", "s3"),
                ("s3_bucket", "b"),
                ("s3_access_key_id", "only-the-id")
            ])
            .contains("HOCDVC_S3_SECRET_ACCESS_KEY")
        );
        assert!(
            error(&[
                ("storage", "s3"),
                ("s3_bucket", "b"),
                ("s3_endpoint", "s3.example.vn")
            ])
            .contains("HOCDVC_S3_ENDPOINT")
        );
        assert!(error(&[("storage", "ftp")]).contains("HOCDVC_STORAGE"));
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
