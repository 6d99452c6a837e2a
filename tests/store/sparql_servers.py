"""Real SPARQL servers on 127.0.0.1 for the tests: `oxigraph serve` and Virtuoso.

Virtuoso runs from Debian's `virtuoso-opensource` (installed by `.ci/run`), on a
temporary database folder with a copy of the stock `virtuoso.ini` whose ports,
files and `ResultSetMaxRows` are changed; SPARQL update is granted with isql-vt.
Under CI (CI=true) a missing binary fails the tests instead of skipping them.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Server:
    """A running server: its query and update URLs and its process."""

    name: str
    query: str
    update: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missing(what: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is not installed, and CI must run the server tests (.ci/run)")
    pytest.skip(f"{what} is not installed")


def _wait(process: subprocess.Popen, url: str, name: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
                pytest.fail(f"{name} did not start: {detail}")
            time.sleep(0.1)


def start_oxigraph(folder: Path) -> Server:
    """`oxigraph serve` on a free port, with its store in ``folder``."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        _missing("the `oxigraph` server (dev group: oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _wait(process, f"{base}/query?query=ASK%7B%7D", "oxigraph serve")
    return Server("oxigraph", f"{base}/query", f"{base}/update", process)


def stock_ini() -> Path:
    found = sorted(glob.glob("/etc/virtuoso-opensource-*/virtuoso.ini"))
    if not shutil.which("virtuoso-t") or not shutil.which("isql-vt") or not found:
        _missing("Virtuoso (Debian package virtuoso-opensource)")
    return Path(found[-1])


def virtuoso_ini(stock: str, folder: Path, *, sql_port: int, http_port: int, max_rows: int) -> str:
    """The stock ini with its files in ``folder``, new ports and a result cap."""
    lines, section = [], ""
    for line in stock.splitlines():
        header = re.match(r"\s*\[(.+)\]", line)
        section = header.group(1) if header else section
        key = re.match(r"\s*(\w+)\s*=\s*([^;]*)", line)
        if key and not line.lstrip().startswith(";"):
            name, value = key.group(1), key.group(2).strip()
            if section in ("Database", "TempDatabase") and name.lower().endswith("file"):
                line = f"{name} = {folder / Path(value).name}"
            elif name == "ServerPort" and section == "Parameters":
                line = f"{name} = {sql_port}"
            elif name == "ServerPort" and section == "HTTPServer":
                line = f"{name} = {http_port}"
            elif name == "VADInstallDir":  # no packages to install: starts in seconds
                line = f"{name} = {folder / 'vad'}/"
            elif name == "ResultSetMaxRows":
                line = f"{name} = {max_rows}"
            elif name == "DefaultHost":
                line = f"{name} = 127.0.0.1:{http_port}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def start_virtuoso(folder: Path, *, max_rows: int = 10000) -> Server:
    """Virtuoso on free ports with a fresh database in ``folder``; SPARQL update granted."""
    stock = stock_ini()
    (folder / "vad").mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        virtuoso_ini(
            stock.read_text(),
            folder,
            sql_port=sql_port,
            http_port=http_port,
            max_rows=max_rows,
        )
    )
    log = folder / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{http_port}/sparql"
    _wait(process, f"{url}?query=ASK%7B%7D", "virtuoso-t", log)
    grant = subprocess.run(
        [
            "isql-vt",
            f"127.0.0.1:{sql_port}",
            "dba",
            "dba",
            'exec=GRANT SPARQL_UPDATE TO "SPARQL";',
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if grant.returncode != 0 or "Error" in grant.stdout:
        process.kill()
        process.wait()
        pytest.fail(f"isql-vt could not grant SPARQL update: {grant.stdout}{grant.stderr}")
    return Server("virtuoso", url, url, process)
