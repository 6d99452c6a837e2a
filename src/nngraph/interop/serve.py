"""Serve the graph read-only over the SPARQL 1.1 Protocol, with the Oxigraph server.

nngraph does not implement a server: it copies the graph into a temporary
on-disk Oxigraph store (``oxigraph load``) and runs ``oxigraph serve-read-only``
on it, bound to 127.0.0.1 unless told otherwise, with a per-query timeout.
The read-only server has no update endpoint, so no client can change the data;
the temporary store is deleted when the server stops.

Endpoints (Oxigraph's): ``http://HOST:PORT/query`` for SPARQL queries (GET or
POST), ``http://HOST:PORT/store`` for the Graph Store Protocol (read only).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import rdflib

from nngraph.errors import EndpointError, MissingExtraError, NngraphError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
STARTUP_SECONDS = 30.0


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: the one installed beside this Python, else on PATH.

    Raises:
        MissingExtraError: the ``oxigraph`` package (the server) is not installed.
    """
    beside = Path(sys.executable).parent / (
        "oxigraph.exe" if sys.platform == "win32" else "oxigraph"
    )
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise MissingExtraError("oxigraph", "server")


class Server:
    """One running ``oxigraph serve-read-only`` process over a copy of a graph.

    Use :func:`serve` (a context manager) unless you need to wait on the process
    yourself, as the CLI does.

    Attributes:
        url: the SPARQL query endpoint, ``http://HOST:PORT/query``.
    """

    def __init__(
        self,
        graph: rdflib.Graph,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if timeout <= 0:
            raise NngraphError(f"--timeout must be positive, not {timeout:g}")
        if not 0 < port < 65536:
            raise NngraphError(f"--port must be between 1 and 65535, not {port}")
        self.graph = graph
        self.host = host
        self.port = port
        self.timeout = timeout
        shown = f"[{host}]" if ":" in host else host
        self.bind = f"{shown}:{port}"
        self.url = f"http://{self.bind}/query"
        self.process: subprocess.Popen[bytes] | None = None
        self.folder: Path | None = None

    def start(self) -> str:
        """Load the graph into a temporary store, start the server, wait until it answers.

        Returns:
            The query endpoint URL.

        Raises:
            EndpointError: the store could not be loaded, or the server did not start
                (the port is taken, the host is not an address of this machine).
        """
        command = oxigraph_command()
        _check_port_free(self.host, self.port)
        self.folder = Path(tempfile.mkdtemp(prefix="nngraph-serve-"))
        try:
            self._load(command)
            self.process = subprocess.Popen(
                [
                    command,
                    "serve-read-only",
                    "--location",
                    str(self.folder / "store"),
                    "--bind",
                    self.bind,
                    "--timeout-s",
                    f"{max(1, round(self.timeout))}",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _load(self, command: str) -> None:
        from nngraph.interop.export import export_rdf

        data = self.folder / "graph.nt"  # type: ignore[operator]
        data.write_bytes(export_rdf(self.graph, "nt"))
        done = subprocess.run(
            [command, "load", "--location", str(self.folder / "store"), "--file", str(data)],  # type: ignore[operator]
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            message = " ".join(done.stderr.decode(errors="replace").split())
            raise EndpointError(f"oxigraph load failed: {message}")
        data.unlink()

    def _wait_until_ready(self) -> None:
        """Poll with a trivial query until the server answers, or report why it stopped."""
        probe = f"{self.url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                error = (
                    self.process.stderr.read().decode(errors="replace")
                    if self.process.stderr
                    else ""
                )
                raise EndpointError(
                    f"the Oxigraph server stopped at start on {self.bind}: "
                    f"{' '.join(error.split()) or 'no message'}; try another --port"
                )
            try:
                with _LOCAL.open(probe, timeout=2) as response:
                    # Answered, and by our process: it still runs, so it holds the port.
                    if response.status == 200 and self.process.poll() is None:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise EndpointError(
            f"the Oxigraph server did not answer on {self.bind} within {STARTUP_SECONDS:g} s"
        )

    def wait(self) -> int:
        """Block until the server process ends (Ctrl-C in the CLI); return its exit code."""
        assert self.process is not None, "start() the server first"
        return self.process.wait()

    def stop(self) -> None:
        """Stop the server (if running) and delete the temporary store. Safe to call twice."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            if self.process.stderr is not None:
                self.process.stderr.close()
            self.process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


# Talk to our own server directly, never through an http_proxy from the environment.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _check_port_free(host: str, port: int) -> None:
    """Refuse a port another process listens on: a probe would reach that server, not ours."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise EndpointError(
                f"cannot listen on {host}:{port}: {error.strerror or error}; "
                "choose another --port (or stop what uses it)"
            ) from error


@contextmanager
def serve(
    graph: rdflib.Graph,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[str]:
    """Serve ``graph`` read-only over SPARQL for the duration of a ``with`` block.

    Example::

        with serve(nngraph.load(), port=7879) as url:
            rows = nngraph.run_named(rdflib.Graph(store=SPARQLStore(url)), "gaps")

    Args:
        graph: the graph from ``nngraph.load`` (copied: later changes are not served).
        host: the address to listen on; keep 127.0.0.1 unless others must reach it.
        port: the TCP port.
        timeout: seconds after which the server abandons a query.

    Yields:
        The SPARQL query endpoint URL, ``http://HOST:PORT/query``.

    Raises:
        EndpointError: the server could not be started.
        MissingExtraError: the ``oxigraph`` server package is not installed.
    """
    server = Server(graph, host=host, port=port, timeout=timeout)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
