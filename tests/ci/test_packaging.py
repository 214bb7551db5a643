"""A non-editable install holds every package: the image, the GitHub Action and the pre-commit
hooks all `pip install` the repository, and setuptools ships only the packages pyproject lists."""

from __future__ import annotations

import tomllib

from tests.support import ROOT


def test_pyproject_lists_every_package_of_driftwatch() -> None:
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "driftwatch").rglob("__init__.py")
    }
    assert on_disk - set(setup["packages"]) == set()
