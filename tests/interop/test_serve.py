"""The read-only SPARQL endpoint: a real Oxigraph server on 127.0.0.1, queried by real clients."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from nngraph.errors import EndpointError, NngraphError, QueryError
from nngraph.interop.serve import Server, serve
from nngraph.query.run import query_names, query_text, run_named, run_query
from nngraph.store.loader import load

pytestmark = pytest.mark.server

HOST = "127.0.0.1"
# Direct connections only: an http_proxy in the environment must not see test traffic.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(bundled_store):
    with serve(bundled_store, host=HOST, port=free_port(), timeout=20) as url:
        yield url


@pytest.fixture(scope="module")
def remote(endpoint):
    """The served graph as `nngraph --endpoint URL` opens it."""
    return load(endpoint=endpoint)


_CONCAT = re.compile(
    r'GROUP_CONCAT\((?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\)\s*AS\s*\?(\w+)', re.I
)


def _rows(result, name: str) -> list:
    """Rows as sorted terms. SPARQL leaves the order inside GROUP_CONCAT undefined
    (and the order of rows that tie on ORDER BY), so those are compared as sets."""
    concats = {var: sep for sep, var in _CONCAT.findall(query_text(name))}
    rows = []
    for row in result.rows:
        cells = []
        for var, term in sorted(row.items()):
            if var in concats and term is not None:
                term = tuple(sorted(str(term).split(concats[var])))
            cells.append((var, repr(term)))
        rows.append(repr(cells))
    return sorted(rows)


@pytest.mark.parametrize("name", query_names())
def test_bundled_queries_answer_as_on_the_embedded_store(name, bundled_store, remote):
    local = run_named(bundled_store, name)
    served = run_named(remote, name)
    assert (served.kind, served.variables, served.boolean) == (
        local.kind,
        local.variables,
        local.boolean,
    )
    assert _rows(served, name) == _rows(local, name)


def test_a_query_with_sparqlwrapper_counts_the_works(endpoint, bundled_store):
    text = (
        "PREFIX schema: <https://schema.org/> "
        "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w a schema:Book } "
    )
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    served = int(answer["results"]["bindings"][0]["n"]["value"])
    assert served == run_query(bundled_store, text).values()[0]["n"] > 0


def _post(url: str, body: bytes, content_type: str) -> int:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_updates_are_refused(endpoint, remote):
    base = endpoint.removesuffix("/query")
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status = _post(
        f"{base}/update",
        urllib.parse.urlencode({"update": update}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert status == 403
    status = _post(f"{base}/update", update.encode(), "application/sparql-update")
    assert status == 403
    status = _post(
        f"{base}/store?default", b"<urn:x:a> <urn:x:b> <urn:x:c> .", "application/n-triples"
    )
    assert status == 403
    client = SPARQLWrapper(endpoint, updateEndpoint=f"{base}/update")
    client.setMethod("POST")
    client.setQuery(update)
    with pytest.raises(Exception, match="403|read-only|Forbidden"):  # SPARQLWrapper's own error
        client.query()
    assert run_query(remote, "ASK { <urn:x:a> ?p ?o }").boolean is False
    with pytest.raises(QueryError):  # sent to /query, where an update is a syntax error
        run_query(remote, update)


def test_a_taken_port_is_refused_with_a_clear_error(tiny_store):
    with socket.socket() as holder:
        holder.bind((HOST, 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(EndpointError, match="another --port"):
            with serve(tiny_store, host=HOST, port=port):
                pass  # pragma: no cover - never reached


def test_stopping_ends_the_process_and_deletes_the_store(tiny_store):
    server = Server(tiny_store, host=HOST, port=free_port(), timeout=5)
    url = server.start()
    process, folder = server.process, server.folder
    assert process is not None and process.poll() is None and Path(folder).is_dir()
    assert run_query(load(endpoint=url), "ASK { ?w a schema:Book }").boolean is True
    server.stop()
    assert process.poll() is not None
    assert not Path(folder).exists()
    with pytest.raises(urllib.error.URLError):
        OPENER.open(f"{url}?query=ASK%7B%7D", timeout=5)
    server.stop()  # twice is harmless


def test_bad_settings_are_refused_before_starting(tiny_store):
    with pytest.raises(NngraphError, match="--timeout"):
        Server(tiny_store, timeout=0)
    with pytest.raises(NngraphError, match="--port"):
        Server(tiny_store, port=70000)


def test_the_serve_command_prints_the_url_and_stops_on_ctrl_c(tmp_path):
    import signal
    import subprocess
    import sys

    tiny = Path(__file__).parents[1] / "data" / "tiny.ttl"
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nngraph",
            "--no-bundled",
            "--no-cache",
            "--data",
            str(tiny),
            "serve",
            "--host",
            "127.0.0.2",  # another loopback address than the default: --host is honoured
            "--port",
            str(port),
            "--timeout",
            "5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert url == f"http://127.0.0.2:{port}/query"
        assert run_query(load(endpoint=url), "ASK { ?w a schema:Book }").boolean is True
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    with pytest.raises(urllib.error.URLError):  # the Oxigraph child went with it
        OPENER.open(f"{url}?query=ASK%7B%7D", timeout=5)
