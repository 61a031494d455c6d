//! Publishing results: folders written as whole sets, without touching anything that is not
//! ours. Every command's results go through [`publish_dir`].
//!
//! Every command writes its results into a folder of its own (one per experiment, or `train`'s
//! `--out`) through [`publish_dir`]:
//!
//! 1. **Nothing of the user's is touched.** A folder about to be replaced must be one this code
//!    wrote: it lists its files in a manifest, [`MANIFEST`]; a folder holding anything else (a
//!    file the user put there, or a folder with no manifest) is refused with
//!    [`Error::NotOurs`], naming the file, unless the caller forces it.
//! 2. **Whole sets.** The new results are built in a hidden staging folder beside the target,
//!    `.NAME.tmp-PID-N`, and swapped in with one atomic exchange of the two folders
//!    (`renameat2(RENAME_EXCHANGE)` on Linux): at every moment the target holds either the old
//!    complete set or the new complete set, never neither and never a mix.
//! 3. **Leftovers are cleaned up, and only ours.** A run killed while building leaves its
//!    staging folder; one killed right after the exchange leaves the old set under the staging
//!    name. Each staging folder is locked (`flock`) by the process that builds it and carries a
//!    mark only this code writes (its own name in `.dlfs-staging`) until its manifest is
//!    written, so the next run into the same parent folder removes a dead run's leftovers —
//!    marked, or a complete set whose manifest it verifies — and nothing else, whatever its
//!    name.
//! 5. **Changed files are the user's.** The manifest records each file's size and FNV-1a 64
//!    hash; a file changed since it was written is refused like one we did not write
//!    ([`Error::Changed`]), and an old set that could not be removed after the swap is found
//!    out before any work ([`check_replaceable`]).
//! 4. **Concurrent runs** into the same folder take turns for the swap (a lock on the parent
//!    folder), so each completes whole.
//!
//! For tests, the environment variable `DLFS_TEST_KILL_AT` set to `before-swap` or
//! `after-swap` aborts the process at that point of [`publish_dir`], as a kill would.

use anyhow::{Context, Result};
use dlfs_experiments::{EXPERIMENTS, Output, Report};
use dlfs_figures::page::{self, Section};
use std::fmt;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The manifest a published folder carries: its first line says what it is, the others list
/// every file of the folder (paths relative to it, `/`-separated, sorted).
pub const MANIFEST: &str = ".dlfs-results";

/// The first line of a [`MANIFEST`].
const MANIFEST_HEADER: &str = "# written by dlfs-rs (cargo xtask): size, FNV-1a 64 hash and path of each file of this folder:";

/// The first line of the manifests of earlier versions, which list paths only: their files are
/// taken as ours by name, as those versions did.
const MANIFEST_HEADER_NAMES_ONLY: &str =
    "# written by dlfs-rs (cargo xtask); the files of this folder:";

/// The mark inside a staging folder while it is built: the folder's own name, which only this
/// code writes there. A folder named like a staging folder without it is not ours.
const STAGING_MARK: &str = ".dlfs-staging";

/// Writes `bytes` to `path` whole or not at all: into a new temporary file beside it,
/// `.NAME.tmp-PID-N`, locked while it is written, then renamed over `path` (a rename within a
/// folder is atomic). A temporary a kill left is removed by [`remove_dead_temporaries`] once
/// it is provably ours.
///
/// # Errors
/// If the file cannot be written or renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .with_context(|| format!("{} has no file name", path.display()))?;
    let tmp = path.with_file_name(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut file| {
            file.lock()?;
            file.write_all(bytes)?;
            file.sync_all()
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    fs::rename(&tmp, path).with_context(|| {
        let _ = fs::remove_file(&tmp);
        format!("cannot rename {} to {}", tmp.display(), path.display())
    })
}

/// Removes the temporaries of `dir/name` that killed runs left (`.NAME.tmp-*` files whose lock
/// is free) and that `ours` recognises by their content; anything else is left alone.
///
/// # Errors
/// If the folder cannot be read or a leftover cannot be removed.
pub fn remove_dead_temporaries(dir: &Path, name: &str, ours: impl Fn(&[u8]) -> bool) -> Result<()> {
    let prefix = format!(".{name}.tmp-");
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let entry = entry?;
        if !entry.file_type()?.is_file()
            || !entry.file_name().to_string_lossy().starts_with(&prefix)
        {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        if file.try_lock().is_err() {
            continue; // a live run is writing it
        }
        let mut head = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(&file, 1 << 16), &mut head)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if ours(&head) {
            fs::remove_file(&path)
                .with_context(|| format!("cannot remove the leftover {}", path.display()))?;
        }
    }
    Ok(())
}

/// Why a folder may not be replaced: the user's input is at fault, not the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The target exists and is not a folder.
    NotAFolder(PathBuf),
    /// The target holds a file this code wrote, changed since (another size or content).
    Changed {
        /// The folder that would be replaced.
        folder: PathBuf,
        /// The first such file.
        file: PathBuf,
    },
    /// The target holds a file this code did not write (or has no manifest and is not empty).
    NotOurs {
        /// The folder that would be replaced.
        folder: PathBuf,
        /// The first such file.
        file: PathBuf,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotAFolder(p) => write!(f, "{} exists and is not a folder", p.display()),
            Error::Changed { folder, file } => write!(
                f,
                "refusing to replace {}: {} was changed since cargo xtask wrote it (move it \
                 away, or pass --force to replace the folder anyway)",
                folder.display(),
                file.display()
            ),
            Error::NotOurs { folder, file } => write!(
                f,
                "refusing to replace {}: {} was not written by cargo xtask (move it away, or \
                 pass --force to replace the folder anyway)",
                folder.display(),
                file.display()
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Checks that `target` may be replaced: it does not exist, or it is a folder whose every
/// file this code wrote (listed in its [`MANIFEST`]), or it is an empty folder. With `force`,
/// any folder may be replaced.
///
/// # Errors
/// [`Error::NotAFolder`] or [`Error::NotOurs`] (inside an [`anyhow::Error`]), or an I/O error
/// reading the folder.
pub fn check_replaceable(target: &Path, force: bool) -> Result<()> {
    let meta = match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        other => other.with_context(|| format!("cannot read {}", target.display()))?,
    };
    if !meta.is_dir() {
        return Err(Error::NotAFolder(target.to_path_buf()).into());
    }
    if force {
        return check_removable(target);
    }
    let listed = read_manifest(target)?;
    if let Some((file, changed)) = stranger(target, &listed)? {
        let (folder, file) = (target.to_path_buf(), target.join(file));
        return Err(match changed {
            true => Error::Changed { folder, file },
            false => Error::NotOurs { folder, file },
        }
        .into());
    }
    check_removable(target)
}

/// The size and FNV-1a 64 hash of a file as the manifest records them (a folder or a link:
/// size 0 and the hash of nothing).
fn fingerprint(path: &Path) -> Result<(u64, u64)> {
    let meta =
        fs::symlink_metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        return Ok((0, FNV_OFFSET));
    }
    let mut file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (mut hash, mut size, mut buf) = (FNV_OFFSET, 0u64, vec![0u8; 1 << 16]);
    loop {
        let n = std::io::Read::read(&mut file, &mut buf)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            return Ok((size, hash));
        }
        size += n as u64;
        for &b in &buf[..n] {
            hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
}

/// FNV-1a 64's offset basis and prime.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Checks, before anything is built, that the old set in `target` can be removed once the new
/// one is swapped in: every folder in it can be written to (as its entries' removal needs).
///
/// # Errors
/// One line naming the first folder that cannot be.
fn check_removable(target: &Path) -> Result<()> {
    use rustix::fs::{Access, access};
    let mut stack = vec![target.to_path_buf()];
    while let Some(dir) = stack.pop() {
        access(&dir, Access::WRITE_OK | Access::EXEC_OK).with_context(|| {
            format!(
                "cannot replace {}: the old results in {} cannot be removed (not writable)",
                target.display(),
                dir.display()
            )
        })?;
        for entry in fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            }
        }
    }
    Ok(())
}

/// A file a manifest lists, with the size and hash it records (`None`: a manifest of an
/// earlier version, which lists paths only).
type Listed = (PathBuf, Option<(u64, u64)>);

/// The files a folder's manifest lists, each with its recorded size and hash (`None` in the
/// manifests of earlier versions, which list paths only); none if it has no manifest, or an
/// unreadable one.
fn read_manifest(dir: &Path) -> Result<Vec<Listed>> {
    // Only a regular file is read: a FIFO of that name would block for ever.
    if !fs::symlink_metadata(dir.join(MANIFEST)).is_ok_and(|m| m.is_file()) {
        return Ok(Vec::new());
    }
    let text = match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Ok(Vec::new()),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read {}", dir.join(MANIFEST).display()));
        }
    };
    let mut lines = text.lines();
    Ok(match lines.next() {
        Some(MANIFEST_HEADER) => lines
            .filter_map(|l| {
                let mut parts = l.splitn(3, ' ');
                let size = parts.next()?.parse().ok()?;
                let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
                Some((PathBuf::from(parts.next()?), Some((size, hash))))
            })
            .collect(),
        Some(MANIFEST_HEADER_NAMES_ONLY) => lines.map(|l| (PathBuf::from(l), None)).collect(),
        _ => Vec::new(),
    })
}

/// Whether `dir` is a complete set this code published: a manifest of this version whose
/// files are all there, unchanged, and nothing else.
fn is_published_set(dir: &Path) -> Result<bool> {
    let listed = read_manifest(dir)?;
    Ok(!listed.is_empty()
        && listed.iter().all(|(path, recorded)| {
            recorded.is_some() && fs::symlink_metadata(dir.join(path)).is_ok()
        })
        && stranger(dir, &listed)?.is_none())
}

/// The first file of `dir` (in path order) that its manifest entries `listed` do not vouch
/// for: not listed (`false`), or listed with another size or hash (`true`). The manifest itself
/// is not a stranger when it is a regular file; a FIFO or folder of that name is (never ours).
fn stranger(dir: &Path, listed: &[Listed]) -> Result<Option<(PathBuf, bool)>> {
    let mut files = Vec::new();
    list_files(dir, Path::new(""), &mut files)?;
    files.sort();
    let manifest_is_a_file = fs::symlink_metadata(dir.join(MANIFEST)).is_ok_and(|m| m.is_file());
    for file in files {
        if file.as_os_str() == MANIFEST && manifest_is_a_file {
            continue;
        }
        match listed.iter().find(|(path, _)| *path == file) {
            None => return Ok(Some((file, false))),
            Some((_, Some(recorded))) if *recorded != fingerprint(&dir.join(&file))? => {
                return Ok(Some((file, true)));
            }
            Some(_) => {}
        }
    }
    Ok(None)
}

/// Every entry below `dir/rel` that is not a folder (files, links), as paths relative to
/// `dir`; an empty folder counts as an entry of its own.
pub fn list_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let here = dir.join(rel);
    let mut empty = true;
    for entry in fs::read_dir(&here).with_context(|| format!("cannot read {}", here.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", here.display()))?;
        empty = false;
        let path = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_files(dir, &path, out)?;
        } else {
            out.push(path);
        }
    }
    if empty && !rel.as_os_str().is_empty() {
        out.push(rel.to_path_buf());
    }
    Ok(())
}

/// Builds a folder's contents in a staging folder beside `target`, then swaps it in whole (see
/// the [module documentation](self)). `build` writes the files; a failed build leaves `target`
/// as it was and removes the staging folder. Returns what `build` returned.
///
/// # Errors
/// If `target` may not be replaced ([`check_replaceable`]; checked before `build` runs and
/// again just before the swap), if `build` fails, or if the file system does.
pub fn publish_dir<T>(
    target: &Path,
    force: bool,
    build: impl FnOnce(&Path) -> Result<T>,
) -> Result<T> {
    let (parent, name) = split(target)?;
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let target = parent.join(&name);
    check_replaceable(&target, force)?;
    let stage = {
        let _turn = ParentLock::take(&parent)?;
        Stage::create(&parent, &name)?
    };
    let value = build(&stage.path)?;
    // From here the set is recognised as ours by its manifest, not by the staging mark.
    fs::remove_file(stage.path.join(STAGING_MARK))
        .with_context(|| format!("cannot finish {}", stage.path.display()))?;
    write_manifest(&stage.path)?;

    let _turn = ParentLock::take(&parent)?;
    recover_leftovers(&parent, &stage.path)?;
    check_replaceable(&target, force)?;
    test_kill_point("before-swap");
    let replaced = swap_in(&stage.path, &target)?;
    test_kill_point("after-swap");
    if replaced {
        // The staging name now holds the old results, which were ours (or forced).
        fs::remove_dir_all(&stage.path)
            .with_context(|| format!("cannot remove the old results {}", stage.path.display()))?;
    }
    stage.published();
    Ok(value)
}

/// `(parent, name)` of a target folder, with the parent made absolute when it exists, so that
/// `--out .` names the current folder itself rather than nothing.
fn split(target: &Path) -> Result<(PathBuf, std::ffi::OsString)> {
    let full = if target.exists() {
        target
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", target.display()))?
    } else {
        target.to_path_buf()
    };
    let name = full
        .file_name()
        .with_context(|| format!("{} does not name a folder", target.display()))?
        .to_os_string();
    let parent = full
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    Ok((parent, name))
}

/// Lists every file of `dir` in its manifest.
fn write_manifest(dir: &Path) -> Result<()> {
    let mut files = Vec::new();
    list_files(dir, Path::new(""), &mut files)?;
    let mut names: Vec<String> = files
        .iter()
        .map(|f| {
            f.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    names.sort();
    let mut text = format!("{MANIFEST_HEADER}\n");
    for n in names {
        let (size, hash) = fingerprint(&dir.join(&n))?;
        text += &format!("{size} {hash:016x} {n}\n");
    }
    fs::write(dir.join(MANIFEST), text)
        .with_context(|| format!("cannot write {}", dir.join(MANIFEST).display()))
}

/// Aborts the process at `point` when the test hook `DLFS_TEST_KILL_AT` asks for it.
fn test_kill_point(point: &str) {
    if std::env::var_os("DLFS_TEST_KILL_AT").is_some_and(|v| v == point) {
        std::process::abort();
    }
}

/// Puts `stage` in `target`'s place; `true` if an old `target` was swapped out (it is now at
/// `stage`'s path), `false` if there was none.
fn swap_in(stage: &Path, target: &Path) -> Result<bool> {
    if fs::symlink_metadata(target).is_err() {
        rename_no_replace(stage, target)?;
        return Ok(false);
    }
    exchange(stage, target)?;
    Ok(true)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
        .with_context(|| format!("cannot swap {} into {}", a.display(), b.display()))
}

/// Elsewhere, two renames: a kill between them leaves the old set under a hidden name, which
/// the next run puts back.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(a: &Path, b: &Path) -> Result<()> {
    let aside = a.with_extension("swap");
    fs::rename(b, &aside).with_context(|| format!("cannot move {} aside", b.display()))?;
    fs::rename(a, b)
        .with_context(|| format!("cannot rename {} to {}", a.display(), b.display()))?;
    fs::rename(&aside, a).with_context(|| format!("cannot rename {}", aside.display()))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn rename_no_replace(a: &Path, b: &Path) -> Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::NOREPLACE)
        .with_context(|| format!("cannot rename {} to {}", a.display(), b.display()))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn rename_no_replace(a: &Path, b: &Path) -> Result<()> {
    fs::rename(a, b).with_context(|| format!("cannot rename {} to {}", a.display(), b.display()))
}

/// Removes what interrupted runs left in `parent`, whatever folder they were for: staging
/// folders `.NAME.tmp-…`
/// whose lock is free (their process died) and that are ours by a mark only this code makes —
/// the staging mark holding the folder's own name (killed while building), or a complete
/// published set (the old set, killed right after the exchange). Anything else with such a
/// name is not touched. Called with the parent's lock held; `ours` is this run's staging
/// folder.
fn recover_leftovers(parent: &Path, ours: &Path) -> Result<()> {
    for entry in
        fs::read_dir(parent).with_context(|| format!("cannot read {}", parent.display()))?
    {
        let entry = entry?;
        let file_name = entry.file_name();
        let path = entry.path();
        let named = file_name.to_string_lossy();
        if path == ours
            || !entry.file_type()?.is_dir()
            || !(named.starts_with('.') && named.contains(".tmp-"))
        {
            continue;
        }
        // A live run holds its staging folder's lock; a dead run's is free.
        let Ok(dir) = File::open(&path) else { continue };
        if dir.try_lock().is_err() {
            continue;
        }
        let marked =
            fs::read(path.join(STAGING_MARK)).is_ok_and(|m| m == file_name.as_encoded_bytes());
        if marked || is_published_set(&path)? {
            fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove the leftover {}", path.display()))?;
        }
    }
    Ok(())
}

/// An exclusive lock on a folder (the parent of the published folders), held until dropped:
/// runs into the same folder take turns to create staging folders and to swap.
struct ParentLock {
    /// The open folder whose `flock` is held; closing it releases the lock.
    _dir: File,
}

impl ParentLock {
    fn take(parent: &Path) -> Result<Self> {
        let dir =
            File::open(parent).with_context(|| format!("cannot open {}", parent.display()))?;
        dir.lock()
            .with_context(|| format!("cannot lock {}", parent.display()))?;
        Ok(Self { _dir: dir })
    }
}

/// A staging folder, locked while this process lives; removed on drop unless published.
struct Stage {
    path: PathBuf,
    _lock: File,
    published: bool,
}

impl Stage {
    fn create(parent: &Path, name: &std::ffi::OsStr) -> Result<Self> {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let path = parent.join(format!(
            ".{}.tmp-{}-{}",
            name.to_string_lossy(),
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
        let lock = File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
        lock.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        let own_name = path.file_name().expect("a staging folder has a name");
        fs::write(path.join(STAGING_MARK), own_name.as_encoded_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Self {
            path,
            _lock: lock,
            published: false,
        })
    }

    fn published(mut self) {
        self.published = true;
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// `data/NAME` of the workspace (this crate lives in `xtask/`): where results go by default
/// (`data/results`, `data/results/train`, …) and where the findings' files are kept.
pub fn data_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        .join("data")
        .join(name)
}

/// The longest name of a folder that can be published: its staging folder's name,
/// `.NAME.tmp-PID-N`, adds up to 37 bytes, and a name has at most 255.
const MAX_NAME: usize = 255 - 37;

/// The experiments' [`Output`]: each experiment's folder under `root`, published whole by
/// [`publish_dir`].
#[derive(Debug, Clone)]
pub struct Publisher {
    /// The folder that receives one folder per experiment.
    pub root: PathBuf,
    /// Replace folders that hold files we did not write.
    pub force: bool,
}

impl Output for Publisher {
    fn publish(&self, name: &str, write: &mut dyn FnMut(&Path) -> Result<()>) -> Result<()> {
        publish_dir(&self.root.join(name), self.force, |dir| write(dir))
    }
}

/// Folders that hold a system or its users, never results: `--out` naming one of them (or a
/// folder inside `/proc`, `/sys` or `/dev`) is refused, even with `--force`.
const SYSTEM: [&str; 20] = [
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/media", "/mnt",
    "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/usr", "/var",
];

/// Refuses a folder that is the file-system root, a system folder ([`SYSTEM`]), a folder
/// below `/proc`, `/sys` or `/dev`, or the user's home.
///
/// # Errors
/// One line naming the folder as given and as resolved.
pub fn check_not_system(dir: &Path, flag: &str) -> Result<()> {
    let full = dir
        .canonicalize()
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf());
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let virtual_fs = ["/proc", "/sys", "/dev"]
        .iter()
        .any(|v| full.starts_with(v));
    if SYSTEM.iter().any(|s| full == Path::new(s)) || virtual_fs || home.as_ref() == Some(&full) {
        anyhow::bail!(
            "{flag} {}: {} is a system folder or a home, not a place for results",
            dir.display(),
            full.display()
        );
    }
    Ok(())
}

/// What every command checks before any work: the folder `dir` that receives results (or,
/// for a command that publishes `dir` itself, its parent) is not a system folder, is a
/// folder, can be created and can be written to.
///
/// # Errors
/// If it is a system folder or a file, or cannot be created or written to (one line naming
/// it).
pub fn check_writable(dir: &Path, flag: &str) -> Result<()> {
    check_not_system(dir, flag)?;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{flag} {} is a file, not a folder", dir.display());
    }
    fs::create_dir_all(dir)
        .with_context(|| format!("{flag} {}: cannot create the folder", dir.display()))?;
    // Asked of the system rather than tried with a file of our own, which a kill could leave.
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK)
        .with_context(|| format!("{flag} {}: the folder is not writable", dir.display()))?;
    Ok(())
}

/// Checks, before any work, that a command may publish its results as the folder `out`: it is
/// not a system folder, its parent can be written to, and `out` may be replaced
/// ([`check_replaceable`]).
///
/// # Errors
/// As [`check_not_system`], [`check_writable`] and [`check_replaceable`].
pub fn check_target(out: &Path, force: bool) -> Result<()> {
    check_not_system(out, "--out")?;
    // The staging folder's name is `.NAME.tmp-PID-N`: up to 37 bytes more than NAME, within
    // the 255 bytes a name may have.
    let name = out.file_name().map_or(0, |n| n.len());
    if name > MAX_NAME {
        anyhow::bail!(
            "--out {}: a name of {name} bytes; at most {MAX_NAME} leave room for the staging \
             folder beside it",
            out.display()
        );
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    check_writable(parent, "--out")?;
    check_replaceable(out, force)
}

/// Checks that `out/index.html` may be written: it does not exist, or this code wrote it (or
/// `force`).
///
/// # Errors
/// If it exists and is not this code's page (one line naming it).
pub fn check_index(out: &Path, force: bool) -> Result<()> {
    let path = out.join(page::INDEX);
    let meta = match fs::symlink_metadata(&path) {
        Err(_) => return Ok(()),
        Ok(meta) => meta,
    };
    if !meta.is_file() {
        // A folder, a FIFO (which would block the read), a link: never ours.
        anyhow::bail!(
            "refusing to replace {}: it is not a file cargo xtask wrote (move it away)",
            path.display()
        );
    }
    if force {
        return Ok(());
    }
    let text = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    if !page::is_ours(&text) {
        anyhow::bail!(
            "refusing to replace {}: it was not written by cargo xtask (move it away, or pass \
             --force to replace it anyway)",
            path.display()
        );
    }
    Ok(())
}

/// Writes `out/index.html` for every experiment whose results are in `out` (a folder with a
/// manifest), in the order of [`EXPERIMENTS`], with what `reports` (this run's) found. Returns
/// the page's path.
///
/// # Errors
/// If the page may not be replaced ([`check_index`]), or a file cannot be read or written.
pub fn write_index(out: &Path, force: bool, reports: &[Report]) -> Result<PathBuf> {
    check_index(out, force)?;
    let sections: Vec<Section<'_>> = EXPERIMENTS
        .iter()
        .filter(|e| out.join(e.name).join(MANIFEST).exists())
        .map(|e| e.section(reports.iter().find(|r| r.name == e.name)))
        .collect();
    let html = page::render(out, &sections)?;
    let path = out.join(page::INDEX);
    remove_dead_temporaries(out, page::INDEX, page::is_ours)?;
    write_atomic(&path, html.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests;
