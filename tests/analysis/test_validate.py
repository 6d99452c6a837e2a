from pathlib import Path

from nngraph.analysis.validate import validate

BAD = Path(__file__).parents[1] / "data" / "bad"
TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"


def rules(problems):
    return sorted((p.focus, p.rule, p.value) for p in problems if p.severity == "violation")


def test_tiny_graph_is_valid():
    assert validate([TINY], bundled=False) == []


def test_prerequisite_cycle_is_one_violation_naming_the_cycle():
    problems = validate([BAD / "cycle.ttl"], bundled=False)
    a, b, c = (f"https://example.org/cycle/{x}" for x in "abc")
    assert rules(problems) == [(a, "nn:requires acyclic", f"{a} -> {b} -> {c} -> {a}")]
    assert problems[0].file.endswith("cycle.ttl")


def test_broader_cycle_is_reported(tmp_path):
    path = tmp_path / "broader.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "ex:s a skos:ConceptScheme .\n"
        'ex:x a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "x"@en ; skos:broader ex:x .\n'
    )
    assert rules(validate([path], bundled=False)) == [
        (
            "https://example.org/x",
            "skos:broader acyclic",
            "https://example.org/x -> https://example.org/x",
        )
    ]


def test_book_typed_the_standard_way_is_checked():
    problems = validate([BAD / "shacl.ttl"], bundled=False)
    focus = "https://example.org/shacl/nameless"
    assert rules(problems) == [
        (focus, "schema:author MinCount", ""),
        (focus, "schema:datePublished MinCount", ""),
    ]
    warnings = [p.rule for p in problems if p.severity == "warning"]
    assert warnings == ["dcterms:source MinCount"]


def test_dangling_topic_and_depth_off_the_scale():
    problems = validate([BAD / "dangling.ttl"], bundled=False)
    focus = "https://example.org/dangling/claim"
    assert rules(problems) == [
        (focus, "nn:depth In", "nn:profound"),
        (focus, "nn:topic Class", "https://example.org/dangling/no-such-topic"),
        (focus, "nn:work Class", "work:goodfellow2016"),
    ]


def test_rigorous_claim_without_rationale(tmp_path):
    text = TINY.read_text().replace('nn:rationale "proves the chain rule" ;', "")
    path = tmp_path / "t.ttl"
    path.write_text(text)
    assert rules(validate([path], bundled=False)) == [
        ("https://example.org/tiny/c1", "SPARQL", "nn:rigorous")
    ]


def test_author_list_must_match_authors(tmp_path):
    text = TINY.read_text().replace("nn:authorList ( ex:bob ex:alice )", "nn:authorList ( ex:bob )")
    path = tmp_path / "t.ttl"
    path.write_text(text)
    assert rules(validate([path], bundled=False)) == [
        (
            "https://example.org/tiny/book2",
            "nn:authorList matches schema:author",
            "https://example.org/tiny/alice",
        )
    ]
