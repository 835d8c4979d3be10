"""`make test` keeps each test file on one pytest-xdist worker (tests/conftest.py), so a file's module
fixtures (a clinic build, a wrangler server) start once. pytest 9.2 silently broke that grouping for
xdist 3.8 (pytest-xdist#1386) and every such fixture started twice: this notices if an upgrade does it
again."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict

from scripts.inputs.settings import ROOT

FILES = ["tests/test_schemas.py", "tests/test_plurals.py"]  # quick files with many tests each


def test_make_tests_workers_keep_each_file_together():
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder",
                          "-v", "-p", "no:cacheprovider", *FILES], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]
    workers = defaultdict(set)
    for worker, file in re.findall(r"^\[(gw\d)\] .*?PASSED (tests/\S+?\.py)::", run.stdout, re.M):
        workers[file].add(worker)
    assert set(workers) == set(FILES), run.stdout[-2000:]
    assert all(len(found) == 1 for found in workers.values()), dict(workers)
