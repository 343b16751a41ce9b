# The README's two commands: `make demo` and `make test`. Each installs what is missing
# (scripts/install-deps.sh, apt-get), configures, builds and runs. `make fuzz` builds the
# libFuzzer harnesses with clang (preset fuzz) and runs each for FUZZ_SECONDS (docs/fuzzing.md).
PRESET ?= release
BUILD  := build/$(PRESET)
CLI    := $(BUILD)/bin/qtrader
FUZZ_SECONDS ?= 60
FUZZERS ?=

.PHONY: all deps configure build test demo bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	@cmake --preset $(PRESET) >/dev/null

configure: deps $(BUILD)/build.ninja

build: configure
	@cmake --build --preset $(PRESET)

test: build
	@ctest --preset $(PRESET)

demo: build
	@$(CLI) demo

bench: build
	@for b in $(BUILD)/bin/bench_*; do $$b --benchmark_min_time=0.2; done

# One harness at a time, one core; fails if any crashes. FUZZERS="csv yahoo" runs only those;
# JOBS=1 builds on one core.
fuzz:
	@bash scripts/install-deps.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz $(if $(JOBS),-j $(JOBS))
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZERS)

clean:
	rm -rf build
