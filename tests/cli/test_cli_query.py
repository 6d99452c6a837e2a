import json
from pathlib import Path

from nngraph.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"
BASE = ["--no-bundled", "--data", str(TINY)]


def test_inline_query_csv(runner):
    result = runner.invoke(
        cli,
        [
            *BASE,
            "query",
            "SELECT ?b WHERE { ?b a schema:Book ; schema:name [] } ORDER BY ?b",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "b",
        "https://example.org/tiny/book1",
        "https://example.org/tiny/book2",
    ]


def test_table_keeps_ids_and_adds_labels_only_where_no_column_has_them(runner):
    alone = runner.invoke(
        cli, [*BASE, "query", "SELECT ?p WHERE { ?p a schema:Person } ORDER BY ?p"]
    )
    assert alone.stdout.splitlines()[2:] == [
        "https://example.org/tiny/alice (Alice Author)",
        "https://example.org/tiny/bob (Bob Writer)",
    ]
    beside = runner.invoke(
        cli,
        [
            *BASE,
            "query",
            "SELECT ?b ?t WHERE { ?b schema:name ?t ; nn:authorList ?l } ORDER BY ?t LIMIT 1",
        ],
    )
    assert beside.stdout.splitlines()[2:] == ["https://example.org/tiny/book2  Practical Nets"]
    topics = runner.invoke(
        cli, [*BASE, "query", "SELECT ?s WHERE { ?s nn:rank 3 }", "--format", "table"]
    )
    assert topics.stdout.splitlines()[2:] == ["nn:rigorous (rigorous)"]


def test_graph_answers_honour_format(runner):
    construct = "CONSTRUCT { ?b a schema:Book } WHERE { ?b schema:name 'On BPTT' ; a ?t }"
    describe = (
        "CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n ; a schema:ScholarlyArticle }"
    )
    nt = runner.invoke(cli, [*BASE, "query", construct, "--format", "nt"])
    assert nt.stdout == (
        "<https://example.org/tiny/paper1> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Book> .\n"
    )
    csv = runner.invoke(cli, [*BASE, "query", describe, "--format", "csv"])
    assert csv.stdout.splitlines() == [
        "subject,predicate,object",
        "https://example.org/tiny/paper1,https://schema.org/name,On BPTT",
    ]
    table = runner.invoke(cli, [*BASE, "query", describe])
    assert table.stdout.splitlines()[2] == "https://example.org/tiny/paper1  schema:name  On BPTT"
    described = runner.invoke(
        cli, [*BASE, "query", "DESCRIBE ?p WHERE { ?p schema:name 'On BPTT' }", "--format", "tsv"]
    )
    assert described.stdout.splitlines()[0] == "?subject\t?predicate\t?object"
    assert len(described.stdout.splitlines()) == 6
    jsonld = runner.invoke(cli, [*BASE, "query", describe, "--format", "jsonld"])
    assert json.loads(jsonld.stdout)[0]["https://schema.org/name"][0]["@value"] == "On BPTT"


def test_list_honours_format(runner):
    as_json = json.loads(runner.invoke(cli, ["query", "--list", "--format", "json"]).stdout)
    assert {"name": "works", "summary": as_json[-1]["summary"]} == as_json[-1]
    assert as_json[-1]["name"] == "works"
    as_csv = runner.invoke(cli, ["query", "--list", "--format", "csv"]).stdout.splitlines()
    assert as_csv[0] == "name,summary" and len(as_csv) == len(as_json) + 1
    table = runner.invoke(cli, ["query", "--list"]).stdout.splitlines()
    assert table[0].split() == ["name", "summary"] and len(table) == len(as_json) + 2
    refused = runner.invoke(cli, ["query", "--list", "--format", "nt"])
    assert refused.exit_code == 2 and "--list prints a table" in refused.stderr


def test_file_stdin_and_param(runner, tmp_path):
    text = (
        "SELECT ?topic ?title WHERE { ?c nn:topic ?topic ; nn:work ?w . ?w schema:name ?title }"
        " ORDER BY ?title"
    )
    path = tmp_path / "q.rq"
    path.write_text(text)
    args = [
        *BASE,
        "query",
        "-f",
        str(path),
        "--param",
        "topic=<https://example.org/tiny/bptt>",
        "--format",
        "json",
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [r["title"]["value"] for r in rows] == ["On BPTT"]
    piped = runner.invoke(cli, [*BASE, "query", "-f", "-", "--format", "tsv"], input=text)
    assert piped.stdout.splitlines()[0] == "?topic\t?title"
    assert len(piped.stdout.splitlines()) == 6


def test_list_and_name(runner):
    listed = runner.invoke(cli, ["query", "--list", "--format", "tsv"])
    names = [line.split("\t")[0] for line in listed.stdout.splitlines()]
    assert "rigorous-with-exercises" in names and len(names) >= 15
    result = runner.invoke(
        cli, [*BASE, "query", "--name", "rigorous-with-exercises", "--format", "csv"]
    )
    assert result.stdout.splitlines()[1:] and "Rigorous Nets" in result.stdout


def test_ask_exit_codes(runner):
    assert runner.invoke(cli, [*BASE, "query", "ASK { ?b a schema:Book }"]).exit_code == 0
    no = runner.invoke(cli, [*BASE, "query", "ASK { ?b a schema:Thesis }"])
    assert (no.exit_code, no.stdout) == (1, "false\n")


def test_errors_are_one_line_exit_2(runner):
    for args, fragment in [
        (["query", "SELECT ?x WHERE { ?x ?y }"], "line 1, column 26"),
        (["query", "SELECT ?x WHERE { ?x a schem:Book }"], "did you mean schema:"),
        (["query", "INSERT DATA { <a:b> <a:b> <a:b> }"], "read-only"),
        (["query", "--name", "rigorous-with-exercise"], "did you mean 'rigorous-with-exercises'"),
        (["query", "SELECT * {?s ?p ?o} ORDER BY ?s", "--param", "x"], "expected name=value"),
    ]:
        result = runner.invoke(cli, [*BASE, *args])
        assert result.exit_code == 2, (args, result.output)
        assert fragment in result.stderr
        assert "Traceback" not in result.output


def test_output_file_is_atomic_and_not_clobbered(runner, tmp_path):
    out = tmp_path / "rows.csv"
    out.write_text("mine")
    args = [
        *BASE,
        "query",
        "SELECT ?b WHERE { ?b a schema:Book ; schema:name [] } ORDER BY ?b",
        "--format",
        "csv",
        "-o",
        str(out),
    ]
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 2 and out.read_text() == "mine"
    assert (
        refused.stderr == f"nngraph: error: {out}: already exists; pass --force to overwrite it\n"
    )
    forced = runner.invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0 and out.read_text().startswith("b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]
    fresh = tmp_path / "fresh.csv"
    assert runner.invoke(cli, [*args[:-1], str(fresh)]).exit_code == 0
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not mkstemp's private 0600


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_limit_message(runner):
    result = runner.invoke(
        cli,
        [
            *BASE,
            "query",
            "SELECT ?c WHERE { ?c a nn:Coverage } ORDER BY ?c",
            "--limit",
            "2",
            "--format",
            "csv",
        ],
    )
    assert len(result.stdout.splitlines()) == 3
    assert "--limit 2" in result.stderr
