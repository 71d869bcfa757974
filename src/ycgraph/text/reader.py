"""Read an article file into text, or fail with a message naming the file.

Offsets everywhere count in the string returned here: for a ``.txt`` file,
its whole content decoded (a leading byte-order mark is kept out, since it
is not part of the article).
"""

from __future__ import annotations

import glob
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True)
class ArticleText:
    path: str
    text: str
    sha256: str
    encoding: str


def _decode(path: str, data: bytes) -> tuple[str, str]:
    """UTF-8, else GB18030 (a superset of GBK and GB2312), else a clear error."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, f"not UTF-8 or GB18030 text (byte {utf8_error.start}: {utf8_error.reason})") from None
    # GB18030 decodes many non-Chinese byte strings too; real Chinese text is mostly CJK.
    non_ascii = [c for c in text if ord(c) > 127]
    cjk = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    if non_ascii and cjk / len(non_ascii) < 0.9:
        raise InputError(path, f"not UTF-8 or GB18030 text (byte {utf8_error.start}: {utf8_error.reason})")
    return text, "gb18030"


def html_main_text(path: str, html: str) -> str:
    """The main text of a web page (navigation, ads and boilerplate dropped), by trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML page")
    return text


def decode_article(path: str, data: bytes) -> ArticleText:
    """Decode an article's bytes, refusing empty, binary and undecodable input.

    Offsets count in the returned text: a .txt or .md file's whole content, or
    the main text taken out of an .html page.

    >>> decode_article("a.txt", "宜昌".encode()).text
    '宜昌'
    >>> decode_article("g.txt", "宜昌".encode("gb18030")).encoding
    'gb18030'
    >>> decode_article("b.txt", b"\\x00\\x01\\x02")
    Traceback (most recent call last):
    ...
    ycgraph.errors.InputError: b.txt: binary file (contains NUL bytes), not an article
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    text, encoding = _decode(path, data)
    if path.lower().endswith(HTML_SUFFIXES):
        text = html_main_text(path, text)
    if not text.strip():
        raise InputError(path, "empty file")
    return ArticleText(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding)


def read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a directory")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None


def expand_inputs(paths: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files named, files matching globs, and article files under folders (sorted, recursive).

    A path that matches nothing comes back as an error, so the others still build.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                errors.append(InputError(raw, "folder holds no article files (.txt, .md, .html)"))
            files.extend(found)
        elif p.exists():
            files.append(p)
        elif any(ch in raw for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matched:
                errors.append(InputError(raw, "no file matches this pattern"))
            files.extend(matched)
        else:
            errors.append(InputError(raw, "no such file"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors
