"""The house has floors: a module imports only from its own floor or below, and no two parts of
the house import each other (docs/architecture.md draws the same picture).

Every `import driftwatch…` counts, lazy ones inside functions included: a lazy import is still a
dependency, only a later one.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import driftwatch

PACKAGE = Path(driftwatch.__file__).parent

FLOORS: dict[str, int] = {
    # 0: the words everyone shares, and helpers that know nothing else
    "model": 0,
    "errors": 0,
    "visible": 0,
    "redact": 0,
    "jsonout": 0,
    "logs": 0,
    "replica": 0,
    "rules": 0,
    "files": 0,
    "chain": 0,  # the audit log's hash chain: entries, canonical bytes, the walk (pure)
    "routing": 0,  # routes and receivers: configuration and pure decisions, read by settings
    "telemetry": 0,  # traces when OTEL_* asks for them: spans, trace context (no SDK import)
    "otlp": 0,  # the OpenTelemetry SDK wired (imported by telemetry only when traces are on)
    "heap": 0,  # the process's long-lived heap set aside from the cyclic garbage collector
    "netconf": 0,  # proxies, trusted CAs and the SSRF guard's address classes (pure but for the CA files)
    "budgets": 0,  # how much of one string is read (the detectors' budget, shared with names)
    "normalize": 0,  # the form the detectors read text in (folded), shared with names
    "semantic_switch": 0,  # whether this process reads with the semantic layer (asked without the detectors)
    # 1: what the operator wrote and what a server sent, parsed
    "settings": 1,
    "registry": 1,
    "manifest": 1,
    # 2: pure engines over manifests
    "detect": 2,
    "diff": 2,
    "names": 2,  # the words of names and texts: which tools a manifest could name (no detector)
    "lockfile": 2,
    # 3: the outside world: the database, the MCP servers
    "store": 3,
    "collect": 3,
    "discover": 3,  # reads other programs' config files and the Kubernetes API; uses the registry
    # 4: domain services over the store and the engines
    "drift": 4,
    "windows": 4,
    "alerts": 4,
    "auth": 4,
    "report": 4,
    "metrics": 4,
    "audit": 4,  # verifying and exporting the audit log; the configuration it records
    "evidence": 4,  # the review pack: reads the store, the audit log and the alerts' openers
    "enforce": 4,  # approvals as the managed configuration each MCP client or gateway reads (pure)
    # 5: application services: one command or loop each
    "notify": 5,
    "monitor": 6,
    "approval": 6,
    "login": 6,
    "importer": 6,
    "daemon": 7,
    # 8: the command line
    "console": 8,
    "cli": 9,
    "__main__": 9,  # `python -m driftwatch`: the command line again
}


def part(module: str) -> str:
    """`driftwatch.alerts.triggers` -> `alerts`: the top-level package or module it belongs to."""
    return module.split(".")[1]


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts)
        yield name.removesuffix(".__init__"), path


def imports(path: Path, name: str) -> set[str]:
    """The driftwatch modules `path` imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("driftwatch")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = name.split(".")[: -node.level] if path.name != "__init__.py" else name.split(".")
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "driftwatch" or target.startswith("driftwatch."):
                found.add(target)
                found |= {f"{target}.{alias.name}" for alias in node.names}
    return {module for module in found if module.count(".") >= 1 and _is_part(part(module))}


def _is_part(name: str) -> bool:
    """A module or package of driftwatch (not a name like `__version__` imported from the package)."""
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


@functools.cache  # (parsed once for every test: one parse of the package is seconds, and the tests are many)
def dependencies() -> Mapping[str, frozenset[str]]:
    """Each part -> the other parts it imports (read only: every test shares it)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules():
        if name == "driftwatch":
            continue
        mine = part(name)
        graph.setdefault(mine, set()).update(part(m) for m in imports(path, name) if part(m) != mine)
    return {name: frozenset(parts) for name, parts in graph.items()}


def test_every_part_has_a_floor() -> None:
    graph = dependencies()
    assert set(graph) - set(FLOORS) == set(), "add the new part to FLOORS and docs/architecture.md"
    assert {"approval", "drift", "notify"} <= graph["cli"] | graph["approval"]  # the walk sees imports


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_part_imports_from_above(name: str) -> None:
    upward = {other for other in dependencies().get(name, frozenset()) if FLOORS[other] > FLOORS[name]}
    assert upward == set(), f"{name} (floor {FLOORS[name]}) imports from above: {sorted(upward)}"


def test_parts_form_no_cycle() -> None:
    graph = dependencies()
    done: set[str] = set()

    def visit(node: str, trail: tuple[str, ...]) -> None:
        assert node not in trail, f"import cycle: {' -> '.join((*trail, node))}"
        if node in done:
            return
        for other in sorted(graph.get(node, ())):
            visit(other, (*trail, node))
        done.add(node)

    for start in sorted(graph):
        visit(start, ())


def test_only_the_store_and_the_outbox_claim_run_sql() -> None:
    """SQL lives in store/; the one exception is the outbox's conditional claim (alerts/outbox.py,
    which says why: the claim, the send and the outcome are one protocol, read together)."""
    runs_sql = {
        name
        for name, path in modules()
        if "from sqlalchemy import" in path.read_text(encoding="utf-8") and part(name) != "store"
    }
    assert runs_sql == {"driftwatch.alerts.outbox"}
