"""Every public function of ``ycgraph`` works twice in a fresh interpreter.

Version 0.1's ``ycgraph.extract`` worked once: importing the subpackage of the
same name replaced the function. No public name may share a submodule's.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import ycgraph

SCRIPT = r"""
import json, sys, tempfile, pathlib
import ycgraph
text = "襄阳市委书记王大明\n  力争全年GDP增长6%以上，支持金鹰等龙头企业做大做强。\n"
seen = {}
for round in range(2):
    with tempfile.TemporaryDirectory() as tmp:
        (pathlib.Path(tmp) / "a.txt").write_text(text, encoding="utf-8")
        seen.setdefault("extract", []).append(len(ycgraph.extract(text).mentions))
        seen.setdefault("to_graph", []).append(len(ycgraph.to_graph({"a.txt": text})))
        seen.setdefault("build", []).append(ycgraph.build([tmp + "/a.txt"], tmp + "/out").articles)
print(json.dumps({"seen": seen, "callables": sorted(n for n in ycgraph.__all__ if callable(getattr(ycgraph, n)))}))
"""


def test_every_public_function_works_twice_in_a_fresh_interpreter():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(report["callables"]) == set(report["seen"])  # the script calls every public function
    for name, values in report["seen"].items():
        assert values[0] == values[1] and values[0] > 0, (name, values)


def test_no_public_name_is_also_a_submodule():
    submodules = {m.name for m in pkgutil.iter_modules(ycgraph.__path__)}
    assert not submodules & set(ycgraph.__all__)
