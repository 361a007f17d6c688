"""A small closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending
its next request as soon as the previous response is read.

Written on asyncio streams with requests prepared up front (signed before the clock
starts), so the generator costs a few tens of microseconds per request and leaves
the cores to the server being measured.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    latency_ms: float
    status: int
    started: float


def http_request(path: str, body: bytes, headers: dict[str, str], host: str = "127.0.0.1") -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _run(host: str, port: int, requests: Sequence[bytes], concurrency: int) -> list[Result]:
    results: list[Result | None] = [None] * len(requests)
    next_index = iter(range(len(requests)))

    async def client() -> None:
        reader = writer = None
        for index in next_index:
            started = time.perf_counter()
            status = 0
            for _attempt in range(2):
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection(host, port)
                    assert reader is not None
                    writer.write(requests[index])
                    status = await _read_response(reader)
                    break
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    if writer is not None:
                        writer.close()
                    reader = writer = None
                    status = 0
            results[index] = Result((time.perf_counter() - started) * 1000, status, started)
        if writer is not None:
            writer.close()

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return [r for r in results if r is not None]


def run(host: str, port: int, requests: Sequence[bytes], concurrency: int) -> list[Result]:
    """Send every request once over `concurrency` connections; results in request order."""
    return asyncio.run(_run(host, port, requests, concurrency))


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
