"""Every Qt Designer form in ui/ has an up-to-date compiled module in gui/forms/ (`make forms`)."""

from __future__ import annotations

from pathlib import Path

import build_forms  # tools/build_forms.py, on the tests' path (pyproject.toml)
import pytest

FORMS = sorted(build_forms.UI_DIR.glob("*.ui"))


def test_there_are_forms() -> None:
    assert len(FORMS) >= 10


@pytest.mark.parametrize("ui_file", FORMS, ids=[f.stem for f in FORMS])
def test_compiled_form_matches_its_ui_file(ui_file: Path) -> None:
    target = build_forms.target_for(ui_file)
    assert target.exists(), f"{target.name} is missing: run `make forms`"
    assert target.read_text(encoding="utf-8") == build_forms.compile_form(ui_file), (
        f"{target.name} is out of date with ui/{ui_file.name}: run `make forms`"
    )


def test_no_compiled_form_without_its_ui_file() -> None:
    stems = {f.stem for f in FORMS}
    for compiled in build_forms.FORMS_DIR.glob("ui_*.py"):
        assert compiled.stem.removeprefix("ui_") in stems, f"{compiled.name} has no ui/ source"
