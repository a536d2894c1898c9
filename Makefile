# ivrc build. `make` builds ./ivrc; `make test` installs what is missing,
# builds, runs the suite, then runs it again under ASan+UBSan.

CC       ?= cc
PKGS     := yaml-0.1 libcjson libcurl
RE2C     ?= re2c
BUILD    ?= build
SAN      ?=
OPT      ?= -O2
PREFIX   ?= /usr/local

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
comma     := ,
SANFLAGS   = $(if $(SAN),-fsanitize=address$(comma)undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
CFLAGS_ALL = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $(OPT) -g \
             -MMD -MP -I. -I$(BUILD)/gen $(SANFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

# Everything but main.c goes into a library that the unit tests link too.
LIB_SRC  := $(filter-out compiler/main.c,$(sort $(wildcard compiler/*.c grammar/*.c backends/*.c lint/*.c lint/rules/*.c)))
RE_SRC   := $(sort $(wildcard grammar/*.re))
GEN_SRC  := $(RE_SRC:grammar/%.re=$(BUILD)/gen/%.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/gen/%.c=$(BUILD)/obj/gen/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all units deps demo test clean install update-golden
.SUFFIXES:

all: ivrc

ivrc: $(BUILD)/ivrc
	cp $< $@

$(BUILD)/ivrc: $(BUILD)/obj/compiler/main.o $(BUILD)/libivrc.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libivrc.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/gen/%.c: grammar/%.re
	@mkdir -p $(dir $@)
	$(RE2C) -W -Werror --no-generation-date --no-version -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Igrammar -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libivrc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $(filter %.c %.a,$^) $(PKG_LIBS)

units: $(UNIT_BIN)

# Installs the Debian packages that are missing (root on Debian 12).
deps:
	@scripts/deps.sh

demo: deps
	@$(MAKE) -s all
	./ivrc check examples/acme.ivr.yaml
	./ivrc build --target smartflo examples/acme.ivr.yaml

# The suite: plain build, then ASan+UBSan build; one closing line of counts.
test: deps
	@$(MAKE) -s all units
	@$(MAKE) -s BUILD=build/san SAN=1 OPT=-O1 build/san/ivrc units
	@tests/run.sh build build/san

update-golden: all
	@UPDATE_GOLDEN=1 tests/golden.sh build/ivrc

install: all
	install -Dm755 ivrc $(DESTDIR)$(PREFIX)/bin/ivrc

clean:
	rm -rf build ivrc

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
