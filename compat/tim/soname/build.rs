//! Gives libImSDK.so the SONAME Tencent's library has (`libImSDK.so`), so a
//! program linked against either records that name and loads whichever it
//! finds.
//!
//! Why a crate of its own: cargo passes the `rustc-cdylib-link-arg` lines of
//! every dependency's build script to a cdylib's link as well
//! (rust-lang/cargo#9562, kept for compatibility), so huddle's build.rs
//! `-soname,libhuddle.so` reaches libImSDK.so's link too, after compat/tim's
//! own lines, and the linker keeps the last `-soname`. Cargo adds the lines
//! of the dependencies' build scripts ordered by package name; this
//! package's name sorts after `huddle`, so its line comes last.
//! tests/tim/run.sh checks the SONAME, so a cargo that orders them otherwise
//! fails the test rather than ship a libImSDK.so that names itself libhuddle.so.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libImSDK.so");
    }
}
