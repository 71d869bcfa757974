"""A build's outputs, published together.

Every output of a build is first written into a staging folder inside the
output folder; only when all are written are they renamed into place, the
outputs of an earlier build that this one did not write are removed, and the
manifest is written, last. So:

- a build that fails or is killed leaves the previous build's outputs as they
  were (at worst, some renamed already, with no new manifest: the next build
  sees the outputs do not match the manifest and rebuilds);
- outputs never mix builds silently: a file the manifest lists is one this
  build wrote; a ``graph.trig`` of an earlier build is not left to answer
  queries about a later ``graph.ttl``;
- only files that are provably a build's are removed: those an earlier
  manifest lists, and, in a folder that holds a ycgraph manifest, the files
  a build writes (:data:`KNOWN_OUTPUTS`).

The manifest (``.ycgraph-manifest.json``) also records what the build was
made from (inputs and their cache keys, the extractor's fingerprint, the
options), so an unchanged corpus is not rebuilt at all.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..outputs import write_atomic
from ..spill import pid_alive

__all__ = ["MANIFEST", "KNOWN_OUTPUTS", "Publisher"]

MANIFEST = ".ycgraph-manifest.json"
_OLD_MANIFEST = Path(".cache") / "manifest.json"  # where version 0.1 kept it
_STAGING = ".ycgraph-staging-"
# Every file a build writes (the views' names are fixed; charts are chart-*.png).
KNOWN_OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "report.md", "report.json", "nodes.csv",
                 "edges.csv", "graph.graphml", "graph.html")


def _stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


class Publisher:
    """The output folder of one build: what the last build left, and how this one replaces it."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.previous = self._read(self.out / MANIFEST)
        self.is_build_folder = bool(self.previous) or (self.out / _OLD_MANIFEST).is_file()
        self.staging: Path | None = None

    @staticmethod
    def _read(path: Path) -> dict:
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def unchanged(self, recipe: dict) -> bool:
        """Whether the last build was made from ``recipe`` and all its outputs are as it left them."""
        if not self.previous or self.previous.get("recipe") != recipe:
            return False
        outputs = self.previous.get("outputs") or {}
        try:
            return bool(outputs) and all(_stamp(self.out / name) == stamp for name, stamp in outputs.items())
        except OSError:
            return False  # an output is missing: rebuild

    def remove_leftovers(self) -> list[Path]:
        """Temporary files and staging folders of killed builds (their process is gone)."""
        removed = []
        if not self.out.is_dir():
            return removed
        for entry in sorted(self.out.iterdir()):
            name = entry.name
            if name.startswith(_STAGING) and entry.is_dir():
                pid = name[len(_STAGING):].split("-", 1)[0]
            elif name.startswith(".") and name.endswith(".tmp") and entry.is_file():
                parts = name.split(".")  # .graph.ttl.<pid>.<random>.tmp; older builds wrote no pid
                pid = next((part for part in reversed(parts[:-2]) if part.isdigit()), "")
            else:
                continue
            if pid.isdigit() and pid_alive(int(pid)) and int(pid) != os.getpid():
                continue
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            removed.append(entry)
        return removed

    def stage(self) -> Path:
        """A fresh staging folder inside the output folder (same file system: renames are atomic)."""
        self.out.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=self.out))
        return self.staging

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def stale(self, written: set[str]) -> list[Path]:
        """Outputs of an earlier build that this one does not write (provably a build's, see above)."""
        names = set(self.previous.get("outputs") or {})
        if self.is_build_folder:
            names |= {n for n in KNOWN_OUTPUTS if (self.out / n).exists()}
            names |= {p.name for p in self.out.glob("chart-*.png")}
        return [self.out / n for n in sorted(names - written) if "/" not in n and (self.out / n).is_file()]

    def publish(self, recipe: dict, summary: dict) -> list[Path]:
        """Move every staged file into place, remove stale outputs, then write the manifest (last)."""
        assert self.staging is not None
        names = sorted(p.name for p in self.staging.iterdir() if p.is_file())
        removed = self.stale(set(names))
        placed = []
        for name in names:
            os.replace(self.staging / name, self.out / name)
            placed.append(self.out / name)
        for path in removed:
            path.unlink(missing_ok=True)
        self.discard()
        (self.out / _OLD_MANIFEST).unlink(missing_ok=True)
        manifest = {"recipe": recipe, "outputs": {p.name: _stamp(p) for p in placed}, **summary}
        write_atomic(self.out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
        self.removed = removed
        return placed
