# mk/program.mk: the program's own sources (src/cli/) and libraries, included by the
# Makefile.  zlib reads and writes .gz; the -j workers are POSIX threads.
# SPDX-License-Identifier: MIT
PROG_SRC += src/cli/io.c src/cli/walk.c src/cli/inplace.c src/cli/run.c src/cli/jsonl.c \
            src/cli/warc.c src/cli/explain.c
PROG_LIBS += -lz -lpthread
