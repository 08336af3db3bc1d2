"""Serve a graph as a SPARQL 1.1 Protocol endpoint, using the Oxigraph server.

The server is the `oxigraph` binary of the PyPI `oxigraph` package (a
dependency of aikg), not a server of our own: it speaks the whole SPARQL 1.1
Protocol and Graph Store Protocol, streams large answers and enforces
read-only mode itself. We only prepare its store and watch its process.

A graph file is first bulk-loaded into a temporary on-disk store (removed on
stop); a store folder is served in place. Queries see the union of the named
graphs (`--union-default-graph`), as `kg query` does locally.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from kg.errors import UserError
from kg.graph.store import rdf_format_for

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


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
    """Bulk-load a graph file into a new on-disk store with `oxigraph load`.

    A separate process, so that no RocksDB lock stays in ours when the server opens it.
    """
    fmt = rdf_format_for(graph)
    if fmt is None:
        raise UserError(f"{graph}: unknown graph format (use .ttl, .trig, .nt, .nq, .jsonld or a store folder)")
    command = [oxigraph_executable(), "load", "--location", str(location), "--file", str(graph)]
    command += ["--format", fmt.file_extension]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise UserError(f"{graph}: cannot load: {_error_line(done.stderr)}")


@dataclass
class ServerHandle:
    """A running Oxigraph server; a context manager that stops it on exit."""

    host: str
    port: int
    writable: bool
    process: subprocess.Popen[bytes]
    log_path: Path
    workdir: Path | None = None
    location: Path | None = None
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
        """Block until the server answers a query; fail with its own message if it died."""
        deadline = time.monotonic() + timeout
        probe = f"{self.query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        request = urllib.request.Request(probe, headers={"Accept": "application/sparql-results+json"})
        while True:
            if self.process.poll() is not None or "Error" in self.log():
                message = _error_line(self.log())
                self.stop()
                raise UserError(f"the oxigraph server on {self.host}:{self.port} exited: {message}")
            # the log line proves that *this* process holds the port, not an older server
            if "Listening for requests" in self.log():
                try:
                    with urllib.request.urlopen(request, timeout=2) as response:
                        if response.status == 200:
                            return
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            if time.monotonic() > deadline:
                self.stop()
                raise UserError(f"the oxigraph server on {self.host}:{self.port} did not start in {timeout:.0f} s")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (politely, then firmly) and delete any temporary store."""
        if self._stopped:
            return
        self._stopped = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)

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
    timeout: float | None = None,
    ready_timeout: float = 30.0,
    union_default_graph: bool = True,
) -> ServerHandle:
    """Start Oxigraph on GRAPH and return once it answers queries.

    `graph` may be a file (loaded into a temporary store), a store folder
    (served in place; `writable` then changes it) or None (an empty temporary
    store, writable - for tests of `kg push`). `port=0` picks a free port.
    `timeout` bounds each query, in seconds. `union_default_graph=False` starts
    a plain Oxigraph, where only queries that ask for the union see the graphs.
    """
    if port == 0:
        port = free_port(host)
    else:
        check_port_free(host, port)
    workdir: Path | None = None
    if graph is None:
        workdir = Path(tempfile.mkdtemp(prefix="aikg-serve-"))
        location = workdir / "store"
    else:
        graph = Path(graph)
        if not graph.exists():
            raise UserError(f"{graph}: no such graph file or store")
        if graph.is_dir():
            location = graph
        else:
            workdir = Path(tempfile.mkdtemp(prefix="aikg-serve-"))
            location = workdir / "store"
            try:
                load_into_store(graph, location)
            except BaseException:
                shutil.rmtree(workdir, ignore_errors=True)
                raise
    command = [oxigraph_executable(), "serve" if writable else "serve-read-only", "--location", str(location)]
    command += ["--bind", f"{_url_host(host)}:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    if timeout:
        command += ["--timeout-s", str(int(max(1, timeout)))]
    log_dir = workdir or Path(tempfile.mkdtemp(prefix="aikg-serve-log-"))
    if workdir is None:
        workdir = log_dir  # removed on stop; holds only the log
    log_path = log_dir / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    handle = ServerHandle(host, port, writable, process, log_path, workdir=workdir, location=location)
    try:
        handle.wait_ready(ready_timeout)
    except BaseException:
        handle.stop()
        raise
    return handle


def serve_forever(handle: ServerHandle) -> int:
    """Wait until the server ends, Ctrl-C or SIGTERM; returns the exit code for `kg serve`.

    SIGTERM/SIGHUP are turned into a clean stop so that the server process and
    the temporary store never outlive `kg serve`.
    """

    def _interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            sig = getattr(signal, name)
            previous[sig] = signal.signal(sig, _interrupt)
    message = ""
    try:
        code = handle.process.wait()
        message = _error_line(handle.log())
    except KeyboardInterrupt:
        code = 0
    finally:
        handle.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if code != 0:
        print(f"kg serve: the oxigraph server stopped: {message}", file=sys.stderr)
    return 0 if code == 0 else 1


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`."""
    return host in LOOPBACK or host.startswith("127.")
