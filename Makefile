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

.PHONY: score-split score-check score-holdout all deps test-deps demo check unit e2e bench install uninstall clean header-test \
	fuzz-replay badinput asan leakcheck fuzz

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
	$(BIN) report -o $(BUILD)/report.html --aliases-out $(BUILD)/aliases.tsv samples/*.txt

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
	$(MAKE) fuzz-replay
	$(MAKE) badinput

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
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

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
score-holdout: $(BIN) $(BUILD)/tools/score_check $(BUILD)/unit-tests
	-@for f in split-fr split-en split-fr-2 split-en-2; do l=$${f#split-}; l=$${l%-2}; \
	  tests/tools/score-split-cases.sh $(BIN) tests/cases/holdout/$$f.txt $$l $(if $(HOLDOUT_VERBOSE),,-q); done
	-@for f in check-fr check-fr-2 check-fr-3; do echo "tests/cases/holdout/$$f.txt:"; \
	  $(BUILD)/tools/score_check tests/cases/holdout/$$f.txt dictionaries | $(if $(HOLDOUT_VERBOSE),cat,grep '^check-fr'); done
	-@echo "tests/cases/holdout/match-pairs-2.tsv:"; $(BIN) match --evaluate tests/cases/holdout/match-pairs-2.tsv | $(if $(HOLDOUT_VERBOSE),cat,tail -1)
	-@echo "tests/cases/holdout/names-docs-2:"; WA_NAMES_DOCS=tests/cases/holdout/names-docs-2 $(BUILD)/unit-tests \
	  --filter 'names/bcubed_on_gold_documents' 2>&1 | $(if $(HOLDOUT_VERBOSE),cat,grep '^names B-cubed')

# --- Robustness (README "Robustness"): fuzz replay, bad inputs, sanitizers,
# leak check, libFuzzer.  Each tests/fuzz/NAME.c (but driver.c) is a fuzz
# target; tests/fuzz/corpus/NAME/ is its seed corpus.
FUZZ_SRC = $(filter-out tests/fuzz/driver.c,$(wildcard tests/fuzz/*.c))
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# Sanitizer run-time options, kept here only; exported to every test program.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_FLAGS ?=
# Per-input time limit (s): a hang, not a slow machine (the box is shared).
FUZZ_TIMEOUT ?= 120
BADINPUT_TIMEOUT ?= 120

$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/driver.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(ICONV_LIBS)

# Replays every seed corpus through its target without libFuzzer.
.SECONDARY: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/%.o) $(BUILD)/tests/fuzz/driver.o

fuzz-replay: $(FUZZ_REPLAY)
	@for t in $(FUZZ_NAMES); do $(BUILD)/fuzz/$$t tests/fuzz/corpus/$$t || exit 1; done

# The bad-input table (tests/badinput/table) end to end on the CLI.
badinput: $(BIN)
	BADINPUT_TIMEOUT=$(BADINPUT_TIMEOUT) BADINPUT_FIXTURES=$(CURDIR)/build/badinput-fixtures \
		tests/badinput/run.sh $(BIN)

# The whole suite built with ASan + UBSan in $(ASAN_BUILD)/; zero reports.
asan: test-deps
	$(MAKE) BUILD=$(ASAN_BUILD) CC=clang CFLAGS="-O1 -g $(SAN_FLAGS)" \
		LDFLAGS="$(SAN_FLAGS)" all $(ASAN_BUILD)/unit-tests
	$(SAN_ENV) $(MAKE) BUILD=$(ASAN_BUILD) CC=clang CFLAGS="-O1 -g $(SAN_FLAGS)" \
		LDFLAGS="$(SAN_FLAGS)" BADINPUT_TIMEOUT=600 unit e2e fuzz-replay badinput

# The CLI's end-to-end tests (golden cases and the bad-input table) under
# valgrind; suppressions in tests/valgrind.supp.
leakcheck: test-deps all
	tests/leakcheck.sh $(BIN)

# libFuzzer: each target in FUZZ_TARGETS for FUZZ_SECONDS, one at a time,
# in one process (no -jobs: the machine is shared).  New inputs go to $(FUZZ_BUILD)/corpus/NAME (seeded from the
# committed corpus), crashes to $(FUZZ_BUILD)/artifacts/NAME/.
fuzz: test-deps
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" $(FUZZ_BUILD)/libwirealign.a
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/artifacts/$$t; \
		clang $(WA_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
			-fno-sanitize-recover=all -o $(FUZZ_BUILD)/fuzz-$$t tests/fuzz/$$t.c \
			$(FUZZ_BUILD)/libwirealign.a $(LIBS) $(ICONV_LIBS); \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		$(SAN_ENV) $(FUZZ_BUILD)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=4096 -timeout=$(FUZZ_TIMEOUT) -max_len=65536 \
			-artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t/ $(FUZZ_FLAGS) \
			$(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t; \
	done

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(wildcard $(BUILD)/tests/fuzz/*.d)
