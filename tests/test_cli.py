"""The command line: help with examples, validate, build, exit codes."""

import subprocess
import sys

import pytest

from .conftest import BRIEFING, CONTENT


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["validate", "--help"]])
def test_help_explains_itself_with_an_example(run, args, capsys):
    with pytest.raises(SystemExit) as info:
        run(*args)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "deckgen " in out.split("examples:")[1]


def test_no_command_prints_help(run):
    code, out, _ = run()
    assert code == 2 and "usage: deckgen" in out


def test_validate_ok(run):
    code, out, err = run("validate", *CONTENT)
    assert code == 0
    assert out.splitlines() == [f"{p}: ok" for p in CONTENT]


def test_build_writes_the_deck(run, tmp_path):
    code, out, err = run("build", BRIEFING, "--out", tmp_path)
    target = tmp_path / "south-korea-briefing" / "south-korea-briefing.pptx"
    assert code == 0, err
    assert target.exists()
    assert out.startswith(f"wrote {target} (")
    assert err == ""


def test_one_bad_file_does_not_stop_the_others(run, write, tmp_path):
    bad = write("title: [x]\n", "bad.yaml")
    code, out, err = run("build", bad, BRIEFING, "--out", tmp_path / "o")
    assert code == 2
    assert (tmp_path / "o" / "south-korea-briefing" / "south-korea-briefing.pptx").exists()
    assert not (tmp_path / "o" / "bad").exists() or not any((tmp_path / "o" / "bad").iterdir())
    assert f"deckgen: {bad} was not built; nothing was written for it." in err


def test_installed_command_runs(tmp_path):
    done = subprocess.run([sys.executable, "-m", "deckgen", "validate", str(BRIEFING)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip().endswith(": ok")
