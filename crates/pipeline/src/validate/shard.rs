//! `validate --shard I/N`: one job of N takes its share of the inputs, so a batch scheduler
//! (a Kubernetes Indexed Job, a Slurm array, GNU parallel) can spread a large run, and
//! `trialbridge merge` puts the parts back together as the single run's report.
//!
//! What is shared out is a *unit*: a file checked on its own (a site workbook, a registry
//! record, a file of no kind we check), or a folder's FHIR files with its `package.json`
//! (which says their version), or the study: every dataset, define.xml and CORE test case of
//! the run, which are checked together (cross-dataset rules, define.xml against the data,
//! the CT and standard they claim) exactly as a single run checks them. A unit goes to the
//! shard its key hashes to; the key is the unit's path relative to the folder it was found
//! in, so shares do not move when the inputs are listed in another order or files are added,
//! and the study goes with its DM (or its first dataset when there is none).

use super::kind::Kind;
use std::path::{Path, PathBuf};

/// One share of N, counted from 0: `--shard 0/3`, `--shard 1/3`, `--shard 2/3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || {
            format!(
                "`{s}` is not a shard: give INDEX/COUNT, the index counted from 0 (0/3, 1/3, 2/3)"
            )
        };
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if count == 0 {
            return Err(format!("`{s}`: a run has at least one shard"));
        }
        if index >= count {
            return Err(format!(
                "`{s}`: shards are counted from 0, so the index must be below {count} \
                 (the last of {count} is {}/{count})",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// FNV-1a, 64 bits: the same on every build and platform, which std's hasher does not
/// promise, so every job of a run agrees on every share.
fn fnv1a(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The shard a unit's key belongs to.
pub fn owner(key: &str, count: usize) -> usize {
    (fnv1a(key) % count.max(1) as u64) as usize
}

/// `path` relative to the folder given on the command line that holds it (a file named
/// directly: its name), with `/` between parts whatever the platform.
fn relative(path: &Path, roots: &[PathBuf]) -> String {
    let rel = roots
        .iter()
        .find_map(|r| {
            path.strip_prefix(r)
                .ok()
                .filter(|rel| !rel.as_os_str().is_empty())
        })
        .or_else(|| path.file_name().map(Path::new))
        .unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn is_study(kind: &Kind) -> bool {
    matches!(kind, Kind::Dataset | Kind::Define)
}

/// The key of the study unit: its DM dataset, else its first dataset or define.xml, else its
/// first CORE test case.
fn study_key(files: &[PathBuf], kinds: &[Kind], cases: &[PathBuf], roots: &[PathBuf]) -> String {
    let members: Vec<&PathBuf> = files
        .iter()
        .zip(kinds)
        .filter(|(_, k)| is_study(k))
        .map(|(p, _)| p)
        .collect();
    let dm = members.iter().find(|p| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("dm"))
    });
    let first = dm
        .or(members.first())
        .map(|p| p.as_path())
        .or(cases.first().map(|p| p.as_path()));
    format!(
        "study:{}",
        first.map(|p| relative(p, roots)).unwrap_or_default()
    )
}

/// Which files (by position) and whether the CORE test cases belong to `shard`.
pub fn share(
    shard: Shard,
    files: &[PathBuf],
    kinds: &[Kind],
    cases: &[PathBuf],
    roots: &[PathBuf],
) -> (Vec<bool>, bool) {
    let study = owner(&study_key(files, kinds, cases, roots), shard.count) == shard.index;
    let mine = files
        .iter()
        .zip(kinds)
        .map(|(path, kind)| match kind {
            k if is_study(k) => study,
            Kind::Fhir | Kind::FhirPackage => {
                let folder = path
                    .parent()
                    .map(|d| relative(d, roots))
                    .unwrap_or_default();
                owner(&format!("fhir:{folder}"), shard.count) == shard.index
            }
            _ => owner(&relative(path, roots), shard.count) == shard.index,
        })
        .collect();
    (mine, study)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_shard_is_read_as_index_of_count_counted_from_zero() {
        assert_eq!("2/7".parse::<Shard>(), Ok(Shard { index: 2, count: 7 }));
        assert_eq!("0/1".parse::<Shard>().unwrap().to_string(), "0/1");
        let last = "3/3".parse::<Shard>().unwrap_err();
        assert!(last.contains("below 3") && last.contains("2/3"), "{last}");
        assert!("1/0".parse::<Shard>().unwrap_err().contains("at least one"));
        for bad in ["3", "a/3", "1/b", "-1/3", ""] {
            assert!(
                bad.parse::<Shard>().unwrap_err().contains("INDEX/COUNT"),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_hash_is_fnv1a_so_every_build_agrees() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn shares_cover_every_file_once_and_do_not_move_when_files_are_added() {
        let roots = [PathBuf::from("inbox")];
        let files: Vec<PathBuf> = (0..200)
            .map(|i| PathBuf::from(format!("inbox/site-{i:03}.xlsx")))
            .collect();
        let kinds = vec![Kind::Workbook; files.len()];
        for count in [1, 2, 3, 7] {
            let mut times = vec![0; files.len()];
            let mut sizes = Vec::new();
            for index in 0..count {
                let (mine, _) = share(Shard { index, count }, &files, &kinds, &[], &roots);
                sizes.push(mine.iter().filter(|m| **m).count());
                for (t, m) in times.iter_mut().zip(&mine) {
                    *t += usize::from(*m);
                }
            }
            assert!(times.iter().all(|t| *t == 1), "count {count}");
            // Shares are even enough to be worth spreading: none under half its fair part.
            assert!(
                sizes.iter().all(|s| *s * 2 * count >= files.len()),
                "{sizes:?}"
            );
        }
        // The same file lands in the same shard with fewer or more files beside it.
        let shard = Shard { index: 1, count: 3 };
        let (all, _) = share(shard, &files, &kinds, &[], &roots);
        let (some, _) = share(shard, &files[50..120], &kinds[50..120], &[], &roots);
        assert_eq!(&all[50..120], &some[..]);
    }

    #[test]
    fn the_study_goes_whole_with_its_dm_and_fhir_with_its_folder() {
        let roots = [PathBuf::from("sub")];
        let files: Vec<PathBuf> = [
            "sub/sdtm/ae.xpt",
            "sub/sdtm/define.xml",
            "sub/sdtm/dm.xpt",
            "sub/sdtm/lb.xpt",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let kinds = vec![Kind::Dataset, Kind::Define, Kind::Dataset, Kind::Dataset];
        let dm_owner = owner("study:sdtm/dm.xpt", 7);
        for index in 0..7 {
            let (mine, study) = share(Shard { index, count: 7 }, &files, &kinds, &[], &roots);
            assert_eq!(study, index == dm_owner);
            assert!(mine.iter().all(|m| *m == study), "{mine:?}");
        }
        let fhir: Vec<PathBuf> = [
            "sub/fhir/package.json",
            "sub/fhir/a.json",
            "sub/fhir/b.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let kinds = vec![Kind::FhirPackage, Kind::Fhir, Kind::Fhir];
        for index in 0..7 {
            let (mine, _) = share(Shard { index, count: 7 }, &fhir, &kinds, &[], &roots);
            assert!(mine.iter().all(|m| *m == mine[0]), "{mine:?}");
        }
    }
}
