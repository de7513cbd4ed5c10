use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;

/// Writes the UMIN000015469 example study's site workbooks, broken copy, manifest and README.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Output directory (created if missing), e.g. fixtures/umin000015469
    #[arg(long)]
    out: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let files = studygen::write_to(&args.out)
        .with_context(|| format!("generating fixtures into {}", args.out.display()))?;
    for f in files {
        println!("{}", f.display());
    }
    Ok(())
}
