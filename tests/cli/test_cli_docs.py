"""The README documents what issue 14 added: show, search, completion, the query page, exit 130."""

import re
import socket
import urllib.request
from pathlib import Path

import pytest

from nngraph.cli import cli
from nngraph.interop.serve import serve

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["nngraph show", "nngraph search"])
def test_show_and_search_have_real_output_in_the_readme(command):
    assert re.search(rf'cog\.out\(show\(["\']{command} ', README)


def test_completion_is_documented_and_works_as_documented(runner):
    for shell in ("bash", "zsh", "fish"):
        assert f"_NNGRAPH_COMPLETE={shell}_source nngraph" in README
    script = runner.invoke(cli, [], env={"_NNGRAPH_COMPLETE": "bash_source"}, prog_name="nngraph")
    assert "_nngraph_completion" in script.stdout


def test_exit_code_130_is_documented():
    assert re.search(r"^\| 130 \| interrupted by Ctrl-C", README, re.M)


@pytest.mark.server
def test_the_documented_query_page_is_served_offline(tiny_store):
    assert "query page** at `http://127.0.0.1:7878/`" in README
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with serve(tiny_store, host="127.0.0.1", port=port, timeout=5) as url:
        page = opener.open(url.removesuffix("query"), timeout=10).read().decode("utf-8")
    assert "Yasgui" in page
    assert not re.search(r'(src|href)="https?://', page)  # the editor comes from the server
