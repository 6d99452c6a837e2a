"""The records layer: works, people, topics and coverage read from a graph as plain records.

Everything here is read with SPARQL through ``nngraph.query``; callers get dataclasses and
dicts, never triples. Must not import analysis, view, interop or cli, nor networkx or pyvis.
"""
