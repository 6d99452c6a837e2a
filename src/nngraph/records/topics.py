"""The topic graph (prerequisites and broader topics) and finding a topic by the name a user knows.

The topic graph is small (hundreds of nodes even for a large bibliography),
so it is read with one SPARQL query and handed to networkx; work-level data
never comes here.
"""

from __future__ import annotations

import difflib
import graphlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rdflib import URIRef

from nngraph.errors import UnknownTopicError
from nngraph.query.run import run_named
from nngraph.vocab import PREFIXES, compact


@dataclass
class TopicGraph:
    """Topics with their labels and two relations, as plain adjacency sets.

    Plain dicts rather than networkx graphs: ``gaps`` and ``recommend`` need
    only a topological order and reachability, and importing networkx costs
    about 0.2 s, as long as the whole warm ``gaps`` run on the bundled graph.
    ``nngraph.analysis.learning_path.requires_digraph`` builds the networkx view.

    Attributes:
        labels: topic IRI -> preferred label (the IRI's short form if none);
            every topic is a key, in IRI order.
        alt_labels: topic IRI -> alternative labels.
        requires: topic T -> the topics T requires directly.
        broader: topic N -> its directly broader topics.
        groups: topics that only group narrower ones (``nn:TopicGroup``): never gaps.
    """

    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    requires: dict[str, set[str]] = field(default_factory=dict)
    broader: dict[str, set[str]] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)

    def label(self, topic: str) -> str:
        """The preferred label of a topic."""
        return self.labels.get(topic) or compact(URIRef(topic))

    def dependents(self, topic: str) -> set[str]:
        """Topics that need ``topic`` first, directly or through other prerequisites."""
        return _reachable(self._required_by, topic)

    def prerequisites(self, topic: str) -> set[str]:
        """Topics ``topic`` needs first, directly or transitively."""
        return _reachable(self.requires, topic)

    def narrower(self, topic: str) -> set[str]:
        """Topics directly below ``topic`` in the hierarchy."""
        return set(self._narrower.get(topic, ()))

    @cached_property
    def _required_by(self) -> dict[str, set[str]]:
        return _reverse(self.requires)

    @cached_property
    def _narrower(self) -> dict[str, set[str]]:
        return _reverse(self.broader)

    def dependent_counts(self) -> dict[str, int]:
        """For every topic, how many topics depend on it (the size of ``dependents``).

        One pass in topological order with Python integers as bitsets, instead
        of one graph search per topic: linear in edges times words, so tens of
        thousands of topics stay fast. Falls back to per-topic search when the
        prerequisites have a cycle (invalid data, reported by ``validate``).
        """
        nodes = dict.fromkeys(self.labels)
        for prerequisites in self.requires.values():
            nodes.update(dict.fromkeys(prerequisites))
        index = {topic: i for i, topic in enumerate(nodes)}
        try:
            order = list(graphlib.TopologicalSorter(self.requires).static_order())
        except graphlib.CycleError:
            return {topic: len(self.dependents(topic)) for topic in index}
        above: dict[str, int] = dict.fromkeys(index, 0)
        for topic in reversed(order):  # a dependent comes before its prerequisites
            mask = above[topic] | (1 << index[topic])
            for prerequisite in self.requires.get(topic, ()):
                above[prerequisite] |= mask
        return {topic: mask.bit_count() for topic, mask in above.items()}



def _reverse(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, set()).add(source)
    return reverse


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every node reachable from ``start`` along ``edges``, ``start`` excluded."""
    seen: set[str] = set()
    frontier: list[str] = list(edges.get(start, ()))
    while frontier:
        node = frontier.pop()
        if node not in seen:
            seen.add(node)
            frontier.extend(edges.get(node, ()))
    seen.discard(start)
    return seen


def topic_graph(graph: Any) -> TopicGraph:
    """Read every topic, its labels, prerequisites and broader topics."""
    topics = TopicGraph()
    for row in run_named(graph, "analysis-topic-graph").rows:
        topic = str(row["topic"])
        topics.labels.setdefault(topic, "")
        if row["label"] is not None and not topics.labels[topic]:
            topics.labels[topic] = str(row["label"])
        relation, other = row["relation"], row["other"]
        if relation is None or other is None:
            continue
        if str(relation) == "requires":
            topics.requires.setdefault(topic, set()).add(str(other))
        elif str(relation) == "broader":
            topics.broader.setdefault(topic, set()).add(str(other))
        elif str(relation) == "group":
            topics.groups.add(topic)
        else:
            topics.alt_labels.setdefault(topic, []).append(str(other))
    for topic, label in topics.labels.items():
        topics.labels[topic] = label or compact(URIRef(topic))
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
