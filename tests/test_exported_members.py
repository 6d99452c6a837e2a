"""The public API: ``nngraph.__all__`` is pinned, and each name is what its layer defines."""

import importlib

import nngraph

# name -> the module that defines it (the layer move changed only these internal paths)
PUBLIC = {
    "__version__": "nngraph",
    "NngraphError": "nngraph.errors",
    "DataLoadError": "nngraph.errors",
    "QueryError": "nngraph.errors",
    "UnknownTopicError": "nngraph.errors",
    "UnknownNameError": "nngraph.errors",
    "EndpointError": "nngraph.errors",
    "load": "nngraph.store.loader",
    "validate": "nngraph.analysis.validate",
    "stats": "nngraph.analysis.stats",
    "run_query": "nngraph.query.run",
    "run_named": "nngraph.query.run",
    "query_names": "nngraph.query.run",
    "QueryResult": "nngraph.query.run",
    "Violation": "nngraph.analysis.validate",
    "import_bibtex": "nngraph.interop.bibtex",
    "ImportResult": "nngraph.interop.bibtex",
    "export_data": "nngraph.interop.export",
    "write_export": "nngraph.interop.export",
    "to_networkx": "nngraph.interop.export",
    "build_network": "nngraph.view.network",
    "render_html": "nngraph.view.network",
}


def test_all_is_pinned():
    assert nngraph.__all__ == list(PUBLIC)
    assert sorted(dir(nngraph)) == sorted(PUBLIC)


def test_every_name_is_the_one_its_module_defines():
    for name, module in PUBLIC.items():
        value = getattr(nngraph, name)
        assert value is getattr(importlib.import_module(module), name), name
        if callable(value) and name != "__version__":
            assert value.__doc__, f"{name} has no docstring"
