// The body of the `registry_record` target, shared with the seed replay in `cargo test`.
fn registry_record(data: &[u8]) {
    use registry::Format;
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let formats = [
        Format::CtgovJson,
        Format::CtgovClassicJson,
        Format::CtgovXml,
        Format::Ictrp,
        Format::StudyToml,
    ];
    let format = formats[usize::from(pick) % formats.len()];
    let _ = registry::sniff(text);
    let read = match format {
        Format::Ictrp => registry::ictrp::read_all(text),
        other => registry::read_str(text, other).map(|r| vec![r]),
    };
    match read {
        Ok(records) => {
            for record in &records {
                for p in registry::check::check(record, format, "/FullStudy/Study") {
                    // A study TOML has no element paths; every export format names one.
                    let placed = format == Format::StudyToml || !p.at.is_empty();
                    assert!(placed && !p.field.is_empty(), "{p:?}");
                }
            }
        }
        Err(e) => {
            let _ = (e.to_string(), e.position(), e.pointer());
        }
    }
}
