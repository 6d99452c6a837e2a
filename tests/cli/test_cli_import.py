"""`nngraph import bibtex`: report on stderr, Turtle out, never overwrite without --force."""

from pathlib import Path

from nngraph.analysis.validate import validate
from nngraph.cli import cli

MESSY = Path(__file__).parents[1] / "data" / "bibtex" / "messy.bib"
CONTEXT = Path(__file__).parents[1] / "data" / "bibtex" / "context.ttl"
AGAINST_CONTEXT = ["--no-bundled", "--data", str(CONTEXT)]  # fixed, not the moving corpus


def test_import_reports_skips_and_writes_valid_turtle(runner, tmp_path):
    out = tmp_path / "imported.ttl"
    result = runner.invoke(cli, [*AGAINST_CONTEXT, "import", "bibtex", str(MESSY), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert f"{MESSY}:107: broken2019: skipped: malformed entry: " in "\n".join(lines)
    assert f"{MESSY}:112: goodfellow-dup-isbn: skipped: already in the graph: same ISBN" in (
        result.stderr
    )
    assert lines[-1] == f"imported 10 work(s), skipped 6; wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert "work:maaten2008 a schema:ScholarlyArticle" in text
    assert "nn:status nn:unverified" in text
    problems = validate([out, CONTEXT], bundled=False)
    assert [p.line() for p in problems if p.severity == "violation"] == []


def test_existing_output_needs_force(runner, tmp_path):
    out = tmp_path / "imported.ttl"
    out.write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "bibtex", str(MESSY), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"nngraph: error: {out}: already exists; pass --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "# mine\n"
    result = runner.invoke(cli, ["import", "bibtex", str(MESSY), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Imported by `nngraph import bibtex`")


def test_missing_file_and_missing_output_option(runner, tmp_path):
    result = runner.invoke(
        cli, ["import", "bibtex", str(tmp_path / "nope.bib"), "-o", str(tmp_path / "o.ttl")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"nngraph: error: {tmp_path / 'nope.bib'}: ")
    assert not (tmp_path / "o.ttl").exists()
    result = runner.invoke(cli, ["import", "bibtex", str(MESSY)])
    assert result.exit_code == 2
    assert "Missing option '-o'" in result.stderr


def test_import_help_has_examples(runner):
    result = runner.invoke(cli, ["import", "bibtex", "--help"])
    assert result.exit_code == 0
    assert "nngraph import bibtex refs.bib -o" in result.stdout
