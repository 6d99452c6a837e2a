"""The store layer: turn files, the on-disk cache or a SPARQL endpoint into one rdflib Graph.

``loader.load`` is the one place that chooses among the three; ``files`` holds the parsing
helpers all of them share, so none imports another. May import only ``errors``, ``vocab``
and ``output``; must not import the query, records, analysis, view, interop or cli layers.
"""
