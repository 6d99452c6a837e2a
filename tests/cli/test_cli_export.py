"""`nngraph export`: every format to stdout or a file, csv into a folder, --force guards."""

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib.compare import isomorphic

from nngraph.cli import cli
from nngraph.store.files import new_graph, parse_into

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"
ALONE = ["--no-bundled", "--data", str(TINY)]

TINY_BIBTEX = """\
@book{book1,
  author = {Author, Alice},
  title = {{Rigorous Nets}},
  year = {2010}
}

@book{book2,
  author = {Writer, Bob and Author, Alice},
  title = {{Practical Nets}},
  year = {2020}
}

@article{paper1,
  author = {Writer, Bob},
  title = {{On BPTT}},
  year = {1990}
}
"""


def test_bibtex_to_stdout(runner):
    result = runner.invoke(cli, [*ALONE, "export", "--format", "bibtex"])
    assert result.exit_code == 0, result.output
    assert result.stdout == TINY_BIBTEX


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_to_a_file_round_trips(runner, tmp_path, tiny_store, fmt):
    out = tmp_path / f"tiny.{fmt}"
    result = runner.invoke(cli, [*ALONE, "export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith(f"wrote {out}")
    back = new_graph()
    parse_into(back, out)
    assert isomorphic(back, tiny_store)


def test_graphml_and_gexf_files_open_in_networkx(runner, tmp_path):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"tiny.{fmt}"
        result = runner.invoke(cli, [*ALONE, "export", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        graph = read(out)
        kinds = sorted(kind for _, kind in graph.nodes(data="kind"))
        assert kinds == ["person"] * 2 + ["topic"] * 6 + ["work"] * 3


def test_csv_needs_a_folder_and_writes_four_tables(runner, tmp_path):
    result = runner.invoke(cli, [*ALONE, "export", "--format", "csv"])
    assert result.exit_code == 2
    assert "name a folder with -o DIR" in result.stderr
    folder = tmp_path / "tables"
    result = runner.invoke(cli, [*ALONE, "export", "--format", "csv", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "authors.csv",
        "coverage.csv",
        "topics.csv",
        "works.csv",
    ]
    rows = list(csv.DictReader(io.StringIO((folder / "coverage.csv").read_text("utf-8"))))
    assert len(rows) == 5


def test_existing_file_needs_force(runner, tmp_path):
    out = tmp_path / "tiny.ttl"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, [*ALONE, "export", "--format", "ttl", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"nngraph: error: {out}: already exists; pass --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "mine"
    result = runner.invoke(cli, [*ALONE, "export", "--format", "ttl", "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("@prefix")


def test_unknown_format_is_a_usage_error(runner):
    result = runner.invoke(cli, ["export", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr
