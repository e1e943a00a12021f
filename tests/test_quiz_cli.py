"""`deckgen quiz` and the quiz formats of `deckgen build`."""

import pytest

from .conftest import BRIEFING, SPEC_ONLY

MINIMAL = next(p for p in SPEC_ONLY if p.stem == "minimal")


def test_quiz_help_has_examples(run, capsys):
    with pytest.raises(SystemExit) as info:
        run("quiz", "--help")
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--variants N" in out and "--seed S" in out and "--format LIST" in out
    assert "deckgen quiz " in out.split("examples:")[1]


def test_quiz_writes_only_the_formats_asked_for(run, tmp_path):
    code, out, err = run("quiz", BRIEFING, "--out", tmp_path, "--format", "gift,moodle")
    folder = tmp_path / "south-korea-briefing"
    assert code == 0
    assert out.splitlines() == [f"wrote {folder / 'south-korea-briefing.gift.txt'}",
                                f"wrote {folder / 'south-korea-briefing-moodle.xml'}"]
    assert sorted(p.name for p in folder.iterdir()) == ["south-korea-briefing-moodle.xml",
                                                       "south-korea-briefing.gift.txt"]
    # changes made to fit GIFT are reported, each with the file they concern
    assert err.splitlines()[0] == (
        f"note: {BRIEFING}: gift: questions 1 (q1, choice), 8 (q8, choice) and 9 "
        "(gen-figure-fig-supply-value, choice): GIFT cannot keep the choices in their order: "
        "untick 'Shuffle the choices' in Moodle")


def test_quiz_variants_and_seed(run, tmp_path):
    code, out, _ = run("quiz", BRIEFING, "--out", tmp_path, "--format", "pdf", "--variants", "2",
                       "--seed", "9")
    assert code == 0
    names = [line.rsplit("/", 1)[1] for line in out.splitlines()]
    assert names == ["south-korea-briefing-quiz.pdf", "south-korea-briefing-quiz-key.pdf",
                     "south-korea-briefing-quiz-v2.pdf", "south-korea-briefing-quiz-v2-key.pdf"]


def test_quiz_unknown_format_is_a_located_error(run, tmp_path):
    code, out, err = run("quiz", BRIEFING, "--out", tmp_path, "--format", "pdf,pfd")
    assert code == 2
    assert err.splitlines()[0] == ("--format: found the format 'pfd'; allowed: 'pdf', 'docx', "
                                   "'gift', 'moodle' or 'qti' (did you mean 'pdf'?)")
    assert not (tmp_path / "south-korea-briefing").exists()


def test_quiz_variants_out_of_range(run, tmp_path):
    code, _, err = run("quiz", BRIEFING, "--out", tmp_path, "--variants", "0")
    assert code == 2
    assert err.splitlines()[0] == "--variants: found 0; allowed: a number of versions from 1 to 26"


def test_quiz_for_a_file_without_a_quiz_says_so_and_writes_nothing(run, tmp_path):
    code, out, err = run("quiz", MINIMAL, "--out", tmp_path)
    assert code == 0 and out == ""
    assert err.startswith(f"note: {MINIMAL}: no quiz written: the file has no quiz questions")
    assert not any(tmp_path.rglob("*.*"))


def test_quiz_of_a_broken_file_writes_nothing(run, write, tmp_path):
    f = write("""
        title: A
        quiz:
          questions:
            - {type: choice, prompt: Which?, options: [a, b], answer: c}
        """)
    code, out, err = run("quiz", f, "--out", tmp_path / "o")
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == f"deckgen: no quiz was written for {f}."
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").rglob("*.*"))


def test_build_writes_the_quiz_next_to_the_deck(run, tmp_path):
    code, out, err = run("build", BRIEFING, "--out", tmp_path,
                         "--formats", "pptx,quiz-pdf,gift,qti")
    folder = tmp_path / "south-korea-briefing"
    assert code == 0 and err == ""
    assert [line.split(" ")[1].rsplit("/", 1)[1] for line in out.splitlines()] == [
        "south-korea-briefing.pptx", "south-korea-briefing-quiz.pdf",
        "south-korea-briefing-quiz-key.pdf", "south-korea-briefing.gift.txt",
        "south-korea-briefing-qti.zip"]
    assert (folder / "south-korea-briefing-qti.zip").stat().st_size > 0


def test_build_of_a_file_without_a_quiz_notes_it_once(run, tmp_path):
    code, out, err = run("build", MINIMAL, "--out", tmp_path,
                         "--formats", "pptx,quiz-pdf,quiz-docx,gift,moodle,qti")
    assert code == 0
    assert [p.name for p in (tmp_path / "minimal").iterdir()] == ["minimal.pptx"]
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == [f"note: {MINIMAL}: no quiz written: the file has no quiz questions and "
                     "there is nothing to generate questions from (figures, concerns, "
                     "constraints, responses with likelihoods, key judgements or a timeline)"]
