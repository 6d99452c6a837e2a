"""Export: RDF round trips, GraphML/GEXF read back by networkx, CSV tables, file writing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib.compare import isomorphic

from nngraph.errors import NngraphError, OutputExistsError
from nngraph.interop.export import export_data, export_tables, to_networkx, write_export
from nngraph.store.files import new_graph, parse_into

TINY = "https://example.org/tiny/"


def reparse(data: bytes, suffix: str, tmp_path: Path, backend: str = "oxigraph"):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    graph = new_graph(backend)  # empty: the export already holds the ontology
    parse_into(graph, path)
    return graph


@pytest.mark.parametrize(("fmt", "suffix"), [("ttl", ".ttl"), ("nt", ".nt"), ("jsonld", ".jsonld")])
def test_rdf_round_trip_tiny(tiny_store, tmp_path, fmt, suffix):
    back = reparse(export_data(tiny_store, fmt), suffix, tmp_path)
    assert len(back) == len(tiny_store)
    assert isomorphic(back, tiny_store)


@pytest.mark.parametrize(("fmt", "suffix"), [("ttl", ".ttl"), ("nt", ".nt"), ("jsonld", ".jsonld")])
def test_rdf_round_trip_bundled(bundled_store, tmp_path, fmt, suffix):
    back = reparse(export_data(bundled_store, fmt), suffix, tmp_path)
    assert len(back) == len(bundled_store)
    assert isomorphic(back, bundled_store)


def test_rdf_round_trip_from_the_memory_store(tmp_path):
    from nngraph.store.loader import load

    graph = load([Path(__file__).parents[1] / "data" / "tiny.ttl"], bundled=False, backend="memory")
    back = reparse(export_data(graph, "ttl"), ".ttl", tmp_path, backend="memory")
    assert isomorphic(back, graph)


def test_turtle_uses_our_prefixes_and_plain_strings(tiny_store):
    text = export_data(tiny_store, "ttl").decode("utf-8")
    assert "@prefix schema: <https://schema.org/> ." in text
    assert 'schema:name "Rigorous Nets" ;' in text and '"^^xsd:string' not in text
    assert "brick:" not in text  # none of rdflib's default bindings
    assert export_data(tiny_store, "ttl") == export_data(tiny_store, "ttl")  # stable output


def test_jsonld_is_indented_json(tiny_store):
    raw = export_data(tiny_store, "jsonld")
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    data = json.loads(text)
    ids = {node["@id"] for node in data}
    assert f"{TINY}book1" in ids
    lines = text.splitlines()
    assert lines[:2] == ["[", "  {"]  # one node per block, indented by two spaces
    assert all(line == line.lstrip() or (len(line) - len(line.lstrip())) % 2 == 0 for line in lines)
    assert len(lines) > len(data) * 3  # not one node per line


def test_networkx_graph_has_typed_nodes_and_edges(tiny_store):
    graph = to_networkx(tiny_store)
    kinds: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {"work": 3, "person": 2, "topic": 6}
    relations = sorted(
        (u[len(TINY) :], v[len(TINY) :], d["relation"]) for u, v, d in graph.edges(data=True)
    )
    assert relations == [
        ("alice", "book1", "authored"),
        ("alice", "book2", "authored"),
        ("attention", "rnn", "requires"),
        ("backprop", "calculus", "requires"),
        ("bob", "book2", "authored"),
        ("bob", "paper1", "authored"),
        ("book1", "backprop", "covers"),
        ("book1", "calculus", "covers"),
        ("book2", "nets", "covers"),
        ("book2", "rnn", "covers"),
        ("bptt", "backprop", "broader"),
        ("bptt", "backprop", "requires"),
        ("bptt", "rnn", "requires"),
        ("paper1", "bptt", "covers"),
    ]
    assert graph.nodes[f"{TINY}book1"] == {
        "kind": "work",
        "label": "Rigorous Nets",
        "type": "schema:Book",
        "year": 2010,
        "free": True,
        "exercises": True,
    }
    assert graph.edges[f"{TINY}bob", f"{TINY}book2", "authored"]["position"] == 1
    assert graph.edges[f"{TINY}alice", f"{TINY}book2", "authored"]["position"] == 2
    assert graph.edges[f"{TINY}book1", f"{TINY}calculus", f"{TINY}c1"] == {
        "relation": "covers",
        "coverage": f"{TINY}c1",
        "depth": "rigorous",
        "depth_rank": 3,
        "exercises": True,
        "locator": "ch. 1",
    }


def _summary(graph: nx.MultiDiGraph) -> tuple[dict, list]:
    nodes = {n: (d.get("kind"), d.get("label"), d.get("year")) for n, d in graph.nodes(data=True)}
    edges = sorted(
        (u, v, d["relation"], d.get("depth_rank"), d.get("position"))
        for u, v, d in graph.edges(data=True)
    )
    return nodes, edges


@pytest.mark.parametrize("store", ["tiny_store", "bundled_store"])
def test_graphml_and_gexf_read_back_with_networkx(store, request):
    graph = request.getfixturevalue(store)
    expected = _summary(to_networkx(graph))
    graphml = nx.read_graphml(io.BytesIO(export_data(graph, "graphml")), force_multigraph=True)
    gexf = nx.read_gexf(io.BytesIO(export_data(graph, "gexf")))
    assert _summary(graphml) == expected
    assert _summary(gexf) == expected


def _table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_tables_of_the_tiny_graph(tiny_store):
    tables = export_tables(tiny_store)
    assert sorted(tables) == ["authors", "coverage", "topics", "works"]
    works = {row["id"][len(TINY) :]: row for row in _table(tables["works"])}
    assert works["book2"]["authors"] == "Bob Writer; Alice Author"
    assert works["book2"]["author_ids"] == f"{TINY}bob; {TINY}alice"
    assert (works["book1"]["year"], works["book1"]["free"], works["book1"]["exercises"]) == (
        "2010",
        "true",
        "true",
    )
    assert works["paper1"]["type"] == "schema:ScholarlyArticle" and works["paper1"]["free"] == ""
    assert [(r["name"], r["works"]) for r in _table(tables["authors"])] == [
        ("Alice Author", "2"),
        ("Bob Writer", "2"),
    ]
    topics = {row["id"][len(TINY) :]: row for row in _table(tables["topics"])}
    assert len(topics) == 6
    assert topics["bptt"]["requires"] == f"{TINY}backprop; {TINY}rnn"
    assert topics["bptt"]["broader"] == f"{TINY}backprop"
    assert topics["rnn"]["alt_labels"] == "RNN"
    coverage = [
        (r["id"][len(TINY) :], r["depth"], r["depth_rank"], r["exercises"])
        for r in _table(tables["coverage"])
    ]
    assert coverage == [
        ("c1", "rigorous", "3", "true"),
        ("c2", "rigorous", "3", "true"),
        ("c3", "derivation", "2", "false"),
        ("c4", "intuition", "1", ""),
        ("c5", "mention", "0", ""),
    ]


def test_csv_tables_of_the_bundled_graph_agree_with_the_graph(bundled_store):
    tables = export_tables(bundled_store)
    works = _table(tables["works"])
    ids = {row["id"] for row in works}
    assert len(ids) == len(works) >= 40
    for row in _table(tables["coverage"]):
        assert row["work"] in ids
        assert row["depth"] in {"mention", "intuition", "derivation", "rigorous"}


def test_write_export_csv_to_a_folder(tiny_store, tmp_path):
    folder = tmp_path / "tables"
    written = write_export(tiny_store, "csv", folder)
    assert [p.name for p in written] == ["works.csv", "authors.csv", "topics.csv", "coverage.csv"]
    assert (folder / "works.csv").read_text(encoding="utf-8") == export_tables(tiny_store)["works"]
    (folder / "topics.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_export(tiny_store, "csv", folder)
    assert (folder / "topics.csv").read_text(encoding="utf-8") == "mine"
    write_export(tiny_store, "csv", folder, force=True)
    assert (folder / "topics.csv").read_text(encoding="utf-8") != "mine"


def test_write_export_refuses_csv_into_a_file_and_unknown_formats(tiny_store, tmp_path):
    afile = tmp_path / "file.csv"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(NngraphError, match="needs a folder"):
        write_export(tiny_store, "csv", afile, force=True)
    with pytest.raises(NngraphError, match="name a folder"):
        export_data(tiny_store, "csv")
    with pytest.raises(NngraphError, match="unknown export format"):
        export_data(tiny_store, "xlsx")


def test_write_export_single_file_is_atomic_and_guarded(tiny_store, tmp_path):
    out = tmp_path / "g.graphml"
    assert write_export(tiny_store, "graphml", out) == [out]
    before = out.read_bytes()
    with pytest.raises(OutputExistsError):
        write_export(tiny_store, "ttl", out)
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left
