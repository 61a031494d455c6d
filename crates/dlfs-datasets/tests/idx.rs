//! The IDX reader on small files written here: what it reads, and every kind of malformed file
//! it refuses (never a panic, whatever the bytes).
use dlfs_datasets::*;
use flate2::Compression;
use flate2::write::GzEncoder;
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dlfs-idx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// `n` images of 2 × 3 pixels whose bytes count up, and labels `i % 10`.
fn small(n: usize) -> (Images, Vec<u8>) {
    let pixels = (0..n * 6).map(|i| (i * 7 % 256) as u8).collect();
    let images = Images {
        count: n,
        rows: 2,
        cols: 3,
        pixels,
    };
    (images, (0..n).map(|i| (i % 10) as u8).collect())
}

/// Writes the four files of a data set into `dir`, gzip-compressed or not.
fn write_set(dir: &Path, gz: bool, train: usize, test: usize) {
    let (xi, ti) = small(train);
    let (xt, tt) = small(test);
    let files = [
        images_to_idx(&xi),
        labels_to_idx(&ti),
        images_to_idx(&xt),
        labels_to_idx(&tt),
    ];
    for (name, bytes) in FILES.iter().zip(files) {
        if gz {
            std::fs::write(dir.join(format!("{name}.gz")), gzip(&bytes)).unwrap();
        } else {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
}

#[test]
fn a_small_set_reads_back_plain_and_gzip() {
    for gz in [false, true] {
        let dir = scratch(&format!("ok-{gz}"));
        write_set(&dir, gz, 5, 3);
        let data = Mnist::load(&dir).unwrap();
        let (x, t) = small(5);
        assert_eq!(data.train_images, x);
        assert_eq!(data.train_labels, t);
        assert_eq!(data.test_images.count, 3);
        // normalize=True: byte / 255 in float32, one row per image.
        let f = data.train_images.to_f64();
        assert_eq!(f.dim(), (5, 6));
        // numpy: np.float32(56) / 255.0 → 0.21960784494876862 (0.2196078431372549 in f64).
        assert_eq!((x.pixels[8], f[[1, 2]]), (56, 0.21960784494876862));
        assert_eq!(data.train_images.image(1), &x.pixels[6..12]);
        let oh = one_hot(&data.train_labels, 10);
        assert_eq!(oh.row(3).iter().position(|&v| v == 1.0), Some(3));
        assert_eq!(oh.sum(), 5.0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

fn message(e: Error) -> String {
    e.to_string()
}

#[test]
fn each_kind_of_malformed_file_is_refused_with_its_reason() {
    let dir = scratch("bad");
    let path = dir.join("f");
    let (x, t) = small(4);
    let images = images_to_idx(&x);
    let labels = labels_to_idx(&t);

    // A wrong magic number.
    let mut bad = images.clone();
    bad[2] = 0x0d; // float values, not bytes
    let e = message(parse_images(&bad, &path).unwrap_err());
    assert!(
        e.contains("is not an IDX file of images") && e.contains("[00, 00, 0d, 03]"),
        "{e}"
    );
    // Truncated: one pixel short, and a header cut short.
    let e = message(parse_images(&images[..images.len() - 1], &path).unwrap_err());
    assert!(
        e.contains("has 39 bytes but its header announces 40"),
        "{e}"
    );
    let e = message(parse_labels(&labels[..6], &path).unwrap_err());
    assert!(e.contains("truncated"), "{e}");
    // Too long is damaged too.
    let mut long = labels.clone();
    long.push(0);
    assert!(message(parse_labels(&long, &path).unwrap_err()).contains("announces 12"));
    // Swapped: labels read as images, images as labels.
    let e = message(parse_images(&labels, &path).unwrap_err());
    assert!(
        e.contains("holds labels, not images") && e.contains("swapped"),
        "{e}"
    );
    let e = message(parse_labels(&images, &path).unwrap_err());
    assert!(e.contains("holds images, not labels"), "{e}");
    // Empty images.
    let mut empty = images_to_idx(&Images {
        count: 1,
        rows: 0,
        cols: 3,
        pixels: vec![],
    });
    empty.truncate(16);
    assert!(message(parse_images(&empty, &path).unwrap_err()).contains("empty or too large"));
    // A .gz file that is not gzip, and a gzip file that is broken.
    let fake = dir.join("train-images-idx3-ubyte.gz");
    std::fs::write(&fake, &images).unwrap();
    let e = message(read_images(&fake).unwrap_err());
    assert!(e.contains("is not a valid gzip file"), "{e}");
    let mut broken = gzip(&images);
    let n = broken.len();
    broken.truncate(n - 12);
    std::fs::write(&fake, &broken).unwrap();
    assert!(message(read_images(&fake).unwrap_err()).contains("is not a valid gzip file"));
    // A missing file.
    let e = message(read_images(&dir.join("nothing")).unwrap_err());
    assert!(e.starts_with("cannot read"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_set_whose_files_disagree_is_refused() {
    // Counts that disagree: 5 training images, 4 labels.
    let dir = scratch("counts");
    write_set(&dir, false, 5, 3);
    std::fs::write(dir.join(FILES[1]), labels_to_idx(&[1, 2, 3, 4])).unwrap();
    let e = Mnist::load(&dir).unwrap_err().to_string();
    assert!(
        e.contains("has 5 images but") && e.contains("has 4 labels"),
        "{e}"
    );
    // A label that is not a digit.
    std::fs::write(dir.join(FILES[1]), labels_to_idx(&[1, 2, 3, 4, 12])).unwrap();
    let e = Mnist::load(&dir).unwrap_err().to_string();
    assert!(e.contains("label 4 is 12"), "{e}");
    // Image and label files swapped.
    write_set(&dir, false, 5, 3);
    let (a, b) = (dir.join(FILES[2]), dir.join(FILES[3]));
    let (xa, xb) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    std::fs::write(&a, xb).unwrap();
    std::fs::write(&b, xa).unwrap();
    assert!(
        Mnist::load(&dir)
            .unwrap_err()
            .to_string()
            .contains("swapped")
    );
    // A folder without the files.
    let empty = scratch("empty");
    let e = Mnist::load(&empty).unwrap_err().to_string();
    assert!(
        e.contains("train-images-idx3-ubyte (or") && e.contains(".gz) not found"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&empty).unwrap();
}

/// Bytes that are mostly a valid header, so that the parser gets past the magic number.
fn idx_like() -> impl Strategy<Value = Vec<u8>> {
    (0u8..4, prop::collection::vec(any::<u8>(), 0..64)).prop_map(|(dims, mut rest)| {
        let mut v = vec![0, 0, 8, dims];
        v.append(&mut rest);
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..80), near in idx_like()) {
        let path = Path::new("arbitrary");
        for b in [&bytes, &near] {
            let _ = parse_images(b, path);
            let _ = parse_labels(b, path);
        }
    }

    #[test]
    fn arbitrary_gzip_content_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let dir = std::env::temp_dir();
        let path = dir.join(format!("dlfs-idx-arb-{}.gz", std::process::id()));
        std::fs::write(&path, gzip(&bytes)).unwrap();
        let _ = read_images(&path);
        let mut damaged = gzip(&bytes);
        let mid = damaged.len() / 2;
        damaged[mid] ^= 0xff;
        std::fs::write(&path, damaged).unwrap();
        let _ = read_labels(&path);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn written_files_read_back(n in 0usize..20, rows in 1usize..5, cols in 1usize..5, seed in any::<u8>()) {
        let pixels: Vec<u8> = (0..n * rows * cols).map(|i| (i as u8).wrapping_mul(seed)).collect();
        let images = Images { count: n, rows, cols, pixels };
        prop_assert_eq!(parse_images(&images_to_idx(&images), Path::new("x")).unwrap(), images);
        let labels: Vec<u8> = (0..n as u8).collect();
        prop_assert_eq!(parse_labels(&labels_to_idx(&labels), Path::new("x")).unwrap(), labels);
    }
}

#[test]
fn the_io_error_is_the_source_of_a_read_error() {
    let e = read_images(Path::new("/nonexistent/dlfs/file")).unwrap_err();
    let source = std::error::Error::source(&e).expect("an I/O error has its source");
    assert!(source.downcast_ref::<std::io::Error>().is_some());
    let e = parse_labels(&[1, 2, 3], Path::new("x")).unwrap_err();
    assert!(std::error::Error::source(&e).is_none());
}

#[test]
fn images_without_columns_are_refused_and_label_nine_is_a_class() {
    let mut no_cols = images_to_idx(&Images {
        count: 2,
        rows: 3,
        cols: 0,
        pixels: vec![],
    });
    no_cols.truncate(16);
    let e = parse_images(&no_cols, Path::new("x"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("empty or too large"), "{e}");
    // Labels 0 to 9 are the ten classes: a set whose labels include 9 loads.
    let dir = scratch("nine");
    write_set(&dir, false, 10, 10);
    let data = Mnist::load(&dir).unwrap();
    assert_eq!(data.train_labels.iter().max(), Some(&9));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn several_gzip_members_are_one_file() {
    // What `cat a.gz b.gz > c.gz` makes, and gunzip reads whole.
    let dir = scratch("members");
    let (x, _) = small(5);
    let bytes = images_to_idx(&x);
    let (a, b) = bytes.split_at(30);
    let path = dir.join("images.gz");
    std::fs::write(&path, [gzip(a), gzip(b)].concat()).unwrap();
    assert_eq!(read_images(&path).unwrap(), x);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_folder_is_refused_without_being_read() {
    let dir = scratch("special");
    let fifo = dir.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let zero = dir.join("zero");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for path in [&fifo, &zero, &dir] {
        // Before the fix, the FIFO blocked for ever and /dev/zero filled the memory.
        let err = read_images(path).unwrap_err();
        assert!(matches!(err, Error::NotAFile { .. }), "{err}");
        assert_eq!(
            err.to_string(),
            format!(
                "{} is not a regular file (a folder, a FIFO or a device): not read",
                path.display()
            )
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_is_read_no_further_than_its_header_announces() {
    let dir = scratch("bounded");
    // A header for 10 images of 28 × 28 (7 856 bytes in all), in a sparse file of 3 GB: refused
    // by its size, before its body is read (which took 3 GiB of memory before).
    let path = dir.join("sparse");
    let header = images_to_idx(&Images {
        count: 10,
        rows: 28,
        cols: 28,
        pixels: vec![],
    });
    std::fs::write(&path, &header).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(3_000_000_000)
        .unwrap();
    let peak_before = peak_memory();
    let err = read_images(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} has 3000000000 bytes but its header announces 7856: the file is truncated or damaged",
            path.display()
        )
    );
    // The body was not read: this process's peak memory did not grow by anything near 3 GB.
    if let (Some(before), Some(after)) = (peak_before, peak_memory()) {
        assert!(
            after - before < 256 << 20,
            "peak grew by {} bytes",
            after - before
        );
    }
    // A gzip file that decompresses to more than its header announces.
    let (x, _) = small(2);
    let mut bytes = images_to_idx(&x);
    bytes.extend([1, 2, 3]);
    let gz = dir.join("longer.gz");
    std::fs::write(&gz, gzip(&bytes)).unwrap();
    let err = read_images(&gz).unwrap_err();
    assert!(matches!(err, Error::Longer { expected: 28, .. }), "{err}");
    // A header that announces more than any data set (2³² − 1 labels): refused, nothing read.
    let huge = dir.join("huge");
    std::fs::write(&huge, [0, 0, 8, 1, 255, 255, 255, 255, 0]).unwrap();
    let err = read_labels(&huge).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Truncated {
                expected: 4294967303,
                found: 8,
                ..
            }
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn test_images_of_another_shape_than_the_training_images_are_refused() {
    let dir = scratch("shapes");
    write_set(&dir, false, 5, 3);
    let (mut xt, _) = small(3);
    (xt.rows, xt.cols) = (3, 2); // the same bytes, as 3 × 2 images
    std::fs::write(dir.join(FILES[2]), images_to_idx(&xt)).unwrap();
    let err = Mnist::load(&dir).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} has images of 2×3 pixels but {} has images of 3×2",
            dir.join(FILES[0]).display(),
            dir.join(FILES[2]).display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_header_cut_short_is_reported_as_such() {
    // A label file whose size field stops after two of its four bytes: the header itself is
    // truncated (8 bytes announced by the magic number's one dimension, 6 there).
    let dir = scratch("short-header");
    let path = dir.join("labels");
    std::fs::write(&path, [0, 0, 8, 1, 0, 0]).unwrap();
    let err = read_labels(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Truncated {
                expected: 8,
                found: 6,
                ..
            }
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// This process's peak resident memory in bytes (`VmHWM` of `/proc/self/status`), where the
/// system tells it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}
