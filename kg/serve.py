"""Serve a graph as a SPARQL 1.1 Protocol endpoint, using the Oxigraph server.

The SPARQL engine is the `oxigraph` binary of the PyPI `oxigraph` package (a
dependency of aikg): it speaks the whole SPARQL 1.1 Protocol and Graph Store
Protocol, enforces read-only mode and stops queries that run longer than the
time limit (`--timeout`, 30 s by default) itself. It listens on an internal
loopback port only.

In front of it, on the address the user asked for, runs a small loopback
proxy of ours (standard library `http.server`, one thread per connection, at
most `MAX_CONNECTIONS` at once) that forwards every request unchanged and
enforces what Oxigraph cannot: the size of an answer. A query answer (HTTP 200
from `/query`) is parsed as it arrives (pyoxigraph's parsers, the format
Oxigraph chose) and spooled; it is sent on only when it is complete and valid
and has at most `max_results` rows (solutions, or triples of CONSTRUCT and
DESCRIBE). Otherwise the client gets a clear HTTP error instead: 413 naming the
limit when the answer has too many rows, 504 when Oxigraph cut the answer off
at the time limit (Oxigraph itself would send a truncated, invalid document
with status 200). With `max_results=None` answers stream straight through.

A graph file is first bulk-loaded into a temporary on-disk store (removed on
stop); a store folder is served in place. Queries see the union of the named
graphs (`--union-default-graph`), or the store's default graph when it has one
(aikg keeps the merged view of the named graphs there), as `kg query` does locally.
"""

from __future__ import annotations

import gc
import http.client
import io
import math
import posixpath
import shutil
import socket
import socketserver
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import UserError
from kg.graph.store import create_store, load_file, reads_union
from kg.interrupts import termination_as_interrupt

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
DEFAULT_TIMEOUT = 30.0  # seconds a query may run (`kg serve --timeout`)
DEFAULT_MAX_RESULTS = 100_000  # rows an answer may have (`kg serve --max-results`)
MAX_CONNECTIONS = 64  # client connections the proxy serves at once; more wait, then get 503
INTERNAL_HOST = "127.0.0.1"  # where the Oxigraph server itself listens


def oxigraph_executable() -> str:
    """The `oxigraph` CLI installed next to this Python, else the one on PATH."""
    for directory in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        for name in ("oxigraph", "oxigraph.exe"):
            candidate = Path(directory) / name
            if candidate.is_file():
                return str(candidate)
    found = shutil.which("oxigraph")
    if found is None:
        raise UserError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (for tests and `--port 0`)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def check_port_free(host: str, port: int) -> None:
    """Fail early, and clearly, when something already listens on host:port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror} (choose another --port)") from exc


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _error_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if "rror" in line and "backtrace" not in line.lower():
            return line
    return lines[-1] if lines else "no message"


def load_into_store(graph: Path, location: Path) -> None:
    """Bulk-load a graph file into a new on-disk store, with the merged view (kg/graph/store.py).

    The store is closed again (and its RocksDB lock released) before the server opens it.
    """
    store = create_store(location)
    try:
        load_file(store, graph)
        store.flush()
    finally:
        del store
        gc.collect()


# ------------------------------------------------------------------ the proxy in front of Oxigraph
# Headers that belong to one connection, not to the message (RFC 9110 7.6.1), plus those we set ourselves.
_HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade", "expect", "host", "content-length",
})
_SPOOL_IN_MEMORY = 4 << 20  # an answer larger than this is spooled to a temporary file while it is checked
_COPY_BLOCK = 64 * 1024
_MAX_LINE = 65536
_SMALL_BODY = 1 << 20  # request bodies up to this size are read whole; larger ones (Graph Store uploads) stream


class _Refused(Exception):
    """An answer the proxy will not pass on: sent to the client as `status` with a text/plain message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Tee(io.RawIOBase):
    """Reads the upstream answer for a parser and copies every byte it reads into `sink`."""

    def __init__(self, source: http.client.HTTPResponse, sink: IO[bytes]) -> None:
        super().__init__()
        self.source = source
        self.sink = sink

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.source.read1(len(buffer))
        self.sink.write(data)
        buffer[: len(data)] = data
        return len(data)

    def drain(self) -> None:
        while self.read(_COPY_BLOCK):
            pass


def _too_many(limit: int) -> _Refused:
    return _Refused(413, f"kg serve: the answer has more than {limit} rows, the limit of this endpoint "
                         f"(kg serve --max-results {limit}); add a LIMIT to the query or ask for less")


def _count_csv(tee: _Tee, limit: int) -> int:
    """Rows of a SPARQL CSV answer (newlines outside quoted fields, less the header), or ValueError if unfinished."""
    newlines, quoted, head, last = 0, False, b"", b""
    while chunk := tee.read(_COPY_BLOCK):
        for i, part in enumerate(chunk.split(b'"')):
            if i:
                quoted = not quoted  # a doubled quote inside a field toggles twice
            if not quoted:
                newlines += part.count(b"\n")
        if newlines - 1 > limit:
            raise _too_many(limit)
        head = (head + chunk)[:8]
        last = chunk[-1:]
    if newlines == 0 and head.strip() in (b"true", b"false"):  # the whole answer of an ASK
        return 0
    if quoted or last != b"\n":
        raise ValueError("the CSV answer ends in the middle of a row")
    return max(0, newlines - 1)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _is_an_answer(target: str, content_type: str | None) -> bool:
    """Whether a 200 response is a query answer to check: SPARQL results or RDF, not from the Graph Store.

    The Graph Store Protocol (`/store...`) reads whole graphs, whose size the data bounds; everything else
    that is SPARQL results or RDF comes from the query endpoint, whatever spelling of its path reached it.
    """
    path = posixpath.normpath("/" + urllib.parse.unquote(urllib.parse.urlsplit(target).path).lstrip("/"))
    if path == "/store" or path.startswith("/store/"):
        return False
    media = _media_type(content_type)
    if not media:
        return False
    results = ox.QueryResultsFormat.from_media_type(media)
    return media == "text/csv" or results is not None or ox.RdfFormat.from_media_type(media) is not None


def _count_rows(response: http.client.HTTPResponse, spool: IO[bytes], limit: int) -> int:
    """Copy the answer into `spool` while counting its rows; stop with _Refused past `limit` rows.

    Raises ValueError/SyntaxError (via the parsers) when the answer is not a complete document of its type,
    and whatever reading from Oxigraph raised.
    """
    media = _media_type(response.getheader("Content-Type"))
    tee = _Tee(response, spool)
    if media == "text/csv":
        rows = _count_csv(tee, limit)
        tee.drain()
        return rows
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    items: Iterator[object]
    if results_format is not None:
        parsed = ox.parse_query_results(tee, results_format)
        items = iter(()) if isinstance(parsed, ox.QueryBoolean) else iter(parsed)
    else:
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
        if rdf_format is None:
            raise _Refused(500, f"kg serve: cannot check the size of an answer of type {media or 'unknown'}; "
                                "ask for SPARQL JSON, XML, CSV or TSV results, or an RDF format")
        items = iter(ox.parse(tee, rdf_format, lenient=True))
    rows = 0
    for _item in items:
        rows += 1
        if rows > limit:
            raise _too_many(limit)
    tee.drain()
    return rows


class _ProxyHandler(BaseHTTPRequestHandler):
    """Forwards one client connection's requests to Oxigraph; checks the size of query answers."""

    protocol_version = "HTTP/1.1"
    server_version = "aikg-kg-serve (Oxigraph)"
    sys_version = ""
    timeout = 60  # seconds a client may stay silent (reading a request, or taking an answer)
    disable_nagle_algorithm = True  # headers and body go in separate writes: no 40 ms wait on keep-alive
    server: _FrontServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no line per request on the console of `kg serve`

    def do_GET(self) -> None:
        self._forward()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    # -------------------------------------------------------------- requests
    def _request_body(self) -> tuple[Any, int | None]:
        """(body to forward, its length); a chunked body is forwarded chunked. ValueError if malformed."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._chunks(), None
        length = self.headers.get("Content-Length")
        if length is None:
            return None, None
        if not length.strip().isdigit():
            raise ValueError(f"bad Content-Length: {length!r}")
        size = int(length)
        if size <= _SMALL_BODY:  # a query or a small update: read it whole, send it in one piece
            data = self.rfile.read(size)
            if len(data) < size:
                raise ValueError("the request body ended early")
            return data, size
        return _Body(self.rfile, size), size

    def _chunks(self) -> Iterator[bytes]:
        while True:
            line = self.rfile.readline(_MAX_LINE)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise ValueError("bad chunked request body") from None
            if size == 0:
                while self.rfile.readline(_MAX_LINE) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return
            data = self.rfile.read(size)
            if len(data) < size:
                raise ValueError("the chunked request body ended early")
            self.rfile.readline(_MAX_LINE)
            yield data

    def _forward(self) -> None:
        front = self.server
        try:
            body, length = self._request_body()
        except ValueError as exc:
            self.close_connection = True
            self._plain(400, f"kg serve: {exc}")
            return
        dropped = _HOP_BY_HOP | {t.strip().lower() for t in (self.headers.get("Connection") or "").split(",")}
        headers: dict[str, str] = {}
        names: dict[str, str] = {}
        for name, value in self.headers.items():
            if name.lower() in dropped:
                continue
            if name.lower() in names:  # a repeated header: one comma-separated list (RFC 9110 5.3)
                headers[names[name.lower()]] += f", {value}"
            else:
                names[name.lower()] = name
                headers[name] = value
        if length is not None:
            headers["Content-Length"] = str(length)
        upstream = http.client.HTTPConnection(INTERNAL_HOST, front.upstream_port, timeout=front.upstream_timeout)
        try:
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
            except ValueError as exc:  # a malformed chunked body, met while sending it on
                self.close_connection = True
                self._plain(400, f"kg serve: {exc}")
                return
            except (OSError, http.client.HTTPException) as exc:
                self.close_connection = True  # the request body may be half read
                self._plain(502, f"kg serve: the Oxigraph server did not answer: {exc}")
                return
            if isinstance(body, _Body) and not body.done:
                self.close_connection = True  # Oxigraph answered before reading it all
            limit = front.max_results
            if limit is not None and response.status == 200 and self.command != "HEAD" and _is_an_answer(
                self.path, response.getheader("Content-Type")
            ):
                self._send_checked(response, limit)
            else:
                self._send_streamed(response)
        finally:
            upstream.close()

    # -------------------------------------------------------------- answers
    def _copy_headers(self, response: http.client.HTTPResponse) -> None:
        dropped = _HOP_BY_HOP | {"server", "date"}
        for name, value in response.getheaders():
            if name.lower() not in dropped:
                self.send_header(name, value)

    def _plain(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            self.close_connection = True

    def _send_checked(self, response: http.client.HTTPResponse, limit: int) -> None:
        """Send a query answer only once it is known complete, valid and within the row limit."""
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
            try:
                _count_rows(response, spool, limit)
            except _Refused as refused:
                self._plain(refused.status, refused.message)
                return
            except Exception as exc:  # a parser's or the connection's error: the answer is not sent
                self._plain(*self._unfinished(spool, exc))
                return
            size = spool.tell()
            self.send_response(response.status, response.reason)
            self._copy_headers(response)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            spool.seek(0)
            shutil.copyfileobj(spool, self.wfile, _COPY_BLOCK)

    def _unfinished(self, spool: IO[bytes], exc: BaseException) -> tuple[int, str]:
        """The status and message for an answer that did not parse to its end: Oxigraph stopped it, or it broke."""
        timeout = self.server.timeout_s
        spool.seek(max(0, spool.tell() - 512))
        tail = spool.read().decode("utf-8", "replace")
        if "cancelled" in tail or isinstance(exc, TimeoutError) or "timed out" in str(exc):
            if timeout:
                return 504, (f"kg serve: the query was stopped at the time limit of {timeout:g} s "
                             f"(kg serve --timeout); its answer was not sent")
            return 504, "kg serve: the Oxigraph server stopped the query; its answer was not sent"
        problem = " ".join(str(exc).split()) or type(exc).__name__
        return 502, f"kg serve: the Oxigraph server sent an unfinished answer ({problem}); it was not sent"

    def _send_streamed(self, response: http.client.HTTPResponse) -> None:
        """Pass an answer on as it arrives (chunked to HTTP/1.1 clients, so that a cut is never silent)."""
        self.send_response(response.status, response.reason)
        self._copy_headers(response)
        length = response.getheader("Content-Length")
        no_body = self.command == "HEAD" or response.status in (204, 304) or response.status < 200
        if no_body or length is not None:
            if length is not None:
                self.send_header("Content-Length", length)
            self.end_headers()
            if no_body:
                return
            chunked = False
        else:
            chunked = self.request_version != "HTTP/1.0"
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
        try:
            while data := response.read1(_COPY_BLOCK):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # the client sees a short or unterminated body, not a silent cut
            return
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class _Body:
    """Exactly `length` bytes of a request body, read as http.client sends them on."""

    def __init__(self, stream: IO[bytes], length: int) -> None:
        self.stream = stream
        self.left = length

    @property
    def done(self) -> bool:
        return self.left == 0

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        data = self.stream.read(self.left if size < 0 else min(size, self.left))
        if not data:
            raise ConnectionError("the client closed the connection in the middle of its request")
        self.left -= len(data)
        return data


class _FrontServer(ThreadingHTTPServer):
    """The listening side of the proxy: a thread per connection, at most MAX_CONNECTIONS at once."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # listen backlog; socketserver's 5 drops bursts of clients (a SYN retried after 1 s)

    def __init__(self, host: str, port: int, timeout: float | None, max_results: int | None) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.upstream_port = 0  # set once Oxigraph runs
        self.timeout_s = timeout
        # Oxigraph stops a query itself; this only guards against a server that stopped answering at all
        self.upstream_timeout = timeout + 30 if timeout else None
        self.max_results = max_results
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.open_connections: set[socket.socket] = set()
        self.lock = threading.Lock()
        super().__init__((host, port), _ProxyHandler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # not HTTPServer's: it looks the host name up in the DNS
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(timeout=2.0):
            try:
                request.settimeout(1.0)
                message = b"kg serve: too many connections at once; try again\n"
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                b"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
                                % (len(message), message))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        with self.lock:
            self.open_connections.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._forget(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._forget(request)

    def _forget(self, request: Any) -> None:
        with self.lock:
            if request not in self.open_connections:
                return
            self.open_connections.discard(request)
        self.slots.release()

    def close_connections(self) -> None:
        """End every client connection still open (idle keep-alive ones included), so no thread outlives stop."""
        with self.lock:
            connections = list(self.open_connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # a client that went away
        print(f"kg serve: error while answering {client_address[0]}: {error!r}", file=sys.stderr)


def _open_front(host: str, port: int, timeout: float | None, max_results: int | None) -> _FrontServer:
    try:
        return _FrontServer(host, port, timeout, max_results)
    except OSError as exc:
        problem = exc.strerror or str(exc)
        raise UserError(f"cannot listen on {host}:{port}: {problem} (choose another --port)") from exc


def needs_union(location: Path) -> bool:
    """Whether the store at `location` must be served with the union of its graphs: it has no merged view.

    The same test as `kg query` makes (`kg.graph.store.reads_union`); a store with the view served with
    the union would give every triple twice. Opened read-only and closed before the server starts.
    """
    try:
        store = ox.Store.read_only(str(location))
    except OSError:
        return True
    try:
        return reads_union(store)
    finally:
        del store


@dataclass
class ServerHandle:
    """A running endpoint: the Oxigraph server and the proxy in front of it; stops both on exit.

    `host` and `port` are where clients connect (the proxy); Oxigraph itself listens on
    `INTERNAL_HOST:upstream_port`.
    """

    host: str
    port: int
    writable: bool
    process: subprocess.Popen[bytes]
    log_path: Path
    workdir: Path | None = None
    location: Path | None = None
    front: _FrontServer | None = field(default=None, repr=False)
    upstream_port: int | None = None
    timeout: float | None = None
    max_results: int | None = None
    _front_thread: threading.Thread | None = field(default=None, repr=False)
    _stopped: bool = field(default=False, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    def log(self) -> str:
        """What the server wrote to stderr/stdout so far."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Block until the endpoint answers queries; stop everything and fail with Oxigraph's message if it died."""
        try:
            self._wait_upstream(timeout)
        except BaseException:
            self.stop()
            raise
        self._start_front()

    def _wait_upstream(self, timeout: float) -> None:
        """Block until Oxigraph itself answers a query; UserError with its message if it died or never did."""
        deadline = time.monotonic() + timeout
        base = f"http://{INTERNAL_HOST}:{self.upstream_port}" if self.upstream_port else self.base_url
        probe = f"{base}/query?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        request = urllib.request.Request(probe, headers={"Accept": "application/sparql-results+json"})
        while True:
            if self.process.poll() is not None or "Error" in self.log():
                raise UserError(f"the oxigraph server on {self.host}:{self.port} exited: {_error_line(self.log())}")
            # the log line proves that *this* process holds the port, not an older server
            if "Listening for requests" in self.log():
                try:
                    with urllib.request.urlopen(request, timeout=2) as response:
                        if response.status == 200:
                            return
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            if time.monotonic() > deadline:
                raise UserError(f"the oxigraph server on {self.host}:{self.port} did not start in {timeout:.0f} s")
            time.sleep(0.05)

    def _start_front(self) -> None:
        if self.front is None or self._front_thread is not None:
            return
        self.front.upstream_port = self.upstream_port or 0
        self._front_thread = threading.Thread(
            target=self.front.serve_forever, kwargs={"poll_interval": 0.2}, name="kg-serve-proxy", daemon=True
        )
        self._front_thread.start()

    def stop(self) -> None:
        """Stop the proxy and the server (politely, then firmly) and delete any temporary store."""
        if self._stopped:
            return
        self._stopped = True
        if self.front is not None:
            if self._front_thread is not None:
                self.front.shutdown()  # waits for its loop: only once it was started
                self._front_thread.join(timeout=10)
            self.front.server_close()
            self.front.close_connections()
        self._stop_process()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _stop_process(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_server(
    graph: str | Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    ready_timeout: float = 30.0,
    union_default_graph: bool = True,
    max_results: int | None = DEFAULT_MAX_RESULTS,
) -> ServerHandle:
    """Start Oxigraph on GRAPH behind the answer-checking proxy and return once it answers queries.

    `graph` may be a file (loaded into a temporary store), a store folder
    (served in place; `writable` then changes it) or None (an empty temporary
    store, writable - for tests of `kg push`). `port=0` picks a free port.
    `timeout` bounds each query, in seconds (None or 0: no limit); `max_results`
    bounds the rows of an answer (None or 0: no limit, answers stream through).
    `union_default_graph=False` starts a plain Oxigraph, where only queries that
    ask for the union see the graphs.
    """
    if timeout is not None and timeout < 0:
        raise UserError(f"the query time limit must be 0 (none) or more seconds, not {timeout:g}")
    if max_results is not None and max_results < 0:
        raise UserError(f"the answer size limit must be 0 (none) or more rows, not {max_results}")
    timeout = timeout or None
    max_results = max_results or None
    front = _open_front(host, port, timeout, max_results)  # binds now: a port in use fails before any loading
    workdir: Path | None = None
    try:
        if graph is None:
            workdir = Path(tempfile.mkdtemp(prefix="aikg-serve-"))
            location = workdir / "store"
        else:
            graph = Path(graph)
            if not graph.exists():
                raise UserError(f"{graph}: no such graph file or store")
            if graph.is_dir():
                location = graph
                if writable:  # its recorded counts stop holding at the first write through the endpoint
                    from kg.pipeline import forget_recorded_counts

                    forget_recorded_counts(location)
            else:
                workdir = Path(tempfile.mkdtemp(prefix="aikg-serve-"))
                location = workdir / "store"
                load_into_store(graph, location)
        if workdir is None:
            workdir = Path(tempfile.mkdtemp(prefix="aikg-serve-log-"))  # removed on stop; holds only the log
    except BaseException:
        front.server_close()
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        raise
    if union_default_graph and not needs_union(location):
        union_default_graph = False  # the default graph already is the merged view of the named graphs
    attempts = 3  # the internal port is picked free, but another program may take it before Oxigraph does
    for attempt in range(attempts):
        upstream_port = free_port(INTERNAL_HOST)
        command = [oxigraph_executable(), "serve" if writable else "serve-read-only", "--location", str(location)]
        command += ["--bind", f"{INTERNAL_HOST}:{upstream_port}"]
        if union_default_graph:
            command.append("--union-default-graph")
        if timeout:
            command += ["--timeout-s", str(max(1, math.ceil(timeout)))]
        log_path = workdir / "server.log"
        try:
            with open(log_path, "wb") as log:
                process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except BaseException:
            front.server_close()
            shutil.rmtree(workdir, ignore_errors=True)
            raise
        handle = ServerHandle(
            host, int(front.server_address[1]), writable, process, log_path, workdir=workdir, location=location,
            front=front, upstream_port=upstream_port, timeout=timeout, max_results=max_results,
        )
        try:
            handle._wait_upstream(ready_timeout)
        except UserError as exc:
            if attempt + 1 < attempts and "in use" in str(exc).lower():
                handle._stop_process()
                continue
            handle.stop()
            raise
        except BaseException:
            handle.stop()
            raise
        handle._start_front()
        return handle
    raise AssertionError("unreachable")


def serve_forever(handle: ServerHandle) -> int:
    """Wait until the server ends, Ctrl-C or SIGTERM; returns the exit code for `kg serve`.

    SIGTERM/SIGHUP are turned into a clean stop so that the server process and
    the temporary store never outlive `kg serve`.
    """
    message = ""
    try:
        with termination_as_interrupt():
            code = handle.process.wait()
            message = _error_line(handle.log())
    except KeyboardInterrupt:
        code = 0
    finally:
        handle.stop()
    if code != 0:
        print(f"kg serve: the oxigraph server stopped: {message}", file=sys.stderr)
    return 0 if code == 0 else 1


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`."""
    return host in LOOPBACK or host.startswith("127.")
