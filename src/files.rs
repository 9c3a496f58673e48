//! The one way salescoach writes a file (reports, exports, backups): created private
//! (0600) beside its target, written, flushed to disk, then renamed over the target, so a
//! reader never sees half a file and a crash leaves the old one in place.

use anyhow::{Context, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A temp file beside its target, removed on drop unless it was renamed into place.
pub struct PrivateTemp {
    path: PathBuf,
    kept: bool,
}

impl PrivateTemp {
    /// Creates an empty 0600 file in `target`'s folder with a name no other process uses.
    pub fn beside(target: &Path) -> Result<(Self, File)> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let dir = folder_of(target);
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => return Ok((Self { path, kept: false }, file)),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(describe_io(err, &dir)).context(format!("cannot write in {}", dir.display())),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the file to disk, renames it over `target` and makes the rename durable.
    pub fn persist(mut self, target: &Path) -> Result<()> {
        File::open(&self.path)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot flush {}", self.path.display()))?;
        fs::rename(&self.path, target)
            .map_err(|e| describe_io(e, target))
            .with_context(|| format!("cannot write {}", target.display()))?;
        self.kept = true;
        sync_folder(&folder_of(target));
        Ok(())
    }
}

impl Drop for PrivateTemp {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Writes `bytes` to `target` privately and atomically.
pub fn write_private(target: &Path, bytes: &[u8]) -> Result<()> {
    if target.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder; name a file", target.display());
    }
    let (temp, mut file) = PrivateTemp::beside(target)?;
    file.write_all(bytes)
        .map_err(|e| describe_io(e, target))
        .with_context(|| format!("cannot write {}", target.display()))?;
    drop(file);
    temp.persist(target)
}

/// The same without flushing to disk, for caches whose loss only costs recomputing them.
pub fn write_private_unsynced(target: &Path, bytes: &[u8]) -> Result<()> {
    let (mut temp, mut file) = PrivateTemp::beside(target)?;
    file.write_all(bytes)?;
    drop(file);
    fs::rename(&temp.path, target)?;
    temp.kept = true;
    Ok(())
}

/// Creates `dir` (and its parents) readable by the owner only.
pub fn create_private_folder(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| describe_io(e, dir))
        .with_context(|| format!("cannot create folder {}", dir.display()))
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A rename is durable once its folder is flushed; some file systems refuse that, harmlessly.
fn sync_folder(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// An I/O error in words a seller can act on, without the OS error text doubled.
pub fn describe_io(err: std::io::Error, path: &Path) -> anyhow::Error {
    use std::io::ErrorKind;
    let what = match err.kind() {
        ErrorKind::PermissionDenied => "permission denied; check the owner and mode of the file and its folder",
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only",
        ErrorKind::StorageFull => "the disk is full; free some space and try again",
        ErrorKind::QuotaExceeded => "the disk quota is exceeded; free some space and try again",
        ErrorKind::NotFound => "the folder does not exist",
        _ => return anyhow::anyhow!("{err} ({})", path.display()),
    };
    anyhow::anyhow!("{what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_private_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.md");
        fs::write(&target, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        }
        write_private(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "no temp file left: {left:?}");
    }

    #[test]
    fn a_folder_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_private(dir.path(), b"x").unwrap_err();
        assert!(format!("{err:#}").contains("it is a folder"), "{err:#}");
    }

    #[test]
    fn a_failed_write_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing-folder").join("x.md");
        assert!(write_private(&target, b"x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
