"""QTI 1.2 export, as Canvas imports it (Settings > Import course content > QTI .zip).

The zip holds ``imsmanifest.xml`` (an IMS content package whose resources
name every file), the assessment ``<id>/<id>.xml`` (``questestinterop``
with one ``<item>`` per question, each tagged with Canvas's
``question_type``) and Canvas's ``<id>/assessment_meta.xml`` (quiz title,
points, whether to shuffle answers).

Canvas's classic quizzes have no ordering type; Canvas itself turns QTI
order interactions into matching questions, each item matched to its place,
and so does this writer (with a note). Identifiers are derived from the
content name and question ids and the zip entries carry a fixed date, so
the same quiz gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from deckgen.content.markup import plain
from deckgen.quiz.common import Note, label, number
from deckgen.quiz.html import to_html
from deckgen.quiz.model import QuizBuild, QuizQuestion

NS_QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
NS_CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
_CANVAS = {"choice": "multiple_choice_question", "true-false": "true_false_question",
           "multi": "multiple_answers_question", "numeric": "numerical_question",
           "short": "short_answer_question", "match": "matching_question",
           "order": "matching_question"}
_DATE = (1980, 1, 1, 0, 0, 0)


def ident(*parts: str) -> str:
    """Return a stable QTI identifier from its parts."""
    return "g" + hashlib.sha1(":".join(parts).encode("utf-8")).hexdigest()[:31]


def write_qti(quiz: QuizBuild) -> tuple[bytes, list[Note]]:
    """Return the QTI zip of the quiz (version 1) and notes on what was changed."""
    notes: list[Note] = []
    aid = ident(quiz.name, "assessment")
    items = []
    for n, q in enumerate(quiz.questions, start=1):
        if q.type == "order":
            notes.append(Note("qti", f"question {n} ({q.id}, order)", "Canvas quizzes have no "
                              "ordering question; it is a matching question instead, each item "
                              "matched to its place (1 = first)"))
        items.append(_item(quiz, q, n))
    files = {
        "imsmanifest.xml": manifest(quiz, aid),
        f"{aid}/{aid}.xml": _assessment(quiz, aid, items),
        f"{aid}/assessment_meta.xml": _meta(quiz, aid),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue(), notes


def manifest(quiz: QuizBuild, aid: str) -> str:
    """Return ``imsmanifest.xml``: the package and the two files of the assessment."""
    did = ident(quiz.name, "meta")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident(quiz.name, 'manifest')}" xmlns="{NS_CP}" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title>
          <imsmd:string>{escape(quiz.title)}</imsmd:string>
        </imsmd:title>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="{aid}" type="imsqti_xmlv1p2">
      <file href="{aid}/{aid}.xml"/>
      <dependency identifierref="{did}"/>
    </resource>
    <resource identifier="{did}" type="associatedcontent/imscc_xmlv1p1/learning-application-resource" href="{aid}/assessment_meta.xml">
      <file href="{aid}/assessment_meta.xml"/>
    </resource>
  </resources>
</manifest>
"""


def _meta(quiz: QuizBuild, aid: str) -> str:
    total = sum(q.points for q in quiz.questions)
    shuffle = "true" if all(q.shuffle for q in quiz.questions
                            if q.type in ("choice", "multi")) else "false"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz identifier="{aid}" xmlns="http://canvas.instructure.com/xsd/cccv1p0">
  <title>{escape(quiz.title)}</title>
  <description>{escape(to_html(quiz.deck_title))}</description>
  <shuffle_answers>{shuffle}</shuffle_answers>
  <scoring_policy>keep_highest</scoring_policy>
  <quiz_type>assignment</quiz_type>
  <points_possible>{number(float(total))}</points_possible>
  <show_correct_answers>true</show_correct_answers>
  <allowed_attempts>1</allowed_attempts>
  <one_question_at_a_time>false</one_question_at_a_time>
  <cant_go_back>false</cant_go_back>
  <available>false</available>
</quiz>
"""


def _assessment(quiz: QuizBuild, aid: str, items: list[str]) -> str:
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<questestinterop xmlns="{NS_QTI}">\n'
            f"  <assessment ident=\"{aid}\" title={quoteattr(quiz.title)}>\n"
            "    <qtimetadata>\n      <qtimetadatafield>\n"
            "        <fieldlabel>cc_maxattempts</fieldlabel>\n"
            "        <fieldentry>1</fieldentry>\n      </qtimetadatafield>\n"
            "    </qtimetadata>\n    <section ident=\"root_section\">\n")
    return head + "".join(items) + "    </section>\n  </assessment>\n</questestinterop>\n"


def _mat(html: str, indent: int, texttype: str = "text/html") -> str:
    pad = " " * indent
    return (f"{pad}<material>\n{pad}  <mattext texttype=\"{texttype}\">{escape(html)}</mattext>\n"
            f"{pad}</material>\n")


def _item(quiz: QuizBuild, q: QuizQuestion, n: int) -> str:
    iid = ident(quiz.name, q.id)
    prompt = to_html(q.prompt)
    if q.type == "order":
        prompt += " <em>Match each item to its place in the order: 1 is the first.</em>"
    labels = _labels(q, n)
    meta = [("question_type", _CANVAS[q.type]), ("points_possible", number(float(q.points))),
            ("original_answer_ids", ",".join(labels)),
            ("assessment_question_identifierref", ident(quiz.name, q.id, "ref"))]
    out = [f"      <item ident=\"{iid}\" title={quoteattr(label(q, n))}>\n",
           "        <itemmetadata>\n          <qtimetadata>\n"]
    for k, v in meta:
        out.append(f"            <qtimetadatafield>\n              <fieldlabel>{k}</fieldlabel>\n"
                   f"              <fieldentry>{escape(v)}</fieldentry>\n"
                   "            </qtimetadatafield>\n")
    out.append("          </qtimetadata>\n        </itemmetadata>\n        <presentation>\n")
    out.append(_mat(prompt, 10))
    out.append(_presentation(q, labels, n))
    out.append("        </presentation>\n        <resprocessing>\n          <outcomes>\n"
               "            <decvar maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" "
               "vartype=\"Decimal\"/>\n          </outcomes>\n")
    if q.explanation:
        out.append("          <respcondition continue=\"Yes\">\n            <conditionvar>\n"
                   "              <other/>\n            </conditionvar>\n"
                   "            <displayfeedback feedbacktype=\"Response\" linkrefid=\"general_fb\"/>\n"
                   "          </respcondition>\n")
    out.append(_scoring(q, labels, n))
    out.append("        </resprocessing>\n")
    if q.explanation:
        out.append("        <itemfeedback ident=\"general_fb\">\n          <flow_mat>\n"
                   + _mat(to_html(q.explanation), 12) + "          </flow_mat>\n"
                   "        </itemfeedback>\n")
    out.append("      </item>\n")
    return "".join(out)


def _pairs(q: QuizQuestion) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Return (lefts, rights in display order, right pairs) of a match or converted order."""
    if q.type == "order":
        rights = [str(k) for k in range(1, len(q.answer) + 1)]
        pairs = [(item, str(q.answer.index(item) + 1)) for item in q.options]
        return list(q.options), rights, pairs
    return list(q.lefts), list(q.options), list(q.answer)


def _labels(q: QuizQuestion, n: int) -> list[str]:
    """Return the response-label identifiers: one per option, or per right-hand choice."""
    if q.type in ("match", "order"):
        return [str(100000 + 1000 * n + k) for k in range(len(_pairs(q)[1]))]
    if q.type in ("choice", "multi", "true-false"):
        return [str(1000 * n + k) for k in range(len(q.options))]
    return []


def _presentation(q: QuizQuestion, labels: list[str], n: int) -> str:
    if q.type in ("choice", "multi", "true-false"):
        card = "Multiple" if q.type == "multi" else "Single"
        shuffle = "Yes" if q.shuffle and q.type != "true-false" else "No"
        out = [f"          <response_lid ident=\"response1\" rcardinality=\"{card}\">\n",
               f"            <render_choice shuffle=\"{shuffle}\">\n"]
        for lab, o in zip(labels, q.options):
            out.append(f"              <response_label ident=\"{lab}\">\n" + _mat(to_html(o), 16)
                       + "              </response_label>\n")
        out.append("            </render_choice>\n          </response_lid>\n")
        return "".join(out)
    if q.type in ("numeric", "short"):
        fib = ' fibtype="Decimal"' if q.type == "numeric" else ""
        return ("          <response_str ident=\"response1\" rcardinality=\"Single\">\n"
                f"            <render_fib{fib}>\n"
                "              <response_label ident=\"answer1\" rshuffle=\"No\"/>\n"
                "            </render_fib>\n          </response_str>\n")
    lefts, rights, _ = _pairs(q)
    out = []
    for k, left in enumerate(lefts):
        out.append(f"          <response_lid ident=\"response_{1000 * n + k}\">\n"
                   + _mat(plain(left), 12, "text/plain") + "            <render_choice>\n")
        for lab, right in zip(labels, rights):
            out.append(f"              <response_label ident=\"{lab}\">\n"
                       + _mat(plain(right), 16, "text/plain") + "              </response_label>\n")
        out.append("            </render_choice>\n          </response_lid>\n")
    return "".join(out)


def _cond(body: str, score: str, action: str = "Set") -> str:
    return ("          <respcondition continue=\"No\">\n            <conditionvar>\n"
            f"{body}            </conditionvar>\n"
            f"            <setvar action=\"{action}\" varname=\"SCORE\">{score}</setvar>\n"
            "          </respcondition>\n")


def _scoring(q: QuizQuestion, labels: list[str], n: int) -> str:
    if q.type in ("choice", "true-false"):
        lab = labels[q.options.index(next(o for o in q.options if q.is_correct(o)))]
        return _cond(f"              <varequal respident=\"response1\">{lab}</varequal>\n", "100")
    if q.type == "multi":
        parts = []
        for lab, o in zip(labels, q.options):
            eq = f"<varequal respident=\"response1\">{lab}</varequal>"
            parts.append(f"                {eq}\n" if q.is_correct(o)
                         else f"                <not>{eq}</not>\n")
        return _cond("              <and>\n" + "".join(parts) + "              </and>\n", "100")
    if q.type == "numeric":
        a = q.answer
        if a.exact:
            body = (f"              <or>\n                <varequal respident=\"response1\">"
                    f"{number(a.value)}</varequal>\n                <and>\n"
                    f"                  <vargte respident=\"response1\">{number(a.low)}</vargte>\n"
                    f"                  <varlte respident=\"response1\">{number(a.high)}</varlte>\n"
                    "                </and>\n              </or>\n")
        else:
            body = (f"              <vargte respident=\"response1\">{number(a.low)}</vargte>\n"
                    f"              <varlte respident=\"response1\">{number(a.high)}</varlte>\n")
        return _cond(body, "100")
    if q.type == "short":
        # Conditions side by side in a <conditionvar> must all hold (QTI 1.2), and
        # Canvas's converter writes them as <and>: two accepted answers would
        # mean no answer is ever right. Any one of them is written as <or>.
        body = "".join(f"                <varequal respident=\"response1\">{escape(plain(t))}"
                       "</varequal>\n" for t in q.answer)
        if len(q.answer) > 1:
            body = "              <or>\n" + body + "              </or>\n"
        else:
            body = body[2:]
        return _cond(body, "100")
    lefts, rights, pairs = _pairs(q)
    # Each right pair adds its share of 100, in hundredths that add up to 100
    # exactly (33.33 three times would make full marks 99.99).
    cents = [10000 // len(pairs)] * len(pairs)
    cents[-1] += 10000 - sum(cents)
    out = []
    for k, (left, right) in enumerate(pairs):
        lab = labels[rights.index(right)]
        body = f"              <varequal respident=\"response_{1000 * n + k}\">{lab}</varequal>\n"
        share = f"{cents[k] / 100:.2f}"
        out.append(_cond(body, share, "Add").replace('continue="No"', 'continue="Yes"'))
    return "".join(out)
