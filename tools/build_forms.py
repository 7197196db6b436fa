"""`make forms`: compile every Qt Designer form in ui/ into gui/forms/ui_<name>.py.

The compiled files are generated: edit the .ui in Qt Designer, then run this. A test fails when a
compiled form and its .ui disagree. A developer's tool: not part of the installed program.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "src" / "dangjian_desktop" / "gui" / "forms"
HEADER = "# Generated from ui/{name} by `make forms` (pyside6-uic). Do not edit by hand.\n"


def _uic() -> list[str]:
    beside = Path(sys.executable).with_name("pyside6-uic")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    raise SystemExit("找不到 pyside6-uic：请先安装 PySide6（make forms 会用 .venv 里的）。")


def compile_form(ui_file: Path) -> str:
    """The Python text for one form: uic's output under our header, uic's own comments dropped."""
    out = subprocess.run(
        [*_uic(), "-g", "python", str(ui_file)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    body = [line for line in out.splitlines() if not line.startswith("#")]
    while body and not body[0].strip():
        body.pop(0)
    return HEADER.format(name=ui_file.name) + "\n" + "\n".join(body) + "\n"


def target_for(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main() -> int:
    FORMS_DIR.mkdir(exist_ok=True)
    (FORMS_DIR / "__init__.py").touch()
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target_for(ui_file).write_text(compile_form(ui_file), encoding="utf-8")
        print(f"{ui_file.name} → {target_for(ui_file).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
