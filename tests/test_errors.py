"""The spec's Errors section, through the command line, with the exact message.

For each kind of error the spec lists: the message (file:line:column, key
path, what was found, what is allowed), exit code 2, no traceback, and no
output written.
"""

import os

import pytest

CASES = {
    "duplicate key": (
        """
        title: A
        subtitle: B
        title: C
        """,
        "{f}:3:1: duplicate key 'title'; allowed: each key once per mapping (first given at line 1)"),
    "tab": (
        "title: A\nbluf:\n\t- x\n",
        "{f}:3:1: found a tab character in the indentation; allowed: spaces only "
        "(YAML does not allow tabs for indentation; put 2 spaces here to go under 'bluf' on "
        "line 2)"),
    "a key indented too far under a value": (
        """
        title: A
        concerns:
          - title: X
              impact: high
        """,
        "{f}:4:7: line 4 is indented 6 spaces, further than 'title' on line 3 (4 spaces), but "
        "'title' already has its value, so nothing can go under it; allowed: 'impact' lined up "
        "with 'title' (4 spaces), or, if line 4 is more of the text of 'title', that whole text "
        "in quotes"),
    "a list item indented less than the one above": (
        """
        title: A
        context:
          - One
          - Two
         - Three
        """,
        "{f}:5:2: line 5 is a list item indented 1 space, less than the item above it on line 4 "
        "(2 spaces), and the items of one list start in the same column; allowed: 2 spaces, "
        "lined up with the list item on line 4"),
    "a key dedented out of its block": (
        """
        title: A
        concerns:
          - title: X
            detail: D
           impact: high
        """,
        "{f}:5:4: line 5 ('impact') is indented 3 spaces, which lines up with no key above it "
        "(the keys of one block start in the same column); allowed: 4 spaces, lined up with "
        "'detail' on line 4, or 0 spaces, lined up with 'concerns' on line 2"),
    "unknown top-level key": (
        """
        title: A
        consterns: [x]
        """,
        "{f}:2:1: consterns: unknown key 'consterns'; allowed: 'kind', 'title', 'subtitle', "
        "'authors', 'organisation', 'date', 'classification', 'language', 'theme', 'yardstick', "
        "'question', 'bluf', 'context', 'figures', 'charts', 'timeline', 'concerns', 'constraints', "
        "'responses', 'outlook', 'objectives', 'sections', 'discussion', 'sources', 'quiz', "
        "'outline', 'keep', 'agenda', 'headlines', 'durations' or 'labels' (did you mean 'concerns'?)"),
    "unknown nested key": (
        """
        title: A
        concerns:
          - title: X
            impcat: high
        """,
        "{f}:4:5: concerns[0].impcat: unknown key 'impcat'; allowed: 'id', 'title', 'detail', "
        "'points', 'impact', 'likelihood', 'evidence', 'notes' or 'source' (did you mean 'impact'?)"),
    "wrong type": (
        """
        title: A
        figures:
          - id: f1
            value: lots
        """,
        "{f}:4:12: figures[0].value: found 'lots'; allowed: a number such as 42 or a range [low, high]"),
    "wrong enum": (
        """
        title: A
        concerns:
          - title: X
          - title: Y
          - title: Z
            impact: severe
        """,
        "{f}:6:13: concerns[2].impact: found 'severe'; allowed: 'low', 'medium', 'high' or 'critical'"),
    "list where text belongs": (
        """
        title: [A, B]
        """,
        "{f}:1:8: title: found a list; allowed: text"),
    "missing title": (
        """
        subtitle: no title here
        """,
        "{f}:1:1: (top level): the key 'title' is missing; allowed: a content file needs 'title' (text)"),
    "unknown yardstick word": (
        """
        title: A
        responses:
          - title: Send troops
            likelihood: probably
        """,
        "{f}:4:17: responses[0].likelihood: found 'probably'; allowed: a word of the phia yardstick "
        "('remote', 'highly unlikely', 'unlikely', 'realistic possibility', 'likely', 'highly likely', "
        "'almost certain' or 'probable') or a probability such as 0.3, '30%' or '25-35%' "
        "(did you mean 'probable', 55–75 %?)"),
    "a phrasing suggested by meaning, not spelling": (
        """
        title: A
        responses:
          - title: Send troops
            likelihood: probably not
        """,
        "{f}:4:17: responses[0].likelihood: found 'probably not'; allowed: a word of the phia "
        "yardstick ('remote', 'highly unlikely', 'unlikely', 'realistic possibility', 'likely', "
        "'highly likely', 'almost certain' or 'probable') or a probability such as 0.3, '30%' or "
        "'25-35%' (did you mean 'unlikely', 25–35 %?)"),
    "word of the other yardstick": (
        """
        title: A
        yardstick: icd203
        responses:
          - title: Send troops
            likelihood: realistic possibility
        """,
        "{f}:5:17: responses[0].likelihood: found 'realistic possibility', which is a UK word "
        "(40–50 %), not a word of the ICD 203 yardstick (icd203) this file uses; allowed: the "
        "nearest ICD 203 word, 'roughly even chance' (45–55 %), or set 'yardstick: phia' at the "
        "top of the file to use UK words"),
    "ICD 203 word on the UK yardstick": (
        """
        title: A
        responses:
          - title: Send troops
            likelihood: very unlikely
        """,
        "{f}:4:17: responses[0].likelihood: found 'very unlikely', which is an ICD 203 word "
        "(5–20 %), not a word of the UK yardstick (phia) this file uses; allowed: the nearest UK "
        "word, 'highly unlikely' (10–20 %), or set 'yardstick: icd203' at the top of the file to "
        "use ICD 203 words"),
    "text with ': ' in a list item": (
        """
        title: A
        outlook:
          - Graham's verdict: Manila holds the legal high ground
        """,
        "{f}:3:5: outlook[0]: this line has ': ' in the middle, so YAML read 'Graham's verdict' "
        "as a key; put the whole text in quotes: - \"Graham's verdict: Manila holds the legal "
        "high ground\""),
    "text with ': ' in an item with a title": (
        """
        title: A
        responses:
          - Send troops: the ROK deploys a "brigade"
        """,
        "{f}:3:5: responses[0]: this line has ': ' in the middle, so YAML read 'Send troops' as "
        "a key; put the whole text in quotes: - 'Send troops: the ROK deploys a \"brigade\"'"),
    "text with ': ' in a list in brackets": (
        """
        title: A
        objectives: [Explain this: the shoal is a rock]
        """,
        "{f}:2:14: objectives[0]: this line has ': ' in the middle, so YAML read 'Explain this' "
        "as a key; put the whole text in quotes: \"Explain this: the shoal is a rock\""),
    "reversed probability range": (
        """
        title: A
        responses:
          - title: X
            likelihood: "60-40%"
        """,
        "{f}:4:17: responses[0].likelihood: found '60-40%', a range whose low end is above its "
        "high end; allowed: a word of the phia yardstick ('remote', 'highly unlikely', 'unlikely', "
        "'realistic possibility', 'likely', 'highly likely', 'almost certain' or 'probable') or a "
        "probability such as 0.3, '30%' or '25-35%'"),
    "dangling evidence id": (
        """
        title: A
        figures:
          - {id: fig-gdp, value: 29}
        concerns:
          - title: X
            evidence: [fig-gpd]
        """,
        "{f}:6:16: concerns[0].evidence[0]: found 'fig-gpd', which is not the id of any figure or "
        "chart; allowed: 'fig-gdp' (did you mean 'fig-gdp'?)"),
    "dangling source id": (
        """
        title: A
        context:
          - text: X
            source: rusi
        """,
        "{f}:4:13: context[0].source: found 'rusi', which is not the id of any source; allowed: "
        "no source ids are defined"),
    "id of the wrong kind": (
        """
        title: A
        sources:
          - {id: s1, title: T}
        sections:
          - title: S
            slides:
              - chart: s1
        """,
        "{f}:7:16: sections[0].slides[0].chart: found 's1', which is the id of a source, not of a "
        "chart; allowed: no chart ids are defined"),
    "duplicate id": (
        """
        title: A
        figures:
          - {id: f1, value: 1}
          - {id: f1, value: 2}
        """,
        "{f}:4:10: figures[1].id: found the id 'f1' a second time; allowed: each id once in the file "
        "(first used at line 3)"),
    "path leaving the folder": (
        """
        title: A
        sections:
          - title: S
            slides:
              - image: ../secret.png
                alt: A picture
        """,
        "{f}:5:16: sections[0].slides[0].image: found the path '../secret.png', which leaves the "
        "content folder; allowed: files inside the folder of the content file"),
    "absolute path": (
        """
        title: A
        charts:
          - id: c1
            data: {csv: /etc/passwd}
        """,
        "{f}:4:17: charts[0].data.csv: found the absolute path '/etc/passwd'; allowed: a path "
        "relative to the content file's folder"),
    "missing file": (
        """
        title: A
        sections:
          - title: S
            slides:
              - image: pictures/none.png
                alt: A picture
        """,
        "{f}:5:16: sections[0].slides[0].image: found the path 'pictures/none.png', but no such "
        "file exists; allowed: an existing file inside the content file's folder"),
    "outline names a block the file lacks": (
        """
        title: A
        context: [x]
        outline: [context, timeline]
        """,
        "{f}:3:20: outline[1]: found 'timeline', but the file has no 'timeline' block; allowed: "
        "blocks the file has"),
    "bad date": (
        """
        title: A
        date: 18 October 2024
        """,
        "{f}:2:7: date: found '18 October 2024'; allowed: a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    "image without alt": (
        """
        title: A
        sections:
          - title: S
            slides:
              - image: pic.png
        """,
        "{f}:5:9: sections[0].slides[0]: the key 'alt' is missing; allowed: an image slide needs "
        "'alt', a sentence saying what the picture shows"),
    "mixed chart data": (
        """
        title: A
        charts:
          - id: c1
            data: {a: 1, b: [1, 2]}
        """,
        "{f}:4:21: charts[0].data.b: found a list among single numbers; allowed: all values "
        "numbers, or all values [low, high] ranges"),
    "series length": (
        """
        title: A
        charts:
          - id: c1
            data:
              categories: [a, b, c]
              series: {one: [1, 2]}
        """,
        "{f}:6:21: charts[0].data.series.one: found 2 values for 3 categories; allowed: one value "
        "per category"),
    "answer not among options": (
        """
        title: A
        quiz:
          questions:
            - type: choice
              prompt: Which?
              options: [Red, Blue]
              answer: Green
        """,
        "{f}:7:15: quiz.questions[0].answer: found 'Green', which is not among the options; "
        "allowed: 'Red' or 'Blue'"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_error_message_exit_code_and_nothing_written(name, write, run, tmp_path):
    text, expected = CASES[name]
    f = write(text)
    (tmp_path / "pic.png").write_bytes(_PNG)
    out = tmp_path / "out"
    code, stdout, stderr = run("build", f, "--out", out)
    lines = stderr.splitlines()
    assert lines[0] == expected.format(f=f)
    assert lines[1] == "1 problem found."
    assert code == 2
    assert "Traceback" not in stderr
    assert not out.exists() or not any(out.rglob("*"))


def test_every_problem_is_listed_at_once(write, run):
    f = write("""
        title: A
        kind: brefing
        figures:
          - {id: f1, value: x}
        concerns:
          - {title: X, impact: hgh, evidence: f2}
        """)
    code, _, stderr = run("validate", f)
    assert code == 2
    assert stderr.splitlines() == [
        f"{f}:2:7: kind: found 'brefing'; allowed: 'briefing' or 'lecture' (did you mean 'briefing'?)",
        f"{f}:4:21: figures[0].value: found 'x'; allowed: a number such as 42 or a range [low, high]",
        f"{f}:6:24: concerns[0].impact: found 'hgh'; allowed: 'low', 'medium', 'high' or 'critical' "
        "(did you mean 'high'?)",
        f"{f}:6:39: concerns[0].evidence: found 'f2', which is not the id of any figure or chart; "
        "allowed: 'f1'",
        "4 problems found.",
    ]


def test_symlink_out_of_the_folder_is_refused(write, run, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.csv"
    outside.write_text("label,value\na,1\n")
    folder = tmp_path / "talk"
    folder.mkdir()
    os.symlink(outside, folder / "data.csv")
    f = folder / "deck.yaml"
    f.write_text("title: A\ncharts:\n  - id: c1\n    data: {csv: data.csv}\n")
    code, _, stderr = run("validate", f)
    assert code == 2
    assert stderr.splitlines()[0] == (
        f"{f}:4:17: charts[0].data.csv: found the path 'data.csv', which leaves the content "
        "folder; allowed: files inside the folder of the content file")


def test_failed_build_leaves_previous_output_untouched(write, run, tmp_path):
    f = write("title: First version\n")
    out = tmp_path / "out"
    assert run("build", f, "--out", out)[0] == 0
    deck = out / "deck" / "deck.pptx"
    before = deck.read_bytes()
    names = sorted(p.name for p in (out / "deck").iterdir())
    write("title: Second version\nkind: nonsense\n")
    code, _, stderr = run("build", f, "--out", out)
    assert code == 2
    assert deck.read_bytes() == before
    # every output of the first build (the deck, the handouts) and nothing else
    assert "deck.pptx" in names
    assert sorted(p.name for p in (out / "deck").iterdir()) == names


def test_unknown_format_lists_the_known_ones(write, run, tmp_path):
    f = write("title: A\n")
    code, _, stderr = run("build", f, "--formats", "pptx,keynote", "--out", tmp_path / "o")
    assert code == 2
    from deckgen.errors import one_of
    from deckgen.build.formats import WRITERS
    assert stderr.splitlines()[0] == (f"--formats: found the format 'keynote'; allowed: "
                                      f"{one_of(WRITERS)}")


# a 1x1 PNG, for image slides
_PNG = bytes.fromhex(   # a whole 1×1 PNG (the loader now checks every chunk's checksum)
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8"
    "ffff3f030008fc02fea79aa0a00000000049454e44ae426082")


def test_a_path_too_long_for_the_file_system_is_a_located_error(write, run, tmp_path):
    (tmp_path / "images").mkdir()
    long_name = "images/" + "x" * 300 + ".png"
    f = write(f"title: A\nsections:\n  - title: S\n    slides:\n      - image: {long_name}\n"
              "        alt: A picture\n")
    code, _, stderr = run("validate", f)
    assert code == 2 and "Traceback" not in stderr
    assert stderr.splitlines()[0] == (
        f"{f}:5:16: sections[0].slides[0].image: found the path '{long_name[:77]}...', which "
        "cannot be used (File name too long); allowed: an existing file inside the content "
        "file's folder")


def test_a_theme_name_too_long_for_the_file_system_is_a_user_error(write, run, tmp_path):
    f = write("title: A\ntheme: '" + "9" * 400 + "'\n")
    code, _, stderr = run("build", f, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2 and "Traceback" not in stderr
    assert "no such theme exists" in stderr.splitlines()[0]


def test_a_misspelt_key_in_a_list_item_is_still_a_misspelt_key(write, run):
    f = write("title: A\ncontext:\n  - txt: One\n")
    code, _, stderr = run("validate", f)
    assert code == 2
    assert stderr.splitlines()[0] == (
        f"{f}:3:5: context[0].txt: unknown key 'txt'; allowed: 'text', 'points', 'notes' or "
        "'source' (did you mean 'text'?)")
