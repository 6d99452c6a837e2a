"""The shapes compiled to SPARQL give exactly pySHACL's answer (pySHACL is the oracle)."""

from pathlib import Path

import pytest

from nngraph.analysis.validate import validate
from nngraph.errors import DataLoadError

DATA = Path(__file__).parents[1] / "data"
UNUSABLE = {"syntax.ttl", "empty.ttl", "binary.ttl", "latin1.ttl"}
EVERY_FILE = sorted(DATA.rglob("*.ttl"))


@pytest.mark.parametrize("path", EVERY_FILE, ids=lambda p: str(p.relative_to(DATA)))
def test_same_problems_as_pyshacl_in_the_context_of_the_topics(path):
    try:
        compiled = validate([path], bundled=False)
    except DataLoadError:
        assert path.name in UNUSABLE
        return
    assert compiled == validate([path], bundled=False, engine="pyshacl")


@pytest.mark.parametrize("name", ["bad/shapes.ttl", "viz/hostile.ttl"])
def test_same_problems_as_pyshacl_in_the_context_of_the_bundled_data(name):
    compiled = validate([DATA / name])
    assert [p for p in compiled if p.severity == "violation"]
    assert compiled == validate([DATA / name], engine="pyshacl")


def test_each_constraint_kind_is_exercised():
    rules = {p.rule.split()[-1] for p in validate([DATA / "bad" / "shapes.ttl"], bundled=False)}
    assert rules >= {
        "MinCount", "MaxCount", "Datatype", "MinLength", "Pattern", "Class", "NodeKind",
        "In", "UniqueLang", "SPARQL",
    }  # fmt: skip


def test_a_file_is_checked_against_the_bundled_topics_and_reported_alone():
    problems = validate([DATA / "bad" / "shapes.ttl"], bundled=False)
    assert {Path(p.file).name for p in problems} == {"shapes.ttl"}
    # topic:backpropagation is a bundled topic: never "not defined"
    assert not [p for p in problems if p.value == "topic:backpropagation"]
    assert len(problems) == 27
