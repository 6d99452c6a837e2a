"""Learning paths: every prerequisite of the target topics, in order, each with what to read.

Algorithm
---------
1. Closure: the targets plus everything they require, directly or
   transitively (networkx descendants in the ``nn:requires`` DAG), minus
   the topics the learner already knows and everything those require.
2. Order: a lexicographical topological sort with prerequisites first and
   labels breaking ties, so the same graph always gives the same path.
3. Works: for each step, the candidates are the claims on that topic that
   pass the filters, ranked as ``recommend`` ranks them (depth, exercises,
   free, vote). Among the candidates of the best quality, prefer a work the
   path already uses, then the work whose best-quality claims cover the most
   steps of the path, so the learner reads fewer distinct books.
4. Alternatives: path *k* repeats step 3 while avoiding the works of paths
   1..k-1 wherever a step has another candidate (accepting lower quality);
   a path identical in its works to an earlier one is not offered.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import rdflib

from nngraph.analysis.coverage import (
    Filters,
    claims,
    first_author,
    recommendation_order,
    short_id,
    work_info,
)
from nngraph.errors import NngraphError
from nngraph.records.topics import TopicGraph, resolve_topic, topic_graph


def path(
    graph: rdflib.Graph,
    targets: list[str],
    *,
    known: list[str] | None = None,
    min_depth: str = "mention",
    with_exercises: bool = False,
    kind: str | None = None,
    free: bool = False,
    as_of: int | None = None,
    verified_only: bool = False,
    alternatives: int = 0,
) -> list[list[dict[str, Any]]]:
    """Learning paths to the target topics.

    Args:
        graph: the loaded graph.
        targets: topic names (IRI, CURIE, label or alternative label).
        known: topics the learner knows already (with their prerequisites).
        min_depth, with_exercises, kind, free, as_of, verified_only: which claims
            count (see Filters).
        alternatives: offer up to this many further paths that read other works.

    Returns:
        A list of paths (the first is the best); each path is a list of steps,
        dicts with step (1-based), topic, label, target (bool), work, title,
        depth, exercises, locator, id, first_author, status, edition (work fields
        None when nothing covers the step).

    Raises:
        UnknownTopicError: a topic name matches nothing.
        NngraphError: no targets given.
    """
    if not targets:
        raise NngraphError("name at least one topic to learn")
    topics = topic_graph(graph)
    goal = [resolve_topic(topics, t) for t in targets]
    skip = _known_closure(topics, [resolve_topic(topics, t) for t in known or []])
    order = _ordered_steps(topics, goal, skip)
    filters = Filters(min_depth, with_exercises, kind, free, as_of, verified_only)
    candidates = _candidates(graph, filters, set(order))
    paths: list[list[dict[str, Any]]] = []
    avoid: set[str] = set()
    seen: set[tuple] = set()
    for _ in range(alternatives + 1):
        chosen = _choose_works(order, candidates, avoid)
        signature = tuple(c["work"] if c else None for c in chosen)
        if signature in seen:
            break
        seen.add(signature)
        paths.append(_steps(topics, order, set(goal), chosen))
        avoid |= {c["work"] for c in chosen if c}
    return paths


def _known_closure(topics: TopicGraph, known: list[str]) -> set[str]:
    closure = set(known)
    for topic in known:
        closure |= topics.prerequisites(topic)
    return closure


def _ordered_steps(topics: TopicGraph, goal: list[str], skip: set[str]) -> list[str]:
    needed = set(goal)
    for topic in goal:
        needed |= topics.prerequisites(topic)
    needed -= skip - set(goal)  # a target stays even when "known": the learner asked for it
    sub = requires_digraph(topics).subgraph(needed).reverse(copy=True)  # prerequisite -> dependent
    try:
        return list(nx.lexicographical_topological_sort(sub, key=lambda t: topics.label(t)))
    except nx.NetworkXUnfeasible as error:
        raise NngraphError("the prerequisites form a cycle; run `nngraph validate`") from error


def _candidates(
    graph: rdflib.Graph, filters: Filters, steps: set[str]
) -> dict[str, list[dict[str, Any]]]:
    info = work_info(graph)
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for claim in claims(graph, filters):
        if claim["topic"] in steps:
            work = info.get(claim["work"], {})
            claim = {
                **claim,
                "score": work.get("score"),
                "first_author": first_author(work.get("authors", [])),
            }
            by_topic.setdefault(claim["topic"], []).append(claim)
    for rows in by_topic.values():
        rows.sort(key=recommendation_order)
    return by_topic


def _quality(claim: dict[str, Any]) -> tuple:
    return recommendation_order(claim)[:4]


def _choose_works(
    order: list[str], candidates: dict[str, list[dict[str, Any]]], avoid: set[str]
) -> list[dict[str, Any] | None]:
    best_cover: dict[str, int] = {}
    for rows in candidates.values():
        top = _quality(rows[0])
        for work in {r["work"] for r in rows if _quality(r) == top}:
            best_cover[work] = best_cover.get(work, 0) + 1
    used: set[str] = set()
    chosen: list[dict[str, Any] | None] = []
    for topic in order:
        rows = candidates.get(topic, [])
        fresh = [r for r in rows if r["work"] not in avoid] or rows
        if not fresh:
            chosen.append(None)
            continue
        top = _quality(fresh[0])
        tied = [r for r in fresh if _quality(r) == top]
        tied.sort(
            key=lambda r: (
                r["work"] not in used,
                -best_cover.get(r["work"], 0),
                recommendation_order(r),
            )
        )
        chosen.append(tied[0])
        used.add(tied[0]["work"])
    return chosen


def _steps(
    topics: TopicGraph, order: list[str], goal: set[str], chosen: list[dict[str, Any] | None]
) -> list[dict[str, Any]]:
    return [
        {
            "step": number,
            "topic": topic,
            "label": topics.label(topic),
            "target": topic in goal,
            "work": claim["work"] if claim else None,
            "title": claim["title"] if claim else None,
            "depth": claim["depth"] if claim else None,
            "exercises": claim["exercises"] if claim else None,
            "locator": claim["locator"] if claim else None,
            "id": short_id(claim["work"]) if claim else None,
            "first_author": claim["first_author"] if claim else None,
            "status": claim["status"] if claim else None,
            "edition": claim["edition"] if claim else None,
        }
        for number, (topic, claim) in enumerate(zip(order, chosen, strict=True), start=1)
    ]


def requires_digraph(topics: TopicGraph) -> nx.DiGraph:
    """The prerequisites as a networkx DiGraph, edge T -> P when T requires P.

    Built here, in the analysis layer, because the records layer stays free of
    networkx (an import contract): ``gaps`` must not pay for importing it.
    """
    digraph = nx.DiGraph()
    digraph.add_nodes_from(topics.labels)
    digraph.add_edges_from((t, p) for t, ps in topics.requires.items() for p in ps)
    return digraph
