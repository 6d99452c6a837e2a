"""Every option of the analysis and lookup commands changes an answer on tests/data/filters.ttl.

The fixture's header says what each work covers, at which depth, with or without exercises;
the rows below follow from it by hand (see tests/analysis/test_filters.py for the library
side). None of these tests reads the bundled data.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

from nngraph.cli import cli

DATA = Path(__file__).parents[1] / "data"
FILTERS = DATA / "filters.ttl"
BASE = ["--no-bundled", "--data", str(FILTERS)]
CSV_RECOMMEND = "id,depth,status,exercises,free,score,first_author,title,year,edition,locator"
CLOSED2_BP = "closed2,rigorous,unverified,yes,no,,Closed,Closed Theory,2015,2nd ed. 2019,§4.2"
LATE3_BP = (
    "late3,derivation,verified,yes,yes,,Closed & Free,Late Derivations,2022,1st ed. 2022,ch. 5"
)
FREE1_BP = "free1,intuition,verified,no,yes,,Free,Free Foundations,2005,1st ed. 2005,ch. 2"
NO_BP_CLAIM = (
    "nngraph: no claim on 'Backpropagation' passes --min-depth mention and the other "
    "filters; 3 claim(s) at any depth without them\n"
)
PATH_CSV = "step,label,depth,status,id,first_author,title,edition,locator"
LIST_CSV = "id,first_author,title,year,editions,status,count,topics"


def run(runner, *args: str, code: int = 0):
    result = runner.invoke(cli, [*BASE, *args])
    assert result.exit_code == code, result.output
    return result


# --kind: each kind of work changes every analysis, each in its own direction.
@pytest.mark.parametrize(
    ("kind", "gaps", "recommend", "open_problem_path", "listed"),
    [
        (
            "book",  # cnn is rigorous only in paper4; notes5 (the gap's only claim) is notes
            [
                "Convolutional backpropagation,0,derivation,Late Derivations,ch. 6",
                "Open problem,0,,,",
            ],
            [CLOSED2_BP, LATE3_BP, FREE1_BP],
            ["free1", "closed2", ""],
            ["closed2", "late3"],
        ),
        (
            "paper",
            ["Calculus,3,,,", "Backpropagation,2,,,", "Open problem,0,,,"],
            [],
            ["", "", ""],
            ["paper4"],
        ),
        (
            "notes",
            [
                "Calculus,3,,,",
                "Backpropagation,2,,,",
                "Convolutional backpropagation,0,,,",
                "Open problem,0,derivation,Open Notes,§2",
            ],
            [],
            ["", "", "notes5"],
            ["notes5"],
        ),
        (
            "thesis",  # no thesis in the fixture: everything is a gap, nothing to read
            [
                "Calculus,3,,,",
                "Backpropagation,2,,,",
                "Convolutional backpropagation,0,,,",
                "Open problem,0,,,",
            ],
            [],
            ["", "", ""],
            [],
        ),
    ],
)
def test_kind_filters_every_analysis(runner, kind, gaps, recommend, open_problem_path, listed):
    out = run(runner, "gaps", "--kind", kind, "--format", "csv").stdout.splitlines()
    assert out == ["label,dependents,best_depth,best_title,best_locator", *gaps]
    rec = run(runner, "recommend", "Backpropagation", "--kind", kind, "--format", "csv")
    assert rec.stdout.splitlines() == [CSV_RECOMMEND, *recommend]
    assert rec.stderr == ("" if recommend else NO_BP_CLAIM)
    steps = run(runner, "path", "Open problem", "--kind", kind, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(steps.stdout)))
    assert [r["label"] for r in rows] == ["Calculus", "Backpropagation", "Open problem"]
    assert [r["id"] for r in rows] == open_problem_path
    reading = run(
        runner, "reading-list", "--kind", kind, "--min-depth", "derivation", "--format", "csv"
    )
    assert [line.split(",")[0] for line in reading.stdout.splitlines()] == [
        "id",
        *listed,
    ]


def test_min_depth_intuition_and_rigorous(runner):
    # Every topic but the topic group has a claim at intuition or deeper: no gap at all.
    assert run(runner, "gaps", "--min-depth", "intuition", "--format", "csv").stdout == (
        "label,dependents,best_depth,best_title,best_locator\n"
    )
    shallow = run(runner, "recommend", "Backpropagation", "--min-depth", "intuition")
    deep = run(runner, "recommend", "Backpropagation", "--min-depth", "rigorous")
    assert [line.split()[0] for line in shallow.stdout.splitlines()[2:]] == [
        "closed2",
        "late3",
        "free1",
    ]
    assert deep.stdout.splitlines() == [  # the table format, aligned
        "id       depth     status      exercises  free  score  first_author  title"
        "          year  edition       locator",
        "-------  --------  ----------  ---------  ----  -----  ------------  -------------"
        "  ----  ------------  -------",
        "closed2  rigorous  unverified  yes        no           Closed        Closed Theory"
        "  2015  2nd ed. 2019  §4.2",
    ]
    rigorous = run(
        runner, "path", "Open problem", "--min-depth", "rigorous", "--format", "markdown"
    )
    assert rigorous.stdout.splitlines() == [
        "| step | label | depth | status | id | first_author | title | edition | locator |",
        "|---|---|---|---|---|---|---|---|---|",
        "| 1 | Calculus | rigorous | verified | free1 | Free | Free Foundations | 1st ed. 2005 "
        "| ch. 1 |",
        "| 2 | Backpropagation | rigorous | unverified | closed2 | Closed | Closed Theory "
        "| 2nd ed. 2019 | §4.2 |",
        "| 3 | Open problem |  |  |  |  |  |  |  |",
    ]
    assert rigorous.stderr == "nngraph: nothing to read under these filters for: Open problem\n"
    loose = json.loads(
        run(runner, "path", "Open problem", "--min-depth", "intuition", "--format", "json").stdout
    )
    assert [(s["step"], s["id"], s["depth"], s["target"]) for s in loose] == [
        (1, "free1", "rigorous", False),
        (2, "closed2", "rigorous", False),
        (3, "notes5", "derivation", True),
    ]
    listed = run(runner, "reading-list", "--min-depth", "intuition", "--format", "csv")
    assert listed.stdout.splitlines() == [
        LIST_CSV,
        "closed2,Closed,Closed Theory,2015,1st ed. 2015; 2nd ed. 2019,1/2 verified,2,"
        "Backpropagation; Calculus",
        "late3,Closed & Free,Late Derivations,2022,1st ed. 2022,verified,2,"
        "Backpropagation; Convolutional backpropagation",
        "notes5,Free,Open Notes,2010,,verified,1,Open problem",
    ]
    assert listed.stderr == "3 work(s) cover 4 topic(s); uncovered: none\n"


def test_table_and_markdown_formats_of_the_analyses(runner):
    for args in (
        ["gaps"],
        ["recommend", "Backpropagation"],
        ["path", "Backpropagation"],
        ["reading-list"],
        ["search", "back"],
    ):  # the table is the default format
        assert run(runner, *args, "--format", "table").stdout == run(runner, *args).stdout
    assert run(runner, "gaps").stdout.splitlines() == [
        "label         dependents  best_depth  best_title  best_locator",
        "------------  ----------  ----------  ----------  ------------",
        "Open problem  0           derivation  Open Notes  §2",
    ]
    markdown = run(runner, "recommend", "Backpropagation", "--format", "markdown")
    assert markdown.stdout.splitlines() == [
        "| id | depth | status | exercises | free | score | first_author | title | year "
        "| edition | locator |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        "| closed2 | rigorous | unverified | yes | no |  | Closed | Closed Theory | 2015 "
        "| 2nd ed. 2019 | §4.2 |",
        "| late3 | derivation | verified | yes | yes |  | Closed & Free | Late Derivations "
        "| 2022 | 1st ed. 2022 | ch. 5 |",
        "| free1 | intuition | verified | no | yes |  | Free | Free Foundations | 2005 "
        "| 1st ed. 2005 | ch. 2 |",
    ]
    table = run(runner, "path", "Backpropagation").stdout.splitlines()
    assert [line.split()[:3] for line in table[2:]] == [
        ["1", "Calculus", "rigorous"],
        ["2", "Backpropagation", "rigorous"],
    ]
    assert table[0].split() == PATH_CSV.split(",")
    listed = run(runner, "reading-list", "--format", "markdown")
    assert listed.stdout.splitlines() == [
        "| id | first_author | title | year | editions | status | count | topics |",
        "|---|---|---|---|---|---|---|---|",
        "| closed2 | Closed | Closed Theory | 2015 | 1st ed. 2015; 2nd ed. 2019 | 1/2 verified "
        "| 2 | Backpropagation; Calculus |",
        "| paper4 | Closed | Convolutions Proved | 2012 |  | verified | 1 "
        "| Convolutional backpropagation |",
    ]
    assert listed.stderr == "2 work(s) cover 3 topic(s); uncovered: none\n"
    chosen = run(runner, "reading-list", "Calculus", "Open problem")
    assert [line.split()[0] for line in chosen.stdout.splitlines()[2:]] == ["closed2"]
    assert chosen.stderr == "1 work(s) cover 1 topic(s); uncovered: Open problem\n"


def test_path_alternatives_with_repeated_known(runner):
    one = run(
        runner,
        "path",
        "Convolutional backpropagation",
        "--known",
        "Calculus",
        "--known",
        "Backpropagation",
        "--format",
        "csv",
    )
    assert one.stdout.splitlines() == [
        PATH_CSV,
        "1,Convolutional backpropagation,rigorous,verified,paper4,Closed,Convolutions Proved,,"
        "whole paper",
    ]
    two = run(
        runner,
        "path",
        "Convolutional backpropagation",
        "--known",
        "Calculus",
        "--known",
        "Backpropagation",
        "--alternatives",
        "1",
        "--format",
        "csv",
    )
    assert two.stdout.splitlines() == [  # two paths: a "path" column appears
        "path," + PATH_CSV,
        "1,1,Convolutional backpropagation,rigorous,verified,paper4,Closed,Convolutions Proved,,"
        "whole paper",
        "2,1,Convolutional backpropagation,derivation,verified,late3,Closed & Free,"
        "Late Derivations,1st ed. 2022,ch. 6",
    ]
    refused = run(runner, "path", "Open problem", "--alternatives", "11", code=2)
    assert "Invalid value for '--alternatives': 11 is not in the range 0<=x<=10" in refused.stderr


@pytest.mark.parametrize("command", ["path", "reading-list", "recommend"])
def test_an_unknown_topic_is_one_line_exit_2(runner, command):
    result = run(runner, command, "no such topic", code=2)
    assert result.stdout == ""
    assert result.stderr == "nngraph: error: unknown topic 'no such topic'\n"


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "--format", "csv"],
        ["recommend", "Backpropagation", "--format", "csv"],
        ["path", "Open problem", "--format", "csv"],
        ["reading-list", "--format", "csv"],
        ["show", "Closed Theory", "--format", "json"],
        ["search", "backprop", "--format", "csv"],
        ["query", "SELECT ?w WHERE { ?w a schema:Book } ORDER BY ?w", "--format", "csv"],
    ],
    ids=lambda args: args[0],
)
def test_output_writes_the_answer_and_refuses_to_clobber_without_force(runner, tmp_path, args):
    printed = run(runner, *args).stdout
    out = tmp_path / "answer.txt"
    written = run(runner, *args, "--output", str(out))
    assert written.stdout == ""
    assert out.read_text(encoding="utf-8") == printed and printed
    out.write_text("mine", encoding="utf-8")
    refused = run(runner, *args, "-o", str(out), code=2)
    assert f"nngraph: error: {out}: already exists; pass --force to overwrite it" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    run(runner, *args, "-o", str(out), "--force")
    assert out.read_text(encoding="utf-8") == printed
    assert [p.name for p in tmp_path.iterdir()] == ["answer.txt"]  # no temporary left


def test_store_memory_gives_the_same_answers_as_oxigraph(runner):
    for args in (
        ["gaps", "--free", "--format", "csv"],
        ["recommend", "Backpropagation", "--with-exercises", "--format", "csv"],
        ["path", "Open problem", "--as-of", "2016", "--format", "csv"],
        ["reading-list", "--verified-only", "--format", "csv"],
        ["stats", "--format", "json"],
    ):
        fast = runner.invoke(cli, ["--store", "oxigraph", *BASE, *args])
        slow = runner.invoke(cli, ["--store", "memory", *BASE, *args])
        assert fast.exit_code == slow.exit_code == 0, slow.output
        assert slow.stdout == fast.stdout, args
    assert runner.invoke(
        cli, ["--store", "memory", *BASE, "gaps", "--free", "--format", "csv"]
    ).stdout.splitlines() == [
        "label,dependents,best_depth,best_title,best_locator",
        "Backpropagation,2,derivation,Late Derivations,ch. 5",
        "Open problem,0,derivation,Open Notes,§2",
    ]
    bad = runner.invoke(cli, ["--store", "disk", *BASE, "stats"])
    assert bad.exit_code == 2 and "'disk' is not one of 'oxigraph', 'memory'" in bad.stderr


def test_free_and_with_exercises_change_recommend(runner):
    free = run(runner, "recommend", "Backpropagation", "--free", "--format", "csv")
    assert free.stdout.splitlines() == [CSV_RECOMMEND, LATE3_BP, FREE1_BP]
    drilled = run(runner, "recommend", "Backpropagation", "--with-exercises", "--format", "csv")
    assert drilled.stdout.splitlines() == [CSV_RECOMMEND, CLOSED2_BP, LATE3_BP]
    both = run(runner, "recommend", "Backpropagation", "--free", "--with-exercises")
    assert [line.split()[0] for line in both.stdout.splitlines()[2:]] == ["late3"]


def test_show_kind_picks_the_kind_of_record(runner):
    topic = run(runner, "show", "bp", "--kind", "topic", "--format", "text")
    assert topic.stdout.splitlines()[:3] == [
        "Backpropagation",
        "===============",
        "id:         https://example.org/filters/bp",
    ]
    assert "  Closed Theory (Ben Closed, 2015) https://example.org/filters/closed2, §4.2, " in (
        topic.stdout
    )
    author = run(runner, "show", "Ben Closed", "--kind", "author")
    assert author.stdout.splitlines()[4:] == [
        "Works:",
        "  Convolutions Proved (2012) https://example.org/filters/paper4, author 1 of 1",
        "  Closed Theory (2015) https://example.org/filters/closed2, author 1 of 1",
        "  Late Derivations (2022) https://example.org/filters/late3, author 1 of 2",
    ]
    work = json.loads(run(runner, "show", "closed2", "--kind", "work", "--format", "json").stdout)
    assert work["title"] == "Closed Theory"
    wrong = run(runner, "show", "bp", "--kind", "work", code=2)
    assert wrong.stderr.endswith("nngraph: error: unknown work 'bp'\n")


def test_search_limit_and_formats(runner):
    table = run(runner, "search", "back").stdout.splitlines()
    assert table[0].split() == ["kind", "id", "label", "detail", "matched"]
    assert [line.split()[1] for line in table[2:]] == [
        "https://example.org/filters/bp",
        "https://example.org/filters/cnn",
    ]
    limited = run(runner, "search", "back", "--limit", "1", "--format", "markdown")
    assert limited.stdout.splitlines() == [
        "| kind | id | label | detail | matched |",
        "|---|---|---|---|---|",
        "| topic | https://example.org/filters/bp | Backpropagation | topic |  |",
    ]


def test_query_xml_ttl_and_timeout(runner):
    select = "SELECT ?w WHERE { ?w a schema:Book ; schema:name [] } ORDER BY ?w"
    xml = run(runner, "query", select, "--format", "xml").stdout
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(xml)
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == ["w"]
    assert [u.text for u in root.findall("s:results/s:result/s:binding/s:uri", ns)] == [
        "https://example.org/filters/closed2",
        "https://example.org/filters/free1",
        "https://example.org/filters/late3",
    ]
    construct = "CONSTRUCT { ?w schema:name ?n } WHERE { ?w a nn:LectureNotes ; schema:name ?n }"
    ttl = run(runner, "query", construct, "--format", "ttl").stdout
    graph = rdflib.Graph().parse(data=ttl, format="turtle")
    assert set(graph) == {
        (
            rdflib.URIRef("https://example.org/filters/notes5"),
            rdflib.URIRef("https://schema.org/name"),
            rdflib.Literal("Open Notes", datatype=rdflib.XSD.string),
        )
    }
    patient = run(runner, "query", select, "--timeout", "30", "--format", "csv")
    assert patient.stdout.splitlines()[1:] == [
        "https://example.org/filters/closed2",
        "https://example.org/filters/free1",
        "https://example.org/filters/late3",
    ]
    refused = run(runner, "query", "ASK {}", "--timeout", "0", code=2)
    assert "Invalid value for '--timeout': 0.0 is not in the range x>0" in refused.stderr


def test_validate_format_json_and_text(runner):
    bad = str(DATA / "bad" / "shacl.ttl")
    text = runner.invoke(cli, ["validate", "--no-bundled", bad, "--format", "text"])
    as_json = runner.invoke(cli, ["validate", "--no-bundled", bad, "--format", "json"])
    assert text.exit_code == as_json.exit_code == 1
    assert text.stderr == as_json.stderr == "2 violation(s), 1 warning(s)\n"
    problems = json.loads(as_json.stdout)
    assert as_json.stdout.startswith('[\n  {\n    "')  # indented, one key a line
    assert [(p["severity"], p["rule"]) for p in problems] == [
        ("warning", "dcterms:source MinCount"),
        ("violation", "schema:author MinCount"),
        ("violation", "schema:datePublished MinCount"),
    ]
    assert {(Path(p["file"]).resolve(), p["focus"], p["value"]) for p in problems} == {
        (Path(bad).resolve(), "https://example.org/shacl/nameless", "")
    }
    lines = text.stdout.splitlines()  # the same problems, one line each, in the same order
    assert len(lines) == len(problems)
    assert all(
        f"[{p['rule']}]" in line and p["message"] in line
        for p, line in zip(problems, lines, strict=True)
    )
    clean = runner.invoke(cli, ["validate", "--no-bundled", str(FILTERS), "--format", "json"])
    assert (clean.exit_code, clean.stdout) == (0, "[]\n")


def test_cache_list_formats(runner, cache_dir):
    run(runner, "stats")
    (entry,) = json.loads(runner.invoke(cli, ["cache", "list", "--format", "json"]).stdout)
    as_csv = runner.invoke(cli, ["cache", "list", "--format", "csv"]).stdout.splitlines()
    assert as_csv[0] == "key,triples,files,megabytes,answers,last_used"
    assert as_csv[1].split(",")[:3] == [entry["key"], str(entry["triples"]), "2"]
    markdown = runner.invoke(cli, ["cache", "list", "--format", "markdown"]).stdout.splitlines()
    assert markdown[:2] == [
        "| key | triples | files | megabytes | answers | last_used |",
        "|---|---|---|---|---|---|",
    ]
    assert markdown[2].startswith(f"| {entry['key']} | {entry['triples']} | 2 | ")
    table = runner.invoke(cli, ["cache", "list", "--format", "table"]).stdout.splitlines()
    assert table[2].split()[:3] == [entry["key"], str(entry["triples"]), "2"]


def test_stats_table_format_on_filters(runner):
    table = run(runner, "stats", "--format", "table").stdout.splitlines()
    assert table[0].split() == ["what", "count"]
    assert [line.rsplit(None, 1) for line in table[2:6]] == [
        ["works", "5"],
        ["authors", "2"],
        ["topics", "5"],
        ["coverage", "8"],
    ]


def test_site_verified_only_leaves_unverified_claims_out(runner, tmp_path):
    extra = DATA / "site" / "extra.ttl"  # c2 (book2 on backprop) is unverified
    args = ["--no-bundled", "--data", str(DATA / "tiny.ttl"), "--data", str(extra), "site"]
    for name, options in (("all", []), ("checked", ["--verified-only"])):
        result = runner.invoke(cli, [*args, "-o", str(tmp_path / name), *options])
        assert result.exit_code == 0, result.output
    every = (tmp_path / "all" / "topic" / "backprop.html").read_text(encoding="utf-8")
    checked = (tmp_path / "checked" / "topic" / "backprop.html").read_text(encoding="utf-8")
    assert "No work in the graph treats this topic yet." not in every
    assert "No work in the graph treats this topic yet." in checked


def test_viz_layout_force_and_hierarchical(runner, tmp_path):
    pages = {}
    for layout in ("force", "hierarchical"):
        out = tmp_path / f"{layout}.html"
        result = run(runner, "viz", "-o", str(out), "--layout", layout)
        assert result.stderr == f"wrote {out}: 12 nodes, 19 edges\n"
        pages[layout] = out.read_text(encoding="utf-8")
    assert '\\"layout\\": {\\"randomSeed\\": 7' in pages["force"]
    assert '\\"solver\\": \\"forceAtlas2Based\\"' in pages["force"]
    assert '\\"layout\\": {\\"hierarchical\\": {\\"enabled\\": true' in pages["hierarchical"]
    assert '\\"layout\\": {\\"hierarchical\\"' not in pages["force"]
