"""The namespaces nngraph speaks, in one place, so queries, output and files agree."""

from __future__ import annotations

import rdflib
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

NN = rdflib.Namespace("https://w3id.org/nngraph/ns#")
SCHEMA = rdflib.Namespace("https://schema.org/")
WORK = rdflib.Namespace("https://w3id.org/nngraph/work/")
PERSON = rdflib.Namespace("https://w3id.org/nngraph/person/")
TOPIC = rdflib.Namespace("https://w3id.org/nngraph/topic/")
COVERAGE = rdflib.Namespace("https://w3id.org/nngraph/coverage/")

# The prefixes every query may use without declaring them, and that output
# uses to shorten IRIs.  Order matters only for display.
PREFIXES: dict[str, str] = {
    "nn": str(NN),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "work": str(WORK),
    "person": str(PERSON),
    "topic": str(TOPIC),
    "cov": str(COVERAGE),
    "sh": "http://www.w3.org/ns/shacl#",
}

DEPTHS = ("mention", "intuition", "derivation", "rigorous")


def depth_rank(depth: str) -> int:
    """The rank of a depth name on the scale (mention 0 … rigorous 3).

    Raises:
        ValueError: the name is not on the scale.
    """
    return DEPTHS.index(depth)


def compact(term: object) -> str:
    """A readable short form of an IRI (``topic:bptt``) or the literal's text."""
    text = str(term)
    if isinstance(term, rdflib.URIRef):
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
    return text


def bind_prefixes(graph: rdflib.Graph) -> rdflib.Graph:
    """Bind nngraph's prefixes on a graph so serialisations use them."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
