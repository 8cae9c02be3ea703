"""The benchmarks still run against today's code (tiny sizes, one repetition; no timings checked).

A benchmark that no test runs breaks silently when the code it drives changes shape.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

QUICK = {
    "bench_review.py": ["--teachers", "5", "--rounds", "1", "--repeat", "1"],
    "bench_startup.py": ["--reps", "1"],
    "bench_store.py": ["--repeat", "1"],
    "bench_sync.py": ["--reps", "1"],
}


@pytest.mark.parametrize("script", sorted(QUICK))
def test_the_benchmark_runs(script, tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *QUICK[script]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr
