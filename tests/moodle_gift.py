"""A strict reader of Moodle GIFT files, written to Moodle's own import rules.

It follows ``question/format/gift/format.php`` (``readquestions`` and
``readquestion``) step by step rather than matching what deckgen writes:
questions are the blocks between blank lines; comment lines (``//``) are
blanked; ``\\ ~ = # { } :`` and ``\\n`` escapes become placeholders before
parsing and characters after; ``$CATEGORY:`` switches category; ``::name::``
names a question; the answer part is between the first ``{`` and the first
``}``; ``####`` starts general feedback; the type comes from the answer text
(``#`` numerical, ``~`` multichoice, ``=`` with ``->`` matching, ``T``/``F``
true-false, else short answer), and the ordering question type claims
``{>N ...}`` first, as Moodle's plugins do (with the general feedback
already split off, as in Moodle 4.5).

Where Moodle would carry on quietly with something odd, this reader stops:
it raises :class:`GiftError` for a question without a name, text after the
closing brace, a weight that is not on Moodle's grade list, a single-answer
choice without exactly one right answer, and so on.
"""

from __future__ import annotations

import re

GRADES = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0,
          25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0)
_ESCAPED = [("\\:", "&&058;"), ("\\#", "&&035;"), ("\\=", "&&061;"), ("\\{", "&&123;"),
            ("\\}", "&&125;"), ("\\~", "&&126;"), ("\\n", "&&010")]
_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")
_ORDERING = re.compile(
    r"^>\s*(\d+)\s*((?:ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?)\s*"
    r"((?:HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?)\s*"
    r"((?:ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|"
    r"RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|"
    r"RELATIVE_TO_CORRECT|RELATIVE|REL|LONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET)?)\s*"
    r"((?:SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?)\s*((?:none|123|abc|ABCD|iii|IIII)?)\s*"
    r"(.*?)\s*$", re.S)


class GiftError(ValueError):
    """The file would not import into Moodle as written (or would import wrongly)."""


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for esc, ph in _ESCAPED:
        text = text.replace(esc, ph)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for esc, ph in _ESCAPED:
        text = text.replace(ph, "\n" if esc == "\\n" else esc[1])
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end]
        if name in ("moodle", "html", "plain", "markdown"):
            fmt, text = name, text[end + 1:]
    return _post(text).strip(), fmt


def _weight(answer: str) -> tuple[float, str]:
    m = _WEIGHT.match(answer)
    if not m:
        raise GiftError(f"no weight in {answer!r}")
    answer = answer[1:]
    end = answer.index("%")
    pct = float(answer[:end])
    if not any(abs(abs(pct) - g) < 1e-9 for g in GRADES):
        raise GiftError(f"the weight {pct}% is not on Moodle's grade list")
    return pct, answer[end + 1:]


def _comment(answer: str, fmt: str) -> tuple[str, str]:
    bits = answer.split("#", 1)
    text, _ = _with_format(bits[0].strip(), fmt)
    fb = _with_format(bits[1].strip(), fmt)[0] if len(bits) > 1 else ""
    return text, fb


def read_gift(text: str) -> dict:
    """Return ``{"category": ..., "questions": [...]}`` as Moodle would import them."""
    if text.startswith("\ufeff"):
        raise GiftError("a byte-order mark")
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip() in ("", "0"):  # PHP's empty(): "0" counts as blank too
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line.strip())
    if current:
        blocks.append(current)
    category, questions = None, []
    for lines in blocks:
        q = _question(lines)
        if q is None:
            continue
        if q["type"] == "category":
            if category is not None:
                raise GiftError("a second category in one file")
            category = q["category"]
            continue
        q["category"] = category
        questions.append(q)
    return {"category": category, "questions": questions}


def _question(lines: list[str]) -> dict | None:
    idnumber = None
    raw = []
    for line in lines:
        if line.startswith("//"):
            m = re.match(r"^//\s*\[id:([^\]]+)\]\s*$", line)
            if m:
                idnumber = m.group(1)
            raw.append(" ")
        else:
            raw.append(line)
    text = "\n".join(raw).strip()
    if not text:
        return None
    text = _pre(text)
    if text.startswith("$CATEGORY:"):
        cat = text[10:].strip()
        if "&&" in cat:
            raise GiftError(f"an escape in the category {cat!r} (Moodle keeps it raw)")
        return {"type": "category", "category": cat}
    if not text.startswith("::"):
        raise GiftError(f"a question without a ::name:: ({text[:40]!r})")
    text = text[2:]
    end = text.find("::")
    if end < 0:
        raise GiftError("an unterminated ::name")
    name = _post(text[:end]).strip()
    text = text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise GiftError(f"{name}: a description (no answers)")
    if start < 0 or finish < 0 or finish < start:
        raise GiftError(f"{name}: braces do not match")
    if text[finish + 1:].strip():
        raise GiftError(f"{name}: text after the closing brace: {text[finish + 1:]!r}")
    answertext = text[start + 1:finish].strip()
    qtext, fmt = _with_format(text[:start], "moodle")
    general = ""
    sep = answertext.rfind("####")
    if sep >= 0:
        general = _with_format(answertext[sep + 4:], fmt)[0]
        answertext = answertext[:sep].strip()
    q = {"name": name, "idnumber": idnumber, "text": qtext, "format": fmt,
         "generalfeedback": general}
    # The ordering question type (a plugin) is asked first. Moodle 4.5 hands it
    # the question already read (name, text, general feedback after "####")
    # and the answer text after the escape step, which is never undone for
    # the items: "\\\\" is already "\\", and any other escape is a placeholder
    # Moodle would store as it is.
    if answertext.startswith(">"):
        m = _ORDERING.match(answertext)
        if not m:
            raise GiftError(f"{name}: an ordering question Moodle cannot read")
        items = [ln.strip() for ln in m.group(7).split("\n") if ln.strip()]
        if len(items) < 2:
            raise GiftError(f"{name}: an ordering question needs two items")
        bad = [t for t in items if any(ph in t for _, ph in _ESCAPED) or t == "0"]
        if bad:
            raise GiftError(f"{name}: an item Moodle would store changed: {bad[0]!r}")
        q.update(type="ordering", items=items, select=m.group(2), grading=m.group(4))
        return q
    if answertext == "":
        raise GiftError(f"{name}: an essay question")
    if answertext[0] == "#":
        return _numerical(q, answertext[1:])
    if "~" in answertext:
        return _multichoice(q, answertext)
    if "=" in answertext and "->" in answertext:
        return _match(q, answertext)
    check = answertext.split("#", 1)[0].strip() if "#" in answertext else answertext
    if check in ("T", "TRUE", "F", "FALSE"):
        bits = answertext.split("#", 2)
        q.update(type="truefalse", answer=bits[0].strip() in ("T", "TRUE"))
        return q
    return _short(q, answertext)


def _split(answertext: str, sep: str) -> list[str]:
    parts = answertext.split(sep)
    if parts and not parts[0].strip():
        parts = parts[1:]
    return [p.strip() for p in parts]


def _multichoice(q: dict, answertext: str) -> dict:
    single = "=" in answertext
    answers = _split(answertext.replace("=", "~="), "~")
    if len(answers) < 2:
        raise GiftError(f"{q['name']}: fewer than two answers")
    out = []
    for a in answers:
        if a.startswith("="):
            pct, a = 100.0, a[1:]
        elif _WEIGHT.match(a):
            pct, a = _weight(a)
        else:
            pct = 0.0
        text, fb = _comment(a, q["format"])
        out.append((text, pct))
    if single and sum(1 for _, p in out if p == 100) != 1:
        raise GiftError(f"{q['name']}: a single-answer choice needs exactly one right answer")
    if not single and abs(sum(p for _, p in out if p > 0) - 100) > 0.001:
        raise GiftError(f"{q['name']}: the right answers' weights do not add up to 100 %")
    q.update(type="multichoice", single=single, answers=out)
    return q


def _match(q: dict, answertext: str) -> dict:
    answers = _split(answertext, "=")
    if len(answers) < 2:
        raise GiftError(f"{q['name']}: a matching question needs two pairs")
    pairs = []
    for a in answers:
        if "->" not in a:
            raise GiftError(f"{q['name']}: a matching answer without '->': {a!r}")
        left, right = a.split("->", 1)
        pairs.append((_with_format(left.strip(), q["format"])[0], _post(right).strip()))
    q.update(type="match", pairs=pairs)
    return q


def _short(q: dict, answertext: str) -> dict:
    answers = _split(answertext, "=")
    if not answers:
        raise GiftError(f"{q['name']}: a short answer without answers")
    out = []
    for a in answers:
        pct = 100.0
        if _WEIGHT.match(a):
            pct, a = _weight(a)
        text, _ = _comment(a, q["format"])
        out.append((text, pct))
    q.update(type="shortanswer", answers=out)
    return q


def _numerical(q: dict, answertext: str) -> dict:
    if "~" in answertext:
        answertext = answertext[:answertext.index("~")]
    answers = _split(answertext, "=")
    if not answers:
        raise GiftError(f"{q['name']}: a numerical question without answers")
    out = []
    for a in answers:
        pct = 100.0
        if _WEIGHT.match(a):
            pct, a = _weight(a)
        text, _ = _comment(a, q["format"])
        if ".." in text[1:]:
            lo, hi = text.split("..", 1)
            lo, hi = float(lo), float(hi)
            value, tol = (lo + hi) / 2, (hi - lo) / 2
        elif ":" in text[1:]:
            v, t = text.split(":", 1)
            value, tol = float(v), float(t)
        else:
            value, tol = float(text), 0.0
        out.append((value, tol, pct))
    q.update(type="numerical", answers=out)
    return q
