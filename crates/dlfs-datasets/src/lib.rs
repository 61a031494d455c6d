//! The data sets: XOR's four points ([`xor`], the article's), and MNIST's files, read as the book's `load_mnist` reads them (§3.6.1): images as `(N, 784)`
//! rows scaled to [0, 1] (`normalize=True`) or kept as bytes, labels as class indices or one-hot
//! rows (`one_hot_label=True`).
//!
//! MNIST and Fashion-MNIST come as four IDX files, plain or gzip-compressed (`.gz`):
//!
//! | file | holds |
//! |---|---|
//! | `train-images-idx3-ubyte` | 60 000 training images, 28 × 28 bytes each |
//! | `train-labels-idx1-ubyte` | their 60 000 labels, one byte each |
//! | `t10k-images-idx3-ubyte` | 10 000 test images |
//! | `t10k-labels-idx1-ubyte` | their labels |
//!
//! An IDX file starts with a magic number — two zero bytes, the type of the values (`0x08`:
//! unsigned bytes) and the number of dimensions (3 for images, 1 for labels) — then each
//! dimension's size as a big-endian 32-bit number, then the values. Anything else is refused
//! with an [`Error`] that says what is wrong, never a panic: a wrong magic number, a truncated
//! file, image and label counts that disagree, the image and label files swapped, a `.gz` file
//! that is not gzip.
//!
//! ```no_run
//! let data = dlfs_datasets::Mnist::load("/usr/share/datasets/fashion-mnist".as_ref())?;
//! let x_train = data.train_images.to_f64();                     // (60000, 784), in [0, 1]
//! let t_train = dlfs_datasets::one_hot(&data.train_labels, 10); // (60000, 10)
//! # Ok::<(), dlfs_datasets::Error>(())
//! ```

pub mod xor;

use ndarray::Array2;
use std::fmt;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// Where Debian's `dataset-fashion-mnist` installs Fashion-MNIST.
pub const FASHION_DIR: &str = "/usr/share/datasets/fashion-mnist";

/// Fashion-MNIST's class names, by label.
pub const FASHION_CLASSES: [&str; 10] = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
];

/// MNIST's class names: the digits.
pub const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// The magic number of an IDX file of unsigned bytes with `dims` dimensions.
const fn magic(dims: u8) -> [u8; 4] {
    [0, 0, 0x08, dims]
}

/// The most bytes a file may decompress to (1 GiB; MNIST's largest file is 47 MB): a limit
/// against a small file that would expand without end.
const MAX_BYTES: u64 = 1 << 30;

/// Why a file was refused.
#[derive(Debug)]
pub enum Error {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A `.gz` file that is not gzip, or whose compressed data is broken.
    NotGzip {
        /// The file.
        path: PathBuf,
        /// What the decompressor said, if it said something.
        detail: String,
    },
    /// A file whose first four bytes are not the expected magic number.
    BadMagic {
        /// What the file was read as: `images` or `labels`.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The first four bytes (fewer if the file is shorter).
        found: Vec<u8>,
    },
    /// Images read where labels were expected, or the other way round.
    Swapped {
        /// The file.
        path: PathBuf,
        /// What it was read as.
        expected: &'static str,
        /// What it holds.
        found: &'static str,
    },
    /// A file shorter (or longer) than its header says.
    Truncated {
        /// The file.
        path: PathBuf,
        /// The bytes its header announces (header included).
        expected: u64,
        /// The bytes it has.
        found: u64,
    },
    /// An image file whose images are empty, or too large to hold.
    BadShape {
        /// The file.
        path: PathBuf,
        /// The dimensions in its header.
        dims: Vec<u32>,
    },
    /// An image file and a label file that do not have the same count.
    CountsDisagree {
        /// The image file and its count.
        images: (PathBuf, usize),
        /// The label file and its count.
        labels: (PathBuf, usize),
    },
    /// A label that is not below the number of classes.
    BadLabel {
        /// The file.
        path: PathBuf,
        /// The label's place in the file.
        index: usize,
        /// The label.
        label: u8,
    },
    /// None of a data set's four files was found in a folder.
    Missing {
        /// The file looked for (plain, or with `.gz`).
        path: PathBuf,
    },
    /// A path that is not a regular file (a folder, a FIFO, a device): refused before it is
    /// opened, so that reading never blocks or runs on without end.
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A gzip file that decompresses to more bytes than its header announces.
    Longer {
        /// The file.
        path: PathBuf,
        /// The bytes its header announces (header included).
        expected: u64,
    },
    /// The test images and the training images have different shapes.
    ShapesDisagree {
        /// The training images and their rows × columns.
        train: (PathBuf, usize, usize),
        /// The test images and theirs.
        test: (PathBuf, usize, usize),
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Error::NotGzip { path, detail } => {
                write!(f, "{} is not a valid gzip file ({detail})", path.display())
            }
            Error::BadMagic { what, path, found } => write!(
                f,
                "{} is not an IDX file of {what}: it starts with {found:02x?}, not {:02x?}",
                path.display(),
                magic(if *what == "images" { 3 } else { 1 })
            ),
            Error::Swapped {
                path,
                expected,
                found,
            } => write!(
                f,
                "{} holds {found}, not {expected}: are the image and label files swapped?",
                path.display()
            ),
            Error::Truncated {
                path,
                expected,
                found,
            } => write!(
                f,
                "{} has {found} bytes but its header announces {expected}: the file is truncated \
                 or damaged",
                path.display()
            ),
            Error::BadShape { path, dims } => write!(
                f,
                "{} has images of dimensions {dims:?}, which are empty or too large",
                path.display()
            ),
            Error::CountsDisagree { images, labels } => write!(
                f,
                "{} has {} images but {} has {} labels",
                images.0.display(),
                images.1,
                labels.0.display(),
                labels.1
            ),
            Error::BadLabel { path, index, label } => write!(
                f,
                "{}: label {index} is {label}, not a class from 0 to 9",
                path.display()
            ),
            Error::Missing { path } => {
                write!(f, "{} (or {}.gz) not found", path.display(), path.display())
            }
            Error::NotAFile { path } => write!(
                f,
                "{} is not a regular file (a folder, a FIFO or a device): not read",
                path.display()
            ),
            Error::Longer { path, expected } => write!(
                f,
                "{} has more bytes than its header announces ({expected}): the file is damaged",
                path.display()
            ),
            Error::ShapesDisagree { train, test } => write!(
                f,
                "{} has images of {}×{} pixels but {} has images of {}×{}",
                train.0.display(),
                train.1,
                train.2,
                test.0.display(),
                test.1,
                test.2
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Images as their bytes: `count` images of `rows × cols` pixels, one after another, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Images {
    /// How many images.
    pub count: usize,
    /// Pixel rows per image (28 for MNIST).
    pub rows: usize,
    /// Pixel columns per image (28 for MNIST).
    pub cols: usize,
    /// `count · rows · cols` bytes, 0 (background) to 255.
    pub pixels: Vec<u8>,
}

impl Images {
    /// Pixels per image, `rows · cols` (784 for MNIST).
    pub fn size(&self) -> usize {
        self.rows * self.cols
    }

    /// Image `i`'s bytes.
    ///
    /// # Panics
    /// If `i` is not below `count`.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * self.size()..(i + 1) * self.size()]
    }

    /// The images at `indices`, in that order (numpy's `x[indices]`: the book's
    /// `x_train[:1000]` is `select(&(0..1000).collect::<Vec<_>>())`, its `shuffle_dataset` a
    /// permutation).
    ///
    /// ```
    /// use dlfs_datasets::Images;
    /// let images = Images { count: 3, rows: 1, cols: 2, pixels: vec![1, 2, 3, 4, 5, 6] };
    /// assert_eq!(images.select(&[2, 0]).pixels, [5, 6, 1, 2]);
    /// ```
    ///
    /// # Panics
    /// If an index is not below `count`.
    pub fn select(&self, indices: &[usize]) -> Images {
        Images {
            count: indices.len(),
            rows: self.rows,
            cols: self.cols,
            pixels: indices
                .iter()
                .flat_map(|&i| self.image(i))
                .copied()
                .collect(),
        }
    }

    /// The images as the book's `load_mnist(normalize=True)` gives them: one row of `rows · cols`
    /// values per image, `(count, rows · cols)`, each `byte / 255` computed in single precision
    /// (`x.astype(np.float32)`, then `x /= 255.0`) and held in f64, as numpy widens it when the
    /// images meet the float64 weights. It differs from `byte / 255.0` in f64 by up to 3·10⁻⁸.
    pub fn to_f64(&self) -> Array2<f64> {
        let values = self
            .pixels
            .iter()
            .map(|&p| f64::from(f32::from(p) / 255.0))
            .collect();
        Array2::from_shape_vec((self.count, self.size()), values)
            .expect("count · size pixels, checked when read")
    }
}

/// Labels as one-hot rows, `(labels.len(), classes)`: the book's `one_hot_label=True`.
///
/// # Panics
/// If a label is not below `classes` ([`Mnist::load`] checks them).
///
/// ```
/// let t = dlfs_datasets::one_hot(&[2, 0], 3);
/// assert_eq!(t, ndarray::array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]);
/// ```
pub fn one_hot(labels: &[u8], classes: usize) -> Array2<f64> {
    let mut t = Array2::zeros((labels.len(), classes));
    for (row, &l) in labels.iter().enumerate() {
        assert!(
            usize::from(l) < classes,
            "one_hot: label {l} is not below {classes}"
        );
        t[[row, usize::from(l)]] = 1.0;
    }
    t
}

/// The bytes of `path`, decompressed if it is gzip (its name ends in `.gz`, or it starts with
/// gzip's magic bytes; several gzip members one after the other are read as one file).
///
/// Only a regular file is opened, and its IDX header is read first: no more is read than the
/// header announces (and one byte to tell a longer file), never more than 1 GiB, and a plain
/// file whose size is not what its header announces is refused before its body is read. A
/// file that is not IDX comes back as its first bytes, for the parser to say what it is.
///
/// # Errors
/// [`Error::Io`]; [`Error::NotAFile`] for a folder, FIFO or device; [`Error::NotGzip`] for a
/// `.gz` file that is not gzip or is broken; [`Error::Truncated`] for a plain file of another
/// size than its header announces; [`Error::Longer`] for a gzip file that decompresses to
/// more.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // A FIFO or a device would block or never end: only regular files are opened.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let mut file = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?);
    let named_gz = path.extension().is_some_and(|e| e == "gz");
    let is_gz = file.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    if named_gz && !is_gz {
        return Err(Error::NotGzip {
            path: path.to_path_buf(),
            detail: "it does not start with gzip's magic bytes 1f 8b".into(),
        });
    }
    let failed = |e: std::io::Error| match is_gz {
        true => Error::NotGzip {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        false => io(e),
    };
    // Several gzip members one after the other are one file (as `cat a.gz b.gz` makes them).
    let mut source: Box<dyn Read> = match is_gz {
        true => Box::new(flate2::read::MultiGzDecoder::new(file)),
        false => Box::new(file),
    };
    // The header first, then at most what it announces and one byte more (so that a longer
    // file shows as one), never more than MAX_BYTES: the header's claims bound every read.
    let mut out = Vec::new();
    let read = |source: &mut Box<dyn Read>, n: u64, out: &mut Vec<u8>| {
        source.by_ref().take(n).read_to_end(out).map_err(failed)
    };
    read(&mut source, 4, &mut out)?;
    let dims = match out[..] {
        [0, 0, 0x08, dims @ (1 | 3)] => u64::from(dims),
        _ => return Ok(out), // not an IDX file of bytes: the parser says what it is
    };
    read(&mut source, 4 * dims, &mut out)?;
    let header = 4 + 4 * dims;
    if (out.len() as u64) < header {
        return Ok(out);
    }
    let announced = out[4..]
        .chunks_exact(4)
        .map(|c| u64::from(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
        .try_fold(1u64, u64::checked_mul)
        .filter(|&n| n <= MAX_BYTES);
    let Some(announced) = announced else {
        return Ok(out); // more than any data set: the parser refuses the shape
    };
    let expected = header + announced;
    if !is_gz && meta.len() != expected {
        return Err(Error::Truncated {
            path: path.to_path_buf(),
            expected,
            found: meta.len(),
        });
    }
    read(&mut source, announced + 1, &mut out)?;
    if out.len() as u64 > expected {
        return Err(Error::Longer {
            path: path.to_path_buf(),
            expected,
        });
    }
    Ok(out)
}

/// The dimensions of an IDX file of bytes with `dims` dimensions, and where its values start.
fn header(
    bytes: &[u8],
    dims: u8,
    what: &'static str,
    path: &Path,
) -> Result<(Vec<u32>, usize), Error> {
    if !bytes.starts_with(&magic(dims)) {
        let other = if dims == 3 { 1 } else { 3 };
        if bytes.starts_with(&magic(other)) {
            return Err(Error::Swapped {
                path: path.to_path_buf(),
                expected: what,
                found: if other == 3 { "images" } else { "labels" },
            });
        }
        return Err(Error::BadMagic {
            what,
            path: path.to_path_buf(),
            found: bytes[..bytes.len().min(4)].to_vec(),
        });
    }
    let start = 4 + 4 * usize::from(dims);
    if bytes.len() < start {
        return Err(Error::Truncated {
            path: path.to_path_buf(),
            expected: start as u64,
            found: bytes.len() as u64,
        });
    }
    let sizes = bytes[4..start]
        .chunks_exact(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Ok((sizes, start))
}

/// Checks that `bytes` has exactly `start + values` bytes.
fn check_length(bytes: &[u8], start: usize, values: u64, path: &Path) -> Result<(), Error> {
    let expected = start as u64 + values;
    if bytes.len() as u64 != expected {
        return Err(Error::Truncated {
            path: path.to_path_buf(),
            expected,
            found: bytes.len() as u64,
        });
    }
    Ok(())
}

/// Parses the bytes of an IDX image file (`path` only names it in errors).
///
/// # Errors
/// [`Error::BadMagic`], [`Error::Swapped`], [`Error::Truncated`] or [`Error::BadShape`].
pub fn parse_images(bytes: &[u8], path: &Path) -> Result<Images, Error> {
    let (dims, start) = header(bytes, 3, "images", path)?;
    let (count, rows, cols) = (dims[0], dims[1], dims[2]);
    let values = u64::from(count)
        .checked_mul(u64::from(rows))
        .and_then(|v| v.checked_mul(u64::from(cols)))
        .filter(|&v| rows > 0 && cols > 0 && v <= MAX_BYTES);
    let Some(values) = values else {
        return Err(Error::BadShape {
            path: path.to_path_buf(),
            dims,
        });
    };
    check_length(bytes, start, values, path)?;
    Ok(Images {
        count: count as usize,
        rows: rows as usize,
        cols: cols as usize,
        pixels: bytes[start..].to_vec(),
    })
}

/// Parses the bytes of an IDX label file (`path` only names it in errors).
///
/// # Errors
/// [`Error::BadMagic`], [`Error::Swapped`] or [`Error::Truncated`].
pub fn parse_labels(bytes: &[u8], path: &Path) -> Result<Vec<u8>, Error> {
    let (dims, start) = header(bytes, 1, "labels", path)?;
    check_length(bytes, start, u64::from(dims[0]), path)?;
    Ok(bytes[start..].to_vec())
}

/// Reads an IDX image file, plain or gzip.
///
/// # Errors
/// As [`read_file`] and [`parse_images`].
pub fn read_images(path: &Path) -> Result<Images, Error> {
    parse_images(&read_file(path)?, path)
}

/// Reads an IDX label file, plain or gzip.
///
/// # Errors
/// As [`read_file`] and [`parse_labels`].
pub fn read_labels(path: &Path) -> Result<Vec<u8>, Error> {
    parse_labels(&read_file(path)?, path)
}

/// The four files of MNIST or Fashion-MNIST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mnist {
    /// The training images.
    pub train_images: Images,
    /// Their labels, 0 to 9.
    pub train_labels: Vec<u8>,
    /// The test images.
    pub test_images: Images,
    /// Their labels, 0 to 9.
    pub test_labels: Vec<u8>,
}

/// The file names of MNIST's four files, without `.gz`.
pub const FILES: [&str; 4] = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
];

impl Mnist {
    /// Reads the four files from `dir`, each plain or with `.gz`, and checks that images and
    /// labels agree and that every label is a class from 0 to 9.
    ///
    /// # Errors
    /// [`Error::Missing`] for a file found neither plain nor as `.gz`, or any error of
    /// [`read_images`] and [`read_labels`], [`Error::CountsDisagree`], [`Error::BadLabel`] or
    /// [`Error::ShapesDisagree`].
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let find = |name: &str| -> Result<PathBuf, Error> {
            let plain = dir.join(name);
            let gz = dir.join(format!("{name}.gz"));
            if gz.exists() {
                Ok(gz)
            } else if plain.exists() {
                Ok(plain)
            } else {
                Err(Error::Missing { path: plain })
            }
        };
        let paths: Vec<PathBuf> = FILES.iter().map(|n| find(n)).collect::<Result<_, _>>()?;
        let pair = |images: &PathBuf, labels: &PathBuf| -> Result<(Images, Vec<u8>), Error> {
            let x = read_images(images)?;
            let t = read_labels(labels)?;
            if x.count != t.len() {
                return Err(Error::CountsDisagree {
                    images: (images.clone(), x.count),
                    labels: (labels.clone(), t.len()),
                });
            }
            if let Some((index, &label)) = t.iter().enumerate().find(|(_, l)| **l > 9) {
                return Err(Error::BadLabel {
                    path: labels.clone(),
                    index,
                    label,
                });
            }
            Ok((x, t))
        };
        let (train_images, train_labels) = pair(&paths[0], &paths[1])?;
        let (test_images, test_labels) = pair(&paths[2], &paths[3])?;
        let shape = |x: &Images| (x.rows, x.cols);
        if shape(&train_images) != shape(&test_images) {
            return Err(Error::ShapesDisagree {
                train: (paths[0].clone(), train_images.rows, train_images.cols),
                test: (paths[2].clone(), test_images.rows, test_images.cols),
            });
        }
        Ok(Self {
            train_images,
            train_labels,
            test_images,
            test_labels,
        })
    }
}

/// Writes `images` as an IDX image file's bytes (for tests and tools that make small data sets).
pub fn images_to_idx(images: &Images) -> Vec<u8> {
    let mut out = magic(3).to_vec();
    for d in [images.count, images.rows, images.cols] {
        out.extend((d as u32).to_be_bytes());
    }
    out.extend(&images.pixels);
    out
}

/// Writes `labels` as an IDX label file's bytes.
pub fn labels_to_idx(labels: &[u8]) -> Vec<u8> {
    let mut out = magic(1).to_vec();
    out.extend((labels.len() as u32).to_be_bytes());
    out.extend(labels);
    out
}
