//! `cargo xtask`: placeholder.
fn main() {
    let t = std::time::Instant::now();
    let run = dlfs_experiments::run::train(&Default::default());
    println!("{:?} final {}", t.elapsed(), run.final_loss());
}
