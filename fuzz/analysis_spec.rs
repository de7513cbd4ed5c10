// The body of the `analysis_spec` target, shared with the seed replay in `cargo test`.
//
// The first byte picks which file of the example study's analysis spec the rest replaces;
// a spec that compiles derives ADaM and the endpoint summary from `sdtm` (seed 000's), and
// its three summary files are written in memory.
fn analysis_spec(data: &[u8], sdtm: &[model::Dataset]) {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let files = adam::spec::EXAMPLE;
    let replaced = usize::from(pick) % files.len();
    let files: Vec<(String, String)> = files
        .iter()
        .enumerate()
        .map(|(i, (name, example))| {
            let t = if i == replaced { text } else { example };
            ((*name).to_owned(), t.to_owned())
        })
        .collect();
    match adam::spec::compile(&files) {
        Ok(spec) => {
            let out = adam::derive_all(sdtm, &spec, &adam::DeriveOptions::default());
            let _ = (
                out.summary.to_csv(),
                out.summary.to_json(),
                out.summary.to_html(),
            );
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.contains("analysis spec"), "{message}");
        }
    }
}

/// Seed 000's SDTM, from its CSV files under `root` (the repository).
fn seed000_sdtm(root: &std::path::Path) -> Vec<model::Dataset> {
    let plan =
        sdtm::compile_dir(&root.join("mappings/seed000")).expect("seed 000's mapping compiles");
    let files: Vec<(String, std::path::PathBuf)> = ["patients", "ae_log", "pft", "gc_log", "labs"]
        .iter()
        .map(|n| {
            (
                format!("{n}.csv"),
                root.join("fixtures/seed000").join(format!("{n}.csv")),
            )
        })
        .collect();
    let refs: Vec<(String, &std::path::Path)> = files
        .iter()
        .map(|(n, p)| (n.clone(), p.as_path()))
        .collect();
    sdtm::convert(&plan, &refs)
        .expect("seed 000 converts")
        .into_datasets()
}
