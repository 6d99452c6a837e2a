"""Read RDF terms that users type on the command line: ``<iri>``, ``prefix:name``, numbers, text."""

from __future__ import annotations

import re

import rdflib
from rdflib.term import Node

from nngraph.errors import UnknownNameError
from nngraph.vocab import PREFIXES

_CURIE = re.compile(r"^([A-Za-z][\w-]*):([^\s/][^\s]*)?$")


def parse_term(text: str) -> Node:
    """The RDF term a user means by ``text``.

    ``<https://…>`` and bare ``http(s)://…`` are IRIs; ``topic:bptt`` expands
    with nngraph's prefixes; integers and decimals become typed literals;
    anything else is a plain string literal.

    Raises:
        UnknownNameError: ``text`` looks like a CURIE with an unknown prefix.
    """
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        return rdflib.URIRef(value[1:-1])
    if re.match(r"^https?://", value):
        return rdflib.URIRef(value)
    if re.fullmatch(r"[+-]?\d+", value):
        return rdflib.Literal(int(value))
    if re.fullmatch(r"[+-]?\d+\.\d+", value):
        return rdflib.Literal(value, datatype=rdflib.XSD.decimal)
    match = _CURIE.match(value)
    if match and " " not in value:
        prefix = match.group(1)
        if prefix in PREFIXES:
            return rdflib.URIRef(PREFIXES[prefix] + (match.group(2) or ""))
        import difflib

        raise UnknownNameError("prefix", prefix, difflib.get_close_matches(prefix, list(PREFIXES)))
    return rdflib.Literal(value)
