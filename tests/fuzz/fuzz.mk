# fuzz.mk: fuzzing rules, included by the top Makefile (run make from the repo root).
# SPDX-License-Identifier: MIT
#
#   make fuzz-replay   build each target with $(CC) and a plain main() (replay_main.c)
#                      against $(BUILD)/libmojiclean.a, and run it over its corpus,
#                      tests/fuzz/corpus/TARGET/.  tests/fuzz_replay.sh (make check) runs it.
#   make fuzz          build each target with clang -fsanitize=fuzzer,address,undefined,
#                      the library compiled into it, and run it for FUZZ_SECONDS (default
#                      60) seconds.  New coverage goes to $(FUZZ_BUILD)/corpus/TARGET/ (not
#                      checked in); crashing, leaking or slow inputs go straight into
#                      tests/fuzz/corpus/TARGET/, where fuzz-replay finds them.  Exits 1
#                      when any target found something.
#   make fuzz-merge    fold the coverage-increasing inputs of $(FUZZ_BUILD)/corpus/TARGET/
#                      into tests/fuzz/corpus/TARGET/ (libFuzzer -merge=1 keeps only
#                      inputs that add coverage); review the new files before committing.
#
# Knobs: FUZZ_TARGETS, FUZZ_SECONDS, FUZZ_CC (clang), FUZZ_BUILD (build/fuzz-clang),
# FUZZ_MAX_LEN, FUZZ_TIMEOUT (seconds for one input before it counts as a hang),
# FUZZ_FLAGS (more libFuzzer options, e.g. -jobs=2 -workers=2 or -runs=N), FUZZ_DEFS
# (e.g. -DFUZZ_CHECK_IDEMPOTENT=0 with its own FUZZ_BUILD=build/fuzz-noidem, to look past
# a known idempotence failure for other bugs).
#
# A target TARGET is tests/fuzz/fuzz_TARGET.c; sources it needs besides the library go in
# FUZZ_SRC_TARGET (e.g. the CLI's record readers for a future `records` target: add
# `records` to FUZZ_TARGETS and FUZZ_SRC_records = src/cli/records.c, see README.md).

FUZZ_TARGETS ?= oneshot stream records
# The records target links the program's record readers (not src/main.c) and zlib.
FUZZ_SRC_records = src/cli/io.c src/cli/jsonl.c src/cli/warc.c src/cli/run.c src/cli/inplace.c src/cli/walk.c src/cli/explain.c -lz -lpthread
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build/fuzz-clang
FUZZ_MAX_LEN ?= 4096
FUZZ_TIMEOUT ?= 30
FUZZ_FLAGS   ?=
FUZZ_DEFS    ?=
FUZZ_WERROR  ?= -Werror
FUZZ_DIR      = tests/fuzz
FUZZ_SAN      = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = -std=c11 -Wall -Wextra -Wpedantic -D_POSIX_C_SOURCE=200809L -g -O1 \
                -fno-omit-frame-pointer -Iinclude -Isrc $(DEPS_CFLAGS) $(FUZZ_DEFS)

REPLAY_BIN = $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_BIN   = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

# The pattern rules below cannot name FUZZ_SRC_TARGET as prerequisites: say it here, or a
# change to the program's record readers would replay a stale target.
$(BUILD)/fuzz/replay_records $(FUZZ_BUILD)/fuzz_records: $(filter %.c,$(FUZZ_SRC_records)) src/cli/cli.h

.PHONY: fuzz fuzz-replay fuzz-replay-bins fuzz-bins fuzz-merge

fuzz-replay-bins: $(REPLAY_BIN)

$(BUILD)/fuzz/replay_%: $(FUZZ_DIR)/replay_main.c $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz_common.h \
                        $(BUILD)/libmojiclean.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(FUZZ_WERROR) -o $@ $(FUZZ_DIR)/replay_main.c $(FUZZ_DIR)/fuzz_$*.c \
	    $(FUZZ_SRC_$*) $(BUILD)/libmojiclean.a $(ALL_LDFLAGS) $(LIBS)

fuzz-replay: $(REPLAY_BIN)
	@status=0; for t in $(FUZZ_TARGETS); do \
	    $(BUILD)/fuzz/replay_$$t $(FUZZ_DIR)/corpus/$$t || status=1; \
	done; exit $$status

fuzz-bins: $(FUZZ_BIN)

# The library is compiled into each fuzzer (not linked from $(BUILD)) so that it carries
# the coverage instrumentation and the sanitizers.
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz_common.h $(LIB_SRC) src/internal.h \
                      include/mojiclean.h $(wildcard src/*.inc)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_LIBFUZZER=1 $(FUZZ_SAN) -o $@ $(FUZZ_DIR)/fuzz_$*.c $(FUZZ_SRC_$*) \
	    $(LIB_SRC) $(LDFLAGS) $(LIBS)

fuzz: $(FUZZ_BIN)
	@status=0; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_DIR)/corpus/$$t; \
	    echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	    $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
	        -timeout=$(FUZZ_TIMEOUT) -dict=$(FUZZ_DIR)/mojibake.dict -print_final_stats=1 \
	        -artifact_prefix=$(FUZZ_DIR)/corpus/$$t/ $(FUZZ_FLAGS) \
	        $(FUZZ_BUILD)/corpus/$$t $(FUZZ_DIR)/corpus/$$t || status=1; \
	done; exit $$status

fuzz-merge: $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	    $(FUZZ_BUILD)/fuzz_$$t -merge=1 -max_len=$(FUZZ_MAX_LEN) \
	        $(FUZZ_DIR)/corpus/$$t $(FUZZ_BUILD)/corpus/$$t || exit 1; \
	done
