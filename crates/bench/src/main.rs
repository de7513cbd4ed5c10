//! One measured operation per process, so each figure has its own peak memory.
//!
//! ```text
//! tb-bench make   ROWS DIR      # writes DIR/data.xpt, .json and .ndjson (not timed)
//! tb-bench write-xpt ROWS OUT   # builds the dataset in memory, times the XPT write
//! tb-bench read-xpt IN          # times a full streaming read
//! tb-bench transcode IN OUT     # times Dataset-JSON → XPT (or any pair)
//! tb-bench define-check DIR     # times DIR/define.xml against DIR's XPT files (read untimed)
//! tb-bench make-labs ROWS OUT.xlsx   # a site lab workbook (not timed)
//! tb-bench make-sdtm ROWS DIR        # dm.xpt (1,000 subjects) and an lb.xpt of ROWS (not timed)
//! tb-bench calamine-raw XLSX         # calamine reading every cell of the Labs sheet
//! tb-bench sheets-read XLSX        # trialbridge reading the Labs sheet into an addressed table
//! tb-bench ingest-map XLSX MAPPING   # trialbridge: read, check and map to SDTM LB
//! ```
//! Each timed command prints `{"op", "rows", "seconds", "peak_rss_kb"}` as one JSON line.
//! The data is a pure function of the row number; bench/peers.py builds the same table.

mod labs;
mod sdtm_pkg;

use anyhow::{Context, bail};
use formats::transcode::{self, Kind, WriteOptions};
use model::{Dataset, DatasetMeta, DatasetReader, Value, Variable};
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

const KINDS: [&str; 3] = ["AE", "CM", "LB"];

fn dataset(rows: usize) -> Dataset {
    let mut meta = DatasetMeta::new("BENCH", "Benchmark data");
    meta.variables = vec![
        Variable::char("USUBJID", "Unique Subject Identifier").with_length(12),
        Variable::char("DOMAIN", "Domain Abbreviation").with_length(2),
        Variable::num("SEQ", "Sequence Number"),
        Variable::num("VAL1", "Value 1"),
        Variable::num("VAL2", "Value 2"),
        Variable::char("TEXT", "Text").with_length(20),
        Variable::num("NEG", "Negative"),
        Variable::char("MONTH", "Month").with_length(2),
        Variable::num("BIG", "Big"),
        Variable::char("FLAG", "Flag").with_length(1),
    ];
    let mut ds = Dataset::new(meta);
    ds.rows = (0..rows)
        .map(|i| {
            vec![
                Value::Char(format!("SUBJ-{i:07}")),
                Value::char(KINDS[i % 3]),
                Value::Num(i as f64),
                Value::Num(i as f64 * 1.25),
                Value::Num((i % 1000) as f64 / 8.0),
                Value::Char("VALUE".repeat(i % 5)),
                Value::Num(-((i % 97) as f64)),
                Value::Char(format!("{}", i % 12)),
                Value::Num(1e6 + i as f64),
                Value::char(if i % 2 == 0 { "Y" } else { "N" }),
            ]
        })
        .collect();
    ds
}

/// Peak resident memory of this process so far, from the kernel's high-water mark.
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn report(op: &str, rows: usize, started: Instant) {
    report_secs(op, rows, started.elapsed().as_secs_f64());
}

fn report_secs(op: &str, rows: usize, seconds: f64) {
    let line = serde_json::json!({
        "op": op, "tool": "trialbridge", "rows": rows, "seconds": seconds, "peak_rss_kb": peak_rss_kb(),
    });
    println!("{line}");
}

/// Rows in a dataset file, streamed so the count adds nothing to the peak memory.
fn count_rows(path: &Path) -> anyhow::Result<usize> {
    let mut r = transcode::open(path)?;
    let (shown, mut row, mut rows) = (path.display().to_string(), Vec::new(), 0);
    while r.read_row(&mut row, &shown)? {
        rows += 1;
    }
    Ok(rows)
}

/// Reads every XPT in `dir` (not timed), then times reading define.xml and checking it
/// against them: (rows, findings, seconds).
fn define_check(dir: &Path) -> anyhow::Result<(usize, usize, f64)> {
    let mut data = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xpt")))
        .collect();
    paths.sort();
    for p in paths {
        let (t, _) = transcode::read_table(&p)?;
        data.push((p.display().to_string(), t));
    }
    let rows = data.iter().map(|(_, t)| t.len()).sum();
    let started = Instant::now();
    let xml = std::fs::read_to_string(dir.join("define.xml"))?;
    let refs: Vec<(&str, &table::Table)> = data.iter().map(|(p, t)| (p.as_str(), t)).collect();
    let findings = define::check::against_data(&xml, "define.xml", &refs, Some(dir));
    Ok((rows, findings.len(), started.elapsed().as_secs_f64()))
}

fn write(ds: &Dataset, path: &Path) -> anyhow::Result<()> {
    let kind = Kind::from_path(path).context("unknown output extension")?;
    let file = BufWriter::new(std::fs::File::create(path)?);
    let opts = WriteOptions {
        timestamp: model::Timestamp::default(),
        file_name: path.display().to_string(),
    };
    transcode::write(ds, kind, file, &opts)?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .context("missing argument (see the module docs)")
    };
    match arg(0)? {
        "make-sdtm" => sdtm_pkg::make(arg(1)?.parse()?, Path::new(arg(2)?))?,
        "make" => {
            let ds = dataset(arg(1)?.parse()?);
            let dir = Path::new(arg(2)?);
            std::fs::create_dir_all(dir)?;
            write(&ds, &dir.join("data.xpt"))?;
            write(&ds, &dir.join("data.json"))?;
            write(&ds, &dir.join("data.ndjson"))?;
        }
        "write-xpt" => {
            let rows: usize = arg(1)?.parse()?;
            let ds = dataset(rows);
            let started = Instant::now();
            write(&ds, Path::new(arg(2)?))?;
            report("write-xpt", rows, started);
        }
        "read-xpt" => {
            let started = Instant::now();
            let file = std::io::BufReader::new(std::fs::File::open(arg(1)?)?);
            let mut r = formats::xpt::XptReader::new(file)?;
            let (mut row, mut rows) = (Vec::new(), 0);
            while r.read_row(&mut row)? {
                rows += 1;
            }
            report("read-xpt", rows, started);
        }
        "transcode" => {
            let started = Instant::now();
            let input = Path::new(arg(1)?);
            let output = Path::new(arg(2)?);
            let mut r = transcode::open(input)?;
            let kind = Kind::from_path(output).context("unknown output extension")?;
            let file = BufWriter::new(std::fs::File::create(output)?);
            let opts = WriteOptions {
                timestamp: model::Timestamp::default(),
                file_name: output.display().to_string(),
            };
            transcode::copy(&mut r, &input.display().to_string(), kind, file, &opts)?;
            let seconds = started.elapsed().as_secs_f64();
            // Counted after the clock stops, by reading the result back.
            let rows = count_rows(output).unwrap_or(0);
            report_secs("transcode", rows, seconds);
        }
        "define-check" => {
            let dir = Path::new(arg(1)?);
            let (rows, findings, seconds) = define_check(dir)?;
            eprintln!("{findings} findings");
            report_secs("define-check", rows, seconds);
        }
        "make-labs" => labs::make(arg(1)?.parse()?, Path::new(arg(2)?))?,
        "calamine-raw" => {
            let started = Instant::now();
            let rows = labs::calamine_raw(Path::new(arg(1)?))?;
            report("calamine-raw", rows, started);
        }
        "sheets-read" => {
            let started = Instant::now();
            let rows = labs::sheets_read(Path::new(arg(1)?))?;
            report("sheets-read", rows, started);
        }
        "ingest-map" => {
            let started = Instant::now();
            let rows = labs::ingest_map(Path::new(arg(1)?), Path::new(arg(2)?))?;
            report("ingest-map", rows, started);
        }
        other => bail!("unknown command `{other}`"),
    }
    Ok(())
}
