# Gazette: `make run` (the main job) and `make test` (what CI runs). Both install the Debian
# packages they need when they are missing, so they work on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_DEPS := libxml2-dev libcurl4-openssl-dev libsqlite3-dev pkg-config
TEST_DEPS := $(BUILD_DEPS) libxml2-utils zlib1g-dev libbrotli-dev sqlite3 jekyll systemd
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 60

.PHONY: run test build release deps test-deps fuzz fuzz-build bench-parse clean

# The cron job on the shipped feeds.yml (bundled local samples: works offline): the site lands in output/.
run: deps release
	.build/release/gazette run --config feeds.yml

# The fuzzer runs first so that the test runner's summary closes the output.
test: test-deps build
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)
	$(SWIFT) test

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product gazette

# Installs only what is missing (dpkg -s), so a machine that has everything makes no apt call.
deps:
	@missing=""; for p in $(BUILD_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

# The end-to-end test reads every Atom file with Python's feedparser (from PyPI).
test-deps:
	@$(MAKE) --no-print-directory deps BUILD_DEPS="$(TEST_DEPS)"
	@python3 -c "import feedparser" 2>/dev/null || python3 -m pip install -q feedparser

# libFuzzer over the parser (Fuzz/ is a separate package so the sanitizers stay out of the normal build).
fuzz-build:
	cd Fuzz && $(SWIFT) build -c debug -Xswiftc -sanitize=fuzzer,address

# Progress goes to Fuzz/.build/fuzz.log; a crash, leak or hang fails the target and prints the report.
fuzz: fuzz-build
	mkdir -p Fuzz/crashes Fuzz/.corpus-work
	cd Fuzz && if ./.build/debug/FeedFuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 \
	  -timeout=10 -artifact_prefix=crashes/ -print_final_stats=1 .corpus-work corpus > .build/fuzz.log 2>&1; \
	  then grep -E "^Done|stat::number_of_executed_units|stat::peak_rss" .build/fuzz.log; \
	  else tail -60 .build/fuzz.log; echo "fuzzer found a problem: see Fuzz/crashes/"; exit 1; fi

bench-parse: deps
	bench/parse.sh

clean:
	rm -rf .build Fuzz/.build
