"""Gap analysis and recommendations: which topics no work covers, and what to read for one.

Algorithms
----------
*Filters.* Every analysis shares one set of filters (minimum depth, exercises,
kind of work, free access, published up to a year). They are applied inside
SPARQL, through the ``VALUES`` row of the bundled ``analysis-*.rq`` queries, so
work-level data is aggregated by the store (local Oxigraph or a remote
endpoint) and only per-topic results reach Python.

*Gaps.* ``analysis-covered-topics`` returns the topics some work passing the
filters covers at ``min_depth`` or deeper; it starts from the depth
individuals, so an engine reads only the claims deep enough. Every other topic
is a gap. For the gap topics only, ``analysis-best-claims`` gives per depth
the number of works and the first (by IRI), one row per topic and depth
whatever the number of works, and ``analysis-claim-details`` the title and
locator of that first work. For each gap we report that best existing
coverage and the number of topics
that depend on it transitively through ``nn:requires`` (networkx ancestors in
the prerequisite DAG). Gaps are ordered by that number, descending, so the gaps
that block the most learning come first; ties by label.

*Roll-up.* A broader topic reports the share of its narrower topics (direct
children in ``skos:broader``) that are covered at the required depth.

*Recommend.* All claims on one topic that pass the filters, ranked by depth,
then exercises, then free access, then the highest vote score any
recommendation gave the work, then year (older first) and title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import rdflib
from rdflib import URIRef

from nngraph.errors import NngraphError
from nngraph.query.run import query_text, run_query, to_python
from nngraph.records.topics import TopicGraph, resolve_topic, topic_graph
from nngraph.vocab import DEPTHS, NN, SCHEMA

KINDS = {
    "book": SCHEMA.Book,
    "paper": SCHEMA.ScholarlyArticle,
    "notes": NN.LectureNotes,
    "thesis": SCHEMA.Thesis,
}

_FILTER_TAG = re.compile(r"#if \?(\w+)\s*$")
_NEEDS_TAG = re.compile(r"#needs((?:\s+\?\w+)+)\s*$")
_PLACEHOLDER = (
    "VALUES (?minRank ?asOf ?needExercises ?needFree ?kind) { (UNDEF UNDEF UNDEF UNDEF UNDEF) }"
)


@dataclass(frozen=True)
class Filters:
    """Which coverage claims count.

    Attributes:
        min_depth: the least depth that counts (mention, intuition, derivation, rigorous).
        with_exercises: only claims whose part of the work (or the work) has exercises.
        kind: only works of this kind: book, paper, notes or thesis.
        free: only works that are free to read.
        as_of: only works first published in or before this year.
        verified_only: only claims whose status is ``nn:verified``.
    """

    min_depth: str = "rigorous"
    with_exercises: bool = False
    kind: str | None = None
    free: bool = False
    as_of: int | None = None
    verified_only: bool = False

    def __post_init__(self) -> None:
        if self.min_depth not in DEPTHS:
            raise NngraphError(f"unknown depth {self.min_depth!r}; use one of {', '.join(DEPTHS)}")
        if self.kind is not None and self.kind not in KINDS:
            raise NngraphError(f"unknown kind {self.kind!r}; use one of {', '.join(KINDS)}")

    @property
    def min_rank(self) -> int:
        return DEPTHS.index(self.min_depth)


def filtered_query(name: str, filters: Filters, *, any_depth: bool = False) -> str:
    """A bundled analysis query specialised to ``filters``.

    The ``.rq`` file runs as is in any SPARQL tool: a ``VALUES`` row of
    parameters (all UNDEF) and one filter line per parameter, tagged
    ``#if ?param``, that is a no-op while the parameter is unbound, and
    pattern lines tagged ``#needs ?a ?b`` that only those filters use. Engines
    plan constant filters far better than filters on VALUES-bound variables
    (Oxigraph: 0.6 s against 2.9 s over 100k claims), so here the filter lines
    of unbound parameters are dropped, so are ``#needs`` lines none of whose
    parameters is bound, bound ones get the value as a constant
    term serialised by rdflib (an integer, a boolean, an IRI: never user text),
    and the VALUES row goes. ``verified_only`` puts the pattern
    ``?coverage nn:status nn:verified`` in its place.
    """
    text = query_text(name)
    if _PLACEHOLDER not in text:
        raise NngraphError(f"bundled query {name!r} lacks its VALUES parameter row")
    values = {
        "minRank": None if any_depth else rdflib.Literal(filters.min_rank),
        "asOf": None if filters.as_of is None else rdflib.Literal(int(filters.as_of)),
        "needExercises": rdflib.Literal(True) if filters.with_exercises else None,
        "needFree": rdflib.Literal(True) if filters.free else None,
        "kind": KINDS[filters.kind] if filters.kind else None,
    }
    lines = []
    for line in text.splitlines():
        if _PLACEHOLDER in line:
            if filters.verified_only:  # every analysis query names the claim ?coverage
                lines.append("  ?coverage nn:status nn:verified .")
            continue
        needs = _NEEDS_TAG.search(line)
        if needs is not None:
            if all(values[name] is None for name in re.findall(r"\?(\w+)", needs.group(1))):
                continue
            line = line[: needs.start()].rstrip()
        tag = _FILTER_TAG.search(line)
        if tag is not None:
            name, value = tag.group(1), values[tag.group(1)]
            if value is None:
                continue
            head = line[: tag.start()].rstrip().replace(f"!BOUND(?{name}) || ", "")
            line = re.sub(rf"\?{name}\b", value.n3().replace("\\", "\\\\"), head)
        lines.append(line)
    return "\n".join(lines) + "\n"


def claims(
    graph: rdflib.Graph, filters: Filters, *, any_depth: bool = False
) -> list[dict[str, Any]]:
    """Every coverage claim that passes the filters, as plain dicts.

    Keys: topic, work, title, rank, depth, exercises, free, year, locator, coverage,
    status (``verified``, ``unverified`` or None) and edition (``2nd ed. 2022`` or None).
    """
    text = filtered_query("analysis-claims", filters, any_depth=any_depth)
    rows = run_query(graph, text).values()
    for row in rows:
        row["depth"] = DEPTHS[int(row["rank"])]
        row["status"] = short_id(row["status"]) if row["status"] else None
        row["edition"] = edition_text(row.pop("editionName"), row.pop("editionYear"))
    return rows


def short_id(iri: str | None) -> str:
    """The last segment of an IRI: ``goodfellow2016`` for work:goodfellow2016."""
    if not iri:
        return ""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def edition_text(name: str | None, year: Any) -> str | None:
    """``2nd ed. 2022`` for an edition node's schema:bookEdition and year (None: no edition)."""
    if not name and not year:
        return None
    name = str(name or "").strip()
    if name and not name.lower().endswith(("ed", "ed.", "edition")):
        name += " ed."
    return " ".join(p for p in (name, str(year or "")) if p)


def work_info(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    """Per work: kind, authors in order, best recommendation score."""
    info: dict[str, dict[str, Any]] = {}
    for row in run_query(graph, query_text("analysis-works")).values():
        entry = info.setdefault(row["work"], {"kind": None, "score": None, "authors": []})
        kind = next((k for k, iri in KINDS.items() if str(iri) == row["type"]), None)
        entry["kind"] = entry["kind"] or kind
        if row["score"] is not None:
            entry["score"] = int(row["score"])
    for row in run_query(graph, query_text("analysis-author-order")).values():
        if row["work"] in info:
            info[row["work"]]["authors"].append(row["name"])
    return info


def gaps(
    graph: rdflib.Graph,
    filters: Filters | None = None,
    *,
    topics: TopicGraph | None = None,
) -> list[dict[str, Any]]:
    """The topics no work covers at ``filters.min_depth``, most blocking first.

    Args:
        graph: the loaded graph.
        filters: which claims count (default: rigorous, any work).
        topics: a topic graph already read (saves one query).

    Returns:
        One dict per gap: topic (IRI), label, best_depth (or None), best_work,
        best_title, best_locator, works_at_best, dependents (int),
        narrower_total and narrower_covered (roll-up, 0 when no narrower topics).
    """
    filters = filters or Filters()
    topics = topics or topic_graph(graph)
    covered = {
        row["topic"]
        for row in run_query(graph, filtered_query("analysis-covered-topics", filters)).values()
    }
    # A topic that only groups others (nn:TopicGroup) is no gap: no work treats it as such.
    open_topics = [t for t in topics.labels if t not in covered and t not in topics.groups]
    best = _best_coverage(graph, filters, open_topics)
    dependents = topics.dependent_counts()
    rows = []
    for topic in open_topics:
        narrower = topics.narrower(topic)
        claim = best.get(topic)
        rows.append(
            {
                "topic": topic,
                "label": topics.label(topic),
                "best_depth": DEPTHS[claim["rank"]] if claim else None,
                "best_work": claim["work"] if claim else None,
                "best_title": claim.get("title") if claim else None,
                "best_locator": claim.get("locator") if claim else None,
                "works_at_best": claim["works"] if claim else 0,
                "dependents": dependents.get(topic, 0),
                "narrower_total": len(narrower),
                "narrower_covered": len(narrower & covered),
            }
        )
    rows.sort(key=lambda r: (-r["dependents"], r["label"].casefold(), r["topic"]))
    return rows


def _best_coverage(
    graph: rdflib.Graph, filters: Filters, wanted: list[str]
) -> dict[str, dict[str, Any]]:
    """For each wanted topic: its best depth under the filters, how many works reach
    it, and the first of those works (by IRI) with its title and locator."""
    if not wanted:
        return {}
    text = filtered_query("analysis-best-claims", filters, any_depth=True)
    text = insert_values(text, "# VALUES ?topic", ["topic"], [[URIRef(t)] for t in wanted])
    best: dict[str, dict[str, Any]] = {}
    for row in run_query(graph, text).values():  # ordered by rank: the last row wins
        best[row["topic"]] = {
            "rank": int(row["rank"]),
            "works": int(row["works"]),
            "work": row["first"],
        }
    pairs = [[URIRef(t), URIRef(b["work"])] for t, b in sorted(best.items())]
    details = insert_values(
        query_text("analysis-claim-details"), "# VALUES (?topic ?work)", ["topic", "work"], pairs
    )
    for row in run_query(graph, details).values():
        best[row["topic"]].update(title=row["title"], locator=row["firstLocator"])
    return best


def insert_values(
    text: str, marker: str, names: list[str], rows: list[list[rdflib.term.Node]]
) -> str:
    """Put a VALUES block of RDF terms at the marker comment of a bundled query.

    The terms are serialised by rdflib (``<iri>``), never pasted user text; a
    block inside the WHERE clause restricts evaluation, where a trailing VALUES
    would only filter the finished result.
    """
    line = next((ln for ln in text.splitlines() if ln.strip().startswith(marker)), None)
    if line is None:
        raise NngraphError(f"bundled query lacks its {marker!r} line")
    head = "(" + " ".join(f"?{n}" for n in names) + ")"
    body = " ".join("(" + " ".join(term.n3() for term in row) + ")" for row in rows)
    return text.replace(line, f"  VALUES {head} {{ {body} }}")


def rollup(
    graph: rdflib.Graph, filters: Filters | None = None, *, topics: TopicGraph | None = None
) -> list[dict[str, Any]]:
    """For every broader topic: how many of its narrower topics are covered at the depth.

    Returns:
        Dicts with topic, label, narrower_total, narrower_covered and share
        (0.0-1.0), least covered first.
    """
    filters = filters or Filters()
    topics = topics or topic_graph(graph)
    gap_set = {row["topic"] for row in gaps(graph, filters, topics=topics)}
    rows = []
    for topic in topics.labels:
        narrower = topics.narrower(topic)
        if not narrower:
            continue
        covered = len(narrower - gap_set)
        rows.append(
            {
                "topic": topic,
                "label": topics.label(topic),
                "narrower_total": len(narrower),
                "narrower_covered": covered,
                "share": round(covered / len(narrower), 3),
            }
        )
    rows.sort(key=lambda r: (r["share"], r["label"].casefold()))
    return rows


def recommend(
    graph: rdflib.Graph,
    topic: str,
    *,
    min_depth: str = "mention",
    with_exercises: bool = False,
    kind: str | None = None,
    free: bool = False,
    as_of: int | None = None,
    verified_only: bool = False,
) -> list[dict[str, Any]]:
    """Works to read for one topic, best first.

    Args:
        graph: the loaded graph.
        topic: an IRI, CURIE, label or alternative label of the topic.
        min_depth, with_exercises, kind, free, as_of, verified_only: see ``Filters``.

    Returns:
        Dicts with work, id (``goodfellow2016``), title, authors, first_author,
        year, kind, depth, status, exercises, free, score (best recommendation
        vote, or None), edition, locator, topic, topic_label.

    Raises:
        UnknownTopicError: the topic name matches nothing (with close matches).
    """
    topics = topic_graph(graph)
    iri = resolve_topic(topics, topic)
    filters = Filters(min_depth, with_exercises, kind, free, as_of, verified_only)
    info = work_info(graph)
    rows = []
    for claim in claims(graph, filters):
        if claim["topic"] != iri:
            continue
        work = info.get(claim["work"], {})
        authors = work.get("authors", [])
        rows.append(
            {
                "topic": iri,
                "topic_label": topics.label(iri),
                "work": claim["work"],
                "id": short_id(claim["work"]),
                "title": claim["title"],
                "authors": authors,
                "first_author": first_author(authors),
                "year": claim["year"],
                "kind": work.get("kind"),
                "depth": claim["depth"],
                "status": claim["status"],
                "exercises": claim["exercises"],
                "free": claim["free"],
                "score": work.get("score"),
                "edition": claim["edition"],
                "locator": claim["locator"],
            }
        )
    rows.sort(key=recommendation_order)
    return rows


_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def family_name(name: str) -> str:
    """The family name of a full name: its last word, skipping a suffix (``Meira Jr.`` → Meira)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in _NAME_SUFFIXES:
        words = words[:-1]
    return words[-1].rstrip(",") if words else name


def first_author(authors: list[str]) -> str:
    """``Goodfellow et al.``, ``Bach``, ``Hardt & Recht``: family names of the first authors."""
    names = [family_name(a) for a in authors]
    if len(names) <= 1:
        return names[0] if names else ""
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def why_empty(
    graph: rdflib.Graph, topic: str, filters: Filters, *, topics: TopicGraph | None = None
) -> str:
    """Why no claim on ``topic`` passes ``filters``: one line for the CLI to show.

    Either the topic only groups narrower ones (or its claims sit on them):
    those are named; or claims exist but not at this depth or under these
    filters (how many there are without them is said); or nothing treats it.
    """
    topics = topics or topic_graph(graph)
    label = topics.label(topic)
    below: list[str] = []
    frontier = sorted(topics.narrower(topic))
    while frontier:
        node = frontier.pop(0)
        if node not in below:
            below.append(node)
            frontier += sorted(topics.narrower(node))
    every = claims(graph, Filters(), any_depth=True)
    held = {c["topic"] for c in every}
    narrower_with_claims = [topics.label(t) for t in below if t in held]
    own = sum(1 for c in every if c["topic"] == topic)
    if topic in topics.groups or (narrower_with_claims and not own):
        names = "; ".join(sorted(narrower_with_claims, key=str.casefold)[:8]) or "none yet"
        return f"{label!r} is an umbrella topic: the claims are on its narrower topics: {names}"
    if not own:
        return f"no work in the graph treats {label!r} yet"
    return (
        f"no claim on {label!r} passes --min-depth {filters.min_depth}"
        f"{' and the other filters' if filters != Filters(filters.min_depth) else ''}; "
        f"{own} claim(s) at any depth without them"
    )


def recommendation_order(row: dict[str, Any]) -> tuple:
    """Sort key: deeper, with exercises, free, higher vote, older, then by title."""
    return (
        -DEPTHS.index(row["depth"]),
        0 if row["exercises"] else 1,
        0 if row["free"] else 1,
        -(row["score"] or 0),
        row["year"],
        row["title"],
        row["locator"] or "",
    )


__all__ = [
    "Filters",
    "KINDS",
    "claims",
    "edition_text",
    "first_author",
    "gaps",
    "recommend",
    "rollup",
    "short_id",
    "why_empty",
    "work_info",
    "to_python",
]
