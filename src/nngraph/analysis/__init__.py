"""The analysis layer: gaps, recommendations, learning paths, reading lists, stats, validation.

Work-level aggregation runs in SPARQL (so it works on a remote endpoint); only the small
topic graph is handled in Python. May import records, query and store; must not import
view, interop or cli, nor pyvis or click.
"""
