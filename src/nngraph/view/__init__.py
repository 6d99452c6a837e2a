"""The view layer: the interactive graph view (networkx → pyvis → one self-contained HTML page).

May import analysis and everything below it; must not import interop or cli, nor click.
"""
