# trialbridge — the two commands a fresh clone needs are `make demo` and `make test`.
# Tests and the demo build in one profile (release) so CI compiles the workspace once.

CARGO   ?= cargo
PROFILE ?= --release
# The standards folder: the reference files (schemas, CT, CORE rules, CDISC pilot data,
# registry records) the build embeds and the tests read. Never copied into the repository.
TRIALBRIDGE_STANDARDS ?= ../shared/standards
export TRIALBRIDGE_STANDARDS := $(abspath $(TRIALBRIDGE_STANDARDS))
VENV    ?= .venv
PY      := $(VENV)/bin/python
OUT     ?= trialbridge-out
INTEROP := target/interop
# Measured on a 2-core, 24 GB machine (README, "Install"; `make first-build` measures it again).
FIRST_BUILD := 15 CPU-minutes (10 minutes on 2 cores), 5.3 GB of memory at its peak and 1.1 GB of disk
# The interop checks run the binaries `make unit` built (cargo test builds examples too), so
# no package is rebuilt with a different feature set: building the fhir crate alone would
# compile the FHIR model a second time (~25 CPU-minutes).
BUILT   := target/$(if $(findstring release,$(PROFILE)),release,debug)
BIN     := $(BUILT)/trialbridge
EX      := $(BUILT)/examples

.PHONY: standards browser bin install first-build built demo test unit e2e serve-load interop interop-xpt interop-dsj interop-define interop-run interop-stats interop-adtte interop-fhir fmt fmt-check lint bench fixtures docs batch clean-out

## Run the whole pipeline on the embedded example study and show what it wrote.
demo: bin
	$(BIN) run --out $(OUT) || [ $$? -eq 1 ]
	@echo "--- $(OUT)/"
	@find $(OUT) -type f | sort

## Everything: formatting, workspace and end-to-end tests, interop checks with Python peers.
test: standards browser fmt-check unit interop

# Headless Chromium, which tests/cli/report_html.rs renders report.html in, and chromedriver,
# which tests/cli/browser.rs drives `serve`'s page through: Debian's packages, installed only
# when they are not on PATH (as root, else through sudo).
browser:
	@{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || { \
	  echo "installing chromium and chromium-driver (Debian's packages) for the browser tests"; \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver; }

# Stops at once, with one message, when the standards folder is not there.
standards:
	@test -f "$(TRIALBRIDGE_STANDARDS)/README.md" || { \
	  echo "error: no standards folder at $(TRIALBRIDGE_STANDARDS)" >&2; \
	  cat crates/standards/standards-missing.txt >&2; exit 2; }

# Only the binary: what `make demo` runs and `make install` installs.
bin: standards
	@echo "Building trialbridge (release). A first build from a clean clone takes about"
	@echo "$(FIRST_BUILD); later builds take seconds."
	$(CARGO) build $(PROFILE) --bin trialbridge

## Install `trialbridge` on PATH (~/.cargo/bin), built from this clone.
install: standards
	$(CARGO) install --locked --path .

unit: standards
	$(CARGO) test $(PROFILE) --workspace

e2e: browser
	$(CARGO) test $(PROFILE) --test cli

# Everything the tests, interop checks and demo run, built once with the workspace's features
# (a no-op when up to date).
built: standards
	$(CARGO) test $(PROFILE) --workspace --no-run -q

## Independent readers (pyreadstat, pandas, jsonschema) check what we write.
interop: interop-xpt interop-dsj interop-define interop-run interop-stats interop-adtte interop-fhir

interop-xpt: built $(VENV)/.stamp
	rm -rf $(INTEROP)/xpt
	$(EX)/xpt_interop_fixtures $(INTEROP)/xpt
	$(PY) tests/interop/xpt_check.py $(INTEROP)/xpt

interop-dsj: built $(VENV)/.stamp
	rm -rf $(INTEROP)/dsj
	$(EX)/dsj_interop_fixtures $(INTEROP)/dsj
	$(PY) tests/interop/dsj_check.py $(INTEROP)/dsj

$(VENV)/.stamp: tests/interop/requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/interop/requirements.txt
	touch $@

# Our define.xml (the example fixtures and the CDISC pilot's) and CDISC's own examples pass the 2.1 XSD.
interop-define: built $(VENV)/.stamp
	rm -rf $(INTEROP)/define
	$(EX)/define_interop_fixtures $(INTEROP)/define
	$(BIN) define --in $(TRIALBRIDGE_STANDARDS)/cdiscpilot01/sdtm --out $(INTEROP)/define/pilot-sdtm.xml --timestamp 0 -q 2>/dev/null
	$(PY) tests/interop/define_check.py $(INTEROP)/define
	$(PY) tests/interop/define_check.py $(TRIALBRIDGE_STANDARDS)/define-xml/v2.1

# The whole pipeline on the example study: its SDTM and ADaM Dataset-JSON pass the schema, their
# define.xml the XSD (the ADaM one with Analysis Results Metadata, against the ARM 1.0 XSD).
# Exit 1 is the run finding errors in the data (CORE finds the example's own, see README).
interop-run: built $(VENV)/.stamp
	rm -rf $(INTEROP)/run
	$(BIN) run --out $(INTEROP)/run --timestamp 0 -q || [ $$? -eq 1 ]
	$(PY) tests/interop/dsj_check.py $(INTEROP)/run/sdtm
	$(PY) tests/interop/define_check.py $(INTEROP)/run/sdtm
	$(PY) tests/interop/dsj_check.py $(INTEROP)/run/adam
	$(PY) tests/interop/define_check.py $(INTEROP)/run/adam

# Kaplan–Meier, log-rank and Cox agree with lifelines to 1e-6. lifelines needs pandas < 3,
# so it has a virtual environment of its own.
STATS_VENV ?= .venv-stats
STATS_PY   := $(STATS_VENV)/bin/python

interop-stats: built $(STATS_VENV)/.stamp
	rm -rf $(INTEROP)/stats
	$(EX)/stats_interop_fixtures $(INTEROP)/stats
	$(STATS_PY) tests/interop/stats_check.py $(INTEROP)/stats

$(STATS_VENV)/.stamp: tests/interop/requirements-stats.txt
	python3 -m venv $(STATS_VENV)
	$(STATS_PY) -m pip install --quiet --disable-pip-version-check -r tests/interop/requirements-stats.txt
	touch $@

# Both studies' own time-to-event data (the example's OS, PFS, OS12, TTPSL75; seed 000's
# OS12, TTPSL75), each derived by its analysis spec: our KM, log-rank and Cox equal lifelines'.
interop-adtte: built $(STATS_VENV)/.stamp
	rm -rf $(INTEROP)/adtte
	$(EX)/adtte_interop $(INTEROP)/adtte
	$(STATS_PY) tests/interop/stats_check.py $(INTEROP)/adtte

# Every ResearchStudy and Bundle we write for the registry fixtures and the CT.gov records
# passes fhir.resources (R5, R4B) and the official JSON schema; --misses shows what they let
# through that our validator catches.
interop-fhir: built $(VENV)/.stamp
	rm -rf $(INTEROP)/fhir
	$(EX)/fhir_interop_fixtures $(INTEROP)/fhir
	$(PY) tests/interop/fhir_check.py $(INTEROP)/fhir
	$(PY) tests/interop/fhir_check.py --misses

fmt:
	$(CARGO) fmt --all

fmt-check:
	$(CARGO) fmt --all -- --check

lint: fmt-check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Regenerate docs/rules/ from the rule files (a test fails when it is stale).
docs:
	UPDATE_DOCS=1 $(CARGO) test $(PROFILE) -p trialbridge-rules --test catalogue --test codes

## Side-by-side timings with the Python peers, measured in the same run (BENCH_ROWS to change size).
BENCH_ROWS ?= 1000000
bench: $(VENV)/.stamp
	$(CARGO) build $(PROFILE) -q --workspace
	$(PY) bench/run.py $(BUILT)/tb-bench $(PY) $(BENCH_ROWS) target/bench
	$(PY) bench/serve_load.py $(BIN) $(LOAD_N) $(LOAD_CLIENTS) target/bench/serve

## `serve` under load alone: LOAD_N workbooks from LOAD_CLIENTS concurrent clients on loopback.
LOAD_N ?= 200
LOAD_CLIENTS ?= 8
serve-load: built
	python3 bench/serve_load.py $(BIN) $(LOAD_N) $(LOAD_CLIENTS) target/bench/serve

## Validate 1,000 site workbooks (one broken in the middle): time, peak memory, counts.
BATCH_N ?= 1000
batch: built
	python3 bench/batch.py $(BIN) $(BATCH_N) target/batch

## Regenerate the example study's workbooks (byte-identical to the committed ones).
fixtures:
	$(CARGO) run $(PROFILE) -q -p trialbridge-studygen -- --out fixtures/umin000015469

clean-out:
	rm -rf $(OUT)

## What a new user's first `make demo` costs: clean clone, time, peak memory, disk, binary size.
first-build:
	python3 bench/first_build.py demo
