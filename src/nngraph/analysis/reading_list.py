"""Reading lists: the fewest works that together cover a set of topics at a depth.

Algorithm
---------
This is minimum set cover, solved exactly as a 0/1 integer program with
scipy's ``milp`` (HiGHS): one binary variable per work, one constraint per
coverable topic (the works covering it sum to at least 1), minimising the
number of works. A tiny secondary cost (far below 1 in total) prefers, among
equally small lists, works that are older in the sorted order of their IRIs,
which makes the answer deterministic. Topics no work covers at the required
depth cannot be satisfied; they are reported as uncovered and left out of the
program.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import rdflib
from scipy.optimize import Bounds, LinearConstraint, milp

from nngraph.analysis.coverage import Filters, claims, first_author, short_id, work_info
from nngraph.errors import NngraphError
from nngraph.records.topics import resolve_topic, topic_graph


def reading_list(
    graph: rdflib.Graph,
    topics: list[str] | None = None,
    *,
    min_depth: str = "rigorous",
    with_exercises: bool = False,
    kind: str | None = None,
    free: bool = False,
    as_of: int | None = None,
    verified_only: bool = False,
) -> dict[str, Any]:
    """The smallest set of works covering the topics at ``min_depth`` or deeper.

    Args:
        graph: the loaded graph.
        topics: topic names; default every topic some work covers at the depth.
        min_depth, with_exercises, kind, free, as_of, verified_only: which claims
            count (see Filters).

    Returns:
        ``works``: list of dicts (work, id, title, first_author, year, topics:
        labels it covers among the requested, status: ``verified`` when every
        claim it is chosen for is, else ``k/n verified``, editions: the
        editions those claims were checked in), in reading order (most topics first);
        ``uncovered``: labels of requested topics nothing covers;
        ``covered``: number of requested topics covered.

    Raises:
        UnknownTopicError: a topic name matches nothing.
    """
    graph_topics = topic_graph(graph)
    filters = Filters(min_depth, with_exercises, kind, free, as_of, verified_only)
    covers: dict[str, set[str]] = {}
    meta: dict[str, dict[str, Any]] = {}
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for claim in claims(graph, filters):
        covers.setdefault(claim["work"], set()).add(claim["topic"])
        meta.setdefault(claim["work"], {"title": claim["title"], "year": claim["year"]})
        by_pair.setdefault((claim["work"], claim["topic"]), []).append(claim)
    coverable = set().union(*covers.values()) if covers else set()
    wanted = {resolve_topic(graph_topics, t) for t in topics} if topics else set(coverable)
    targets = sorted(wanted & coverable)
    chosen = minimum_cover(targets, covers)
    authors = {w: i.get("authors", []) for w, i in work_info(graph).items()} if chosen else {}
    works = []
    for work in chosen:
        used = [c for t in sorted(covers[work] & wanted) for c in by_pair[(work, t)]]
        verified = sum(1 for c in used if c["status"] == "verified")
        works.append(
            {
                "work": work,
                "id": short_id(work),
                "title": meta[work]["title"],
                "first_author": first_author(authors.get(work, [])),
                "year": meta[work]["year"],
                "topics": sorted(graph_topics.label(t) for t in covers[work] & wanted),
                "status": "verified"
                if verified == len(used)
                else f"{verified}/{len(used)} verified",
                "editions": sorted({c["edition"] for c in used if c["edition"]}),
            }
        )
    works.sort(key=lambda w: (-len(w["topics"]), w["year"], w["title"]))
    return {
        "works": works,
        "covered": len(targets),
        "uncovered": sorted(graph_topics.label(t) for t in wanted - coverable),
    }


def minimum_cover(targets: list[str], covers: dict[str, set[str]]) -> list[str]:
    """An exact minimum set of keys of ``covers`` whose sets together include ``targets``.

    Raises:
        NngraphError: the solver failed (should not happen for a feasible cover).
    """
    if not targets:
        return []
    works = sorted(w for w, topics in covers.items() if topics & set(targets))
    matrix = np.array([[1 if t in covers[w] else 0 for w in works] for t in targets])
    tie_break = np.arange(len(works)) / (len(works) * (len(works) + 1))
    result = milp(
        c=np.ones(len(works)) + tie_break,
        constraints=LinearConstraint(matrix, lb=np.ones(len(targets)), ub=np.inf),
        integrality=np.ones(len(works)),
        bounds=Bounds(0, 1),
    )
    if not result.success:
        raise NngraphError(f"the set-cover solver failed: {result.message}")
    return [w for w, x in zip(works, result.x, strict=True) if x > 0.5]
