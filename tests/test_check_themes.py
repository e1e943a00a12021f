"""deckgen check on every file in content/ with every built-in theme: nothing to fix."""

import pytest

from deckgen.build.pipeline import build
from deckgen.render.check import check_pptx
from deckgen.theme.theme import builtin_names

from .conftest import CONTENT


@pytest.mark.parametrize("theme", builtin_names())
@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.stem)
def test_check_is_clean(path, theme, tmp_path):
    result = build(path, tmp_path, theme=theme, formats=["pptx"], report=True)
    findings = [f for f in check_pptx(result.files[0]) if f.level in ("error", "warning")]
    assert [f.render(path.name) for f in findings] == []
    assert [n for n in result.fit_notes if n.action == "overflow"] == []
