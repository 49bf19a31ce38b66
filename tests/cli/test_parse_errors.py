"""Bad input to `lineage parse`: one line naming the file (and line), exit 2, never a traceback."""

from click.testing import CliRunner

from lineage_cli.main import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"  \n\n")
    r = run("parse", str(f))
    assert r.exit_code == 2
    assert f"{f}: empty file" in r.output
    assert "Traceback" not in r.output


def test_binary_file_names_the_line(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes("第一行\n第二行\n".encode() + b"\x00\x01\x02binary")
    r = run("parse", str(f))
    assert r.exit_code == 2
    assert f"{f}:3: binary file" in r.output


def test_not_a_disclosure(tmp_path):
    f = tmp_path / "poem.txt"
    f.write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
    r = run("parse", str(f))
    assert r.exit_code == 2
    assert "not a budget disclosure" in r.output
    assert str(f) in r.output


def test_missing_file():
    r = run("parse", "no/such/file.txt")
    assert r.exit_code == 2
    assert "no/such/file.txt: no such file" in r.output


def test_narrative_without_tables(tmp_path):
    # A disclosure heading and explanation text, but the tables are missing.
    f = tmp_path / "text-only.txt"
    f.write_text(
        "某某县科学技术协会 2024 年部门预算情况说明\n"
        "一、收支预算情况说明\n"
        "某某县科学技术协会2024年收入预算367.12万元。\n",
        encoding="utf-8",
    )
    r = run("parse", str(f))
    assert r.exit_code == 2
    assert "budget tables missing" in r.output
