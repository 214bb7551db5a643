"""A launcher that outlives nothing it started: no stdio server process survives a scan.

A server can leave its process group with `setsid()`, ignore stdin EOF and SIGTERM, and live on
after the scan, or after driftwatch itself is killed with `kill -9`. On Linux every stdio server
is therefore started through this shim,

    python -I -S driftwatch/collect/reaper.py --parent PID -- /path/to/server args...

which (stdlib only, so it runs isolated from any environment and any installed copy, and
without `site`, to start fast):

1. asks the kernel for SIGTERM when its parent (driftwatch, PID) dies (`PR_SET_PDEATHSIG`), and
   exits at once if that parent is already gone;
2. becomes a child subreaper (`PR_SET_CHILD_SUBREAPER`): a descendant orphaned by its parent,
   even one in a new session, is re-parented to the shim instead of to init, so it stays in the
   shim's tree;
3. spawns the server with the pipes it was given (its stdin/stdout/stderr) and lets go of them;
4. when the server exits, or on SIGTERM/SIGINT/SIGHUP (driftwatch stopping the scan, or dying),
   SIGKILLs every descendant it can find in /proc and reaps them until none is left (signals are
   blocked and taken with sigwaitinfo, so a stop that races the server's exit loses nothing);
5. ends the way the server ended (same exit code, or the same signal), so driftwatch can still
   say "exit code 1" or "killed by signal 9".
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


_server: dict[str, int] = {}
"""The server's pid ("pid") and, once reaped, its wait status ("status")."""


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def descendants(root: int) -> list[int]:
    """Every process below `root`, read from /proc (parents before their children)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    found: list[int] = []
    queue = list(children.get(root, []))
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def kill_tree() -> None:
    """SIGKILL every descendant and reap, until no child is left (orphans come back to us)."""
    while True:
        for pid in descendants(os.getpid()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            return
        if pid == _server.get("pid") and "status" not in _server:
            _server["status"] = status


def _end_like(status: int) -> None:
    """Exit with the server's exit code, or die of the signal that killed it."""
    if os.WIFSIGNALED(status):
        _die_of(os.WTERMSIG(status))
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def _die_of(signum: int) -> None:
    with contextlib.suppress(OSError, ValueError):  # SIGKILL and SIGSTOP cannot be handled at all
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)


def _release_pipes() -> None:
    """The server holds stdin/stdout now; the shim keeps only stderr, for its own complaints."""
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)


def run(parent: int, command: list[str]) -> None:
    # Signals are taken synchronously (sigwaitinfo), never by a handler: a stop that raced the
    # server's own exit cannot lose the server's exit status.
    watched = {signal.SIGCHLD, *STOP_SIGNALS}
    signal.pthread_sigmask(signal.SIG_BLOCK, watched)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        _die_of(signal.SIGTERM)  # driftwatch died before the kernel could be told
    try:
        _server["pid"] = os.posix_spawn(
            command[0], command, os.environ, setsigmask=(), setsigdef=(signal.SIGPIPE, signal.SIGXFSZ)
        )
    except OSError as exc:
        print(f"driftwatch reaper: cannot start {command[0]}: {exc.strerror or exc}", file=sys.stderr)
        os._exit(127)
    _release_pipes()
    stopped = 0
    while not stopped and not _reap_ready():
        stopped = signal.sigwaitinfo(watched).si_signo
        stopped = 0 if stopped == signal.SIGCHLD else stopped
    kill_tree()
    if "status" in _server:
        _end_like(_server["status"])
    _die_of(stopped or signal.SIGTERM)


def _reap_ready() -> bool:
    """Reap every child that has ended; True once the server is among them."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return "status" in _server
        if pid == _server["pid"]:
            _server["status"] = status


def main(argv: list[str]) -> None:
    if len(argv) < 4 or argv[0] != "--parent" or argv[2] != "--":
        print("usage: reaper.py --parent PID -- COMMAND [ARGS...]", file=sys.stderr)
        sys.exit(2)
    run(int(argv[1]), argv[3:])


if __name__ == "__main__":
    main(sys.argv[1:])
