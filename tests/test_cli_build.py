"""The build command's error handling: one clear line per bad file, never a traceback."""

from __future__ import annotations

from click.testing import CliRunner

from ycgraph.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_bad_files_are_reported_and_good_ones_still_build(tmp_path, sample_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café".encode("latin-1"))
    out = tmp_path / "out"
    result = run("build", str(binary), str(empty), str(latin), str(tmp_path / "missing.txt"), str(sample_path),
                 "-o", str(out))
    assert result.exit_code == 1
    err = result.output
    assert f"{binary}: binary file" in err
    assert f"{empty}: empty file" in err
    assert f"{latin}: not UTF-8 or GB18030 text" in err
    assert "missing.txt: no such file" in err
    assert "Traceback" not in err
    assert (out / "graph.ttl").stat().st_size > 10_000
    assert "5 files, 4 failed" in err


def test_all_good_exits_zero(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("襄阳市委书记王大明\n  力争全年GDP增长7%以上。\n", encoding="utf-8")
    result = run("build", str(article), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "王大明" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_bad_dictionary_is_a_clean_error(tmp_path, sample_path):
    d = tmp_path / "my.dict"
    d.write_text("金鹰集团\tcompany\n", encoding="utf-8")
    result = run("build", str(sample_path), "--dict", str(d), "-o", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert "my.dict:1: unknown kind 'company'" in result.output
    assert "Traceback" not in result.output


def test_user_dictionary_adds_names(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("襄阳市推进汉江明珠工程，弘扬实干精神。\n", encoding="utf-8")
    d = tmp_path / "names.dict"
    d.write_text("汉江明珠工程\tproject\n实干精神\tslogan\n", encoding="utf-8")
    result = run("build", str(article), "--dict", str(d), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "汉江明珠工程" in ttl and "实干精神" in ttl and "user-dictionary" in ttl


def test_the_command_ends_with_its_exit_code_and_every_line_said(tmp_path, sample_path):
    """``ycgraph`` (``cli.run``) skips the interpreter's teardown: its output and exit code must survive that."""
    import subprocess
    import sys

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "ycgraph", "build", str(empty), str(sample_path), "-o", str(out),
                           "--no-cache"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1  # one bad file
    assert f"{empty}: empty file" in done.stderr
    assert done.stderr.rstrip().endswith("wrote 10 files")  # the closing line, flushed before the exit
    assert (out / "graph.html").is_file() and (out / "report.md").is_file()
    again = subprocess.run([sys.executable, "-m", "ycgraph", "build", str(sample_path), "-o", str(out)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "1 file, 0 failed" in again.stderr
    assert subprocess.run([sys.executable, "-m", "ycgraph", "nosuch"], capture_output=True).returncode == 2
