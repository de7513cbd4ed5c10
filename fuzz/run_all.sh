#!/bin/sh
# Runs every fuzz target in turn for SECONDS each (default 240), one at a time.
# Usage: fuzz/run_all.sh [SECONDS] [TARGET...]   — logs to fuzz/target/logs/<target>.log
set -u
cd "$(dirname "$0")"
secs=${1:-240}
[ $# -gt 0 ] && shift
targets=${*:-"xpt_reader dataset_json_reader ctgov_json ctgov_xml iso8601 mapping_spec define_check csv_reader workbook core_rule registry_record fhir_version study_file"}
# The CORE rules are reference files (never copied into the repository): their published
# rule.yml files seed core_rule from the standards folder ($TRIALBRIDGE_STANDARDS, an
# absolute path), in the git-ignored corpus/.
standards=${TRIALBRIDGE_STANDARDS:-}
mkdir -p target/logs
for t in $targets; do
    mkdir -p "corpus/$t" "corpus-min/$t"
    extra=""
    if [ "$t" = core_rule ] && [ -z "$standards" ]; then
        echo "core_rule: TRIALBRIDGE_STANDARDS is not set; seeded from seeds/core_rule only"
    elif [ "$t" = core_rule ]; then
        extra="corpus/core_rule-cdisc"
        mkdir -p "$extra"
        for f in "$standards"/cdisc-core/rules/*/rule.yml; do
            [ -f "$f" ] && cp "$f" "$extra/$(basename "$(dirname "$f")").yml"
        done
    fi
    # shellcheck disable=SC2086
    RUSTC_BOOTSTRAP=1 nice cargo fuzz run -O "$t" "corpus/$t" "corpus-min/$t" "seeds/$t" $extra -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"target/logs/$t.log" 2>&1
    echo "$t exit $? $(grep -E '^stat::number_of_executed_units' "target/logs/$t.log")"
done
