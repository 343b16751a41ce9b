# The README's two commands: `make demo` and `make test`. Each installs what is missing
# (scripts/install-deps.sh, apt-get), configures, builds and runs.
PRESET ?= release
BUILD  := build/$(PRESET)
CLI    := $(BUILD)/bin/qtrader

.PHONY: all deps configure build test demo bench clean

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

clean:
	rm -rf build
