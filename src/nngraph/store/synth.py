"""Deterministic synthetic graphs of nngraph's shape, for scale tests and benchmarks.

``synth(path, works=N, seed=S)`` writes works (books, articles, theses,
lecture notes) with authors, a SKOS topic scheme whose ``skos:broader`` and
``nn:requires`` links only point to earlier topics (so both stay acyclic), and
coverage claims with a depth, locator, source, status and, when rigorous, a
rationale. Every node satisfies ``ontology/shapes.ttl``. About one topic in
seven is never covered rigorously, so gap analysis has answers at every size.

The same arguments always give the same bytes. The file is written as
N-Triples (``.nt``) or Turtle (``.ttl``), through a temporary file and a
rename, so a reader never sees half of it.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nngraph.errors import NngraphError
from nngraph.output import atomic_output
from nngraph.vocab import DEPTHS

SYNTH = "https://example.org/synth/"
_NS = {
    "nn": "https://w3id.org/nngraph/ns#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "syn": SYNTH,
}
_WORK_TYPES = ("schema:Book", "schema:ScholarlyArticle", "schema:Thesis", "nn:LectureNotes")
_DEPTHS = tuple(f"nn:{depth}" for depth in DEPTHS)
_DEPTH_WEIGHTS = (3, 3, 3, 2)
_GAP_EVERY = 7  # topic i with i % 7 == 3 is never covered rigorously


@dataclass(frozen=True)
class SynthSummary:
    """What ``synth`` wrote.

    Attributes:
        path: the file written.
        works, persons, topics, coverage: how many of each.
        triples: the number of triples in the file.
    """

    path: Path
    works: int
    persons: int
    topics: int
    coverage: int
    triples: int


def synth(path: Path | str, *, works: int, seed: int = 0, force: bool = False) -> SynthSummary:
    """Write a synthetic graph with ``works`` works to ``path`` (.nt or .ttl).

    About 45 triples per work: 22 000 works make roughly a million triples.

    Args:
        path: the output file; its extension chooses N-Triples or Turtle.
        works: how many works (at least 1).
        seed: the random seed; the same seed gives the same file.
        force: replace an existing file.

    Returns:
        Counts of what was written.

    Raises:
        NngraphError: ``works`` < 1, an unknown extension, or an unwritable folder.
        OutputExistsError: the file exists and ``force`` is False.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".nt", ".ttl"):
        raise NngraphError(f"{target}: synth writes .nt (N-Triples) or .ttl (Turtle); rename it")
    if works < 1:
        raise NngraphError("synth needs --works of at least 1")
    plan = _Plan(works, seed)
    with atomic_output(target, force=force) as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        triples = _write(stream, plan.blocks(), turtle=suffix == ".ttl")
        stream.flush()
        stream.detach()  # the raw stream is closed by atomic_output
    return SynthSummary(
        path=target,
        works=works,
        persons=plan.persons,
        topics=plan.topics,
        coverage=plan.coverage,
        triples=triples,
    )


# A block is a subject and its (predicate, object) pairs, every term written as
# a prefixed name (syn:w1, nn:rigorous) or a literal in Turtle/N-Triples syntax.
_Block = tuple[str, list[tuple[str, str]]]


class _Plan:
    """The random choices, drawn in one fixed order from one seeded generator."""

    def __init__(self, works: int, seed: int) -> None:
        self.works = works
        self.rng = random.Random(seed)
        self.topics = max(12, round(2 * works**0.5))
        self.persons = max(2, (2 * works) // 3)
        self.coverage = 0

    def blocks(self) -> Iterator[_Block]:
        rng = self.rng
        yield (
            "syn:scheme",
            [
                ("rdf:type", "skos:ConceptScheme"),
                ("skos:prefLabel", '"Synthetic topics"@en'),
            ],
        )
        for i in range(self.topics):
            pairs = [
                ("rdf:type", "skos:Concept"),
                ("skos:inScheme", "syn:scheme"),
                ("skos:prefLabel", f'"Topic {i}"@en'),
            ]
            broader = rng.randrange(i) if i and rng.random() < 0.7 else None
            if broader is not None:
                pairs.append(("skos:broader", f"syn:t{broader}"))
            if i:
                earlier = [j for j in rng.sample(range(i), min(i, 2)) if j != broader]
                pairs += [("nn:requires", f"syn:t{j}") for j in sorted(earlier)]
            yield f"syn:t{i}", pairs
        for i in range(self.persons):
            yield f"syn:p{i}", [("rdf:type", "schema:Person"), ("schema:name", f'"Person {i}"')]
        # Zipf-like topic popularity: low-numbered topics are covered most.
        weights = [1 / (1 + i) ** 0.8 for i in range(self.topics)]
        for w in range(self.works):
            yield from self._work(w, weights)

    def _work(self, w: int, weights: list[float]) -> Iterator[_Block]:
        rng = self.rng
        authors = sorted(rng.sample(range(self.persons), rng.randint(1, min(3, self.persons))))
        pairs = [
            ("rdf:type", rng.choice(_WORK_TYPES)),
            ("schema:name", f'"Synthetic work {w}"'),
            *(("schema:author", f"syn:p{a}") for a in authors),
            ("schema:datePublished", f'"{rng.randint(1950, 2025)}"^^xsd:gYear'),
            ("dcterms:source", f"<{SYNTH}source/w{w}>"),
            ("nn:status", rng.choice(("nn:verified", "nn:unverified"))),
        ]
        if rng.random() < 0.5:
            pairs.append(("nn:hasExercises", rng.choice(('"true"', '"false"')) + "^^xsd:boolean"))
        yield f"syn:w{w}", pairs
        chosen: set[int] = set()
        for _ in range(rng.randint(2, 8)):
            chosen.add(rng.choices(range(self.topics), weights)[0])
        for t in sorted(chosen):
            depth = rng.choices(_DEPTHS, _DEPTH_WEIGHTS)[0]
            if t % _GAP_EVERY == 3 and depth == "nn:rigorous":
                depth = "nn:derivation"
            cov = [
                ("rdf:type", "nn:Coverage"),
                ("nn:work", f"syn:w{w}"),
                ("nn:topic", f"syn:t{t}"),
                ("nn:depth", depth),
                ("nn:locator", f'"ch. {rng.randint(1, 20)}"'),
                ("dcterms:source", f"<{SYNTH}source/w{w}>"),
                ("nn:status", rng.choice(("nn:verified", "nn:unverified"))),
            ]
            if rng.random() < 0.4:
                cov.append(("nn:hasExercises", rng.choice(('"true"', '"false"')) + "^^xsd:boolean"))
            if depth == "nn:rigorous":
                cov.append(("nn:rationale", f'"proves the results on topic {t}"'))
            self.coverage += 1
            yield f"syn:c{w}-{t}", cov


def _write(stream: TextIO, blocks: Iterator[_Block], *, turtle: bool) -> int:
    """Write the blocks as Turtle (prefixed, grouped by subject) or N-Triples."""
    count = 0
    if turtle:
        stream.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in _NS.items()) + "\n")
        for subject, pairs in blocks:
            body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
            stream.write(f"{subject} {body} .\n")
            count += len(pairs)
        return count
    for subject, pairs in blocks:
        s = _full(subject)
        stream.write("".join(f"{s} {_full(p)} {_full(o)} .\n" for p, o in pairs))
        count += len(pairs)
    return count


def _full(term: str) -> str:
    """A prefixed name or Turtle literal in N-Triples syntax."""
    if term.startswith("<"):
        return term
    if term.startswith('"'):
        if "^^" in term:
            text, datatype = term.rsplit("^^", 1)
            return f"{text}^^{_full(datatype)}"
        return term
    prefix, local = term.split(":", 1)
    return f"<{_NS[prefix]}{local}>"
