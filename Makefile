# ivrc build. `make` builds ./ivrc; `make test` installs what is missing,
# builds, runs the suite, then runs it again under ASan+UBSan.

CC       ?= cc
PKGS     := yaml-0.1 libcjson libcurl
RE2C     ?= re2c
BUILD    ?= build
SAN      ?=
OPT      ?= -O2
PREFIX   ?= /usr/local
MANDIR   ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
# ivrc itself does not link libcurl: plan and push run in ivrc-push
# (cli/push_main.c says why).
CORE_LIBS  = $(shell pkg-config --libs yaml-0.1 libcjson)
comma     := ,
SANFLAGS   = $(if $(SAN),-fsanitize=address$(comma)undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
CFLAGS_ALL = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $(OPT) -g \
             -MMD -MP -I. -I$(BUILD)/gen $(SANFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

# Everything but the two mains goes into a library that the unit tests link too.
LIB_SRC  := $(filter-out cli/main.c cli/push_main.c,$(sort $(wildcard compiler/*.c grammar/*.c \
            lint/*.c lint/rules/*.c targets/*.c targets/*/*.c cli/*.c)))
RE_SRC   := $(sort $(wildcard grammar/*.re))
GEN_SRC  := $(RE_SRC:grammar/%.re=$(BUILD)/gen/%.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
# The lint rules' pages and every code's entry of docs/DIAGNOSTICS.md,
# embedded for `ivrc explain` (scripts/embed_docs.sh).
RULE_DOCS := $(sort $(wildcard docs/rules/IVR*.md))
LIB_OBJ  += $(BUILD)/obj/gen/rule_docs.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all units deps demo test clean install update-golden graph-example
.SUFFIXES:

all: ivrc ivrc-push

ivrc: $(BUILD)/ivrc
	cp $< $@

ivrc-push: $(BUILD)/ivrc-push
	cp $< $@

$(BUILD)/ivrc: $(BUILD)/obj/cli/main.o $(BUILD)/libivrc.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CORE_LIBS)

$(BUILD)/ivrc-push: $(BUILD)/obj/cli/push_main.o $(BUILD)/libivrc.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libivrc.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/gen/%.c: grammar/%.re
	@mkdir -p $(dir $@)
	$(RE2C) -W -Werror --no-generation-date --no-version -o $@ $<

$(BUILD)/gen/rule_docs.c: docs/DIAGNOSTICS.md $(RULE_DOCS) scripts/embed_docs.sh
	@mkdir -p $(dir $@)
	sh scripts/embed_docs.sh docs/DIAGNOSTICS.md $(RULE_DOCS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Igrammar -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libivrc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DIVRC_SRCDIR='"$(CURDIR)"' $(LDFLAGS_ALL) -o $@ $(filter %.c %.a,$^) $(PKG_LIBS)

units: $(UNIT_BIN)

# Installs the Debian packages that are missing (root on Debian 12).
deps:
	@scripts/deps.sh

demo: deps
	@$(MAKE) -s all
	./ivrc check examples/acme.ivr.yaml
	./ivrc build --target smartflo examples/acme.ivr.yaml
	./ivrc check examples/shop
	./ivrc build --target smartflo --env staging examples/shop/shop.ivr.yaml
	./ivrc test examples/hours/clinic.ivr.yaml
	./ivrc build --target infobip examples/hours/clinic.ivr.yaml

# The suite: plain build, then ASan+UBSan build; one closing line of counts.
test: deps
	@$(MAKE) -s all units
	@$(MAKE) -s BUILD=build/san SAN=1 OPT=-O1 build/san/ivrc build/san/ivrc-push units
	@tests/run.sh build build/san

update-golden: all
	@UPDATE_GOLDEN=1 tests/golden.sh build/ivrc

# Benchmarks against libyaml (not part of `make test`): bench/run.py writes
# the tables into docs/PERFORMANCE.md. BENCH_SIZES=1,10 (MB) for a short run.
.PHONY: bench fuzz valgrind
bench:
	@scripts/deps.sh
	@$(MAKE) -s SAN= OPT=-O2 all $(BUILD)/bench/yaml_baseline $(BUILD)/bench/phases \
		$(BUILD)/bench/runstat
	@python3 bench/run.py --ivrc $(BUILD)/ivrc --baseline $(BUILD)/bench/yaml_baseline \
		--phases $(BUILD)/bench/phases --runstat $(BUILD)/bench/runstat --cache $(BUILD)/bench \
		$(if $(BENCH_SIZES),--sizes $(BENCH_SIZES))
	@bench/sim_scaling.sh $(BUILD)/ivrc

$(BUILD)/bench/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $<

$(BUILD)/bench/yaml_baseline: bench/yaml_baseline.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(PKG_LIBS)

$(BUILD)/bench/phases: bench/phases.c $(BUILD)/libivrc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $(filter %.c %.a,$^) $(PKG_LIBS)

# libFuzzer targets (tests/fuzz/fuzz_*.c; not part of `make test`; needs
# clang: `scripts/deps.sh fuzz`). The library is built again in build/fuzz/
# with clang, ASan+UBSan and coverage instrumentation; each target runs
# FUZZ_SECONDS seconds, two at a time (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CC      ?= clang
fuzz:
	@scripts/deps.sh fuzz
	@$(MAKE) -s BUILD=build/fuzz CC=$(FUZZ_CC) SAN=1 OPT=-O1 CFLAGS=-fsanitize=fuzzer-no-link \
		$(FUZZ_TARGETS:%=build/fuzz/fuzzers/%)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) build/fuzz $(FUZZ_TARGETS)

$(BUILD)/fuzzers/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(BUILD)/libivrc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer $(LDFLAGS_ALL) -o $@ $(filter %.c %.a,$^) $(PKG_LIBS)

# The golden cases and unit programs under valgrind (zero errors, zero
# leaks); slow, so not part of `make test` (docs/TESTING.md).
valgrind:
	@scripts/deps.sh valgrind
	@$(MAKE) -s SAN= all units
	@tests/valgrind.sh $(BUILD)

# The call graph of the example, rendered by Graphviz (scripts/deps.sh
# installs it): build/acme.svg, and the Mermaid text beside it.
graph-example: all
	@mkdir -p $(BUILD)
	./ivrc graph examples/acme.ivr.yaml > $(BUILD)/acme.dot
	dot -Tsvg $(BUILD)/acme.dot -o $(BUILD)/acme.svg
	./ivrc graph --format mermaid examples/acme.ivr.yaml > $(BUILD)/acme.mmd
	@echo "wrote $(BUILD)/acme.svg"

# The binary, the man page and the bash and zsh completions; PREFIX and
# DESTDIR as usual (make install DESTDIR=/tmp/x).
install: all
	install -Dm755 ivrc $(DESTDIR)$(PREFIX)/bin/ivrc
	install -Dm755 ivrc-push $(DESTDIR)$(PREFIX)/bin/ivrc-push
	install -Dm644 docs/ivrc.1 $(DESTDIR)$(MANDIR)/man1/ivrc.1
	install -Dm644 completions/ivrc.bash $(DESTDIR)$(BASHCOMPDIR)/ivrc
	install -Dm644 completions/_ivrc $(DESTDIR)$(ZSHCOMPDIR)/_ivrc

clean:
	rm -rf build ivrc ivrc-push

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
