// The body of the `dataset_package` target, shared with the seed replay in `cargo test`.
fn dataset_package(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let limit = 64 << 20;
    if let Ok(files) = formats::package::unpack(data, dir.path(), limit) {
        let mut total = 0;
        for (path, _) in &files {
            assert_eq!(path.parent(), Some(dir.path()), "{}", path.display());
            total += std::fs::metadata(path).map_or(0, |m| m.len());
        }
        assert!(total <= limit, "{total} bytes unpacked");
    }
}
