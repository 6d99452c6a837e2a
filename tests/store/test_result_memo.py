"""Answers on a cached store are kept and reused, exactly, and only when that is safe."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

import nngraph.query.run as queries_module
from nngraph.cli import cli
from nngraph.query.run import run_query
from nngraph.store.loader import load

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"

pytestmark = pytest.mark.usefixtures("cache_dir")


@pytest.fixture
def asked(monkeypatch):
    """The query texts that reach Oxigraph (not answered from the memo)."""
    seen: list[str] = []
    real = queries_module._evaluate_on_oxigraph

    def counting(inner, text, bindings, limit):
        seen.append(text)
        return real(inner, text, bindings, limit)

    monkeypatch.setattr(queries_module, "_evaluate_on_oxigraph", counting)
    return seen


def _cached() -> rdflib.Graph:
    load([TINY], bundled=False, cache=True)  # builds the store (small: at once)
    return load([TINY], bundled=False, cache=True)


MIXED = """
SELECT ?work ?title ?lang ?year ?blank ?none WHERE {
  ?work schema:name ?title .
  OPTIONAL { ?work schema:datePublished ?year }
  BIND (STRLANG("x", "en") AS ?lang)
  BIND (BNODE("b") AS ?blank)
  OPTIONAL { ?work <urn:nothing> ?none }
} ORDER BY ?work
"""


def test_second_ask_is_answered_from_the_memo_with_equal_terms(asked, cache_dir):
    graph = _cached()
    text = (
        "SELECT ?work ?title ?year WHERE "
        "{ ?work schema:name ?title ; schema:datePublished ?year } ORDER BY ?work"
    )
    first = run_query(graph, text)
    second = run_query(graph, text)
    assert asked == [text]
    assert second.rows == first.rows and len(first.rows) == 3
    assert [type(r["year"]) for r in second.rows] == [rdflib.Literal] * 3
    assert [r["year"].datatype for r in second.rows] == [r["year"].datatype for r in first.rows]
    kept = list((cache_dir / "results").rglob("*.json"))
    assert len(kept) == 1


def test_language_tags_and_unbound_values_survive(asked):
    graph = _cached()
    text = MIXED.replace('BIND (BNODE("b") AS ?blank)', "")
    first = run_query(graph, text)
    second = run_query(graph, text)
    assert len(asked) == 1
    assert second.rows == first.rows
    assert {r["lang"].language for r in second.rows} == {"en"}
    assert {r["none"] for r in second.rows} == {None}


def test_unstable_functions_and_construct_are_never_kept(asked):
    graph = _cached()
    for text in (
        MIXED,  # BNODE()
        "SELECT (NOW() AS ?t) WHERE {}",
        "CONSTRUCT { ?w a schema:Book } WHERE { ?w a schema:Book ; schema:name [] }",
    ):
        run_query(graph, text)
        run_query(graph, text)
    assert len(asked) == 6


def test_bindings_and_limits(asked):
    graph = _cached()
    text = "SELECT ?w ?t WHERE { ?w schema:name ?t } ORDER BY ?w"
    book1 = {"w": rdflib.URIRef("https://example.org/tiny/book1")}
    one = run_query(graph, text, bindings=book1)
    whole = run_query(graph, text)
    assert len(one.rows) == 1 and len(whole.rows) == 5  # 3 works, 2 people
    cut = run_query(graph, text, limit=2)
    assert cut.truncated and len(cut.rows) == 2
    assert len(asked) == 2  # the limited ask came from the kept whole answer
    fresh = "SELECT ?t WHERE { ?w schema:name ?t } ORDER BY ?t"
    assert run_query(graph, fresh, limit=1).truncated
    assert not run_query(graph, fresh).truncated  # a cut answer was not kept
    assert len(asked) == 4


def test_ask_answers_are_kept(asked):
    graph = _cached()
    assert run_query(graph, "ASK { ?w a schema:Book }").boolean is True
    assert run_query(graph, "ASK { ?w a schema:Book }").boolean is True
    assert len(asked) == 1


def test_cache_clear_removes_kept_answers(runner, cache_dir):
    args = ["--no-bundled", "--data", str(TINY), "gaps", "--format", "json"]
    assert runner.invoke(cli, args).exit_code == 0
    assert runner.invoke(cli, args).exit_code == 0
    assert list((cache_dir / "results").rglob("*.json"))
    assert runner.invoke(cli, ["cache", "clear"]).exit_code == 0
    assert not (cache_dir / "results").exists()


def test_answers_longer_than_the_cap_are_not_kept(asked, monkeypatch):
    import nngraph.store.result_memo as result_memo

    monkeypatch.setattr(result_memo, "MAX_ROWS", 4)
    graph = _cached()
    names = "SELECT ?w ?t WHERE { ?w schema:name ?t } ORDER BY ?w"  # 5 rows
    books = "SELECT ?w WHERE { ?w a schema:Book ; schema:name [] } ORDER BY ?w"  # 2 rows
    for text in (names, names, books, books):
        run_query(graph, text)
    assert asked == [names, names, books]


def test_a_write_stops_kept_answers_from_being_used(monkeypatch, cache_dir):
    """A background load hands back a writable graph that keeps answers: a write ends that."""
    import nngraph.store.cache as cache_module

    monkeypatch.setattr(cache_module, "BACKGROUND_MIN_BYTES", 0)
    monkeypatch.setattr(cache_module, "_PENDING", [])
    graph = load([TINY], bundled=False, cache=True, background=True)
    count = "SELECT (COUNT(?w) AS ?n) WHERE { ?w a schema:Book ; schema:name [] }"
    assert run_query(graph, count).values() == [{"n": 2}]
    book = rdflib.URIRef("urn:x:book3")
    graph.add((book, rdflib.RDF.type, rdflib.URIRef("https://schema.org/Book")))
    graph.add((book, rdflib.URIRef("https://schema.org/name"), rdflib.Literal("Book three")))
    assert run_query(graph, count).values() == [{"n": 3}]
    assert graph.store.results is None
