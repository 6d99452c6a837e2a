"""The topic graph (prerequisites and broader topics) and finding a topic by the name a user knows.

The topic graph is small (hundreds of nodes even for a large bibliography),
so it is read with one SPARQL query and handed to networkx; work-level data
never comes here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import networkx as nx
import rdflib

from nngraph.errors import UnknownTopicError
from nngraph.queries import run_named
from nngraph.vocab import PREFIXES, compact


@dataclass
class TopicGraph:
    """Topics with their labels and two relations.

    Attributes:
        labels: topic IRI -> preferred label (the IRI's short form if none).
        alt_labels: topic IRI -> alternative labels.
        requires: edge T -> P when topic T requires topic P.
        broader: edge N -> B when B is a broader topic of N.
    """

    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    requires: nx.DiGraph = field(default_factory=nx.DiGraph)
    broader: nx.DiGraph = field(default_factory=nx.DiGraph)

    def label(self, topic: str) -> str:
        """The preferred label of a topic."""
        return self.labels.get(topic, compact(rdflib.URIRef(topic)))

    def dependents(self, topic: str) -> set[str]:
        """Topics that need ``topic`` first, directly or through other prerequisites."""
        return nx.ancestors(self.requires, topic) if topic in self.requires else set()

    def dependent_counts(self) -> dict[str, int]:
        """For every topic, how many topics depend on it (the size of ``dependents``).

        One pass in topological order with Python integers as bitsets, instead
        of one graph search per topic: linear in edges times words, so tens of
        thousands of topics stay fast. Falls back to per-topic search when the
        prerequisites have a cycle (invalid data, reported by ``validate``).
        """
        index = {topic: i for i, topic in enumerate(self.requires.nodes)}
        try:
            order = list(nx.topological_sort(self.requires))
        except nx.NetworkXUnfeasible:
            return {topic: len(self.dependents(topic)) for topic in index}
        above: dict[str, int] = dict.fromkeys(index, 0)
        for topic in order:  # a dependent comes before its prerequisites
            mask = above[topic] | (1 << index[topic])
            for prerequisite in self.requires.successors(topic):
                above[prerequisite] |= mask
        return {topic: mask.bit_count() for topic, mask in above.items()}

    def prerequisites(self, topic: str) -> set[str]:
        """Topics ``topic`` needs first, directly or transitively."""
        return nx.descendants(self.requires, topic) if topic in self.requires else set()

    def narrower(self, topic: str) -> set[str]:
        """Topics directly below ``topic`` in the hierarchy."""
        return set(self.broader.predecessors(topic)) if topic in self.broader else set()


def topic_graph(graph: rdflib.Graph) -> TopicGraph:
    """Read every topic, its labels, prerequisites and broader topics."""
    topics = TopicGraph()
    for row in run_named(graph, "analysis-topic-graph").rows:
        topic = str(row["topic"])
        topics.requires.add_node(topic)
        topics.broader.add_node(topic)
        if row["label"] is not None and topic not in topics.labels:
            topics.labels[topic] = str(row["label"])
        relation, other = row["relation"], row["other"]
        if relation is None or other is None:
            continue
        if str(relation) == "requires":
            topics.requires.add_edge(topic, str(other))
        elif str(relation) == "broader":
            topics.broader.add_edge(topic, str(other))
        else:
            topics.alt_labels.setdefault(topic, []).append(str(other))
    return topics


def resolve_topic(topics: TopicGraph, name: str) -> str:
    """The IRI of the topic a user means: its IRI, CURIE, label or alternative label.

    Matching ignores case and surrounding space.

    Raises:
        UnknownTopicError: nothing matches; carries up to five close labels.
    """
    wanted = name.strip()
    if wanted in topics.labels:
        return wanted
    for prefix, namespace in PREFIXES.items():
        if (
            wanted.startswith(f"{prefix}:")
            and namespace + wanted[len(prefix) + 1 :] in topics.labels
        ):
            return namespace + wanted[len(prefix) + 1 :]
    by_name: dict[str, str] = {}
    for topic, label in topics.labels.items():
        by_name.setdefault(label.casefold(), topic)
        by_name.setdefault(topic.rsplit("/", 1)[-1].casefold(), topic)
    for topic, alternatives in topics.alt_labels.items():
        for alternative in alternatives:
            by_name.setdefault(alternative.casefold(), topic)
    key = wanted.casefold()
    if key in by_name:
        return by_name[key]
    # A name that begins exactly one topic's label ("universal approximation").
    starting = {topic for name, topic in by_name.items() if name.startswith(key)}
    if len(starting) == 1 and len(key) >= 4:
        return starting.pop()
    close = difflib.get_close_matches(key, list(by_name), n=8, cutoff=0.6)
    suggestions: list[str] = []
    for match in close:
        label = topics.label(by_name[match])
        if label not in suggestions:
            suggestions.append(label)
    if not suggestions:
        suggestions = sorted({topics.label(t) for k, t in by_name.items() if key in k or k in key})
    raise UnknownTopicError(name, suggestions[:5])
