"""Folding a large view: works (and their authors) grouped per topic or per kind of work.

A view over the node budget (``build_network(max_nodes=...)``, 2,000 by default)
would draw thousands of squares nobody can tell apart, and vis-network pans
such a canvas at a few frames a second. Here each work is given a group: the
topic it treats deepest (ties: the topic more others depend on, then the IRI),
or its kind of work when it covers no topic; an author joins the group holding
most of their works. The page folds each group of two or more into one
vis-network cluster (its clustering API) labelled with its counts; a click
opens it. Nothing is dropped: every node and edge is in the page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

# Depth names in rank order, deepest last (as the typed view names them).
_RANK = {"mention": 0, "intuition": 1, "derivation": 2, "rigorous": 3}


def fold(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], max_nodes: int
) -> list[dict[str, Any]]:
    """Give works and authors a ``cluster`` index when the view is over ``max_nodes``.

    Args:
        nodes: the view's node dicts (edited in place: folded ones get ``cluster``).
        edges: the view's edge dicts.
        max_nodes: the node budget; 0 folds nothing.

    Returns:
        The groups, in index order: ``id``, ``label``, ``works``, ``authors`` and the
        ``topic`` IRI or the ``type`` of work they share. Empty when nothing is folded.
    """
    if max_nodes <= 0 or len(nodes) <= max_nodes:
        return []
    by_id = {node["id"]: node for node in nodes}
    best: dict[str, tuple[int, int, str]] = {}  # work -> the key of its main topic
    for edge in edges:
        if edge["kind"] != "coverage" or edge["to"] not in by_id:
            continue
        topic = by_id[edge["to"]]
        key = (_RANK.get(edge.get("depth", ""), -1), topic.get("dependents", 0), edge["to"])
        work = edge["from"]
        # deepest first, then most depended on, then the smallest IRI
        if (
            work not in best
            or (key[0], key[1]) > best[work][:2]
            or ((key[0], key[1]) == best[work][:2] and key[2] < best[work][2])
        ):
            best[work] = key
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        if node["kind"] == "work":
            if node["id"] in best:
                members[("topic", best[node["id"]][2])].append(node)
            else:
                members[("type", node.get("type", "work"))].append(node)
    keys = sorted(key for key, works in members.items() if len(works) >= 2)
    index = {key: i for i, key in enumerate(keys)}
    group_of: dict[str, int] = {}
    for key in keys:
        for work in members[key]:
            group_of[work["id"]] = index[key]
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for edge in edges:
        if edge["kind"] == "author" and edge["to"] in group_of:
            votes[edge["from"]][group_of[edge["to"]]] += 1
    for author, counted in votes.items():
        # most works, then the first group
        group_of[author] = min(counted, key=lambda g: (-counted[g], g))
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for node in nodes:
        if node["id"] in group_of:
            node["cluster"] = group_of[node["id"]]
            counts[node["cluster"]][node["kind"]] += 1
    groups = []
    for key in keys:
        i = index[key]
        works, authors = counts[i]["work"], counts[i]["author"]
        what, value = key
        name = by_id[value].get("name", by_id[value]["label"]) if what == "topic" else value
        groups.append(
            {
                "id": f"cluster:{i}",
                "label": f"{works} works · {name}",
                "works": works,
                "authors": authors,
                what: value,
            }
        )
    return groups
