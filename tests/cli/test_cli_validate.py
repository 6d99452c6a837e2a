import json
from pathlib import Path

from nngraph.cli import cli

DATA = Path(__file__).parents[1] / "data"


def test_bundled_data_validates(bundled_validation):
    result = bundled_validation  # `nngraph validate --format json`, once per run (conftest)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("0 violation(s), ")
    warnings = [p for p in json.loads(result.stdout) if p["severity"] == "warning"]
    assert result.stderr == f"0 violation(s), {len(warnings)} warning(s)\n"


def test_violations_exit_1_one_line_each(runner):
    result = runner.invoke(cli, ["validate", "--no-bundled", str(DATA / "bad" / "shacl.ttl")])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # two violations, one warning
    assert all("shacl.ttl: " in line and "[" in line for line in lines)
    assert "violation: https://example.org/shacl/nameless [schema:author MinCount]" in lines[1]


def test_cycle_exits_1(runner):
    result = runner.invoke(cli, ["validate", "--no-bundled", str(DATA / "bad" / "cycle.ttl")])
    assert result.exit_code == 1
    assert "nn:requires acyclic" in result.stdout


def test_syntax_error_is_file_line_message_exit_2(runner):
    bad = DATA / "bad" / "syntax.ttl"
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"nngraph: error: {bad}:4: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_unusable_files_exit_2(runner):
    for name, message in [
        ("empty.ttl", ": file is empty; an RDF file needs at least one triple"),
        ("binary.ttl", ": file is binary (contains NUL bytes), not RDF text"),
        ("latin1.ttl", ":2: file is not UTF-8 text; re-save it as UTF-8"),
    ]:
        result = runner.invoke(cli, ["validate", str(DATA / "bad" / name)])
        assert result.exit_code == 2, name
        assert result.stderr == f"nngraph: error: {DATA / 'bad' / name}{message}\n"
        assert result.stdout == ""


def test_group_data_option_is_validated_too(runner):
    result = runner.invoke(cli, ["--data", str(DATA / "bad" / "cycle.ttl"), "validate"])
    assert result.exit_code == 1
    assert "nn:requires acyclic" in result.stdout
    assert result.stderr.endswith("1 violation(s), 0 warning(s)\n")


def test_a_file_citing_bundled_topics_validates_without_the_bundled_works(runner, tmp_path):
    book = tmp_path / "mybook.ttl"
    book.write_text(
        (DATA / "bad" / "shapes.ttl").read_text().split("ex:book a")[0]
        + "ex:claim a nn:Coverage ; nn:work ex:paper ; nn:topic topic:backpropagation ;\n"
        '    nn:depth nn:mention ; nn:locator "p. 1" ; dcterms:source <https://example.org/s> .\n'
        'ex:paper a schema:ScholarlyArticle ; schema:name "P" ; schema:author ex:ann ;\n'
        '    schema:datePublished "2001"^^xsd:gYear ; dcterms:source <https://example.org/p> .\n'
        'ex:ann a schema:Person ; schema:name "Ann" .\n'
    )
    for args in (["validate", "--no-bundled", str(book)], ["validate", str(book)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == "" and "0 violation(s), 0 warning(s)" in result.stderr


def test_only_the_named_file_is_reported(runner):
    result = runner.invoke(cli, ["validate", str(DATA / "bad" / "shapes.ttl")])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 27
    assert all(
        line.startswith(str(DATA / "bad" / "shapes.ttl")) or "shapes.ttl" in line.split(":")[0]
        for line in result.stdout.splitlines()
    )


def test_validate_refuses_an_endpoint(runner):
    result = runner.invoke(cli, ["--endpoint", "http://127.0.0.1:9/query", "validate"])
    assert result.exit_code == 2
    assert "validate checks files, not an endpoint" in result.stderr
