"""K streamable-HTTP MCP servers in one process, answering from a recording of a real server.

    python bench/canned_fleet.py RECORDING.json K

A fleet benchmark must measure the client, not the servers: a thousand Python MCP servers on a
2-core machine would spend the CPU the clients are measured by. So each answer of a real server
(tests/servers/manifest_server.py, protocol 2026-07-28, stateless, plain JSON answers) is recorded
once by bench/scale.py and replayed here by a small HTTP/1.1 responder: the request's JSON-RPC
`id` goes into the recorded `result`, and the placeholder `fleetNNNN` in it becomes the server's
number (`fleet0042`), so every server shows its own tool names and its own manifest. A method
that was not recorded earns JSON-RPC "method not found"; a notification earns 202; a GET or a
DELETE earns 405, as a stateless server answers them.

Prints one JSON line, {"ports": [...], "control": PORT}, once every port listens. The control
port answers `GET /counts` with the connections and requests seen so far, in total, and the
`tools/list` requests among them (`lists`: one per scan, whatever else a scan asks).
"""

from __future__ import annotations

import asyncio
import json
import sys
from functools import partial
from pathlib import Path

PLACEHOLDER = b"fleetNNNN"


class Counts:
    connections = 0
    requests = 0
    lists = 0


class Responder(asyncio.Protocol):
    """One connection to one server of the fleet: requests in, recorded answers out."""

    def __init__(self, answers: dict[str, bytes]) -> None:
        self.answers = answers
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        Counts.connections += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head = self.buffer[:end]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            Counts.requests += 1
            self.reply(head.split(b" ", 1)[0], body)

    def reply(self, verb: bytes, body: bytes) -> None:
        assert self.transport is not None
        if verb != b"POST":
            self.transport.write(_response(405, b""))
            return
        message = json.loads(body)
        if "id" not in message:
            self.transport.write(_response(202, b""))
            return
        ident = json.dumps(message["id"]).encode()
        Counts.lists += message.get("method") == "tools/list"
        answer = self.answers.get(message.get("method", ""))
        if answer is None:
            error = b'{"code":-32601,"message":"Method not found"}'
            payload = b'{"jsonrpc":"2.0","id":' + ident + b',"error":' + error + b"}"
        else:
            payload = b'{"jsonrpc":"2.0","id":' + ident + b',"result":' + answer + b"}"
        self.transport.write(_response(200, payload))


def _response(status: int, payload: bytes) -> bytes:
    reason = {200: b"OK", 202: b"Accepted", 405: b"Method Not Allowed"}[status]
    head = b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n"
    return head % (status, reason, len(payload)) + payload


async def _counts(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    seen = {"connections": Counts.connections, "requests": Counts.requests, "lists": Counts.lists}
    payload = json.dumps(seen).encode()
    writer.write(_response(200, payload))
    await writer.drain()
    writer.close()


async def main(recorded: dict[str, str], servers: int) -> None:
    loop = asyncio.get_running_loop()
    ports = []
    for number in range(servers):
        own = b"fleet%04d" % number
        answers = {method: result.encode().replace(PLACEHOLDER, own) for method, result in recorded.items()}
        listening = await loop.create_server(partial(Responder, answers), "127.0.0.1", 0, backlog=64)
        ports.append(listening.sockets[0].getsockname()[1])
    control = await asyncio.start_server(_counts, "127.0.0.1", 0)
    print(json.dumps({"ports": ports, "control": control.sockets[0].getsockname()[1]}), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(json.loads(Path(sys.argv[1]).read_text()), int(sys.argv[2])))
