"""A real browser opens the HTML report: the events are there, the injected script is only text.

`--dump-dom` serialises the document after load. Had any injected `<script>` or `<img onerror>`
become an element, it would appear as an element in the dump (whether or not the CSP then
blocked it), and had it run, the title would read `PWNED` or the body carry `data-pwned="1"`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from driftwatch.report import render_report
from tests.report import hostile

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(
        render_report(
            hostile.histories(), since=hostile.SINCE, generated_at=hostile.GENERATED_AT, fmt="html"
        ),
        encoding="utf-8",
    )
    return path


def run_chromium(chromium: Path, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    done = subprocess.run(
        [str(chromium), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_browser_shows_events_and_runs_nothing(chromium: Path, report_file: Path, tmp_path: Path) -> None:
    dom = run_chromium(chromium, tmp_path, "--dump-dom", report_file.as_uri())

    assert "<title>driftwatch report</title>" in dom
    assert "PWNED</title>" not in dom
    assert 'data-pwned="1"' not in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"&gt;" in dom
    for shown in ("github", "search", hostile.APPROVER, hostile.CLOSER, hostile.TICKET):
        assert shown in dom
    for severity in ("critical", "high", "medium", "low"):
        assert f'<span class="sev sev-{severity}">{severity}</span>' in dom
    assert "\\x1b[31mRED-ALERT" in dom and hostile.smuggled(dom) == []


def test_screenshot_for_a_human(chromium: Path, report_file: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    run_chromium(
        chromium, tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2000", report_file.as_uri()
    )
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 50_000  # a blank page compresses to a few kilobytes
