"""Everything the site shows, gathered once from the graph as plain dicts.

The site is a reading of the same answers the command line gives: topics and
claims come from ``nngraph.records``, gaps from ``analysis.coverage.gaps``, learning
paths from ``analysis.learning_path`` (the same choice of works as ``nngraph path``).
A handful of SPARQL queries here read what no record carries yet: editions,
the seed recommendations with their caveats and assessments, and the seed question.
Each page module then only formats these dicts, so pages never query the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import rdflib

from nngraph.analysis.coverage import Filters, claims, gaps, recommendation_order, work_info
from nngraph.analysis.learning_path import requires_digraph
from nngraph.analysis.stats import stats
from nngraph.query.run import run_named, run_query, to_python
from nngraph.records.topic_records import read_topics
from nngraph.records.topics import TopicGraph, topic_graph
from nngraph.records.works import read_works
from nngraph.vocab import DEPTHS, compact

_EDITIONS = """
SELECT ?work ?edition ?name ?year ?isbn ?source WHERE {
  { ?work schema:workExample ?edition } UNION { ?edition schema:exampleOfWork ?work }
  OPTIONAL { ?edition schema:bookEdition ?name }
  OPTIONAL { ?edition schema:datePublished ?year }
  OPTIONAL { ?edition schema:isbn ?isbn }
  OPTIONAL { ?edition dcterms:source ?source }
} ORDER BY ?work ?year ?edition ?isbn
"""
_CLAIM_EDITIONS = (
    "SELECT ?coverage ?edition WHERE { ?coverage nn:edition ?edition } ORDER BY ?coverage"
)
RECOMMENDATIONS = """
SELECT ?recommendation ?work ?recommender ?score ?date ?caveat ?assessment ?source ?question
WHERE {
  ?recommendation a nn:Recommendation ; nn:recommends ?work .
  OPTIONAL { ?recommendation prov:wasAttributedTo/schema:name ?recommender }
  OPTIONAL { ?recommendation nn:voteScore ?score }
  OPTIONAL { ?recommendation dcterms:date ?date }
  OPTIONAL { ?recommendation nn:caveat ?caveat }
  OPTIONAL { ?recommendation nn:assessment ?assessment }
  OPTIONAL { ?recommendation dcterms:source ?source }
  OPTIONAL { ?recommendation nn:answers ?question }
} ORDER BY DESC(?score) ?recommendation ?caveat
"""
_QUESTIONS = """
SELECT ?question ?name ?date ?url ?comment WHERE {
  ?question a nn:Question .
  OPTIONAL { ?question schema:name ?name }
  OPTIONAL { ?question schema:dateCreated ?date }
  OPTIONAL { ?question schema:url ?url }
  OPTIONAL { ?question rdfs:comment ?comment }
} ORDER BY ?date ?question
"""
_GAP_CLAIMS = """
SELECT ?claim ?comment ?assessment ?who ?depth WHERE {
  ?claim a nn:GapClaim .
  OPTIONAL { ?claim rdfs:comment ?comment }
  OPTIONAL { ?claim nn:assessment ?assessment }
  OPTIONAL { ?claim prov:wasAttributedTo/schema:name ?who }
  OPTIONAL { ?claim nn:claimedDepth ?depth }
} ORDER BY ?claim
"""


@dataclass
class SiteData:
    """What every page of the site is made from (plain data, no store).

    Attributes:
        stats: ``analysis.stats.stats`` of the graph.
        topics: topic IRI -> dict (label, alt_labels, definition, broader, narrower,
            requires, required_by, group, claims, gap, closest, path).
        works: work IRI -> dict (metadata, kind, authors, editions, claims, recommendations).
        people: person IRI -> dict (name, works).
        gap_reports: the home page's gap lists, each with its rows and command.
        questions: the seed questions, each with its gap claims and their verdicts.
        timeline: per topic, the first year of a treatment at each depth or deeper.
        filters_note: a sentence saying which claims count (e.g. verified only).
    """

    stats: dict[str, Any]
    topics: dict[str, dict[str, Any]] = field(default_factory=dict)
    works: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    gap_reports: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    verified_only: bool = False


def gather(graph: rdflib.Graph, *, verified_only: bool = False) -> SiteData:
    """Read everything the site shows.

    Args:
        graph: the loaded graph.
        verified_only: count only claims whose status is verified, everywhere.

    Returns:
        A ``SiteData`` whose dicts the page modules render.
    """
    tgraph = topic_graph(graph)
    data = SiteData(stats=stats(graph), verified_only=verified_only)
    _read_topics(graph, data, tgraph)
    _read_works(graph, data)
    _read_claims(graph, data, verified_only)
    _read_recommendations(graph, data)
    _gap_reports(graph, data, tgraph, verified_only)
    _questions(graph, data)
    _paths(data, tgraph)
    data.timeline = _timeline(data)
    return data


def _read_topics(graph: rdflib.Graph, data: SiteData, tgraph: TopicGraph) -> None:
    for topic in read_topics(graph):
        data.topics[topic.iri] = {
            "iri": topic.iri,
            "label": tgraph.label(topic.iri) if topic.iri in tgraph.labels else topic.label,
            "alt_labels": topic.alt_labels,
            "definition": topic.definition,
            "broader": sorted(topic.broader),
            "requires": sorted(topic.requires),
            "narrower": [],
            "required_by": [],
            "group": topic.iri in tgraph.groups,
            "claims": [],
            "gap": False,
            "closest": None,
            "path": [],
        }
    for iri, topic in data.topics.items():
        for other, key in [(b, "narrower") for b in topic["broader"]] + [
            (r, "required_by") for r in topic["requires"]
        ]:
            if other in data.topics:
                data.topics[other][key].append(iri)
    by_label = lambda iri: (data.topics[iri]["label"].casefold(), iri)  # noqa: E731
    for topic in data.topics.values():
        for key in ("broader", "requires", "narrower", "required_by"):
            topic[key] = sorted((t for t in topic[key] if t in data.topics), key=by_label)


def _read_works(graph: rdflib.Graph, data: SiteData) -> None:
    info = work_info(graph)
    editions: dict[str, dict[str, dict[str, Any]]] = {}
    for row in run_query(graph, _EDITIONS).values():
        edition = editions.setdefault(row["work"], {}).setdefault(
            row["edition"],
            {"iri": row["edition"], "name": None, "year": None, "isbn": [], "source": None},
        )
        edition["name"] = edition["name"] or _text(row["name"])
        edition["year"] = edition["year"] or _year(row["year"])
        edition["source"] = edition["source"] or row["source"]
        if row["isbn"] is not None and str(row["isbn"]) not in edition["isbn"]:
            edition["isbn"].append(str(row["isbn"]))
    for work in read_works(graph):
        extra = info.get(work.iri, {})
        own = sorted(editions.get(work.iri, {}).values(), key=lambda e: (e["year"] or 0, e["iri"]))
        data.works[work.iri] = {
            "iri": work.iri,
            "id": work.id,
            "type": work.type,
            "kind": extra.get("kind") or compact(rdflib.URIRef(work.type)).split(":")[-1],
            "title": work.title,
            "subtitle": work.subtitle,
            "year": work.year,
            "publisher": work.publisher,
            "venue": work.venue,
            "isbn": work.isbn,
            "doi": work.doi,
            "arxiv": work.arxiv_id,
            "url": work.url,
            "source": work.source,
            "free": bool(work.free),
            "exercises": work.exercises,
            "status": (work.status or "").removeprefix("nn:") or None,
            "comment": work.comment,
            "score": extra.get("score"),
            "authors": [p.iri for p in work.authors],
            "editions": own,
            "claims": [],
            "recommendations": [],
        }
        for person in work.authors:
            entry = data.people.setdefault(
                person.iri, {"iri": person.iri, "name": person.name, "works": []}
            )
            entry["works"].append(work.iri)
    for person in data.people.values():
        person["works"].sort(key=lambda w: (data.works[w]["year"] or 0, data.works[w]["title"]))


def _read_claims(graph: rdflib.Graph, data: SiteData, verified_only: bool) -> None:
    """Every claim, joined from the records (status, sources) and the analysis rows
    (exercises falling back to the work's, free access, year)."""
    records = _claim_details(graph)
    edition_of = {
        row["coverage"]: row["edition"] for row in run_query(graph, _CLAIM_EDITIONS).values()
    }
    editions = {e["iri"]: e for w in data.works.values() for e in w["editions"]}
    for row in claims(graph, Filters(min_depth="mention"), any_depth=True):
        record = records.get(row["coverage"], {})
        status = record.get("status")
        if verified_only and status != "verified":
            continue
        if row["work"] not in data.works or row["topic"] not in data.topics:
            continue
        edition = editions.get(edition_of.get(row["coverage"], ""))
        claim = {
            "iri": row["coverage"],
            "topic": row["topic"],
            "work": row["work"],
            "depth": row["depth"],
            "rank": int(row["rank"]),
            "exercises": row["exercises"],
            "free": bool(row["free"]),
            "year": row["year"],
            "locator": row["locator"],
            "status": status,
            "rationale": record.get("rationale"),
            "sources": record.get("sources", []),
            "edition": edition,
        }
        data.topics[row["topic"]]["claims"].append(claim)
        data.works[row["work"]]["claims"].append(claim)
    for topic in data.topics.values():
        topic["claims"].sort(key=lambda c: (-c["rank"], c["exercises"] is not True, c["year"]))
    for work in data.works.values():
        work["claims"].sort(key=lambda c: (locator_key(c["locator"]), -c["rank"]))


_CLAIM_DETAILS = """
SELECT ?coverage ?status ?rationale ?source WHERE {
  ?coverage a nn:Coverage .
  OPTIONAL { ?coverage nn:status ?status }
  OPTIONAL { ?coverage nn:rationale ?rationale }
  OPTIONAL { ?coverage dcterms:source ?source }
} ORDER BY ?coverage ?source
"""


def _claim_details(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    """Status, rationale and sources per claim (``records.read_coverage``'s fields).

    Read with ``run_query`` rather than ``read_coverage``: its answer is kept in
    the store's memo, and it skips converting every term to rdflib (6 s at 5,000 works).
    """
    details: dict[str, dict[str, Any]] = {}
    for row in run_query(graph, _CLAIM_DETAILS).values():
        entry = details.setdefault(
            row["coverage"], {"status": None, "rationale": None, "sources": []}
        )
        if row["status"] is not None and entry["status"] is None:
            entry["status"] = compact(rdflib.URIRef(row["status"])).removeprefix("nn:")
        if row["rationale"] is not None and entry["rationale"] is None:
            entry["rationale"] = str(row["rationale"])
        if row["source"] is not None and row["source"] not in entry["sources"]:
            entry["sources"].append(row["source"])
    return details


def locator_key(locator: str | None) -> tuple:
    """Sort key putting locators in reading order: ch. 2 before ch. 10, appendices last."""
    text = locator or ""
    numbers = tuple(int(n) for n in re.findall(r"\d+", text.split(",")[0])[:4])
    appendix = bool(re.match(r"\s*(app|appendix)\b", text, re.IGNORECASE))
    return (appendix, not numbers, numbers, text.casefold())


def _read_recommendations(graph: rdflib.Graph, data: SiteData) -> None:
    found: dict[str, dict[str, Any]] = {}
    for row in run_query(graph, RECOMMENDATIONS).values():
        if row["work"] not in data.works:
            continue
        entry = found.setdefault(
            row["recommendation"],
            {
                "work": row["work"],
                "recommender": row["recommender"],
                "score": row["score"],
                "date": _text(row["date"]),
                "source": row["source"],
                "question": row["question"],
                "caveats": [],
                "assessments": [],
            },
        )
        for key, value in (("caveats", row["caveat"]), ("assessments", row["assessment"])):
            if value is not None and str(value) not in entry[key]:
                entry[key].append(str(value))
    for entry in found.values():
        data.works[entry["work"]]["recommendations"].append(entry)


def _gap_reports(
    graph: rdflib.Graph, data: SiteData, tgraph: TopicGraph, verified_only: bool
) -> None:
    flag = " --verified-only" if verified_only else ""
    year = _question_year(graph)
    reports = [
        ("rigorous", "Rigorous", Filters(), ""),
        (
            "exercises",
            "Rigorous, with exercises",
            Filters(with_exercises=True),
            " --with-exercises",
        ),
        ("books", "Rigorous, in books only", Filters(kind="book"), " --kind book"),
    ]
    if year is not None:
        reports.append((f"as-of-{year}", f"As of {year}", Filters(as_of=year), f" --as-of {year}"))
    for key, title, filters, option in reports:
        if verified_only:
            filters = Filters(**{**filters.__dict__, "verified_only": True})
        rows = gaps(graph, filters, topics=tgraph)
        data.gap_reports.append(
            {
                "key": key,
                "title": title,
                "rows": rows,
                "command": f"nngraph gaps{option}{flag}",
            }
        )
    for row in data.gap_reports[0]["rows"]:
        if row["topic"] in data.topics:
            data.topics[row["topic"]]["gap"] = True
            data.topics[row["topic"]]["closest"] = row


def _question_year(graph: rdflib.Graph) -> int | None:
    rows = run_query(graph, _QUESTIONS).values()
    years = [_year(row["date"]) for row in rows if row["date"] is not None]
    return min((y for y in years if y), default=None)


def _questions(graph: rdflib.Graph, data: SiteData) -> None:
    questions: dict[str, dict[str, Any]] = {}
    for row in run_query(graph, _QUESTIONS).values():
        questions.setdefault(
            row["question"],
            {
                "iri": row["question"],
                "name": row["name"],
                "date": _text(row["date"]),
                "url": row["url"] or row["question"],
                "comment": row["comment"],
                "claims": [],
            },
        )
    details = {row["claim"]: row for row in run_query(graph, _GAP_CLAIMS).values()}
    claims_by_iri: dict[str, dict[str, Any]] = {}
    for row in run_named(graph, "gap-claims").values():
        detail = details.get(row["claim"], {})
        claim = claims_by_iri.setdefault(
            row["claim"],
            {
                "iri": row["claim"],
                "comment": detail.get("comment"),
                "assessment": detail.get("assessment"),
                "who": detail.get("who"),
                "depth": compact(rdflib.URIRef(detail["depth"])).removeprefix("nn:")
                if detail.get("depth")
                else "rigorous",
                "date": _text(row["date"]),
                "topics": [],
            },
        )
        claim["topics"].append(
            {
                "topic": row["topic"],
                "label": row["topicLabel"],
                "then": row["byThen"],
                "now": row["now"],
            }
        )
    for claim in claims_by_iri.values():
        then = sum(int(t["then"]) for t in claim["topics"])
        now = sum(int(t["now"]) for t in claim["topics"])
        claim["held_then"] = then == 0
        claim["holds_now"] = now == 0
        claim["verdict"] = (
            "held when made, and still holds"
            if then == 0 and now == 0
            else "held when made, no longer holds"
            if then == 0
            else "did not hold when made"
        )
    if claims_by_iri and not questions:
        questions["-"] = {
            "iri": None,
            "name": None,
            "date": None,
            "url": None,
            "comment": None,
            "claims": [],
        }
    first = next(iter(questions.values()), None)
    for claim in claims_by_iri.values():
        if first is not None:
            first["claims"].append(claim)
    data.questions = list(questions.values())


def _paths(data: SiteData, tgraph: TopicGraph) -> None:
    """A learning path to every topic, choosing works as ``nngraph path`` does.

    The same choice as ``analysis.learning_path`` (for one path, nothing to avoid):
    at each step, among the candidates of the best quality (depth, exercises,
    free, vote), prefer a work the path already uses, then the work that is of
    best quality on the most steps of the path. Done for every topic at once,
    the per-topic best candidates are ranked once instead of once per path:
    at 5,000 works that is 25 s against 1 s. The order of steps is a
    lexicographical topological sort on one digraph, labels breaking ties.
    """
    digraph = requires_digraph(tgraph).reverse(copy=True)  # prerequisite -> dependent
    tied: dict[str, list[tuple[tuple, dict[str, Any]]]] = {}
    top_works: dict[str, set[str]] = {}
    for topic in data.topics.values():
        rows = [
            {**c, "title": data.works[c["work"]]["title"], "score": data.works[c["work"]]["score"]}
            for c in topic["claims"]
        ]
        if not rows:
            continue
        ranked = sorted(((recommendation_order(r), r) for r in rows), key=lambda kr: kr[0])
        best = ranked[0][0][:4]
        tied[topic["iri"]] = [(key, row) for key, row in ranked if key[:4] == best]
        top_works[topic["iri"]] = {row["work"] for _, row in tied[topic["iri"]]}
    for iri, topic in data.topics.items():
        needed = tgraph.prerequisites(iri) | {iri}
        try:
            order = list(
                nx.lexicographical_topological_sort(
                    digraph.subgraph(needed), key=lambda t: tgraph.label(t)
                )
            )
        except nx.NetworkXUnfeasible:
            continue
        cover: dict[str, int] = {}
        for step in order:
            for work in top_works.get(step, ()):
                cover[work] = cover.get(work, 0) + 1
        used: set[str] = set()
        steps = []
        for step in order:
            if step not in tied:
                steps.append({"topic": step, "claim": None})
                continue
            _, row = min(
                tied[step], key=lambda kr: (kr[1]["work"] not in used, -cover[kr[1]["work"]], kr[0])
            )
            used.add(row["work"])
            steps.append({"topic": step, "claim": row})
        topic["path"] = steps


def _timeline(data: SiteData) -> list[dict[str, Any]]:
    """For every topic that is not a group: the first year a work treats it at each
    depth or deeper (None: not yet)."""
    rows = []
    for topic in data.topics.values():
        if topic["group"]:
            continue
        firsts: dict[str, int | None] = {}
        for rank, depth in enumerate(DEPTHS):
            years = [c["year"] for c in topic["claims"] if c["rank"] >= rank and c["year"]]
            firsts[depth] = min(years) if years else None
        rows.append({"topic": topic["iri"], "label": topic["label"], **firsts})
    rows.sort(key=lambda r: (r["rigorous"] is None, r["rigorous"] or 0, r["label"].casefold()))
    return rows


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _year(value: Any) -> int | None:
    match = re.match(r"-?\d{4}", str(value)) if value is not None else None
    return int(match.group(0)) if match else None


__all__ = ["RECOMMENDATIONS", "SiteData", "gather", "locator_key", "to_python"]
