"""节假日安排 from the window: a year without data is offered first, typed in, and used."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from dangjian_desktop.gui.holidays_dialog import HolidaysDialog
from dangjian_desktop.services import calendar as cal
from dangjian_desktop.services import rounds
from tests.gui.typing_helpers import type_text

D = dt.date


def test_typing_a_new_year_and_moving_a_deadline(ctx: Any, qtbot: Any, answers: Any) -> None:
    year = ctx.year
    assert year is not None
    dialog = HolidaysDialog(ctx)
    qtbot.addWidget(dialog)
    missing = ctx.read(lambda s: cal.years_without_holidays(s, year))
    assert missing, "the demo round reaches into a year chinese-calendar does not know"
    assert dialog.year.value() == missing[0]
    assert "没有" in dialog.source.text()

    dialog.days_off.clear()
    type_text(qtbot, dialog.days_off, f"1月1日至{missing[0]}年1月3日 元旦")
    dialog.workdays.setPlainText("1月5日 元旦调休")  # a Tuesday: refused with the reason
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert answers.warnings and "本来就上班" in answers.warnings[-1]
    assert not ctx.read(lambda s: cal.work_calendar(s)).knows(missing[0])

    dialog.workdays.setPlainText("")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    calendar = ctx.read(lambda s: cal.work_calendar(s))
    assert calendar.knows(missing[0])
    assert calendar.day_off_name(D(missing[0], 1, 2)) == "元旦"
    assert "本单位录入" in dialog.source.text()
    assert dialog.revert_button.isEnabled()

    # a deadline on a Sunday is listed and moved to the Monday after it
    sunday = next(D(year + 1, 5, d) for d in range(3, 10) if D(year + 1, 5, d).weekday() == 6)
    ctx.act(
        lambda s: rounds.update_settings(
            s, actor=ctx.actor, first_year=year, dates={"materials_due": sunday}
        )
    )
    dialog._load_due_dates()
    assert "星期日" in dialog.due_label.text()
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert answers.infos and "顺延" in answers.infos[-1]
    assert not dialog.move_button.isEnabled()

    answers.confirms.append(True)
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert not ctx.read(lambda s: cal.work_calendar(s)).knows(missing[0])


def test_the_window_opens_it_from_the_file_menu(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    opened: list[HolidaysDialog] = []
    monkeypatch.setattr(HolidaysDialog, "exec", lambda self: opened.append(self) or 0)
    window.holidays_action.trigger()
    assert opened and opened[0].windowTitle() == "节假日安排"


def test_the_announcement_dialog_counts_holidays(ctx: Any, qtbot: Any) -> None:
    from dangjian_desktop.gui.dates import to_qdate
    from dangjian_desktop.gui.pages.commendation_dialogs import AnnouncementDialog

    calendar = ctx.read(cal.work_calendar)
    dialog = AnnouncementDialog(None, candidates=3, days=5, calendar=calendar)
    qtbot.addWidget(dialog)
    dialog.ui.start_date.setDate(to_qdate(D(2026, 6, 15)))
    assert dialog.ends_on == D(2026, 6, 22)
    assert "2026年6月22日（星期一）" in dialog.ui.end_label.text()
    assert "已扣除端午节假期" in dialog.ui.end_label.text()
