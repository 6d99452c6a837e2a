"""`nngraph viz`: one self-contained HTML file, written atomically, never over the user's work."""

from __future__ import annotations

import re
from pathlib import Path

from nngraph.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"
BASE = ["--no-bundled", "--data", str(TINY), "viz"]
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_writes_one_self_contained_file(runner, tmp_path):
    out = tmp_path / "graph.html"
    result = runner.invoke(cli, [*BASE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}: 11 nodes, 14 edges\n"
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]  # nothing beside it
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not REMOTE.findall(page)
    assert "Rigorous Nets" in page


def test_refuses_to_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "graph.html"
    out.write_text("my notes", encoding="utf-8")
    result = runner.invoke(cli, [*BASE, "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my notes"
    result = runner.invoke(cli, [*BASE, "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


def test_views(runner, tmp_path):
    cases = {
        "topic.html": (["--topic", "BPTT", "--radius", "1"], "4 nodes, 4 edges"),
        "gaps.html": (["--gaps", "--radius", "0"], "4 nodes, 2 edges"),
        "plain.html": (["--no-authors", "--layout", "hierarchical"], "9 nodes, 10 edges"),
    }
    for name, (options, counts) in cases.items():
        out = tmp_path / name
        result = runner.invoke(cli, [*BASE, "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        assert result.stderr == f"wrote {out}: {counts}\n"
    assert '\\"hierarchical\\"' in (tmp_path / "plain.html").read_text(encoding="utf-8")


def test_query_file(runner, tmp_path):
    query = tmp_path / "books.rq"
    query.write_text(
        "SELECT ?w WHERE { ?w a schema:Book FILTER NOT EXISTS { ?w schema:exampleOfWork ?x } }"
        " ORDER BY ?w\n",
        encoding="utf-8",
    )
    out = tmp_path / "books.html"
    result = runner.invoke(cli, [*BASE, "-o", str(out), "--query", str(query)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}: 2 nodes, 0 edges\n"


def test_errors_are_one_line_and_write_nothing(runner, tmp_path):
    out = tmp_path / "graph.html"
    for options, message in [
        (["--topic", "Backpropogation"], "unknown topic 'Backpropogation'; did you mean"),
        (["--query", "no-such-query"], "unknown query 'no-such-query'"),
        (["--query", str(tmp_path / "missing.rq")], "no such query file"),
    ]:
        result = runner.invoke(cli, [*BASE, "-o", str(out), *options])
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
    result = runner.invoke(cli, [*BASE, "-o", str(out), "--radius", "-1"])
    assert result.exit_code == 2
    assert "Invalid value for '--radius': -1 is not in the range x>=0." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_is_required(runner):
    result = runner.invoke(cli, BASE)
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_max_nodes_and_verified_only(runner, tmp_path):
    synthetic = tmp_path / "synth.nt"
    assert runner.invoke(cli, ["synth", "--works", "40", "--seed", "1", "-o", str(synthetic)])
    data = ["--no-bundled", "--data", str(synthetic), "viz"]
    whole = runner.invoke(cli, [*data, "-o", str(tmp_path / "all.html"), "--max-nodes", "0"])
    assert whole.exit_code == 0, whole.output
    assert "folded" not in whole.stderr
    folded = runner.invoke(cli, [*data, "-o", str(tmp_path / "folded.html"), "--max-nodes", "20"])
    assert folded.exit_code == 0, folded.output
    assert re.search(r"nodes, \d+ edges, \d+ folded into \d+ groups\n$", folded.stderr)
    verified = tmp_path / "verified.html"
    base = runner.invoke(cli, [*BASE, "-o", str(tmp_path / "plain.html")])
    result = runner.invoke(
        cli,
        ["--no-bundled", "--data", str(TINY), "--data", str(TINY.parent / "viz" / "verified.ttl")]
        + ["viz", "-o", str(verified), "--verified-only"],
    )
    assert result.exit_code == 0, result.output
    assert base.stderr.endswith("11 nodes, 14 edges\n")
    assert result.stderr == f"wrote {verified}: 11 nodes, 11 edges\n"  # 2 of 5 claims drawn
