"""The stdio server processes of one scan cycle: started early, stopped in the background.

A stdio server takes most of a scan's time just to boot (node or Python loading its own
packages), and driftwatch takes about as long to load its own (the mcp SDK, SQLAlchemy, the
detectors). Those two waits need not add up, and the wait for a server to exit after its lists
are read need not be paid by the scan at all. So this module, which imports nothing but the
standard library, anyio and the registry, owns every stdio process of a cycle (`ServerProcesses`):

1. `start_early` starts the first servers of a scan (as many as the cycle scans at once) before
   the caller imports the rest of driftwatch; the collector later `take`s each one instead of
   starting it, or starts a server itself when none was started early for it;
2. every start has the same hardening: only the env the registry declares plus PATH and HOME, the
   declared cwd, a new session (its own process group), and on Linux the reaper shim
   (collect/reaper.py), which kills every descendant when the server exits or driftwatch dies;
3. `release` stops a server whose lists are read in the background: stdin is closed at once, the
   server gets its grace period to exit, then its process group is SIGTERMed and SIGKILLed; the
   scan goes on meanwhile;
4. leaving the `async with` stops what was started early and never taken, ends the grace of every
   server still in it (the cycle has nothing left to do: waiting out a server's own exit would
   only delay driftwatch's), and waits for every stop: when a cycle ends, none of its server
   processes is left, and the reaper shim covers a driftwatch killed outright.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import anyio
from anyio.abc import Process, TaskGroup

from driftwatch.errors import CollectError, DriftwatchError, ErrorClass

if TYPE_CHECKING:
    from driftwatch.registry import ServerSpec

INHERITED_ENV = ("PATH", "HOME")
"""The only variables of our own environment a server gets, beyond what its entry declares."""

TERM_GRACE_SECONDS = 1.0
"""After SIGTERM to the group, how long before SIGKILL."""

REAPER = Path(__file__).with_name("reaper.py")

LaunchKey = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...], str | None]
"""What a process was started with (command, args, env, cwd): a process started early is handed
only to a scan that would have started exactly the same one."""


def launcher(executable: str, args: tuple[str, ...]) -> list[str]:
    """The argv that starts a server: beneath the reaper shim where the kernel supports it."""
    if not sys.platform.startswith("linux"):
        return [executable, *args]
    return [sys.executable, "-I", "-S", str(REAPER), "--parent", str(os.getpid()), "--", executable, *args]


def server_environment(declared: dict[str, str]) -> dict[str, str]:
    env = {key: os.environ[key] for key in INHERITED_ENV if key in os.environ}
    env.update(declared)
    return env


def find_command(command: str, env: dict[str, str], cwd: str | None) -> str:
    """The executable to run, searched on the server's PATH; a clear error when absent."""
    if os.sep in command:
        path = Path(cwd or ".", command) if not os.path.isabs(command) else Path(command)
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise CollectError(ErrorClass.CONFIG, f"command {command} is not an executable file")
    # Then beside our own interpreter: `.venv/bin/driftwatch` run without the venv on PATH still
    # finds the servers installed into that venv (`mcp-server-time`, `uvx`).
    found = shutil.which(command, path=env.get("PATH")) or shutil.which(
        command, path=os.path.dirname(sys.executable)
    )
    if found is None:
        raise CollectError(ErrorClass.CONFIG, f"command {command!r} not found on PATH")
    return found


def launch_key(command: str, args: tuple[str, ...], env: dict[str, str], cwd: str | None) -> LaunchKey:
    return command, args, tuple(sorted(env.items())), cwd


async def start_process(command: str, args: tuple[str, ...], env: dict[str, str], cwd: str | None) -> Process:
    """Start one server (`env` already filtered by `server_environment`), hardened as above."""
    if cwd is not None and not await anyio.Path(cwd).is_dir():
        raise CollectError(ErrorClass.CONFIG, f"cwd {cwd} is not a directory")
    executable = find_command(command, env, cwd)
    try:
        return await anyio.open_process(launcher(executable, args), env=env, cwd=cwd, start_new_session=True)
    except OSError as exc:
        raise CollectError(ErrorClass.CONNECT, f"cannot start {command}: {exc.strerror or exc}") from exc


async def stop_process(process: Process, grace: float, cut: anyio.CancelScope | None = None) -> None:
    """Close stdin, wait out `grace` (in `cut`, whose cancelling ends it early), then kill the
    process group. Shielded and bounded: a cancelled scan still reaps its server."""
    with anyio.CancelScope(shield=True):
        if process.stdin is not None:
            with suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
                await process.stdin.aclose()
        exited = False
        with cut or anyio.CancelScope():
            exited = await _exited_within(process, grace)
        if not exited:
            _signal_group(process.pid, signal.SIGTERM)
            if not await _exited_within(process, TERM_GRACE_SECONDS):
                _signal_group(process.pid, signal.SIGKILL)
                await _exited_within(process, TERM_GRACE_SECONDS)
        # The leader is gone; anything it left in its group (an npx child, a daemonised helper) goes too.
        _signal_group(process.pid, signal.SIGKILL)
        with suppress(OSError):
            await process.aclose()


class ServerProcesses:
    """Every stdio server process of one scan cycle (see the module docstring)."""

    def __init__(self) -> None:
        self._early: dict[LaunchKey, list[Process]] = {}
        self._tasks: TaskGroup | None = None
        self._graces: set[anyio.CancelScope] = set()
        """The grace periods of released servers not yet over (cancelled when the cycle ends)."""

    async def __aenter__(self) -> ServerProcesses:
        self._tasks = await anyio.create_task_group().__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        assert self._tasks is not None
        leftover = [process for started in self._early.values() for process in started]
        self._early.clear()
        for process in leftover:
            self._tasks.start_soon(_stop_in_background, process, 0.0, None)
        for grace in self._graces:
            grace.cancel()
        tasks, self._tasks = self._tasks, None
        try:
            return await tasks.__aexit__(exc_type, exc, tb)
        except BaseExceptionGroup as group:
            # The body's own error, wrapped by the task group: raised as itself, so a bad lock
            # file or configuration is still a ConfigError with its exit code and one-line message.
            if exc is not None and group.exceptions == (exc,):
                raise exc from None
            raise

    async def start_early(self, specs: Iterable[ServerSpec]) -> int:
        """Start the stdio servers among `specs` now; a server that cannot be started is left to
        the collector, which reports why. Returns how many were started."""
        from driftwatch.registry import resolve_all

        count = 0
        for spec in specs:
            if spec.transport != "stdio" or spec.command is None:
                continue
            try:
                env = server_environment(resolve_all(spec.env))
                process = await start_process(spec.command, spec.args, env, spec.cwd)
            except DriftwatchError:
                continue  # the collector tries again and reports what is wrong
            self._early.setdefault(launch_key(spec.command, spec.args, env, spec.cwd), []).append(process)
            count += 1
        return count

    async def take(
        self, command: str, args: tuple[str, ...], env: dict[str, str], cwd: str | None
    ) -> Process:
        """The process started early for exactly this launch, or a new one started now."""
        started = self._early.get(launch_key(command, args, env, cwd))
        if started:
            return started.pop(0)
        return await start_process(command, args, env, cwd)

    def release(self, process: Process, grace: float) -> None:
        """Stop `process` in the background (stdin closed first, at once); the cycle waits for it,
        ending its grace when the cycle itself ends."""
        if self._tasks is None:
            raise RuntimeError("ServerProcesses is not open")
        cut = anyio.CancelScope()
        self._graces.add(cut)  # now, not in the task: a cycle ending before the task starts still cuts it
        self._tasks.start_soon(self._stop_released, process, grace, cut)

    async def _stop_released(self, process: Process, grace: float, cut: anyio.CancelScope) -> None:
        try:
            await _stop_in_background(process, grace, cut)
        finally:
            self._graces.discard(cut)


async def _stop_in_background(process: Process, grace: float, cut: anyio.CancelScope | None) -> None:
    """`stop_process`, where a failure is logged: raised, it would cancel the whole cycle. The
    reaper shim still kills the server's tree when driftwatch exits."""
    try:
        await stop_process(process, grace, cut)
    except Exception:
        from driftwatch.logs import get_logger

        get_logger(__name__).exception("stopping a server process failed", pid=process.pid)


async def _exited_within(process: Process, seconds: float) -> bool:
    with anyio.move_on_after(seconds):
        await process.wait()
        return True
    return False


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
