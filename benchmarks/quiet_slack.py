"""A lean stand-in for Slack's Web API for benchmarks: asyncio, keep-alive, counts only.

The tests' FakeSlack records every call and starts a thread per connection;
under a benchmark's load that would cost more CPU than the server being
measured. This one answers every method with ``ok`` and counts answers posted
to a channel and responses sent to a response_url. ``GET /counts`` reads them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import multiprocessing
import multiprocessing.connection
import re
import urllib.request
from typing import Any

_CHANNEL = re.compile(rb'"channel":\s*"([^"]+)"|channel=([^&]+)')


class Counts:
    def __init__(self) -> None:
        self.posted: dict[str, int] = {}
        self.responded = 0
        self.calls = 0


async def _handle(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, counts: Counts
) -> None:
    stamps = itertools.count(1)
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = head.split(b"\r\n")
            length = 0
            for line in header_lines:
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length) if length else b""
            path = request_line.split(b" ")[1].decode()
            if path == "/counts":
                reply: dict[str, Any] = {
                    "posted": counts.posted,
                    "responded": counts.responded,
                    "calls": counts.calls,
                }
            else:
                counts.calls += 1
                reply = {"ok": True}
                if path.startswith("/response/"):
                    counts.responded += 1
                elif path.endswith("auth.test"):
                    reply.update(
                        user_id="UBOT", bot_id="BBOT", team_id="T1", url="https://example.invalid/"
                    )
                elif path.endswith("chat.postMessage"):
                    found = _CHANNEL.search(body)
                    channel = (found.group(1) or found.group(2)).decode() if found else "?"
                    counts.posted[channel] = counts.posted.get(channel, 0) + 1
                    reply.update(channel=channel, ts=f"{next(stamps)}.000100")
            data = json.dumps(reply).encode()
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(data)).encode()
                + b"\r\n\r\n"
                + data
            )
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def _serve(port_out: multiprocessing.connection.Connection) -> None:
    async def main() -> None:
        counts = Counts()
        server = await asyncio.start_server(lambda r, w: _handle(r, w, counts), "127.0.0.1", 0)
        port_out.send(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class QuietSlack:
    """Runs in its own process so it does not share a GIL with the load generator."""

    def __init__(self) -> None:
        receive, send = multiprocessing.Pipe(duplex=False)
        self.process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(send,), daemon=True
        )
        self.process.start()
        self.port = int(receive.recv())

    @property
    def pid(self) -> int:
        return int(self.process.pid or 0)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def response_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/response/1"

    def counts(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/counts", timeout=10) as reply:
            result: dict[str, Any] = json.loads(reply.read())
            return result

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(timeout=5)
