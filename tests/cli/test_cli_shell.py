"""What an interactive shell gets: completion of topics and query names, tables that fit."""

import os
import pty
import subprocess
import sys
from pathlib import Path

from nngraph.cli import cli

DATA = Path(__file__).parents[1] / "data"
FILTERS = str(DATA / "filters.ttl")


def _complete(runner, words: str) -> list[str]:
    env = {
        "_NNGRAPH_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = runner.invoke(cli, [], env=env, prog_name="nngraph")
    return result.stdout.splitlines()


def test_completes_topic_names_from_the_graph_the_options_name(runner):
    words = f"nngraph --no-bundled --data {FILTERS} recommend back"
    assert _complete(runner, words) == ["plain,Backpropagation"]
    after = f"nngraph path Conv --data {FILTERS} --no-bundled --known C"
    assert _complete(runner, after) == ["plain,Calculus", "plain,Convolutional backpropagation"]


def test_completes_query_names(runner):
    assert _complete(runner, "nngraph query --name rigorous-w") == ["plain,rigorous-with-exercises"]


def test_tables_fit_a_terminal_and_pipes_get_everything(tmp_path, cache_dir):
    args = ["--no-bundled", "--data", FILTERS, "reading-list", "--min-depth", "derivation"]
    command = [sys.executable, "-c", "from nngraph.cli import main; main()", *args]
    piped = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert max(len(line) for line in piped.splitlines()) > 60
    assert "Backpropagation; Convolutional backpropagation" in piped
    parent, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "60", "LINES": "20"}
    process = subprocess.Popen(command, stdout=child, stderr=subprocess.DEVNULL, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the terminal closed: the process has finished writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    lines = b"".join(chunks).decode("utf-8").splitlines()
    assert len(lines) == len(piped.splitlines())
    assert max(len(line) for line in lines) <= 60
    assert any(line.endswith("…") or "…" in line for line in lines)
