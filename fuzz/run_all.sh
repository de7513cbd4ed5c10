#!/bin/sh
# Runs every fuzz target in turn for SECONDS each (default 240), one at a time.
# Usage: fuzz/run_all.sh [SECONDS] [TARGET...]   — logs to fuzz/target/logs/<target>.log
set -u
cd "$(dirname "$0")"
secs=${1:-240}
[ $# -gt 0 ] && shift
targets=${*:-"xpt_reader dataset_json_reader ctgov_json ctgov_xml iso8601 mapping_spec define_check csv_reader workbook core_rule registry_record fhir_version study_file analysis_spec dataset_package"}
# The CORE rules are reference files (never copied into the repository): their published
# rule.yml files seed core_rule from the standards folder ($TRIALBRIDGE_STANDARDS, an
# absolute path), in the git-ignored corpus/.
standards=${TRIALBRIDGE_STANDARDS:-}
# NICE=19 gives a build beside the fuzzer the machine first.
nice=${NICE:-10}
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
    features=""
    [ "$t" = fhir_version ] && features="--features fhir"
    # Built first so the CPU time below is the fuzzer's alone: libFuzzer's -max_total_time
    # is wall time, which a busy machine (a workspace build beside it) shrinks.
    # shellcheck disable=SC2086
    RUSTC_BOOTSTRAP=1 nice -n "$nice" cargo fuzz build -O $features "$t" >"target/logs/$t.build.log" 2>&1 ||
        { echo "$t: build failed, see target/logs/$t.build.log"; continue; }
    # shellcheck disable=SC2086
    RUSTC_BOOTSTRAP=1 /usr/bin/time -f "cpu: %U s user, %S s system, %e s wall" \
        nice -n "$nice" cargo fuzz run -O $features "$t" "corpus/$t" "corpus-min/$t" "seeds/$t" $extra -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"target/logs/$t.log" 2>&1
    echo "$t exit $? $(grep -E '^stat::number_of_executed_units' "target/logs/$t.log") $(grep -E '^cpu:' "target/logs/$t.log")"
done
