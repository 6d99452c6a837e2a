"""Finding things by the words a user knows: search, and names resolved to topics, works, people.

Matching folds accents and case (``Gödel`` = ``godel``), so a name typed
without the right keyboard still finds its record. Every resolution says how
it matched, so the command line can say it out loud when it was not exact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import rdflib
from rdflib import URIRef
from rdflib.term import Node

from nngraph.errors import UnknownNameError, UnknownTopicError
from nngraph.query.terms import parse_term
from nngraph.records.topics import find_topic, topic_graph
from nngraph.records.works import read_people, read_works
from nngraph.vocab import PREFIXES, compact

KINDS = ("topic", "work", "author")


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


@dataclass(frozen=True)
class Found:
    """A record a name resolved to.

    Attributes:
        kind: ``topic``, ``work`` or ``author``.
        iri: its IRI.
        label: its label, title or name.
        how: how the name matched (``iri``, ``label``, ``title``, ``id``, ``search``…).
        also: other records the name could have meant, as ``label (kind)``.
    """

    kind: str
    iri: str
    label: str
    how: str
    also: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """True when the name was the IRI, a CURIE, or the label, title or name itself."""
        return self.how in ("iri", "curie", "label", "title", "name") and not self.also

    def note(self, name: str) -> str:
        """One line for stderr: what ``name`` resolved to, how, and what else it might mean."""
        where = compact(URIRef(self.iri))
        text = f"resolved {name!r} to the {self.kind} {self.label!r} ({where}) by its {self.how}"
        if self.also:
            text += "; also: " + "; ".join(self.also)
        return text


def _candidates(graph: rdflib.Graph) -> list[dict[str, Any]]:
    """Every topic, work and author with the texts a search may match."""
    topics = topic_graph(graph)
    rows: list[dict[str, Any]] = []
    for iri, label in topics.labels.items():
        rows.append(
            {
                "kind": "topic",
                "iri": iri,
                "label": label,
                "texts": [(label, "label")]
                + [(alt, "alternative label") for alt in topics.alt_labels.get(iri, [])],
                "detail": "topic group" if iri in topics.groups else "topic",
            }
        )
    for work in read_works(graph):
        names = [p.name for p in work.authors]
        rows.append(
            {
                "kind": "work",
                "iri": work.iri,
                "label": work.title,
                "texts": [(work.title, "title")]
                + ([(work.subtitle, "subtitle")] if work.subtitle else []),
                "detail": ", ".join(names[:3])
                + (" et al." if len(names) > 3 else "")
                + (f" ({work.year})" if work.year else ""),
            }
        )
    for person in read_people(graph):
        rows.append(
            {
                "kind": "author",
                "iri": person.iri,
                "label": person.name,
                "texts": [(person.name, "name")],
                "detail": "author",
            }
        )
    return rows


def _score(query: str, text: str) -> int:
    """How well folded ``text`` matches folded ``query``: 0 (not at all) to 100 (equal)."""
    if not query:
        return 0
    if text == query:
        return 100
    if text.startswith(query):
        return 90
    words, have = query.split(), text.split()
    if all(any(h.startswith(w) for h in have) for w in words):
        return 70
    if query in text:
        return 60
    if all(w in text for w in words):
        return 50
    return 0


def search(graph: rdflib.Graph, text: str, *, limit: int | None = 20) -> list[dict[str, Any]]:
    """Topics, works and authors whose labels, alternative labels, titles or names match.

    Ranked: the whole text equal to a label, then labels beginning with it,
    then labels with every word beginning a word, then containing it; a
    preferred label or title ranks above an alternative one; ties go to topics,
    then works, then authors, then shorter labels. Accents and case are folded.

    Args:
        graph: the loaded graph.
        text: the words to look for.
        limit: at most this many hits (None: all).

    Returns:
        Dicts with kind, id (compact IRI), iri, label, matched (the text that
        matched, when it is not the label itself), field (label, alternative
        label, title, subtitle, name), detail (authors and year of a work) and score.
    """
    query = fold(text)
    hits = []
    for row in _candidates(graph):
        best = max(
            ((_score(query, fold(t)) - (5 if field.startswith(("alt", "sub")) else 0), t, field)
             for t, field in row["texts"] if t),
            default=(0, "", ""),
        )  # fmt: skip
        if best[0] > 0:
            hits.append(
                {
                    "kind": row["kind"],
                    "id": compact(URIRef(row["iri"])),
                    "iri": row["iri"],
                    "label": row["label"],
                    "matched": "" if best[1] == row["label"] else best[1],
                    "field": best[2],
                    "detail": row["detail"],
                    "score": best[0],
                }
            )
    hits.sort(
        key=lambda h: (-h["score"], KINDS.index(h["kind"]), len(h["label"]), h["label"], h["iri"])
    )
    return hits if limit is None else hits[:limit]


def find(graph: rdflib.Graph, name: str, *, kinds: tuple[str, ...] = KINDS) -> Found:
    """The topic, work or author a user means by ``name``.

    Tried in order: the IRI or a CURIE; an id (``goodfellow2016``, the IRI's
    last segment); the exact label, title or name (folded); then the best
    search hit. When several records fit equally well the first is taken and
    the others are listed in ``also``.

    Raises:
        UnknownNameError: nothing matches (with the closest search hits, if any).
    """
    rows = [r for r in _candidates(graph) if r["kind"] in kinds]
    wanted = name.strip()
    iri = _expand(wanted)
    for row in rows:
        if row["iri"] == iri:
            how = "iri" if iri == wanted else "curie"
            return Found(row["kind"], row["iri"], row["label"], how)
    key = fold(wanted)
    by_id = [r for r in rows if fold(re.split(r"[/#]", r["iri"].rstrip("/#"))[-1]) == key]
    exact = [
        (r, field) for r in rows for t, field in r["texts"] if t and fold(t) == key and field in
        ("label", "title", "name", "alternative label")
    ]  # fmt: skip
    if by_id:
        first, others = by_id[0], [r for r in by_id[1:]]
        return Found(first["kind"], first["iri"], first["label"], "id", _also(others))
    if exact:
        exact.sort(key=lambda pair: (pair[1] == "alternative label", KINDS.index(pair[0]["kind"])))
        (first, field), others = exact[0], [r for r, _f in exact[1:] if r is not exact[0][0]]
        return Found(first["kind"], first["iri"], first["label"], field, _also(others))
    hits = [h for h in search(graph, wanted, limit=None) if h["kind"] in kinds]
    if not hits:
        raise UnknownNameError(" or ".join(kinds), name)
    top = hits[0]
    return Found(top["kind"], top["iri"], top["label"], "search", _also(hits[1:6]))


def _also(rows: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(f"{r['label']!r} ({r['kind']} {compact(URIRef(r['iri']))})" for r in rows[:5])


def _expand(name: str) -> str:
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    for prefix, namespace in PREFIXES.items():
        if name.startswith(f"{prefix}:") and not name.startswith(f"{prefix}://"):
            return namespace + name[len(prefix) + 1 :]
    return name


def resolve_param(graph: rdflib.Graph, text: str) -> tuple[Node, str | None]:
    """The RDF term a ``--param`` value means, and a note when it was resolved by name.

    ``<iri>``, ``http(s)://…``, CURIEs and numbers are read as they are
    (``parse_term``); ``"quoted"`` text is a string literal; any other text is
    resolved as a topic name (as ``recommend`` resolves it), else a work's
    title or id, else it stays a string literal, with a note saying so.

    Raises:
        UnknownNameError: a CURIE with an unknown prefix.
    """
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return rdflib.Literal(value[1:-1]), None
    term = parse_term(value)
    if not isinstance(term, rdflib.Literal) or term.datatype is not None:
        return term, None
    try:
        match = find_topic(topic_graph(graph), value)
        note = None if match.exact else match.note(value)
        return URIRef(match.iri), note
    except UnknownTopicError:
        pass
    try:
        found = find(graph, value, kinds=("work",))
    except UnknownNameError:
        found = None
    if found is not None and found.how != "search":
        return URIRef(found.iri), None if found.exact else found.note(value)
    return term, f"bound the text {value!r}: no topic or work has that name (quote it to mean text)"
