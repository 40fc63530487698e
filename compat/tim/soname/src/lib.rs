//! Empty: this crate is its build script (build.rs says why).
