"""Read an article file into text, or fail with a message naming the file.

Offsets everywhere count in the string returned here: for a ``.txt`` file,
its whole content decoded (a leading byte-order mark is kept out, since it
is not part of the article).
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
# The largest article read (bytes). News articles and work reports are tens of kilobytes; a larger
# file is most likely a dump of many articles, which is better built as many files.
MAX_ARTICLE_BYTES = 4 * 2**20
# A folder holding one of these is a build's output folder: never read as input.
BUILD_MARKERS = (".ycgraph-manifest.json", ".cache/manifest.json")
# Byte-order marks that say what a file is; UTF-8's is dropped by "utf-8-sig".
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class ArticleText:
    path: str
    text: str
    sha256: str
    encoding: str


def _decode(path: str, data: bytes) -> tuple[str, str]:
    """A BOM's encoding (UTF-16/32), else UTF-8, else GB18030 (a superset of GBK and GB2312), else a clear error."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"{encoding.upper()} text (by its byte-order mark) that does not decode "
                                       f"(byte {exc.start}: {exc.reason})") from None
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
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
    text, encoding = _decode(path, data)
    if "\x00" in text:
        raise InputError(path, f"contains a NUL character (at character {text.index(chr(0))}), not an article")
    if path.lower().endswith(HTML_SUFFIXES):
        text = html_main_text(path, text)
    if not text.strip():
        raise InputError(path, "empty file")
    return ArticleText(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding)


def read_bytes(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """A regular file's bytes, at most ``max_bytes`` of them (else an :class:`InputError`).

    Devices, FIFOs and sockets are refused before they are opened, so
    ``/dev/zero`` or a pipe named as an article can neither hang the build
    nor fill its memory.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file (a device, pipe or socket), not read")
    if info.st_size > max_bytes:
        raise InputError(name, f"too large ({info.st_size / 2**20:.1f} MiB; articles are read up to "
                               f"{max_bytes / 2**20:g} MiB: split it, or raise --max-article-mb)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:  # it grew while we looked
        raise InputError(name, f"too large (over {max_bytes / 2**20:g} MiB)")
    return data


def is_build_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a build's outputs (a ycgraph manifest)."""
    return any((folder / marker).is_file() for marker in BUILD_MARKERS)


@dataclass(frozen=True)
class InputFile:
    """A file to build, and the name the graph records for it (``ycg:sourceFile``)."""

    path: Path
    name: str


def _inside(path: Path, folders: list[Path]) -> Path | None:
    resolved = path.resolve()
    return next((f for f in folders if resolved == f or f in resolved.parents), None)


def _articles_under(folder: Path, skip: list[Path]) -> list[Path]:
    found = []
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        # Output folders (this build's or any other build's) hold our own reports, not articles.
        dirs[:] = sorted(d for d in dirs if not (_inside(here / d, skip) or is_build_folder(here / d)))
        found += [here / n for n in names if Path(n).suffix.lower() in ARTICLE_SUFFIXES and (here / n).is_file()]
    return sorted(found)


def _display(p: Path) -> str:
    """A named file's source name: as given when relative and inside the current folder, else absolute."""
    if not p.is_absolute() and ".." not in p.parts:
        return p.as_posix()
    return p.resolve().as_posix()


def expand_inputs(paths: list[str], exclude: list[str | Path] = ()) -> tuple[list[InputFile], list[InputError]]:
    """Files named, files matching globs, and article files under folders (sorted, recursive).

    A path that matches nothing comes back as an error, so the others still
    build. Folders in ``exclude`` (the build's output folder) and any folder
    holding a build's manifest are never read as input.

    Each file's source name is what the graph records (``ycg:sourceFile``)
    and what tells two articles apart across builds (``push`` replaces an
    article's earlier versions by it): a file found under a folder argument is
    named by the folder's own name and its path below it (``news/a/index.txt``
    for ``news/``, however the folder was written); a file named, or matched
    by a pattern, by its path as given (absolute if it was given outside the
    current folder).
    """
    skip = [Path(e).resolve() for e in exclude]
    files: list[InputFile] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        inside = _inside(p, skip) if p.exists() else None
        if inside is not None:
            errors.append(InputError(raw, f"inside the build's output folder {inside}; not read as input"))
        elif p.is_dir():
            if is_build_folder(p):
                errors.append(InputError(raw, "is a build's output folder (it holds a ycgraph manifest); not read"))
                continue
            found = _articles_under(p, skip)
            if not found:
                errors.append(InputError(raw, "folder holds no article files (.txt, .md, .html)"))
            top = p.resolve().name or p.resolve().as_posix()
            files += [InputFile(f, f"{top}/{f.relative_to(p).as_posix()}") for f in found]
        elif p.exists() or p.is_symlink():
            files.append(InputFile(p, _display(p)))
        elif any(ch in raw for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            kept = [m for m in matched if not _inside(m, skip) and not is_build_folder(m.parent)]
            if not kept:
                errors.append(InputError(raw, "no file matches this pattern"))
            files += [InputFile(m, _display(m)) for m in kept]
        else:
            errors.append(InputError(raw, "no such file"))
    seen: set[Path] = set()
    names: set[str] = set()
    unique = []
    for f in files:
        key = f.path.resolve()
        if key in seen:
            continue
        seen.add(key)
        name = f.name if f.name not in names else key.as_posix()  # two arguments naming alike: the full path
        names.add(name)
        unique.append(InputFile(f.path, name))
    return unique, errors
