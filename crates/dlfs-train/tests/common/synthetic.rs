//! Synthetic MNIST-shaped data, as `numpy/train_neuralnet.py --synthetic` draws it.
use dlfs_datasets::Images;
use dlfs_init::RandomState;
use dlfs_train::mnist::Data;

/// The script's synthetic set: `(rs.random_sample((n + m, 784)) * 256).astype(uint8)`, then the
/// labels `(rs.random_sample(n + m) * 10).astype(uint8)`, scaled by 1/255.
pub fn synthetic(n: usize, m: usize) -> Data {
    let mut rs = RandomState::new(2024);
    let bytes: Vec<u8> = (0..(n + m) * 784)
        .map(|_| (rs.random_sample() * 256.0) as u8)
        .collect();
    let labels: Vec<usize> = (0..n + m)
        .map(|_| (rs.random_sample() * 10.0) as u8 as usize)
        .collect();
    let images = |pixels: &[u8]| Images {
        count: pixels.len() / 784,
        rows: 28,
        cols: 28,
        pixels: pixels.to_vec(),
    };
    Data {
        train: images(&bytes[..n * 784]),
        t_train: labels[..n].to_vec(),
        test: images(&bytes[n * 784..]),
        t_test: labels[n..].to_vec(),
    }
}
