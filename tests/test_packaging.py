import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_contains_ontology_data_and_queries(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("nngraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "nngraph/_bundled/ontology/nngraph.ttl" in names
    assert "nngraph/_bundled/ontology/shapes.ttl" in names
    assert "nngraph/_bundled/data/topics.ttl" in names
    assert "nngraph/query/sparql/analysis-claims.rq" in names
    works = [n for n in names if n.startswith("nngraph/_bundled/data/works/")]
    assert len(works) == len(list((ROOT / "data" / "works").glob("*.ttl")))
