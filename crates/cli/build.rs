//! With the `transformer` feature, records where libtorch lives in the
//! `newsie` binary (DT_RPATH, which also serves libtorch's own
//! dependencies), so the binary runs without LD_LIBRARY_PATH: Spark's
//! `rdd.pipe` and Hadoop streaming start it with an empty environment.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    if let Some(libtorch) = std::env::var_os("LIBTORCH") {
        let lib = std::path::Path::new(&libtorch).join("lib");
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--disable-new-dtags,-rpath,{}",
            lib.display()
        );
    }
}
