#!/usr/bin/env bash
# The Action's run step (action.yml): each mode's command writes SARIF, and the runs are merged
# into one file whatever the commands' exit codes, so that the upload step has something to show
# even (above all) when a check fails. Inputs arrive in the environment (never in the script's
# text); lists are one item per line, so a path may hold spaces.
#   DW_MODE       check, scan and/or discover (separated by spaces, commas or lines)
#   DW_LOCK_FILE  the lock file (scan --baseline-file, and what check reads)
#   DW_MANIFESTS  more manifest files for check
#   DW_PATHS      what discover searches (default: the repository, .)
#   DW_CONFIG     driftwatch's config file (DRIFTWATCH_CONFIG); DW_REGISTRY: its registry
#   DW_FAIL_ON    scan and check: the severity that fails (high; `any`: anything)
#   DW_SARIF_FILE where the merged SARIF goes
#   DW_PYTHON_BIN the Python of driftwatch's environment (merges the runs)
# Writes `exit-code` (the worst: 2 usage, 1 findings, 3 unscanned, 0 clean) and `sarif-file` to
# GITHUB_OUTPUT, and exits 0 once the SARIF is written: the verdict step fails the job.
set -uo pipefail

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
lock="${DW_LOCK_FILE:-driftwatch.lock}"
fail_on="${DW_FAIL_ON:-high}"
sarif="${DW_SARIF_FILE:-driftwatch.sarif}"
python="${DW_PYTHON_BIN:-python3}"
[ -n "${DW_CONFIG:-}" ] && export DRIFTWATCH_CONFIG="$DW_CONFIG"
[ -n "${DW_REGISTRY:-}" ] && export DRIFTWATCH_REGISTRY="$DW_REGISTRY"

items() {  # the non-empty lines of $1, trimmed, one per line (bash 3.2 has no namerefs)
    local line
    while IFS= read -r line; do
        line="${line#"${line%%[![:space:]]*}"}"
        line="${line%"${line##*[![:space:]]}"}"
        if [ -n "$line" ]; then printf '%s\n' "$line"; fi
    done <<<"$1"
}

modes=()
set -f  # the modes are split on spaces and commas, never globbed
for mode in $(items "${DW_MODE:-check scan}" | tr ',' ' '); do
    case "$mode" in
        check | scan | discover) modes+=("$mode") ;;
        *) echo "::error::driftwatch: unknown mode (one of: check, scan, discover)" >&2; exit 2 ;;
    esac
done
set +f
paths=()
while IFS= read -r item; do paths+=("$item"); done < <(items "${DW_PATHS:-.}")
manifests=()
while IFS= read -r item; do manifests+=("$item"); done < <(items "${DW_MANIFESTS:-}")

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
worst=0
rank() { case "$1" in 0) echo 0 ;; 3) echo 1 ;; 1) echo 2 ;; *) echo 3 ;; esac; }

for mode in ${modes[@]+"${modes[@]}"}; do
    case "$mode" in
        check) command=(driftwatch check --format sarif --fail-on "$fail_on" -- "$lock" ${manifests[@]+"${manifests[@]}"}) ;;
        scan) command=(driftwatch scan --format sarif --fail-on "$fail_on" --baseline-file "$lock") ;;
        discover) command=(driftwatch discover --no-home --format sarif -- ${paths[@]+"${paths[@]}"}) ;;
    esac
    echo "::group::driftwatch $mode"
    "${command[@]}" >"$work/$mode.sarif"
    code=$?
    echo "driftwatch $mode: exit $code"
    echo "::endgroup::"
    if [ "$(rank "$code")" -gt "$(rank "$worst")" ]; then
        worst=$code
    fi
    if [ "$code" -eq 2 ] || [ ! -s "$work/$mode.sarif" ]; then
        rm -f -- "$work/$mode.sarif"  # a usage error wrote no SARIF; its line is on stderr above
    fi
done

"$python" "$here/merge_sarif.py" "$sarif" "$work"/*.sarif || worst=2
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf 'exit-code=%s\nsarif-file=%s\n' "$worst" "$sarif" >>"$GITHUB_OUTPUT"
fi
echo "driftwatch: SARIF in $sarif; exit code $worst"
