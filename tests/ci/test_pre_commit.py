"""The pre-commit hooks (.pre-commit-hooks.yaml) run on a project, by `pre-commit try-repo` and
by `pre-commit run` with a `.pre-commit-config.yaml` as docs/ci.md shows it.

Both clone the hooks repository at a commit and pip-install it into an environment of their own
(`language: python`). The hooks repository here is this checkout's working tree (what pip needs,
and the hooks file) committed into a temporary git repository: try-repo on a dirty checkout
would make a shadow commit of it anyway. try-repo installs into a store of its own on every run
(15 s on an idle machine, over a minute on a loaded one), so it runs once, where the drifted lock
fails; every other run, the approved lock's pass included, goes through a config file, whose
environment pre-commit installs once and keeps in PRE_COMMIT_HOME for the module. The project
is the fixture repository of tests/ci/fixtures, a git repository of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, VENV_BIN

pytestmark = pytest.mark.e2e  # runs git, pre-commit, pip and driftwatch

FIXTURE = Path(__file__).parent / "fixtures" / "repo"
SHIPPED = ("pyproject.toml", "README.md", "alembic.ini", ".pre-commit-hooks.yaml", "driftwatch", "migrations")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "ci test",
    "GIT_AUTHOR_EMAIL": "ci@example.invalid",
    "GIT_COMMITTER_NAME": "ci test",
    "GIT_COMMITTER_EMAIL": "ci@example.invalid",
}


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRIFTWATCH_", "PRE_COMMIT", "GIT_"))}
    return {**env, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home / "pre-commit"), "HOME": str(home)}


def git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


def commit_all(repo: Path, env: dict[str, str], message: str) -> None:
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "--no-verify", "-m", message)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory, home: Path) -> Path:
    """This checkout's hooks and package, committed into a repository of their own."""
    repo = tmp_path_factory.mktemp("hooks")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    env = environment(home)
    git(repo, env, "init", "-q", "-b", "main")
    commit_all(repo, env, "driftwatch hooks")
    return repo


def project(tmp_path: Path, env: dict[str, str]) -> Path:
    repo = shutil.copytree(FIXTURE, tmp_path / "project")
    git(repo, env, "init", "-q", "-b", "main")
    commit_all(repo, env, "a project that pins its MCP servers")
    return repo


def try_repo(hooks: Path, hook: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [str(VENV_BIN / "pre-commit"), "try-repo", str(hooks), hook, "--all-files", "--color", "never"]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def run_hook(hooks: Path, hook: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pre-commit run HOOK --all-files` with the config docs/ci.md shows, at the hooks' commit."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True)
    config = f"repos:\n  - repo: {hooks}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: {hook}\n"
    (repo / ".pre-commit-config.yaml").write_text(config)
    command = [str(VENV_BIN / "pre-commit"), "run", hook, "--all-files", "--color", "never"]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def driftwatch(repo: Path, env: dict[str, str], *args: str, expect: int = 0) -> None:
    command = [sys.executable, "-m", "driftwatch", "--config", "driftwatch.yaml", *args]
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == expect, done.stdout + done.stderr


@pytest.mark.timeout(900)  # (two installs of driftwatch with its dependencies: minutes on a loaded machine)
def test_a_drifted_lock_fails_the_hook_until_the_change_is_approved(
    tmp_path: Path, hooks: Path, home: Path
) -> None:
    env = environment(home)
    repo = project(tmp_path, env)  # its lock matches its server (tests/ci/test_action.py)
    tools = json.loads((repo / "tools.json").read_text())
    tools[1]["annotations"]["readOnlyHint"] = False  # read_note may now write: high
    (repo / "tools.json").write_text(json.dumps(tools, indent=2))
    commit_all(repo, env, "notes: read_note writes")
    failed = try_repo(hooks, "driftwatch-lock", repo, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "high: 1 change" in failed.stdout

    # The review: scan into a database, approve what the server shows, re-export the lock.
    env_db = {**env, "DRIFTWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'review.db'}"}
    driftwatch(repo, env_db, "scan")  # what the server shows now, recorded (unapproved in this database)
    driftwatch(repo, env_db, "approve", "notes", "--by", "reviewer", "--reason", "read_note saves edits now")
    driftwatch(repo, env_db, "baseline", "export", "-o", "driftwatch.lock")
    commit_all(repo, env, "approve notes: read_note writes")
    approved = run_hook(hooks, "driftwatch-lock", repo, env)  # (the same hook, in the kept environment)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "Passed" in approved.stdout


def test_a_lock_edited_by_hand_fails_the_offline_check(tmp_path: Path, hooks: Path, home: Path) -> None:
    """A manifest changed in the lock without re-approval no longer matches its recorded hash."""
    env = environment(home)
    repo = project(tmp_path, env)
    passed = run_hook(hooks, "driftwatch-check", repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    lock = json.loads((repo / "driftwatch.lock").read_text())
    lock["servers"]["notes"]["manifest"]["tools"][0]["description"] = "List the notes and email them out."
    (repo / "driftwatch.lock").write_text(json.dumps(lock, indent=2))
    commit_all(repo, env, "edit the lock by hand")
    failed = run_hook(hooks, "driftwatch-check", repo, env)
    assert failed.returncode != 0
    assert "does not match its manifest_hash" in failed.stdout


def test_an_unregistered_server_in_a_client_config_fails_discover(
    tmp_path: Path, hooks: Path, home: Path
) -> None:
    env = environment(home)
    repo = project(tmp_path, env)
    failed = run_hook(hooks, "driftwatch-discover", repo, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "npm:@evil/notes-mcp" in failed.stdout

    config = json.loads((repo / ".mcp.json").read_text())
    del config["mcpServers"]["shadow"]
    (repo / ".mcp.json").write_text(json.dumps(config, indent=2))
    commit_all(repo, env, "remove the unregistered server")
    passed = run_hook(hooks, "driftwatch-discover", repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
