#!/bin/sh
# dask_recipe.sh (`make dask-test`, and a suite of `make check`): run the README's Dask
# distributed recipe, tests/dask_recipe.py, with a 120 s timeout, where a Python with the
# `distributed` package is found; otherwise say so in one line and pass.
# SPDX-License-Identifier: MIT
#
# Environment: BUILD (default build), PYTHON (default python3).  Debian's
# python3-distributed installs for /usr/bin/python3, which a python3 earlier on PATH
# (pyenv, a venv) does not see, so /usr/bin/python3 is tried after $PYTHON and python3.

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
export BUILD

py=
for p in "${PYTHON:-python3}" python3 /usr/bin/python3; do
    if "$p" -c 'import distributed' >/dev/null 2>&1; then
        py=$p
        break
    fi
done
if [ -z "$py" ]; then
    echo "dask_recipe: python3 distributed not installed, skipped"
    exit 0
fi
[ -x "$BUILD/mojiclean" ] || { echo "dask_recipe: $BUILD/mojiclean not built" >&2; exit 1; }

limit=120
# timeout signals the whole process group it starts, so the scheduler and worker
# processes the script started end with it.
timeout -k 10 "$limit" "$py" tests/dask_recipe.py --mojiclean "$BUILD/mojiclean"
status=$?
[ "$status" -ne 124 ] || echo "dask_recipe: FAILED: timed out after $limit s"
exit "$status"
