"""The query layer: run SPARQL on a store, the bundled ``sparql/*.rq`` library, result formats.

May import ``store`` and the shared bottom modules; must not import records, analysis,
view, interop or cli, nor networkx, pyvis or click.
"""
