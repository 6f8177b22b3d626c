#!/bin/sh
# deps.sh: make sure the tools and libraries that build and test mojiclean are installed.
# SPDX-License-Identifier: MIT
#
# Quiet when everything is there.  Otherwise, as root, installs the missing Debian packages
# with apt-get; as anyone else, prints the exact command to run and exits 1.

PKG_CONFIG=${PKG_CONFIG:-pkg-config}
missing=

have() { command -v "$1" >/dev/null 2>&1; }
need() { missing="$missing $1"; }

have cc || need gcc
have make || need make
have "$PKG_CONFIG" || need pkg-config
# Without pkg-config we cannot ask for the libraries, so count them missing too.
"$PKG_CONFIG" --exists libutf8proc 2>/dev/null || need libutf8proc-dev
"$PKG_CONFIG" --exists cmocka 2>/dev/null || need libcmocka-dev
have python3 || need python3
have groff || need groff-base
have mandoc || need mandoc

[ -z "$missing" ] && exit 0

# Install the whole set the project uses (zlib for .gz input, valgrind for `make valgrind`),
# not only what was found missing: one apt-get run, and the same set CI installs.
pkgs="gcc make pkg-config libutf8proc-dev libcmocka-dev python3 groff-base mandoc zlib1g-dev valgrind"
echo "deps.sh: missing:$missing" >&2
if [ "$(id -u)" = 0 ]; then
    echo "deps.sh: apt-get install -y $pkgs" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y $pkgs || exit 1
else
    echo "sudo apt-get install -y $pkgs" >&2
    exit 1
fi
