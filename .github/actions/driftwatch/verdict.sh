#!/usr/bin/env bash
# The Action's last step (action.yml): after the upload, fail the job with the worst exit code of
# the run step (DW_EXIT_CODE) when DW_FAIL is true. docs/ci.md says what each code means.
set -euo pipefail
code="${DW_EXIT_CODE:-2}"
case "$code" in 0 | 1 | 2 | 3) ;; *) code=2 ;; esac
if [ "$code" != 0 ] && [ "${DW_FAIL:-true}" = "true" ]; then
    echo "::error::driftwatch failed (exit $code: 1 drift or findings, 2 usage or configuration error, 3 servers not scanned)" >&2
    exit "$code"
fi
