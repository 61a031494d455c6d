//! Tells the tests whether this machine has FMA: the C library then runs the variant of `exp`
//! and `ln` that ours follow bit for bit, and the bit-for-bit tests run; elsewhere they are
//! reported as ignored, with the reason (`cfg(fma_machine)`).
fn main() {
    println!("cargo::rustc-check-cfg=cfg(fma_machine)");
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("fma") {
        println!("cargo::rustc-cfg=fma_machine");
    }
}
