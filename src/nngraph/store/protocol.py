"""The SPARQL 1.1 Protocol, client side, as the specification writes it.

Every server accepts a query sent as ``application/x-www-form-urlencoded``
POST (``query=…``) or as GET, so that is what nngraph sends: GET while the URL
stays short, form POST beyond. The third form, a direct POST of
``application/sparql-query``, is optional in the protocol and some servers
never answer it (Virtuoso 7.2 holds the connection open), so it is used only
when asked for (``method="direct"``). Updates go as form-encoded ``update=``.
``default-graph-uri`` travels as a protocol parameter with either form.

The HTTP itself is httpx's (one pooled connection per endpoint, timeouts);
this module turns each failure into one line naming the endpoint and what to
check next: a :class:`~nngraph.errors.QueryError` when the server rejects the
request as malformed (HTTP 400), an :class:`~nngraph.errors.EndpointError`
for everything else.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import httpx

from nngraph.errors import EndpointError, QueryError

TIMEOUT = 60.0  # seconds for one HTTP request
GET_LIMIT = 2000  # longest URL sent as GET; longer queries go as form POST
METHODS = ("auto", "form", "direct")
_USER_AGENT = "nngraph (+https://w3id.org/nngraph)"

# What servers really send, best first: SPARQL results as JSON, XML, CSV or
# TSV for SELECT/ASK; Turtle, N-Triples or RDF/XML for CONSTRUCT/DESCRIBE.
RESULTS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/csv;q=0.5, text/tab-separated-values;q=0.4"
)
GRAPH_ACCEPT = (
    "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8, text/plain;q=0.5"
)


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: its bytes, media type (no parameters) and headers."""

    body: bytes
    media: str
    headers: httpx.Headers


def check_url(url: str, option: str) -> None:
    """Refuse anything but a full http(s) URL, naming the option it came from.

    Raises:
        EndpointError: the URL has no http(s) scheme or no host.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(
            f"{option} {url!r} is not an http(s) URL; give the full endpoint URL, "
            "e.g. http://localhost:7878/query"
        )


def check_graph(graph: str) -> None:
    """Refuse a --graph that is not an absolute IRI (SPARQL writes it as ``<IRI>``).

    Raises:
        EndpointError: it has no scheme, or characters an IRI cannot hold.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+", graph):
        raise EndpointError(
            f"--graph {graph!r} is not an absolute IRI; give one such as urn:nngraph "
            "or https://example.org/graph/nngraph"
        )


class Client:
    """Queries and updates to one endpoint over the SPARQL 1.1 Protocol.

    Args:
        url: the endpoint (query or update URL).
        timeout: seconds to wait for any one answer.
        method: ``auto`` (GET when short, else form POST), ``form`` (always
            form POST) or ``direct`` (POST of ``application/sparql-query``).
    """

    def __init__(self, url: str, *, timeout: float = TIMEOUT, method: str = "auto") -> None:
        if method not in METHODS:
            raise EndpointError(f"unknown query method {method!r}; use one of {METHODS}")
        self.url = url
        self.timeout = timeout
        self.method = method
        self._http: httpx.Client | None = None

    @property
    def http(self) -> httpx.Client:
        if self._http is None:  # opened on first use: nothing is contacted before
            self._http = httpx.Client(timeout=self.timeout, headers={"User-Agent": _USER_AGENT})
            # A graph has no close(): its pooled connections close when it is collected.
            weakref.finalize(self, self._http.close)
        return self._http

    def query(self, text: str, *, graphs: Sequence[str] = (), accept: str) -> Answer:
        """Send a query; ``graphs`` become ``default-graph-uri`` parameters."""
        params = [("default-graph-uri", g) for g in graphs]
        headers = {"Accept": accept}
        if self.method == "direct":
            url = self.url + ("?" + urlencode(params) if params else "")
            headers["Content-Type"] = "application/sparql-query; charset=utf-8"
            return self._send("POST", url, headers=headers, content=text.encode("utf-8"))
        form = [("query", text), *params]
        encoded = urlencode(form)
        if self.method == "auto" and len(self.url) + 1 + len(encoded) <= GET_LIMIT:
            return self._send("GET", f"{self.url}?{encoded}", headers=headers)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self._send("POST", self.url, headers=headers, content=encoded.encode("ascii"))

    def update(self, text: str) -> None:
        """Send an update as a form-encoded ``update=``."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode([("update", text)]).encode("ascii")
        self._send("POST", self.url, headers=headers, content=body)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _send(
        self, verb: str, url: str, *, headers: dict[str, str], content: bytes | None = None
    ) -> Answer:
        where = self.url
        try:
            response = self.http.request(verb, url, headers=headers, content=content)
        except httpx.TimeoutException as error:
            raise EndpointError(
                f"the endpoint {where} did not answer within {self.timeout:g} s; "
                "check that it is up, or narrow the query"
            ) from error
        except httpx.ConnectError as error:
            reason = _reason(error)
            raise EndpointError(
                f"cannot reach the endpoint {where}: {reason}; "
                "check the URL and that the server is running"
            ) from error
        except httpx.HTTPError as error:
            raise EndpointError(
                f"the connection to the endpoint {where} failed: {_reason(error)}; "
                "check that the server is running"
            ) from error
        if response.status_code >= 400:
            _raise_status(where, response)
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return Answer(response.content, media, response.headers)


def _reason(error: Exception) -> str:
    cause = error.__context__ or error.__cause__
    text = str(error) or str(cause or "") or type(error).__name__
    match = re.search(r"\[Errno \d+\] (.*)", text)
    return match.group(1) if match else text


def _raise_status(url: str, response: httpx.Response) -> None:
    detail = short(response.text)
    code = response.status_code
    if code == 400:
        raise QueryError(f"the endpoint {url} rejected the request: {detail}")
    hint = {
        401: "it needs credentials",
        403: 'it refuses this client or operation (Virtuoso: GRANT SPARQL_UPDATE TO "SPARQL")',
        404: "check the URL path (Oxigraph uses /query and /update, Virtuoso /sparql)",
        405: "this URL does not accept the request; is it the right endpoint?",
    }.get(code, "check the server's log")
    raise EndpointError(
        f"the endpoint {url} answered HTTP {code} {response.reason_phrase}: {detail or '-'}; {hint}"
    )


def short(text: str, limit: int = 200) -> str:
    """One line of at most ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
