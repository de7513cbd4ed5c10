// The body of the `fhir_version` target, shared with the seed replay in `cargo test`.
fn fhir_version(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for f in fhir::package::check_manifest(text) {
        assert!(f.code == "FH0073" && !f.message.is_empty(), "{f:?}");
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let path = std::path::Path::new("resource.json");
        let d = fhir::release::decide(&value, path, None, &None);
        assert!(!d.how.is_empty());
        let _ = fhir::release::manifest_release(&value);
    }
}
