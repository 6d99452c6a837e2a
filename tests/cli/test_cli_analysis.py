import json
from pathlib import Path

from nngraph.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"
BASE = ["--no-bundled", "--data", str(TINY)]


def test_gaps_json_keys(runner):
    result = runner.invoke(cli, [*BASE, "gaps", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["label"] for r in rows] == [
        "Recurrent networks",
        "Attention",
        "Backpropagation through time",
        "Neural networks",
    ]
    assert {"topic", "label", "best_depth", "dependents"} <= set(rows[0])


def test_gaps_markdown_and_csv(runner):
    md = runner.invoke(cli, [*BASE, "gaps", "--format", "markdown", "--as-of", "2009"])
    assert md.stdout.splitlines()[0].startswith("| label | dependents |")
    assert len(md.stdout.splitlines()) == 2 + 6
    csv = runner.invoke(cli, [*BASE, "gaps", "--format", "csv", "--rollup"])
    assert csv.stdout.splitlines() == [
        "label,narrower_covered,narrower_total,share",
        "Backpropagation,0,1,0.0",
    ]


def test_recommend_unknown_topic_suggests(runner):
    result = runner.invoke(cli, [*BASE, "recommend", "backpropagaton"])
    assert result.exit_code == 2
    assert "did you mean 'Backpropagation'" in result.stderr


def test_path_and_reading_list(runner):
    result = runner.invoke(cli, [*BASE, "path", "BPTT", "--format", "csv"])
    assert [line.split(",")[1] for line in result.stdout.splitlines()[1:]] == [
        "Calculus",
        "Backpropagation",
        "Recurrent networks",
        "Backpropagation through time",
    ]
    listed = runner.invoke(
        cli, [*BASE, "reading-list", "--min-depth", "derivation", "--format", "json"]
    )
    assert [w["title"] for w in json.loads(listed.stdout)["works"]] == [
        "Rigorous Nets",
        "Practical Nets",
    ]
