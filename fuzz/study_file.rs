// The body of the `study_file` target, shared with the seed replay in `cargo test`.
fn study_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(errors) = study::StudyFile::parse(text, "study.toml") {
        assert!(!errors.is_empty());
        for e in &errors {
            assert!(e.to_string().starts_with("study.toml: "), "{e}");
        }
    }
}
