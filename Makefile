# wirealign - build, test, benchmark and install.
# `make demo` and `make check` install missing Debian packages first.

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BUILD ?= build
DATADIR = $(PREFIX)/share/wirealign

PKGS = icu-uc icu-i18n hunspell
# Evaluated lazily so that `make demo` can install the packages first.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

WA_CFLAGS = -std=c11 -Wall -Wextra -pedantic -fvisibility=hidden -DWA_BUILDING \
	-Iinclude -Isrc $(PKG_CFLAGS) -DWA_DATADIR='"$(DATADIR)"'
LIBS = $(PKG_LIBS) -lpthread -lm
# GNU libiconv outside glibc: make ICONV_LIBS=-liconv
ICONV_LIBS ?=

LIB_SRC = $(wildcard src/*.c src/util/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/%.o)

LIB = $(BUILD)/libwirealign.a
BIN = $(BUILD)/wirealign
UNIT = $(BUILD)/unit-tests
BENCH_SRC = $(wildcard tests/bench/*.c)
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: score-split score-check score-holdout all deps test-deps demo check unit e2e bench install uninstall clean header-test

all: $(LIB) $(BIN)

deps:
	@.ci/ensure-deps build

test-deps:
	@.ci/ensure-deps test

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WA_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LIBS) $(ICONV_LIBS)

$(UNIT): $(UNIT_OBJ) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(LIBS) $(ICONV_LIBS) -lcriterion

$(BUILD)/bench/%: tests/bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WA_CFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LIBS) $(ICONV_LIBS)

# Each tests/bench/NAME.c is a program run as: NAME CORPUS_FILE DATA_DIR CORPUS_DIR
# and prints its throughput; tests/bench/run.sh makes the corpus first.
bench: deps
	$(MAKE) all $(BENCH_BIN)
	tests/bench/run.sh $(BUILD)

# The public header compiles alone, as C11 and as C++.
header-test:
	@mkdir -p $(BUILD)
	echo '#include "wirealign.h"' | $(CC) -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -x c -fsyntax-only -

demo: deps
	$(MAKE) all
	$(BIN) report -o $(BUILD)/report.html samples/*.txt

unit: $(UNIT)
	$(UNIT) --jobs 2

e2e: $(BIN)
	tests/e2e/run.sh $(BIN)
	tests/e2e/split-cases.sh $(BIN)

check: test-deps
	$(MAKE) all $(UNIT)
	$(MAKE) header-test
	$(MAKE) unit
	$(MAKE) e2e

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/wirealign $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/wirealign
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libwirealign.a
	install -m 644 include/wirealign.h $(DESTDIR)$(PREFIX)/include/wirealign.h
	install -m 644 include/wirealign/*.h $(DESTDIR)$(PREFIX)/include/wirealign/
	cp -R dictionaries/. $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/wirealign $(DESTDIR)$(PREFIX)/lib/libwirealign.a
	rm -f $(DESTDIR)$(PREFIX)/include/wirealign.h
	rm -rf $(DESTDIR)$(PREFIX)/include/wirealign $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

# Precision/recall of `check` on the annotated French cases.
$(BUILD)/tools/score_check: tests/tools/score_check.c tests/unit/check_eval.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WA_CFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LIBS) $(ICONV_LIBS)

# Share of sentence-splitting cases split exactly right, per language.
score-split: $(BIN)
	tests/e2e/split-cases.sh $(BIN) --score

score-check: $(BUILD)/tools/score_check
	$(BUILD)/tools/score_check tests/cases/check-fr.txt dictionaries

# Figures on the held-out material of tests/cases/holdout/ (written by an
# independent evaluator; not part of `make check`, never fails).
# HOLDOUT_VERBOSE=1 also lists every failing case, miss and false alarm.
score-holdout: $(BIN) $(BUILD)/tools/score_check
	-@for l in fr en; do tests/tools/score-split-cases.sh $(BIN) tests/cases/holdout/split-$$l.txt $$l $(if $(HOLDOUT_VERBOSE),,-q); done
	-@$(BUILD)/tools/score_check tests/cases/holdout/check-fr.txt dictionaries | $(if $(HOLDOUT_VERBOSE),cat,grep '^check-fr')
