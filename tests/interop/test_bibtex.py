"""BibTeX import (messy real-world files) and export (round trip through the importer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nngraph.analysis.validate import validate
from nngraph.errors import DataLoadError, OutputExistsError
from nngraph.interop.bibtex import bibtex_name, import_bibtex, to_bibtex
from nngraph.interop.export import export_data, read_works
from nngraph.store.loader import load
from nngraph.vocab import PERSON

DATA = Path(__file__).parents[1] / "data"
MESSY = DATA / "bibtex" / "messy.bib"
TRICKY = DATA / "bibtex" / "tricky.ttl"
CONTEXT = DATA / "bibtex" / "context.ttl"  # the graph messy.bib is imported against

IMPORTED = [
    "abadi2016",
    "werbos1974",
    "hochreiter1991",
    "openai2023",
    "glorot2010",
    "maaten2008",
    "krizhevsky2012",
    "minsky1969",
    "he2016a",
    "ng2022",
]


@pytest.fixture(scope="module")
def context_store():
    return load([CONTEXT], bundled=False)


@pytest.fixture(scope="module")
def messy(context_store):
    return import_bibtex(MESSY, graph=context_store)


@pytest.fixture(scope="module")
def works(messy):
    return {work.id: work for work in messy.works}


def names(work) -> list[str]:
    return [person.name for person in work.authors]


def test_imports_every_good_entry_once_in_file_order(messy):
    assert [w.id for w in messy.works] == IMPORTED


def test_skips_duplicates_and_broken_entries_with_line_and_reason(messy):
    skipped = [(s.key, s.line, s.reason.split(":")[0]) for s in messy.skipped]
    assert skipped == [
        ("nodate", 101, "no year (add year = {YYYY})"),
        ("broken2019", 107, "malformed entry"),
        ("goodfellow-dup-isbn", 112, "already in the graph"),
        ("rumelhart-dup-doi", 120, "already in the graph"),
        ("fong-dup-arxiv", 132, "already in the graph"),
        ("cybenko-dup-title", 139, "already in the graph"),
    ]
    reasons = {s.key: s.reason for s in messy.skipped}
    assert "same ISBN 0262035618 as goodfellow2016" in reasons["goodfellow-dup-isbn"]
    assert "same DOI 10.1038/323533A0 as rumelhart1986" in reasons["rumelhart-dup-doi"]
    assert "same arXiv id 1711.10455" in reasons["fong-dup-arxiv"]
    assert "same title and year" in reasons["cybenko-dup-title"]
    assert "cybenko1989" in reasons["cybenko-dup-title"]


def test_report_lines_name_file_and_line_in_file_order(messy):
    lines = messy.report()
    assert lines[0] == (
        f'{MESSY}:9: abadi2016tensorflow: note: author list ends with "and others": '
        "only the named authors were imported"
    )
    assert lines[2].startswith(f"{MESSY}:107: broken2019: skipped: malformed entry: ")
    assert len(lines) == 7


def test_latex_accents_and_braces_are_decoded(works):
    assert names(works["abadi2016"]) == ["Martín Abadi", "Ashish Agarwal", "Paul Barham"]
    assert works["hochreiter1991"].title == "Untersuchungen zu dynamischen neuronalen Netzen"
    assert works["hochreiter1991"].publisher == (
        "Institut für Informatik, Technische Universität München"
    )
    assert works["krizhevsky2012"].title == (
        "ImageNet Classification with Deep Convolutional Neural Networks"
    )
    assert works["maaten2008"].title == "Visualizing Data using t-SNE"


def test_names_split_in_order_von_and_corporate(works):
    assert names(works["maaten2008"]) == ["Laurens van der Maaten", "Geoffrey Hinton"]
    assert names(works["openai2023"]) == ["OpenAI"]
    assert names(works["he2016a"]) == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    assert names(works["minsky1969"]) == ["Marvin Minsky", "Seymour A. Papert"]


def test_entry_types_map_to_work_types(works):
    types = {key: work.type for key, work in works.items()}
    assert types == {
        "abadi2016": "schema:ScholarlyArticle",
        "werbos1974": "schema:Thesis",
        "hochreiter1991": "schema:Thesis",
        "openai2023": "schema:ScholarlyArticle",
        "glorot2010": "schema:ScholarlyArticle",
        "maaten2008": "schema:ScholarlyArticle",
        "krizhevsky2012": "schema:ScholarlyArticle",
        "minsky1969": "schema:Book",
        "he2016a": "schema:ScholarlyArticle",
        "ng2022": "nn:LectureNotes",
    }


def test_identifiers_years_and_venues(works):
    assert works["abadi2016"].year == 2016 and works["abadi2016"].arxiv_id == "1603.04467"
    assert works["openai2023"].arxiv_id == "2303.08774"
    assert works["minsky1969"].isbn == ["0262631113"]
    assert works["he2016a"].doi == "10.1007/978-3-319-46493-0_38"
    assert works["maaten2008"].venue == "Journal of Machine Learning Research"
    assert works["maaten2008"].year == 2008
    assert works["glorot2010"].venue.startswith("Proceedings of the Thirteenth International")
    assert works["werbos1974"].publisher == "Harvard University"
    assert works["ng2022"].url == "https://cs229.stanford.edu/main_notes.pdf"


def test_source_is_url_or_doi_else_the_bib_entry(works):
    assert works["maaten2008"].source == "http://jmlr.org/papers/v9/vandermaaten08a.html"
    assert works["he2016a"].source == "https://doi.org/10.1007/978-3-319-46493-0_38"
    assert works["werbos1974"].source == f"{MESSY.resolve().as_uri()}#Werbos%3A1974"


def test_authors_already_in_the_graph_are_reused(works):
    bengio = works["glorot2010"].authors[1]
    assert bengio.iri == str(PERSON["yoshua-bengio"])
    hinton_a, hinton_b = works["maaten2008"].authors[1], works["krizhevsky2012"].authors[2]
    assert hinton_a.iri == hinton_b.iri  # "Geoffrey Hinton" and "Geoffrey E Hinton"


def test_output_validates_alone_and_with_the_graph_it_was_imported_against(messy, tmp_path):
    out = tmp_path / "imported.ttl"
    out.write_text(messy.turtle(), encoding="utf-8")
    for context in ([], [CONTEXT]):
        problems = validate([out, *context], bundled=False)
        assert [p.line() for p in problems if p.severity == "violation"] == []
    graph = load([out], bundled=False)
    assert len(read_works(graph)) == len(IMPORTED)
    assert {w.status for w in read_works(graph)} == {"nn:unverified"}
    authors = {w.id: names(w) for w in read_works(graph)}
    assert authors["abadi2016"] == ["Martín Abadi", "Ashish Agarwal", "Paul Barham"]


def test_import_against_the_bundled_data_validates_with_it(bundled_store, tmp_path):
    """Whatever the curated corpus holds, an import against it mints no clashing ids."""
    out = tmp_path / "imported.ttl"
    out.write_text(import_bibtex(MESSY, graph=bundled_store).turtle(), encoding="utf-8")
    problems = validate([out], bundled=True)
    assert [p.line() for p in problems if p.severity == "violation"] == []


def test_output_file_is_written_and_never_overwritten_without_force(tmp_path, context_store):
    out = tmp_path / "out.ttl"
    result = import_bibtex(MESSY, graph=context_store, output=out)
    assert result.output == out and out.read_text(encoding="utf-8") == result.turtle()
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        import_bibtex(MESSY, graph=context_store, output=out)
    assert out.read_text(encoding="utf-8") == "keep me"
    import_bibtex(MESSY, graph=context_store, output=out, force=True)
    assert out.read_text(encoding="utf-8") == result.turtle()


def test_without_a_graph_nothing_is_a_duplicate(tmp_path):
    result = import_bibtex(MESSY)
    assert len(result.works) == 14
    assert [s.key for s in result.skipped] == ["nodate", "broken2019"]
    assert "he2016" in {w.id for w in result.works}


def test_duplicates_within_the_file_and_id_suffixes(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{a, author={Smith, Ann}, title={One}, year=2020, doi={10.1000/x1}}\n"
        "@article{b, author={Smith, Bob}, title={Two}, year=2020}\n"
        "@article{c, author={Smith, Cat}, title={Three}, year=2020}\n"
        "@misc{d, author={Jones, Dan}, title={Again}, year=2021, doi={doi:10.1000/X1}}\n"
        "@book{e, author={Lee, Eve}, title={{O}ne}, year={2020}}\n",
        encoding="utf-8",
    )
    result = import_bibtex(bib)
    assert [w.id for w in result.works] == ["smith2020", "smith2020a", "smith2020b"]
    assert [(s.key, s.line) for s in result.skipped] == [("d", 4), ("e", 5)]
    assert "same DOI" in result.skipped[0].reason and "smith2020" in result.skipped[0].reason
    assert "same title and year" in result.skipped[1].reason


def test_missing_authors_and_titles_are_skipped_with_reasons(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@book{noauthor, title={Orphan}, year=1999}\n"
        "@book{notitle, author={Doe, Jane}, year=1999}\n"
        "@book{edited, editor={Roe, Richard}, title={Edited Volume}, year=1999}\n",
        encoding="utf-8",
    )
    result = import_bibtex(bib)
    assert [(s.key, s.reason.split(" (")[0]) for s in result.skipped] == [
        ("noauthor", "no author"),
        ("notitle", "no title"),
    ]
    assert [names(w) for w in result.works] == [["Richard Roe"]]  # editors stand in


def test_unusable_files_raise_data_load_error(tmp_path):
    empty = tmp_path / "empty.bib"
    empty.write_text("% nothing here\n", encoding="utf-8")
    with pytest.raises(DataLoadError, match="no BibTeX entry"):
        import_bibtex(empty)
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes(b"@book{x,\n title={G\xf6del}, year=1931}\n")
    with pytest.raises(DataLoadError) as error:
        import_bibtex(latin1)
    assert error.value.line == 2
    with pytest.raises(DataLoadError, match="No such file"):
        import_bibtex(tmp_path / "missing.bib")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ian Goodfellow", "Goodfellow, Ian"),
        ("Jan van der Berg", "van der Berg, Jan"),
        ("OpenAI", "{OpenAI}"),
        ("Stanisław H. Żak", "Żak, Stanisław H."),
        ("A. B. & C", "C, A. B. \\&"),
        ("Procter and Gamble", "{Procter and Gamble}"),
    ],
)
def test_bibtex_names(name, expected):
    assert bibtex_name(name) == expected


def test_bibtex_export_escapes_latex_specials():
    graph = load([TRICKY], bundled=False)
    text = to_bibtex(read_works(graph))
    title = r"title = {{Q\&A on 100\% \{braced\} nets\_v2 \textbackslash{} and \$x^2\$}}"
    assert title in text
    assert "author = {van der Berg, Jan and {OpenAI}}" in text
    assert "@misc{preprint," in text and "@unpublished{notes," in text


def round_trip(graph, tmp_path) -> tuple[list, list]:
    bib = tmp_path / "export.bib"
    bib.write_bytes(export_data(graph, "bibtex"))
    result = import_bibtex(bib)  # against an empty graph: every work comes back
    assert result.skipped == []
    before = sorted(repr(w.identity()) for w in read_works(graph))
    after = sorted(repr(w.identity()) for w in result.works)
    return before, after


def test_bibtex_round_trip_tiny(tiny_store, tmp_path):
    before, after = round_trip(tiny_store, tmp_path)
    assert len(before) == 3 and after == before


def test_bibtex_round_trip_tricky(tmp_path):
    before, after = round_trip(load([TRICKY], bundled=False), tmp_path)
    assert len(before) == 7 and after == before


def test_bibtex_round_trip_bundled(bundled_store, tmp_path):
    before, after = round_trip(bundled_store, tmp_path)
    assert len(before) >= 40 and after == before


def test_exported_bibtex_of_the_graph_is_all_duplicates_of_it(bundled_store, tmp_path):
    bib = tmp_path / "export.bib"
    bib.write_bytes(export_data(bundled_store, "bibtex"))
    result = import_bibtex(bib, graph=bundled_store)
    assert result.works == []
    assert len(result.skipped) == len(read_works(bundled_store))
    assert all(s.reason.startswith("already in the graph") for s in result.skipped)
