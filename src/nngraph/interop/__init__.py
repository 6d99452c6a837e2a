"""The interop layer: BibTeX in and out, exports in the formats other tools read, ``serve``.

May import analysis and everything below it; must not import view or cli, nor click.
"""
