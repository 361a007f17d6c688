"""Keep-alive for calls to Slack's Web API and response_url.

slack_sdk's sync clients post through ``urllib.request.urlopen``, and urllib
opens a new connection for every call and says ``Connection: close``. Against
slack.com that is a TCP and TLS handshake per answer, paid in CPU on the
worker. ``urlopen`` goes through the process's installed opener when the
client has no SSL context or proxy of its own, so installing one whose HTTP(S)
handler keeps connections open changes nothing else in slack_sdk or Bolt.

Connections are kept per thread (``http.client`` connections are not thread
safe) and per scheme, host and port. One is used again only when its last
response was read to the end, it has been idle for less than ``IDLE_LIMIT``
and the server has not closed it (nothing is readable on an idle socket). A
failed call is not repeated here: a post that may have reached Slack is left
to the caller's retries, as with any network failure.
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

IDLE_LIMIT = 20.0  # seconds; well under common load balancers' idle timeouts (60 s)

ConnectionClass = type[http.client.HTTPConnection]


@dataclass
class _Kept:
    connection: http.client.HTTPConnection
    response: http.client.HTTPResponse
    idle_since: float


class KeepAliveHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """urllib's HTTP and HTTPS handler, with connections kept open between calls."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self)
        self._clock = clock
        self._local = threading.local()

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self._open(req, http.client.HTTPConnection)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self._open(req, http.client.HTTPSConnection)

    def _open(self, req: urllib.request.Request, kind: ConnectionClass) -> http.client.HTTPResponse:
        host = req.host
        if not host:
            raise urllib.error.URLError("no host given")
        if getattr(req, "_tunnel_host", None):  # through an HTTPS proxy: urllib's own way
            return self.do_open(kind, req)
        key = (kind.__name__, host)
        timeout = req.timeout if isinstance(req.timeout, (int, float)) else None
        connection = self._reusable(key) or kind(host, timeout=timeout)
        headers = dict(req.unredirected_hdrs)
        headers.update({k: v for k, v in req.headers.items() if k not in headers})
        headers = {name.title(): value for name, value in headers.items()}
        try:
            if connection.sock is not None:
                connection.sock.settimeout(timeout)
            try:
                connection.request(
                    req.get_method(),
                    req.selector,
                    req.data,
                    headers,
                    encode_chunked=req.has_header("Transfer-encoding"),
                )
            except OSError as err:  # as urllib's own handler reports it
                raise urllib.error.URLError(err) from err
            response = connection.getresponse()
        except BaseException:
            connection.close()
            raise
        if not response.will_close:
            self._pool()[key] = _Kept(connection, response, self._clock())
        response.url = req.get_full_url()  # what urllib's own handler sets
        response.msg = response.reason  # type: ignore[assignment]
        return response

    def _pool(self) -> dict[tuple[str, str], _Kept]:
        pool: dict[tuple[str, str], _Kept] | None = getattr(self._local, "pool", None)
        if pool is None:
            pool = self._local.pool = {}
        return pool

    def _reusable(self, key: tuple[str, str]) -> http.client.HTTPConnection | None:
        kept = self._pool().pop(key, None)
        if kept is None:
            return None
        sock = kept.connection.sock
        if (
            sock is None
            or not kept.response.isclosed()
            or self._clock() - kept.idle_since > IDLE_LIMIT
            or _readable(sock)  # closed by the server (or stray bytes)
        ):
            kept.connection.close()
            return None
        return kept.connection


def _readable(sock: socket.socket) -> bool:
    """poll, not select: a busy worker's sockets can be numbered past select's 1024."""
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


def keep_connections_alive() -> None:
    """Make every ``urlopen`` in this process (slack_sdk's included) reuse connections."""
    urllib.request.install_opener(urllib.request.build_opener(KeepAliveHandler()))
