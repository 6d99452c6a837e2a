from pathlib import Path

import pytest
import rdflib
import rdflib.compare

from nngraph.errors import DataLoadError
from nngraph.store.files import bundled_files, new_graph, parse_into
from nngraph.store.loader import load
from nngraph.vocab import SCHEMA

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_tiny_graph_loads_on_both_backends(backend):
    graph = load([DATA / "tiny.ttl"], bundled=False, backend=backend)
    books = set(graph.subjects(rdflib.RDF.type, SCHEMA.Book))
    editions = set(graph.subjects(SCHEMA.exampleOfWork, None))
    assert len(editions) == 3
    assert {str(b) for b in books - editions} == {
        "https://example.org/tiny/book1",
        "https://example.org/tiny/book2",
    }


def test_formats_by_extension(tmp_path):
    base = rdflib.Graph().parse(DATA / "tiny.ttl")
    for ext, fmt in ((".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")):
        path = tmp_path / f"tiny{ext}"
        path.write_text(base.serialize(format=fmt), encoding="utf-8")
        again = new_graph("memory")
        parse_into(again, path)
        assert rdflib.compare.isomorphic(again, base), ext


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.ttl").write_text((DATA / "tiny.ttl").read_text())
    (tmp_path / "notes.txt").write_text("not rdf, ignored in folders")
    graph = load([tmp_path], bundled=False)
    assert (None, SCHEMA.name, rdflib.Literal("Rigorous Nets")) in graph


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [
        ("syntax.ttl", 4, "Unexpected end of file"),
        ("empty.ttl", None, "file is empty"),
        ("binary.ttl", None, "binary"),
        ("latin1.ttl", 2, "not UTF-8"),
    ],
)
def test_unusable_files_raise_one_clear_error(name, line, fragment):
    with pytest.raises(DataLoadError) as caught:
        load([DATA / "bad" / name], bundled=False)
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_and_unknown_extension(tmp_path):
    with pytest.raises(DataLoadError, match="no such file"):
        load([tmp_path / "nope.ttl"], bundled=False)
    odd = tmp_path / "x.docx"
    odd.write_text("x")
    with pytest.raises(DataLoadError, match="unknown RDF file extension"):
        load([odd], bundled=False)


def test_bundled_files_include_ontology_and_data():
    names = [p.name for p in bundled_files()]
    assert names[0] == "nngraph.ttl"
    assert "topics.ttl" in names
    assert [p.name for p in bundled_files(data=False)] == ["nngraph.ttl"]
