"""User dictionaries: extra names the user knows, with their kind.

A plain UTF-8 file, one entry a line: ``NAME<TAB>KIND``, KIND one of
``enterprise``, ``project``, ``slogan``; blank lines and lines starting with
``#`` are skipped; a space may stand for the tab.

>>> d = UserDictionary.parse("金鹰集团\\tenterprise\\n# note\\n晨光精神 slogan\\n", "my.dict")
>>> d.names("enterprise"), d.names("slogan")
(('金鹰集团',), ('晨光精神',))
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DictionaryError

KINDS = ("enterprise", "project", "slogan")


@dataclass(frozen=True)
class UserDictionary:
    source: str = ""
    entries: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def parse(cls, text: str, source: str) -> "UserDictionary":
        entries = []
        for n, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t") if "\t" in line else line.rsplit(None, 1)
            if len(parts) != 2 or not parts[0].strip():
                raise DictionaryError(f"{source}:{n}: expected NAME<TAB>KIND, got {line!r}")
            name, kind = parts[0].strip(), parts[1].strip().lower()
            if kind not in KINDS:
                raise DictionaryError(f"{source}:{n}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
            entries.append((name, kind))
        return cls(source, tuple(entries))

    @classmethod
    def load(cls, path: str | Path) -> "UserDictionary":
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DictionaryError(f"{path}: cannot read dictionary ({exc})") from None
        return cls.parse(text, str(path))

    def names(self, kind: str) -> tuple[str, ...]:
        return tuple(n for n, k in self.entries if k == kind)

    def fingerprint(self) -> str:
        """What the dictionary holds, as a short hash (recorded in the build's provenance)."""
        body = "\n".join(f"{n}\t{k}" for n, k in self.entries)
        return hashlib.sha256(body.encode()).hexdigest()[:12]

    def merged(self, other: "UserDictionary") -> "UserDictionary":
        return UserDictionary(";".join(s for s in (self.source, other.source) if s), self.entries + other.entries)
