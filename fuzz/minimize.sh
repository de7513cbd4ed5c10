#!/bin/sh
# Merges what the fuzzers learnt (corpus/<target>, git-ignored) into the smallest set of
# inputs with the same coverage, corpus-min/<target> (committed). `cargo test --test cli`
# replays it with the seeds (corpus_lib::fuzz_seeds_<target>), so every path a fuzzer
# reached stays free of panics and over-allocation.
# Usage: fuzz/minimize.sh [TARGET...]
set -u
cd "$(dirname "$0")"
targets=${*:-"xpt_reader dataset_json_reader ctgov_json ctgov_xml iso8601 mapping_spec define_check csv_reader workbook core_rule registry_record fhir_version study_file analysis_spec dataset_package"}
for t in $targets; do
    [ -d "corpus/$t" ] || { echo "$t: no corpus/$t, run it first"; continue; }
    mkdir -p "corpus-min/$t"
    # The FHIR model is built only for the target that needs it, as run_all.sh does.
    features=""
    [ "$t" = fhir_version ] && features="--features fhir"
    # shellcheck disable=SC2086
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O $features "$t" "corpus-min/$t" "corpus/$t" -- \
        -set_cover_merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 >"target/logs/$t.merge.log" 2>&1
    status=$?
    # Reference files never enter the repository: an input that is a copy of one (the core_rule
    # run seeds the published CORE rules from the standards folder), whole or behind the
    # first byte a target reads as a selector, is dropped from the merge.
    if [ -n "${TRIALBRIDGE_STANDARDS:-}" ] && [ -d "$TRIALBRIDGE_STANDARDS" ]; then
        [ -s target/reference.sha ] ||
            find "$TRIALBRIDGE_STANDARDS" -type f -size -4M -exec sha256sum {} + |
            cut -d' ' -f1 | sort -u >target/reference.sha
        for file in corpus-min/"$t"/*; do
            [ "$(wc -c <"$file")" -ge 64 ] || continue
            whole=$(sha256sum <"$file" | cut -d' ' -f1)
            rest=$(tail -c +2 "$file" | sha256sum | cut -d' ' -f1)
            grep -qx -e "$whole" -e "$rest" target/reference.sha && rm -f "$file"
        done
    fi
    echo "$t exit $status $(ls "corpus-min/$t" | wc -l) files, $(du -sk "corpus-min/$t" | cut -f1) KiB"
done
