#!/usr/bin/env bash
# The Action's install step (action.yml): driftwatch in a virtual environment of its own, on PATH
# for the steps that follow. Every input arrives in the environment, never in the script's text.
#   DW_INSTALL      a pip requirement ("driftwatch==0.1.0", a URL, a path); empty: the Action's
#                   own checkout (DW_ACTION_PATH), so a workflow runs the release it names in `uses:`
#   DW_ACTION_PATH  the Action's checkout (github.action_path)
#   DW_PYTHON       the interpreter that makes the environment (default python3)
#   DW_VENV         where the environment goes
set -euo pipefail

spec="${DW_INSTALL:-}"
if [ -z "$spec" ]; then
    spec="${DW_ACTION_PATH:?DW_ACTION_PATH is not set}"
fi
venv="${DW_VENV:?DW_VENV is not set}"

"${DW_PYTHON:-python3}" -m venv -- "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -- "$spec"
"$venv/bin/driftwatch" --help >/dev/null  # the console script runs: every package was installed

if [ -n "${GITHUB_PATH:-}" ]; then
    printf '%s\n' "$venv/bin" >>"$GITHUB_PATH"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf 'python=%s\n' "$venv/bin/python" >>"$GITHUB_OUTPUT"
fi
