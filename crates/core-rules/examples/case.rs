//! Runs one bundled rule on one CORE case folder and prints the status:
//! `cargo run -p trialbridge-core-rules --example case -- CORE-000001 path/to/case/data`.

use core_rules::{Package, RuleBook};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(id), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: case <CORE id> <case data folder>");
        std::process::exit(2);
    };
    let Some(rule) = RuleBook::bundled().get(id) else {
        eprintln!("no rule {id}");
        std::process::exit(2);
    };
    let package = match Package::from_case_dir(std::path::Path::new(dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for ds in &package.datasets {
        let info = core_rules::DatasetInfo::of(ds);
        println!("{info:?} in scope: {}", rule.scope.includes(&info));
    }
    if std::env::var("CORE_VIEWS").is_ok() {
        debug_views(&package);
    }
    let outcome = RuleBook::from_rules(vec![rule.clone()]).run_all(&package);
    println!("{:#?}", outcome.statuses);
}

#[allow(dead_code)]
fn debug_views(package: &Package) {
    let views = core_rules::exec::Views::of(package);
    eprintln!("{:?}", views.study());
}
