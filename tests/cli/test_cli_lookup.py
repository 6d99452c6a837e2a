"""Names said out loud, empty answers explained, status and identity shown; show and search."""

import json
from pathlib import Path

from nngraph.cli import cli

DATA = Path(__file__).parents[1] / "data"
BASE = ["--no-bundled", "--data", str(DATA / "filters.ttl")]
NAMES = [*BASE, "--data", str(DATA / "names.ttl")]


def test_a_name_that_is_no_exact_label_is_said_out_loud(runner):
    result = runner.invoke(cli, [*BASE, "recommend", "bp", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "nngraph: resolved 'bp' to the topic 'Backpropagation' "
        "(https://example.org/filters/bp) by its id\n"
    )
    quiet = runner.invoke(cli, [*BASE, "recommend", "Backpropagation", "--format", "csv"])
    assert quiet.stderr == ""
    also = runner.invoke(cli, [*BASE, "recommend", "backprop", "--format", "csv"])
    assert "by its label's beginning; also: 'Convolutional backpropagation'" in also.stderr


def test_an_empty_answer_says_why(runner):
    umbrella = runner.invoke(cli, [*BASE, "recommend", "Foundations", "--format", "csv"])
    assert umbrella.exit_code == 0 and umbrella.stdout.count("\n") == 1
    assert umbrella.stderr == (
        "nngraph: 'Foundations' is an umbrella topic: the claims are on its narrower "
        "topics: Backpropagation; Calculus\n"
    )
    shallow = runner.invoke(cli, [*BASE, "recommend", "Open problem", "--min-depth", "rigorous"])
    assert shallow.stderr == (
        "nngraph: no claim on 'Open problem' passes --min-depth rigorous; "
        "1 claim(s) at any depth without them\n"
    )


def test_recommend_shows_id_status_author_and_edition_and_filters_verified(runner):
    every = runner.invoke(cli, [*BASE, "recommend", "Backpropagation", "--format", "csv"])
    assert every.stdout.splitlines() == [
        "id,depth,status,exercises,free,score,first_author,title,year,edition,locator",
        "closed2,rigorous,unverified,yes,no,,Closed,Closed Theory,2015,2nd ed. 2019,§4.2",
        "late3,derivation,verified,yes,yes,,Closed & Free,Late Derivations,2022,1st ed. 2022,ch. 5",
        "free1,intuition,verified,no,yes,,Free,Free Foundations,2005,1st ed. 2005,ch. 2",
    ]
    checked = runner.invoke(
        cli, [*BASE, "recommend", "Backpropagation", "--verified-only", "--format", "csv"]
    )
    assert [line.split(",")[0] for line in checked.stdout.splitlines()[1:]] == ["late3", "free1"]


def test_path_and_reading_list_show_identity_and_honour_verified_only(runner):
    path = runner.invoke(cli, [*BASE, "path", "Convolutional backpropagation", "--format", "csv"])
    assert path.stdout.splitlines()[:3] == [
        "step,label,depth,status,id,first_author,title,edition,locator",
        "1,Calculus,rigorous,verified,free1,Free,Free Foundations,1st ed. 2005,ch. 1",
        "2,Backpropagation,rigorous,unverified,closed2,Closed,Closed Theory,2nd ed. 2019,§4.2",
    ]
    checked = runner.invoke(
        cli, [*BASE, "path", "Convolutional backpropagation", "--verified-only", "--format", "csv"]
    )
    assert checked.stdout.splitlines()[2] == (
        "2,Backpropagation,derivation,verified,late3,Closed & Free,Late Derivations,"
        "1st ed. 2022,ch. 5"
    )
    listed = runner.invoke(cli, [*BASE, "reading-list", "--min-depth", "derivation"])
    rows = [line.split("  ")[0] for line in listed.stdout.splitlines()[2:]]
    assert rows == ["closed2", "late3", "notes5"]
    assert "1/2 verified" in listed.stdout
    verified = runner.invoke(
        cli, [*BASE, "reading-list", "--min-depth", "derivation", "--verified-only"]
    )
    rows = [line.split("  ")[0] for line in verified.stdout.splitlines()[2:]]
    assert rows == ["late3", "notes5", "closed2"]  # closed2 now only for its verified calc claim
    assert "1/2 verified" not in verified.stdout


def test_gaps_honour_verified_only(runner):
    plain = runner.invoke(cli, [*BASE, "gaps", "--format", "csv"])
    checked = runner.invoke(cli, [*BASE, "gaps", "--verified-only", "--format", "csv"])
    assert [r.split(",")[0] for r in plain.stdout.splitlines()[1:]] == ["Open problem"]
    assert [r.split(",")[0] for r in checked.stdout.splitlines()[1:]] == [
        "Backpropagation",
        "Open problem",
    ]


def test_param_takes_a_topic_or_work_name(runner):
    text = "SELECT ?topic ?w WHERE { ?c nn:topic ?topic ; nn:work ?w } ORDER BY ?w"
    result = runner.invoke(cli, [*BASE, "query", text, "--param", "topic=cnn", "--format", "csv"])
    assert result.stdout.splitlines()[1:] == [
        "https://example.org/filters/cnn,https://example.org/filters/late3",
        "https://example.org/filters/cnn,https://example.org/filters/paper4",
    ]
    assert "resolved 'cnn' to the topic 'Convolutional backpropagation'" in result.stderr
    by_title = "SELECT ?w ?n WHERE { ?w schema:name ?n }"
    work = runner.invoke(cli, [*BASE, "query", by_title, "--param", "w=closed2", "--format", "csv"])
    assert work.stdout.splitlines()[1:] == ["https://example.org/filters/closed2,Closed Theory"]
    quoted = runner.invoke(
        cli, [*BASE, "query", by_title, "--param", 'n="Open Notes"', "--format", "csv"]
    )
    assert quoted.stdout.splitlines()[1:] == ["https://example.org/filters/notes5,Open Notes"]
    assert quoted.stderr == ""


def test_show_a_work_in_locator_order_with_editions(runner):
    result = runner.invoke(cli, [*BASE, "show", "Closed Theory", "--format", "json"])
    data = json.loads(result.stdout)
    assert (data["kind"], data["title"], data["authors"][0]["name"]) == (
        "work", "Closed Theory", "Ben Closed",
    )  # fmt: skip
    assert [(e["edition"], e["year"]) for e in data["editions"]] == [
        ("1st", "2015"),
        ("2nd", "2019"),
    ]
    assert [(c["locator"], c["label"], c["edition"]) for c in data["coverage"]] == [
        ("ch. 3", "Calculus", "1st ed. 2015"),
        ("§4.2", "Backpropagation", "2nd ed. 2019"),
    ]
    assert result.stderr == ""
    text = runner.invoke(cli, [*BASE, "show", "closed2"]).stdout
    assert text.splitlines()[:2] == ["Closed Theory", "============="]
    assert "  ch. 3: Calculus (rigorous, verified, 1st ed. 2015)" in text


def test_show_a_topic_and_an_author(runner):
    topic = json.loads(runner.invoke(cli, [*NAMES, "show", "bp", "--format", "json"]).stdout)
    assert [t["label"] for t in topic["dependents"]] == [
        "Convolutional backpropagation",
        "Open problem",
    ]
    assert [t["label"] for t in topic["prerequisites"]] == ["Calculus"]
    assert [t["label"] for t in topic["broader"]] == ["Foundations"]
    assert list(topic["works"]) == ["rigorous", "derivation", "intuition", "mention"]
    assert [w["id"] for w in topic["works"]["mention"]] == ["https://example.org/filters/theorie"]
    author = runner.invoke(cli, [*NAMES, "show", "emile godel", "--format", "markdown"])
    assert author.stdout.splitlines()[0] == "# Émile Gödel"
    assert "- Théorie de la rétropropagation (1999)" in author.stdout
    assert author.stderr == ""  # the name, folded, is exact


def test_search_folds_accents_and_case_and_ranks(runner):
    result = runner.invoke(cli, [*NAMES, "search", "RETROPROPAGATION", "--format", "csv"])
    assert result.stdout.splitlines()[1:] == [
        "work,https://example.org/filters/theorie,Théorie de la rétropropagation,"
        '"Émile Gödel, Ann Free (1999)",'
    ]
    ranked = runner.invoke(cli, [*NAMES, "search", "backprop", "--format", "json"])
    assert [h["label"] for h in json.loads(ranked.stdout)] == [
        "Backpropagation",
        "Convolutional backpropagation",
    ]
    person = runner.invoke(cli, [*NAMES, "search", "godel", "--format", "json"])
    assert [h["kind"] for h in json.loads(person.stdout)] == ["author"]
    none = runner.invoke(cli, [*NAMES, "search", "quantum"])
    assert none.exit_code == 0 and none.stderr == "nngraph: nothing matches 'quantum'\n"
