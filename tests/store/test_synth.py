"""The synthetic graph: deterministic, of our shape, valid under our shapes."""

from __future__ import annotations

import pyoxigraph
import pytest

from nngraph.analysis.validate import validate
from nngraph.errors import NngraphError, OutputExistsError
from nngraph.store.synth import synth


def _triples(path):
    return {
        (str(q.subject), str(q.predicate), str(q.object)) for q in pyoxigraph.parse(path=str(path))
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = synth(tmp_path / "a.nt", works=40, seed=7)
    b = synth(tmp_path / "b.nt", works=40, seed=7)
    synth(tmp_path / "c.nt", works=40, seed=8)
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()
    assert (tmp_path / "a.nt").read_bytes() != (tmp_path / "c.nt").read_bytes()
    assert (a.triples, a.coverage, a.persons) == (b.triples, b.coverage, b.persons)


def test_turtle_and_ntriples_hold_the_same_triples(tmp_path):
    nt = synth(tmp_path / "g.nt", works=25, seed=3)
    ttl = synth(tmp_path / "g.ttl", works=25, seed=3)
    triples = _triples(nt.path)
    assert triples == _triples(ttl.path)
    assert len(triples) == nt.triples == ttl.triples


def test_counts_match_the_graph(tmp_path):
    summary = synth(tmp_path / "g.nt", works=30, seed=1)
    triples = _triples(summary.path)
    typed = {}
    for _s, p, o in triples:
        if p.endswith("22-rdf-syntax-ns#type>"):
            typed[o] = typed.get(o, 0) + 1
    works = sum(
        typed.get(f"<{t}>", 0)
        for t in (
            "https://schema.org/Book",
            "https://schema.org/ScholarlyArticle",
            "https://schema.org/Thesis",
            "https://w3id.org/nngraph/ns#LectureNotes",
        )
    )
    assert works == summary.works == 30
    assert typed["<https://w3id.org/nngraph/ns#Coverage>"] == summary.coverage
    assert typed["<http://www.w3.org/2004/02/skos/core#Concept>"] == summary.topics
    assert typed["<https://schema.org/Person>"] == summary.persons


def test_synthetic_graph_is_valid_under_the_shapes(tmp_path):
    summary = synth(tmp_path / "small.ttl", works=40, seed=5)
    problems = validate([summary.path], bundled=False)
    assert [p for p in problems if p.severity == "violation"] == []


def test_some_topics_are_never_covered_rigorously(tmp_path):
    from nngraph.analysis.coverage import gaps
    from nngraph.store.loader import load

    summary = synth(tmp_path / "g.nt", works=60, seed=2)
    rows = gaps(load([summary.path], bundled=False))
    labels = {row["label"] for row in rows}
    assert "Topic 3" in labels  # topic i with i % 7 == 3 is a planted gap
    assert "Topic 0" not in labels  # the most popular topic is covered rigorously


def test_refuses_to_overwrite_and_unknown_extension(tmp_path):
    target = tmp_path / "g.nt"
    target.write_text("keep me")
    with pytest.raises(OutputExistsError):
        synth(target, works=2)
    assert target.read_text() == "keep me"
    synth(target, works=2, force=True)
    assert target.read_text() != "keep me"
    with pytest.raises(NngraphError, match=r"\.nt .* or \.ttl"):
        synth(tmp_path / "g.jsonld", works=2)
    with pytest.raises(NngraphError, match="at least 1"):
        synth(tmp_path / "h.nt", works=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nt"]  # no temp file left
