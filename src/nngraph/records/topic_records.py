"""Topics and the coverage claims linking works to them, as plain records read with SPARQL.

They are the rows of ``topics.csv`` and ``coverage.csv`` and the topic nodes
and ``covers`` edges of the graph exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib

from nngraph.vocab import PREFIXES, compact


@dataclass
class Topic:
    """A topic with its labels and links (the topics.csv row)."""

    iri: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    definition: str | None = None
    scheme: str | None = None
    broader: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)


@dataclass
class Coverage:
    """One coverage claim (the coverage.csv row)."""

    iri: str
    work: str
    topic: str
    depth: str | None = None
    depth_rank: int | None = None
    exercises: bool | None = None
    locator: str | None = None
    status: str | None = None
    rationale: str | None = None
    sources: list[str] = field(default_factory=list)


_TOPICS_QUERY = """
SELECT ?topic ?label ?alt ?definition ?scheme WHERE {
  ?topic a skos:Concept .
  OPTIONAL { ?topic skos:prefLabel ?label }
  OPTIONAL { ?topic skos:altLabel ?alt }
  OPTIONAL { ?topic skos:definition ?definition }
  OPTIONAL { ?topic skos:inScheme ?scheme }
} ORDER BY ?topic ?label ?alt
"""
_LINKS_QUERY = """
SELECT ?topic ?relation ?other WHERE {
  VALUES ?relation { skos:broader nn:requires }
  ?topic a skos:Concept ; ?relation ?other .
} ORDER BY ?topic ?relation ?other
"""
_COVERAGE_QUERY = """
SELECT ?coverage ?work ?topic ?depth ?rank ?exercises ?locator ?status ?rationale ?source WHERE {
  ?coverage a nn:Coverage ; nn:work ?work ; nn:topic ?topic .
  OPTIONAL { ?coverage nn:depth ?depth OPTIONAL { ?depth nn:rank ?rank } }
  OPTIONAL { ?coverage nn:hasExercises ?exercises }
  OPTIONAL { ?coverage nn:locator ?locator }
  OPTIONAL { ?coverage nn:status ?status }
  OPTIONAL { ?coverage nn:rationale ?rationale }
  OPTIONAL { ?coverage dcterms:source ?source }
} ORDER BY ?coverage ?source
"""


def read_topics(graph: rdflib.Graph) -> list[Topic]:
    """Every topic (``skos:Concept``) with labels, definition, broader and required topics.

    An English or untagged prefLabel is preferred; the IRI stands in when there is none.
    """
    topics: dict[str, Topic] = {}
    label_rank: dict[str, int] = {}  # 0 English, 1 untagged, 2 another language
    for iri, label, alt, definition, scheme in graph.query(_TOPICS_QUERY, initNs=PREFIXES):
        topic = topics.setdefault(str(iri), Topic(iri=str(iri), label=""))
        if label is not None:
            preference = {"en": 0, None: 1}.get(getattr(label, "language", None), 2)
            if preference < label_rank.get(topic.iri, 3):
                topic.label, label_rank[topic.iri] = str(label), preference
        if alt is not None and str(alt) not in topic.alt_labels:
            topic.alt_labels.append(str(alt))
        if definition is not None and topic.definition is None:
            topic.definition = str(definition)
        if scheme is not None and topic.scheme is None:
            topic.scheme = str(scheme)
    for iri, relation, other in graph.query(_LINKS_QUERY, initNs=PREFIXES):
        topic = topics.get(str(iri))
        if topic is not None:
            links = topic.broader if compact(relation) == "skos:broader" else topic.requires
            if str(other) not in links:
                links.append(str(other))
    for topic in topics.values():
        topic.label = topic.label or topic.iri
    return [topics[iri] for iri in sorted(topics)]


def read_coverage(graph: rdflib.Graph) -> list[Coverage]:
    """Every coverage claim, with its depth rank and all its sources."""
    claims: dict[str, Coverage] = {}
    for row in graph.query(_COVERAGE_QUERY, initNs=PREFIXES):
        iri, work, topic, depth, rank, exercises, locator, status, rationale, source = row
        claim = claims.setdefault(
            str(iri), Coverage(iri=str(iri), work=str(work), topic=str(topic))
        )
        if depth is not None and claim.depth is None:
            claim.depth = compact(depth).removeprefix("nn:")
            claim.depth_rank = int(rank) if rank is not None else None
        if exercises is not None and claim.exercises is None:
            claim.exercises = str(exercises).lower() in ("true", "1")
        for name, value in (("locator", locator), ("rationale", rationale)):
            if value is not None and getattr(claim, name) is None:
                setattr(claim, name, str(value))
        if status is not None and claim.status is None:
            claim.status = compact(status).removeprefix("nn:")
        if source is not None and str(source) not in claim.sources:
            claim.sources.append(str(source))
    return [claims[iri] for iri in sorted(claims)]
