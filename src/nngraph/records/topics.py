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


@dataclass(frozen=True)
class Match:
    """What a name a user typed resolved to, and how, so the CLI can say it out loud.

    Attributes:
        iri: the topic (or work) found.
        label: its preferred label (or title).
        how: ``iri``, ``curie``, ``label``, ``alternative label``, ``id`` or
            ``label's beginning``.
        also: labels of other topics the name could have meant, best first.
    """

    iri: str
    label: str
    how: str
    also: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """True when the name was the IRI, the CURIE or the label itself."""
        return self.how in ("iri", "curie", "label", "title")

    def note(self, name: str, kind: str = "topic") -> str:
        """One line: ``resolved 'bp' to the topic 'Backpropagation' (…) by its id; also: …``."""
        where = compact(URIRef(self.iri))
        text = f"resolved {name!r} to the {kind} {self.label!r} ({where}) by its {self.how}"
        if self.also:
            text += "; also: " + "; ".join(repr(a) for a in self.also)
        return text


def resolve_topic(topics: TopicGraph, name: str) -> str:
    """The IRI of the topic a user means: its IRI, CURIE, label or alternative label.

    Matching ignores case and surrounding space; see :func:`find_topic`.

    Raises:
        UnknownTopicError: nothing matches; carries up to five close labels.
    """
    return find_topic(topics, name).iri


def find_topic(topics: TopicGraph, name: str) -> Match:
    """The topic a user means, how the name matched it, and what else it could mean.

    Tried in order: the IRI, a CURIE, the preferred label, an alternative
    label, the IRI's last segment (the id), then the beginning of exactly one
    label. Matching ignores case and surrounding space. ``also`` lists other
    topics whose labels contain the name, so a broad match can be corrected.

    Raises:
        UnknownTopicError: nothing matches; carries up to five close labels.
    """
    wanted = name.strip()
    key = wanted.casefold()
    iri, how = _match_topic(topics, wanted)
    if iri is None:
        raise UnknownTopicError(name, _suggestions(topics, key))
    others = [
        topics.label(t)
        for t in sorted(topics.labels, key=lambda t: (len(topics.label(t)), topics.label(t)))
        if t != iri
        and (
            key in topics.label(t).casefold()
            or any(key in alt.casefold() for alt in topics.alt_labels.get(t, ()))
        )
    ]
    return Match(iri, topics.label(iri), how, tuple(others[:5]))


def _match_topic(topics: TopicGraph, wanted: str) -> tuple[str | None, str]:
    if wanted in topics.labels:
        return wanted, "iri"
    for prefix, namespace in PREFIXES.items():
        iri = namespace + wanted[len(prefix) + 1 :]
        if wanted.startswith(f"{prefix}:") and iri in topics.labels:
            return iri, "curie"
    key = wanted.casefold()
    layers: list[tuple[str, dict[str, str]]] = [
        ("label", {}),
        ("alternative label", {}),
        ("id", {}),
    ]
    for topic, label in topics.labels.items():
        layers[0][1].setdefault(label.casefold(), topic)
        layers[2][1].setdefault(topic.rsplit("/", 1)[-1].casefold(), topic)
    for topic, alternatives in topics.alt_labels.items():
        for alternative in alternatives:
            layers[1][1].setdefault(alternative.casefold(), topic)
    for how, names in layers:
        if key in names:
            return names[key], how
    # A name that begins exactly one topic's label ("universal approximation").
    starting = {t for _how, names in layers for n, t in names.items() if n.startswith(key)}
    if len(starting) == 1 and len(key) >= 4:
        return starting.pop(), "label's beginning"
    return None, ""


def _suggestions(topics: TopicGraph, key: str) -> list[str]:
    by_name: dict[str, str] = {}
    for topic, label in topics.labels.items():
        by_name.setdefault(label.casefold(), topic)
        by_name.setdefault(topic.rsplit("/", 1)[-1].casefold(), topic)
    for topic, alternatives in topics.alt_labels.items():
        for alternative in alternatives:
            by_name.setdefault(alternative.casefold(), topic)
    close = difflib.get_close_matches(key, list(by_name), n=8, cutoff=0.6)
    suggestions: list[str] = []
    for match in close:
        label = topics.label(by_name[match])
        if label not in suggestions:
            suggestions.append(label)
    if not suggestions:
        suggestions = sorted({topics.label(t) for k, t in by_name.items() if key in k or k in key})
    return suggestions[:5]
