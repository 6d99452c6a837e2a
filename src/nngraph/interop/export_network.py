"""The graph as a networkx graph of works, people and topics, and as GraphML or GEXF."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import rdflib

from nngraph.errors import NngraphError
from nngraph.records.topic_records import read_coverage, read_topics
from nngraph.records.works import Work, read_people, read_works


def to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Works, people and topics as typed nodes, and the links between them as typed edges.

    Node ids are IRIs; every node has ``kind`` (work, person or topic) and
    ``label``, works also ``type``, ``year`` and their identifiers. Edges carry
    ``relation``: ``authored`` (person -> work, with ``position`` in the author
    list), ``covers`` (work -> topic, with ``depth``, ``depth_rank``,
    ``exercises``, ``locator``, ``coverage``), ``requires`` and ``broader``
    (topic -> topic). Attributes that are unknown are left out, not set to None,
    so the graph writes to GraphML and GEXF as it is.

    Returns:
        A MultiDiGraph whose edge keys are the relation (the coverage IRI for ``covers``).
    """
    out = nx.MultiDiGraph(name="nngraph")
    for person in read_people(graph):
        out.add_node(person.iri, kind="person", label=person.name)
    for work in read_works(graph):
        out.add_node(work.iri, **_present(kind="work", **_work_attributes(work)))
        for position, person in enumerate(work.authors, start=1):
            if person.iri not in out:
                out.add_node(person.iri, kind="person", label=person.name)
            out.add_edge(
                person.iri, work.iri, key="authored", relation="authored", position=position
            )
    topics = read_topics(graph)
    for topic in topics:
        out.add_node(topic.iri, **_present(kind="topic", label=topic.label, scheme=topic.scheme))
    for topic in topics:
        for relation, others in (("requires", topic.requires), ("broader", topic.broader)):
            for other in others:
                if other not in out:
                    out.add_node(other, kind="topic", label=other)
                out.add_edge(topic.iri, other, key=relation, relation=relation)
    for claim in read_coverage(graph):
        for end, kind in ((claim.work, "work"), (claim.topic, "topic")):
            if end not in out:
                out.add_node(end, kind=kind, label=end)
        out.add_edge(
            claim.work,
            claim.topic,
            key=claim.iri,
            **_present(
                relation="covers",
                coverage=claim.iri,
                depth=claim.depth,
                depth_rank=claim.depth_rank,
                exercises=claim.exercises,
                locator=claim.locator,
                status=claim.status,
            ),
        )
    return out


def _work_attributes(work: Work) -> dict[str, Any]:
    return {
        "label": work.title,
        "type": work.type,
        "subtitle": work.subtitle,
        "year": work.year,
        "publisher": work.publisher,
        "venue": work.venue,
        "isbn": "; ".join(work.isbn) or None,
        "doi": work.doi,
        "arxiv_id": work.arxiv_id,
        "url": work.url,
        "free": work.free,
        "exercises": work.exercises,
        "status": work.status.removeprefix("nn:") if work.status else None,
    }


def _present(**attributes: Any) -> dict[str, Any]:
    """The attributes that have a value: GraphML and GEXF cannot write None."""
    return {name: value for name, value in attributes.items() if value is not None}


def export_network(graph: rdflib.Graph, fmt: str) -> bytes:
    """The :func:`to_networkx` graph as GraphML or GEXF (UTF-8 XML).

    Raises:
        NngraphError: ``fmt`` is not ``graphml`` or ``gexf``.
    """
    network = to_networkx(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(network, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(network, buffer, encoding="utf-8")
    else:
        raise NngraphError(f"unknown graph format {fmt!r}; use graphml or gexf")
    return buffer.getvalue()
