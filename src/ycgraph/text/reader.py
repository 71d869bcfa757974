"""Read an article file into text, or fail with a message naming the file.

Offsets everywhere count in the string returned here: for a ``.txt`` file,
its whole content decoded (a leading byte-order mark is kept out, since it
is not part of the article).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class ArticleText:
    path: str
    text: str
    sha256: str
    encoding: str


def decode_article(path: str, data: bytes) -> ArticleText:
    """Decode an article's bytes as UTF-8, refusing empty, binary and undecodable input.

    >>> decode_article("a.txt", "宜昌".encode()).text
    '宜昌'
    >>> decode_article("b.txt", b"\\x00\\x01\\x02")
    Traceback (most recent call last):
    ...
    ycgraph.errors.InputError: b.txt: binary file (contains NUL bytes), not an article
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    return ArticleText(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), "utf-8")


def read_article(path: str | Path) -> ArticleText:
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    return decode_article(str(path), data)


def expand_inputs(paths: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files named, and the article files under directories named (sorted, recursive).

    A path that does not exist comes back as an error, so the others still build.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                errors.append(InputError(raw, "directory holds no article files (.txt)"))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            errors.append(InputError(raw, "no such file"))
    return files, errors
