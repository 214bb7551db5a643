"""Stdio "MCP servers" that misbehave in one specific way each, for the fault tests.

    python faulty_server.py MODE [MARKER]

MODE: hang (reads requests, never answers), exit (dies at once with a message on stderr),
garbage (writes non-JSON to stdout), huge (answers initialize, then a tools/list far over any
cap), secret-stderr (prints the SECRET_TOKEN env var to stderr and dies: redaction must hide it),
spawn-and-hang (starts a grandchild that sleeps, then hangs: the process group must be killed),
linger (a good 2025-era server with one tool, which ignores SIGTERM, starts a grandchild in a new
session that ignores it too, and sleeps on after stdin closes: only the kill stops it; with
METHODS_LOG in its env it appends every method it receives to that file; its tool is named
TOOL_NAME, or `stay`).
MARKER is ignored by the server; tests put a unique one on the command line to find leftovers in /proc.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from typing import Any

MODE = sys.argv[1]


def answer(request: dict[str, Any], result: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": result}) + "\n")
    sys.stdout.flush()


INIT = {
    "protocolVersion": "2025-06-18",
    "capabilities": {"tools": {}},
    "serverInfo": {"name": "faulty", "version": "0"},
}


def main() -> None:
    if MODE == "exit":
        print("fatal: cannot open database /nonexistent/db.sqlite", file=sys.stderr, flush=True)
        sys.exit(1)
    if MODE == "secret-stderr":
        print(f"starting with token={os.environ.get('SECRET_TOKEN')}", file=sys.stderr, flush=True)
        sys.exit(2)
    if MODE == "garbage":
        sys.stdout.write("Server listening... \x1b[31mREADY\x1b[0m\n")
        sys.stdout.flush()
        time.sleep(60)
        return
    if MODE == "spawn-and-hang":
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", *sys.argv[2:]])
    if MODE == "linger":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(120)"
        subprocess.Popen([sys.executable, "-c", stubborn, *sys.argv[2:]], start_new_session=True)
    serve()
    if MODE == "linger":
        time.sleep(120)


def serve() -> None:
    log = os.environ.get("METHODS_LOG")
    for line in sys.stdin:
        request = json.loads(line)
        method = request.get("method")
        if log:
            with open(log, "a") as out:
                out.write(f"{method}\n")
        if "id" not in request:
            continue
        if MODE in ("hang", "spawn-and-hang"):
            continue
        if method == "initialize":
            answer(request, INIT)
        elif method == "tools/list" and MODE == "huge":
            tool = {"name": "t", "description": "x" * 1000, "inputSchema": {"type": "object"}}
            tools = [dict(tool, name=f"t{i}") for i in range(40_000)]  # ~40 MB on one line
            answer(request, {"tools": tools})
        elif method == "tools/list" and MODE == "linger":
            name = os.environ.get("TOOL_NAME", "stay")
            answer(request, {"tools": [{"name": name, "inputSchema": {"type": "object"}}]})
        else:
            sys.stdout.write(
                json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "id": request["id"],
                        "error": {"code": -32601, "message": "method not found"},
                    }
                )
                + "\n"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
