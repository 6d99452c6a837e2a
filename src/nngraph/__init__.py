"""nngraph: which works treat neural-network mathematics rigorously, and what none covers.

A curated RDF graph of works, authors, topics and coverage claims, with a
Python API (this package) and the ``nngraph`` command line on top of it.
Importing the package is cheap: heavy modules load on first use.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "NngraphError",
    "DataLoadError",
    "QueryError",
    "UnknownTopicError",
    "UnknownNameError",
    "EndpointError",
    "load",
    "validate",
    "stats",
    "run_query",
    "run_named",
    "query_names",
    "QueryResult",
    "Violation",
    "import_bibtex",
    "ImportResult",
    "export_data",
    "write_export",
    "to_networkx",
    "build_network",
    "render_html",
]

# name -> module that defines it; resolved lazily so `nngraph --help` imports
# neither rdflib nor networkx nor pyvis.
_LAZY = {
    "NngraphError": "nngraph.errors",
    "DataLoadError": "nngraph.errors",
    "QueryError": "nngraph.errors",
    "UnknownTopicError": "nngraph.errors",
    "UnknownNameError": "nngraph.errors",
    "EndpointError": "nngraph.errors",
    "load": "nngraph.store.loader",
    "validate": "nngraph.analysis.validate",
    "Violation": "nngraph.analysis.validate",
    "stats": "nngraph.analysis.stats",
    "run_query": "nngraph.query.run",
    "run_named": "nngraph.query.run",
    "query_names": "nngraph.query.run",
    "QueryResult": "nngraph.query.run",
    "import_bibtex": "nngraph.interop.bibtex",
    "ImportResult": "nngraph.interop.bibtex",
    "export_data": "nngraph.interop.export",
    "write_export": "nngraph.interop.export",
    "to_networkx": "nngraph.interop.export",
    "build_network": "nngraph.view.network",
    "render_html": "nngraph.view.network",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'nngraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
