#!/usr/bin/env bash
# Install what is missing, then run every check: ruff (lint + format), mypy, the import-linter
# contracts and the whole pytest suite offscreen. Ends with pytest's summary line.
set -uo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev || exit $?
export QT_QPA_PLATFORM=offscreen
fail=0
echo "== ruff check"; .venv/bin/ruff check . || fail=1
echo "== ruff format --check"; .venv/bin/ruff format --check . || fail=1
echo "== mypy"; .venv/bin/mypy || fail=1
echo "== import-linter"; .venv/bin/lint-imports || fail=1
echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
[ $rc = 5 ] && rc=1   # no tests collected is a failure
[ $fail = 0 ] || { echo "static checks failed (see above)"; [ $rc = 0 ] && rc=1; }
exit $rc
