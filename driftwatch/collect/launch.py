"""Talk to a stdio MCP server over its pipes, on terms stricter than the SDK's own transport.

The SDK's stdio transport inherits part of our environment, buffers lines of any length, and
keeps going past garbage on stdout. A monitor needs stricter terms, so this transport:

1. gets its process from the cycle's ServerProcesses (collect/spawn.py): started early or now,
   with only the env the registry declares plus PATH and HOME (our own env may hold our
   secrets), in the declared cwd, in its own process group, beneath the reaper shim;
2. charges every stdout byte to the server's ByteBudget, so a huge answer fails before it is
   buffered whole;
3. treats any stdout line that is not JSON-RPC as a protocol violation (the MCP spec forbids
   anything else on stdout) and ends the connection at once with a clear error;
4. keeps the last few KB of stderr, to explain a server that exits at start-up: the line that
   names the error (`Error: Cannot find module ...`, `ModuleNotFoundError: ...`) and the last lines;
5. on a clean exit (the lists are read) closes stdin and hands the process back to ServerProcesses,
   which waits out the grace period and kills the process group in the background while the scan
   goes on; on a failed or cancelled scan kills the group at once and waits for it, so the exit
   status can explain the failure. Either way the shim then kills the rest of the tree, so `npx`
   wrappers and their children go too: no zombies, no orphans.

A fault (2 or 3, or an early exit) is kept in `fault` and the read stream is closed, which makes
the session fail pending requests promptly; the collector then reports the fault, not the
generic "connection closed" it caused.
"""

from __future__ import annotations

import re
from collections import deque
from contextlib import AsyncExitStack, suppress
from types import TracebackType
from typing import Any

import anyio
import mcp_types as types
from anyio.abc import Process
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.client._transport import TransportStreams
from mcp.shared.message import SessionMessage
from pydantic import ValidationError

from driftwatch import redact
from driftwatch.collect.budget import ByteBudget
from driftwatch.collect.spawn import ServerProcesses, server_environment, stop_process
from driftwatch.errors import CollectError, ErrorClass
from driftwatch.visible import shorten

STDERR_TAIL_BYTES = 4096
QUOTED_LINE_BYTES = 4096
"""How much of a garbage stdout line is read to quote (scrubbed, then shortened) in the error."""

CAUSE_LINE = re.compile(r"(?i)^(?:[\w.$]*(?:error|exception)\b|fatal\b|panic\b|npm err!)")
"""A stderr line that names what went wrong (node's `Error: ...`, Python's `...Error: ...`)."""


class StdioTransport:
    """An MCP `Transport` (async context manager yielding the two streams) over a child process."""

    def __init__(
        self,
        command: str,
        args: tuple[str, ...],
        *,
        env: dict[str, str],
        cwd: str | None,
        budget: ByteBudget,
        shutdown_grace: float,
        processes: ServerProcesses,
    ) -> None:
        self.command = command
        self.args = args
        self.env = server_environment(env)
        self.cwd = cwd
        self.budget = budget
        self.shutdown_grace = shutdown_grace
        self.processes = processes
        self.fault: CollectError | None = None
        self.process: Process | None = None
        self._stdout_closed_by_server = False
        self._hurry = False
        self._stderr: deque[bytes] = deque()
        self._stderr_size = 0
        self._stderr_cut = False
        self._stack = AsyncExitStack()
        self._read_send: MemoryObjectSendStream[SessionMessage | Exception] | None = None

    async def __aenter__(self) -> TransportStreams:
        self.process = await self.processes.take(self.command, self.args, self.env, self.cwd)
        self._stack.push_async_callback(self._stop)

        read_send, read_recv = anyio.create_memory_object_stream[SessionMessage | Exception](16)
        write_send, write_recv = anyio.create_memory_object_stream[SessionMessage](16)
        self._read_send = read_send
        tasks = await self._stack.enter_async_context(anyio.create_task_group())
        self._stack.callback(tasks.cancel_scope.cancel)  # runs first on exit: pipes stop, then _stop
        tasks.start_soon(self._read_stdout, read_send)
        tasks.start_soon(self._write_stdin, write_recv)
        tasks.start_soon(self._read_stderr)
        self._stack.push_async_callback(_close_all, read_recv, write_send)
        return read_recv, write_send

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        # A scan that failed or was cancelled has no use for a graceful goodbye: kill at once.
        self._hurry = exc_type is not None
        return await self._stack.__aexit__(exc_type, exc, tb)

    def stderr_tail(self) -> str:
        """The line that names the error, if any, then the last lines of what is kept."""
        text = b"".join(self._stderr).decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if self._stderr_cut and lines:
            lines = lines[1:]  # the oldest kept line starts mid-line
        named = [line for line in lines if CAUSE_LINE.match(line)]
        tail = lines[-2:]
        if named and named[-1] not in tail:
            return " | ".join([named[-1], "…", *tail])
        return " | ".join(lines[-3:])

    def exit_error(self) -> CollectError | None:
        """Why the connection ended, if the server process ended it."""
        if self.fault is not None:
            return self.fault
        if self.process is None or self.process.returncode is None or not self._stdout_closed_by_server:
            return None
        code = self.process.returncode
        how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        tail = self.stderr_tail()
        return CollectError(
            ErrorClass.EXITED, f"server process ended ({how})" + (f"; stderr: {tail}" if tail else "")
        )

    async def _read_stdout(self, sink: MemoryObjectSendStream[SessionMessage | Exception]) -> None:
        assert self.process is not None and self.process.stdout is not None
        buffer = bytearray()
        line_number = 0
        async with sink:
            try:
                async for chunk in self.process.stdout:
                    self.budget.charge(len(chunk))
                    buffer += chunk
                    while (end := buffer.find(b"\n")) >= 0:
                        line, buffer = bytes(buffer[:end]), buffer[end + 1 :]
                        line_number += 1
                        if line.strip():
                            await sink.send(self._parse(line, line_number))
                self._stdout_closed_by_server = True
            except CollectError as exc:
                self.fault = exc
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                pass  # the session went away first; nothing left to deliver

    def _parse(self, line: bytes, line_number: int) -> SessionMessage:
        try:
            return SessionMessage(types.jsonrpc_message_adapter.validate_json(line, by_name=False))
        except (ValidationError, ValueError) as exc:
            # Scrubbed before it is shortened: a secret cut in two would no longer be recognised.
            text = shorten(redact.scrub(line[:QUOTED_LINE_BYTES].decode("utf-8", "replace").strip()), 120)
            raise CollectError(
                "protocol", f"stdout line {line_number} is not a JSON-RPC message: {text!r}"
            ) from exc

    async def _write_stdin(self, source: MemoryObjectReceiveStream[SessionMessage]) -> None:
        assert self.process is not None and self.process.stdin is not None
        async with source:
            try:
                async for message in source:
                    data = message.message.model_dump_json(by_alias=True, exclude_unset=True)
                    await self.process.stdin.send(data.encode() + b"\n")
            except (anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
                # The server stopped reading; end the session instead of letting requests hang.
                if self._read_send is not None:
                    await self._read_send.aclose()

    async def _read_stderr(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        with suppress(anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
            async for chunk in self.process.stderr:
                self._stderr.append(chunk)
                self._stderr_size += len(chunk)
                while self._stderr_size > STDERR_TAIL_BYTES and len(self._stderr) > 1:
                    self._stderr_size -= len(self._stderr.popleft())
                    self._stderr_cut = True

    async def _stop(self) -> None:
        """A server whose lists are read is stopped in the background, the scan going on; one
        whose scan failed is killed now and waited for, its exit status being part of the error."""
        assert self.process is not None
        if self._hurry:
            await stop_process(self.process, 0)
        else:
            self.processes.release(self.process, self.shutdown_grace)


async def _close_all(*streams: Any) -> None:
    for stream in streams:
        await stream.aclose()
