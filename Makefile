# Makefile for libmojiclean and the mojiclean filter.
# SPDX-License-Identifier: MIT

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
PKG_CONFIG ?= pkg-config
PYTHON     ?= python3
INSTALL    ?= install

CFLAGS ?= -O2 -g
WARN    = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BUILD  ?= build

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
ICONV_LIBS ?=

ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -fvisibility=hidden -fPIC -Iinclude -Isrc \
             $(DEPS_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_CFLAGS)
LIBS = $(DEPS_LIBS) $(ICONV_LIBS)

VERSION := $(shell sed -n 's/^\#define MOJICLEAN_VERSION_STRING "\(.*\)"/\1/p' include/mojiclean.h)
SOMAJOR := $(shell sed -n 's/^\#define MOJICLEAN_VERSION_MAJOR \([0-9]*\)/\1/p' include/mojiclean.h)
SONAME  = libmojiclean.so.$(SOMAJOR)

LIB_SRC = src/util.c src/stream.c src/fix.c src/entities.c src/boilerplate.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TESTS   = test_fix test_stream test_boilerplate
TEST_BIN = $(TESTS:%=$(BUILD)/tests/%)

.PHONY: FORCE all check asan valgrind bench dask-test tables check-tables demo deps install uninstall clean format

all: $(BUILD)/mojiclean $(BUILD)/libmojiclean.a $(BUILD)/libmojiclean.so

# The compiler and flags of the last build in $(BUILD), rewritten only when they change, so that
# `make CFLAGS=-DSWITCH=0` after a plain `make` compiles again instead of reporting nothing to do.
BUILD_FLAGS = $(CC) $(ALL_CFLAGS) | $(ALL_LDFLAGS) $(LIBS) $(PROG_LIBS)
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(subst ','\'',$(BUILD_FLAGS))' > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
FORCE:

$(BUILD)/obj/%.o: src/%.c src/internal.h include/mojiclean.h $(wildcard src/*.inc) $(wildcard src/*/*.h) $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libmojiclean.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libmojiclean.so: $(LIB_OBJ) $(BUILD)/flags
	$(CC) -shared -Wl,-soname,$(SONAME) $(ALL_LDFLAGS) -o $@ $(LIB_OBJ) $(LIBS)

# The program: src/main.c plus whatever mk/program.mk adds (PROG_SRC, PROG_LIBS).
PROG_SRC = src/main.c
PROG_LIBS =
-include mk/program.mk
PROG_OBJ = $(PROG_SRC:src/%.c=$(BUILD)/obj/%.o)

$(BUILD)/mojiclean: $(PROG_OBJ) $(BUILD)/libmojiclean.a $(BUILD)/flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(PROG_OBJ) $(BUILD)/libmojiclean.a $(LIBS) $(PROG_LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libmojiclean.a $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(BUILD)/libmojiclean.a $(ALL_LDFLAGS) $(LIBS) $(CMOCKA_LIBS)

# The README's test command.  tests/run.sh runs every suite and prints one summary line.
check: deps all $(TEST_BIN)
	BUILD=$(BUILD) PYTHON=$(PYTHON) sh tests/run.sh

# The same suite with AddressSanitizer and UndefinedBehaviorSanitizer, in its own build dir.
asan:
	$(MAKE) BUILD=build/asan EXTRA_CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" check

valgrind: all $(TEST_BIN)
	BUILD=$(BUILD) sh tests/valgrind.sh

bench: all
	BUILD=$(BUILD) PYTHON=$(PYTHON) sh bench/run.sh

# The README's Dask recipe (tests/dask_recipe.py); skips where distributed is not installed.
dask-test: all
	BUILD=$(BUILD) PYTHON=$(PYTHON) sh tests/dask_recipe.sh

# Regenerate the checked-in tables; check-tables fails when they and their generators differ.
tables:
	$(PYTHON) tools/gen_codepages.py -o src/codepages.inc
	$(PYTHON) tools/gen_entities.py -o src/entities.inc
	$(PYTHON) tools/gen_bp_tables.py -o src/bp_tables.inc
	$(PYTHON) tools/gen_words.py -o src/words.inc
	$(PYTHON) tools/gen_thai.py -o src/thai.inc
	$(PYTHON) tools/gen_thai_words.py -o src/thai_words.inc
	$(PYTHON) tools/gen_thai_abbr.py -o src/thai_abbr.inc
	$(PYTHON) tools/gen_wide.py -o src/wide.inc
	$(PYTHON) tools/gen_lang.py -o src/lang.inc
	$(PYTHON) tools/gen_lang3.py -o src/lang3.inc
	$(PYTHON) tools/gen_quotes.py -o src/quotes.inc
	$(PYTHON) tools/gen_emoji.py -o src/emoji.inc
	$(PYTHON) tools/gen_digits.py -o src/digits.inc

check-tables:
	$(PYTHON) tools/gen_codepages.py --check src/codepages.inc
	$(PYTHON) tools/gen_entities.py --check src/entities.inc
	$(PYTHON) tools/gen_bp_tables.py --check src/bp_tables.inc
	$(PYTHON) tools/gen_words.py --check src/words.inc
	$(PYTHON) tools/gen_thai.py --check src/thai.inc
	$(PYTHON) tools/gen_thai_words.py --check src/thai_words.inc
	$(PYTHON) tools/gen_thai_abbr.py --check src/thai_abbr.inc
	$(PYTHON) tools/gen_wide.py --check src/wide.inc
	$(PYTHON) tools/gen_lang.py --check src/lang.inc
	$(PYTHON) tools/gen_lang3.py --check src/lang3.inc
	$(PYTHON) tools/gen_quotes.py --check src/quotes.inc
	$(PYTHON) tools/gen_emoji.py --check src/emoji.inc
	$(PYTHON) tools/gen_digits.py --check src/digits.inc

# The README's demo command: clean the bundled sample article.
demo: deps $(BUILD)/mojiclean
	$(BUILD)/mojiclean fixtures/sample/article.txt

# Install missing build dependencies (apt-get as root, else print the command).
deps:
	@sh tools/deps.sh

mojiclean.pc: mojiclean.pc.in include/mojiclean.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@

install: all mojiclean.pc
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 755 $(BUILD)/mojiclean $(DESTDIR)$(BINDIR)/mojiclean
	$(INSTALL) -m 644 $(BUILD)/libmojiclean.a $(DESTDIR)$(LIBDIR)/libmojiclean.a
	$(INSTALL) -m 755 $(BUILD)/libmojiclean.so $(DESTDIR)$(LIBDIR)/libmojiclean.so.$(VERSION)
	ln -sf libmojiclean.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libmojiclean.so
	$(INSTALL) -m 644 include/mojiclean.h $(DESTDIR)$(INCLUDEDIR)/mojiclean.h
	$(INSTALL) -m 644 mojiclean.pc $(DESTDIR)$(PKGCONFIGDIR)/mojiclean.pc
	$(INSTALL) -m 644 man/mojiclean.1 $(DESTDIR)$(MANDIR)/man1/mojiclean.1
	$(INSTALL) -m 644 man/mojiclean.3 $(DESTDIR)$(MANDIR)/man3/mojiclean.3

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mojiclean $(DESTDIR)$(LIBDIR)/libmojiclean.a \
	    $(DESTDIR)$(LIBDIR)/libmojiclean.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libmojiclean.so $(DESTDIR)$(INCLUDEDIR)/mojiclean.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/mojiclean.pc $(DESTDIR)$(MANDIR)/man1/mojiclean.1 \
	    $(DESTDIR)$(MANDIR)/man3/mojiclean.3

# Fuzzing targets and their rules (tests/fuzz/fuzz.mk).
-include tests/fuzz/fuzz.mk

format:
	clang-format -i src/*.c src/*.h include/*.h tests/*.c

clean:
	rm -rf build mojiclean.pc
