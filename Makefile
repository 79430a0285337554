# weft — two commands: `make run` and `make test`.
# Every target first installs missing Debian packages (scripts/bootstrap.sh).

PREFIX ?= /usr/local
SWIFT ?= swift
# Release for people (`make run`, `make install`), debug for tests: CI builds once.
RELEASE_BIN = .build/release/weft
DEBUG_BIN = .build/debug/weft

.PHONY: all run test build build-debug bootstrap unit-tests lua-tests e2e-tests test-servers bench bench-compare install clean \
	fuzz fuzz-short fuzz-quick lua-fuzz fault-tests

all: build

bootstrap:
	@bash scripts/bootstrap.sh

# The release binary links the Swift runtime and Foundation statically: the
# dynamic loader's symbol lookups over 58 shared libraries were half of the
# start-up (docs/performance.md, "Startup and memory"). Foundation's
# networking half, which the MCP SDK imports, links libcurl (its -dev
# package gives the linker libcurl.so). It is linked at a fixed address
# (-no-pie): a position-independent binary of this size carries 131,000
# relative relocations that the loader applies at every start, copying
# about 1 MB of pages on write; without them weft starts about 2 ms (8-11%)
# sooner. The shared libraries, heap and stack are still randomised.
# Every module, the dependencies too, gets concrete type metadata through
# direct accessors instead of mangled names: swift-argument-parser, built
# the default way, demangled its types' names at every start and scanned
# 10,000 conformance records to check their requirements; with direct
# accessors weft starts about 0.9 ms (5%) sooner.
RELEASE_FLAGS = --static-swift-stdlib -Xlinker -no-pie \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
build: bootstrap
	$(SWIFT) build -c release --product weft $(RELEASE_FLAGS)

build-debug: bootstrap
	$(SWIFT) build --build-tests

run: build
	$(RELEASE_BIN) $(ARGS)

test: build-debug test-servers
	@bash scripts/test.sh

unit-tests: build-debug
	$(SWIFT) test --skip-build

e2e-tests: build-debug test-servers
	@bash Tests/EndToEnd/run.sh $(DEBUG_BIN)

# Reliability (docs/reliability.md). `make fuzz` runs every libFuzzer
# target for FUZZ_SECONDS each (a build of its own with address sanitizer
# and coverage counters); `make fuzz-short` runs 20,000 inputs each of the
# same build; `make fuzz-quick` (part of `make test`) runs 20,000 inputs each
# through the debug build's uninstrumented driver, with no build of its own.
FUZZ_SECONDS ?= 300
fuzz: bootstrap
	@bash scripts/fuzz.sh --time $(FUZZ_SECONDS) $(TARGETS)

fuzz-short: bootstrap
	@bash scripts/fuzz.sh --runs 20000 $(TARGETS)

fuzz-quick: build-debug
	@bash scripts/fuzz.sh --quick --runs 20000 $(TARGETS)

# The Lua API fuzzer over LUA_FUZZ_SEEDS seeds (separate processes).
LUA_FUZZ_SEEDS ?= 200
lua-fuzz: build-debug
	@bash scripts/lua-fuzz.sh $(DEBUG_BIN) --seeds $(LUA_FUZZ_SEEDS) --calls 5000

# Fault injection at full strength (30 kill -9 runs; make test runs 5).
fault-tests: build-debug
	@WEFT_FAULT_RUNS=30 bash Tests/EndToEnd/run.sh $(DEBUG_BIN) fault_test

# OpenAI-compatible servers from PyPI for the e2e suite (a venv in .build);
# the tests that need them skip, saying why, when it cannot be built.
test-servers:
	@bash scripts/test-servers.sh >/dev/null || true

bench: build
	@bash scripts/bench.sh

bench-compare: build
	@bash scripts/bench.sh --compare

# Shell completions come from the binary (swift-argument-parser), installed
# where bash-completion, zsh and fish look for them.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/weft
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/weft
	cp -R runtime $(DESTDIR)$(PREFIX)/share/weft/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/weft
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_weft
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/weft.fish

clean:
	$(SWIFT) package clean
