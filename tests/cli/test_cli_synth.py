"""`nngraph synth` writes the file atomically and refuses to overwrite without --force."""

from __future__ import annotations

from nngraph.cli import cli


def test_synth_writes_a_loadable_file(runner, tmp_path):
    out = tmp_path / "s.nt"
    result = runner.invoke(cli, ["synth", "--works", "12", "--seed", "4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "12 works" in result.stderr
    stats = runner.invoke(
        cli, ["--no-cache", "--no-bundled", "--data", str(out), "stats", "--format", "json"]
    )
    assert stats.exit_code == 0, stats.output
    assert '"works": 12' in stats.stdout


def test_synth_refuses_to_overwrite(runner, tmp_path):
    out = tmp_path / "s.ttl"
    out.write_text("mine")
    result = runner.invoke(cli, ["synth", "--works", "3", "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert out.read_text() == "mine"
    again = runner.invoke(cli, ["synth", "--works", "3", "-o", str(out), "--force"])
    assert again.exit_code == 0, again.output
    assert out.read_text().startswith("@prefix")
