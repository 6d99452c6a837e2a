"""rdflib graphs over pyoxigraph stores that load oxrdflib only when rdflib's triple API is used.

nngraph hands every caller a plain ``rdflib.Graph``, but it parses files with
pyoxigraph (``nngraph.store.loader``) and sends its SPARQL straight to pyoxigraph
(``nngraph.query.run``). The rdflib adapter, oxrdflib, imports rdflib's whole
SPARQL engine when it loads (about 0.25 s, as long as a warm ``nngraph gaps``
on the bundled graph), so the graphs built here hold a ``LazyOxigraphStore``
that loads oxrdflib only when something calls rdflib's own store methods
(``graph.triples``, ``graph.serialize``, ``graph.add``, ...).

The term converters mirror oxrdflib's, so a query answered here and the same
query answered through oxrdflib give equal rdflib terms.
"""

from __future__ import annotations

import sys
from typing import Any

import pyoxigraph
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.store import Store
from rdflib.term import Node


class LazyOxigraphStore(Store):
    """An rdflib Store over a pyoxigraph Store; oxrdflib's ``OxigraphStore`` made on first use.

    Attributes:
        inner: the pyoxigraph Store, for code that talks to Oxigraph directly.
        results: where answers to queries on it are kept, for a store that
            never changes (a ``nngraph.result_memo.ResultMemo``), else None.
            A write through rdflib drops it: kept answers would be stale.
    """

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self, inner: pyoxigraph.Store) -> None:
        self.inner = inner
        self.results: Any = None
        self._adapter: Store | None = None
        super().__init__()

    @property
    def adapter(self) -> Store:
        """oxrdflib's store over the same pyoxigraph Store (imports oxrdflib once)."""
        if self._adapter is None:
            from oxrdflib import OxigraphStore

            self._adapter = OxigraphStore(store=self.inner)
        return self._adapter


_WRITES = {"add", "addN", "remove", "update", "add_graph", "remove_graph"}


def _delegated(name: str) -> Any:
    def method(self: LazyOxigraphStore, *args: Any, **kwargs: Any) -> Any:
        if name in _WRITES:
            self.results = None
        return getattr(self.adapter, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"oxrdflib's ``OxigraphStore.{name}`` (loads oxrdflib on first use)."
    return method


# Every Store method that oxrdflib's OxigraphStore overrides.
for _name in (
    "open",
    "close",
    "destroy",
    "gc",
    "add",
    "addN",
    "remove",
    "triples",
    "__len__",
    "contexts",
    "query",
    "update",
    "commit",
    "rollback",
    "add_graph",
    "remove_graph",
    "bind",
    "prefix",
    "namespace",
    "namespaces",
):
    setattr(LazyOxigraphStore, _name, _delegated(_name))


def oxigraph_graph(inner: pyoxigraph.Store) -> rdflib.Graph:
    """A plain rdflib Graph over the default graph of a pyoxigraph Store."""
    return rdflib.Graph(store=LazyOxigraphStore(inner), identifier=DATASET_DEFAULT_GRAPH_ID)


def oxigraph_of(graph: rdflib.Graph) -> pyoxigraph.Store | None:
    """The pyoxigraph Store a graph reads, when SPARQL sent to it directly means the same.

    That holds for a plain Graph on the store's default graph, through this
    module's store or oxrdflib's own; not for a named graph or a Dataset.
    """
    if type(graph) is not rdflib.Graph or graph.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    store = graph.store
    if isinstance(store, LazyOxigraphStore):
        return store.inner
    oxrdflib = sys.modules.get("oxrdflib")  # not imported: cannot be its store
    if oxrdflib is not None and isinstance(store, oxrdflib.OxigraphStore):
        return store._inner
    return None


def from_ox(term: Any) -> Node | None:
    """A pyoxigraph term as the rdflib term oxrdflib would give."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise ValueError(f"unexpected Oxigraph term {term!r}")


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        datatype = pyoxigraph.NamedNode(str(term.datatype)) if term.datatype else None
        return pyoxigraph.Literal(str(term), language=term.language, datatype=datatype)
    raise ValueError(f"cannot send {term!r} to Oxigraph")
