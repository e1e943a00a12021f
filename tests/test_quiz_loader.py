"""Quiz questions are checked at load: the exact message a user sees for each mistake."""

import pytest

CASES = {
    "multi without a right answer": (
        """
        title: A
        quiz:
          questions:
            - type: multi
              prompt: Which?
              options: [Red, Blue]
              answer: []
        """,
        "{f}:7:15: quiz.questions[0].answer: found no right answer; allowed: a list of one or "
        "more options' texts"),
    "multi answer not among the options": (
        """
        title: A
        quiz:
          questions:
            - type: multi
              prompt: Which?
              options: [Red, Blue, Green]
              answer: [Red, Bleu]
        """,
        "{f}:7:21: quiz.questions[0].answer[1]: found 'Bleu', which is not among the options; "
        "allowed: 'Red', 'Blue' or 'Green' (did you mean 'Blue'?)"),
    "multi answer twice": (
        """
        title: A
        quiz:
          questions:
            - type: multi
              prompt: Which?
              options: [Red, Blue, Green]
              answer: [Red, Red]
        """,
        "{f}:7:21: quiz.questions[0].answer[1]: found 'Red' twice; allowed: each right option "
        "once"),
    "order differs from options": (
        """
        title: A
        quiz:
          questions:
            - type: order
              prompt: In order?
              options: [First, Second, Third]
              answer: [First, Secnd, Third]
        """,
        "{f}:7:15: quiz.questions[0].answer: found an order whose items differ from the "
        "options ('Secnd' is not an option; 'Second' missing); allowed: the options, each once, "
        "in the right order (did you mean 'Second'?)"),
    "order with an item twice": (
        """
        title: A
        quiz:
          questions:
            - type: order
              prompt: In order?
              options: [First, Second, Third]
              answer: [First, First, Third]
        """,
        "{f}:7:15: quiz.questions[0].answer: found an order whose items differ from the "
        "options ('First' twice; 'Second' missing); allowed: the options, each once, in the "
        "right order"),
    "numeric range reversed": (
        """
        title: A
        quiz:
          questions:
            - type: numeric
              prompt: How many?
              answer: [75, 74]
        """,
        "{f}:6:15: quiz.questions[0].answer: found the range [75, 74]; allowed: low end first, "
        "[low, high]"),
    "choice answer not among options": (
        """
        title: A
        quiz:
          questions:
            - type: choice
              prompt: Which?
              options: [Red, Blue]
              answer: Bleu
        """,
        "{f}:7:15: quiz.questions[0].answer: found 'Bleu', which is not among the options; "
        "allowed: 'Red' or 'Blue' (did you mean 'Blue'?)"),
    "the same option twice": (
        """
        title: A
        quiz:
          questions:
            - type: choice
              prompt: Which?
              options: [Red, Blue, Red]
              answer: Red
        """,
        "{f}:6:16: quiz.questions[0].options: found 'Red' twice; allowed: different options"),
    "true-false with other options": (
        """
        title: A
        quiz:
          questions:
            - type: true-false
              prompt: Sure?
              options: [Yes, No]
              answer: true
        """,
        "{f}:6:16: quiz.questions[0].options: found 'Yes' or 'No'; allowed: 'True' and 'False', "
        "or no options"),
    "options on a numeric question": (
        """
        title: A
        quiz:
          questions:
            - type: numeric
              prompt: How many?
              options: [1, 2]
              answer: 2
        """,
        "{f}:6:16: quiz.questions[0].options: found options for a 'numeric' question; allowed: "
        "options only for 'choice', 'multi', 'true-false' and 'order' questions"),
    "no marks": (
        """
        title: A
        quiz:
          questions:
            - type: short
              prompt: Name it.
              answer: x
              points: 0
        """,
        "{f}:7:15: quiz.questions[0].points: found 0; allowed: a number of marks above 0"),
    "a choice with one option": (
        """
        title: A
        quiz:
          questions:
            - type: choice
              prompt: Which?
              options: [Red]
              answer: Red
        """,
        "{f}:4:7: quiz.questions[0]: found 1 options; allowed: a 'choice' question needs at "
        "least two options"),
    "a match that is not a mapping": (
        """
        title: A
        quiz:
          questions:
            - type: match
              prompt: Match.
              answer: [a, b]
        """,
        "{f}:6:15: quiz.questions[0].answer: found a list; allowed: a mapping of at least two "
        "pairs {{left: right}}"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_question_mistake_message(name, write, run):
    text, expected = CASES[name]
    f = write(text)
    code, _, stderr = run("validate", f)
    assert code == 2
    assert stderr.splitlines()[0] == expected.format(f=f)
    assert stderr.splitlines()[1] == "1 problem found."


def test_a_fine_quiz_validates(write, run):
    f = write("""
        title: A
        quiz:
          questions:
            - {type: true-false, prompt: Sure?, options: [False, True], answer: no}
            - {type: order, prompt: In order?, answer: [a, b, c]}
            - {type: multi, prompt: Which?, options: [a, b, c], answer: [a, c], points: 1.5}
        """)
    code, out, err = run("validate", f)
    assert (code, err) == (0, "")
