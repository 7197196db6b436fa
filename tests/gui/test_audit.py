"""操作日志 over demo data: filters, read-only view, old → new details, the chain check, speed."""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton
from typing_helpers import type_text

from dangjian_desktop.services import audit_log
from dangjian_desktop.services.township import save_township


def _audit(window: Any) -> Any:
    return window.show_page("audit")


def _rows(page: Any) -> list[Any]:
    return list(page.model.rows)


def _pick(combo: Any, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def test_newest_first_and_a_new_change_appears_on_top(window: Any, ctx: Any) -> None:
    page = _audit(window)
    rows = _rows(page)
    assert rows and page.result.total == len(rows)
    shown = [
        page.proxy.data(page.proxy.index(r, 0), Qt.ItemDataRole.UserRole + 1).id for r in (0, 1)
    ]
    assert shown[0] > shown[1]
    ctx.act(lambda s: save_township(s, actor=ctx.actor, contact_person="岩温"))
    top = page.proxy.data(page.proxy.index(0, 0), Qt.ItemDataRole.UserRole + 1)
    assert (top.operator, top.action_name, top.summary) == ("李丽华", "修改", "修改本镇信息")
    assert top.object_name.startswith("本镇信息")


def test_filters_narrow_the_rows(window: Any, qtbot: Any) -> None:
    page = _audit(window)
    everything = page.result.total
    _pick(page.operator, "王晓燕")
    rows = _rows(page)
    assert 0 < len(rows) < everything
    assert {r.operator for r in rows} == {"王晓燕"}
    _pick(page.action, "登记收到")
    rows = _rows(page)
    assert rows and {r.action for r in rows} == {"receive"}
    receipts = len(rows)
    _pick(page.object_type, "实施方案")
    rows = _rows(page)
    assert rows and {r.object_type for r in rows} == {"plan"} and len(rows) < receipts
    type_text(qtbot, page.text, "石龙社区")
    qtbot.waitUntil(lambda: all("石龙社区" in r.summary for r in _rows(page)))
    assert 0 < len(_rows(page)) < len(rows)
    assert page.count_label.text() == f"共 {len(_rows(page))} 条"
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.result.total == everything
    assert page.operator.currentIndex() == 0 and not page.text.text()
    # nothing matches: the page says so and its button clears the filter
    assert not page.empty.isVisible()
    type_text(qtbot, page.text, "没有这样的内容")
    qtbot.waitUntil(lambda: page.result.total == 0)
    assert page.empty.isVisible() and "没有符合筛选条件的记录" in page.empty.text()
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    assert page.result.total == everything and not page.empty.isVisible()


def test_date_range_filters(window: Any) -> None:
    page = _audit(window)
    everything = page.result.total
    page.date_from.setDate(page.date_to.date().addDays(1))
    assert page.result.total == 0
    page.date_from.setDate(page.date_to.date().addYears(-5))
    assert page.result.total == everything


def test_the_log_cannot_be_edited_or_deleted(window: Any, qtbot: Any) -> None:
    page = _audit(window)
    view = page.view
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for column in range(page.proxy.columnCount()):
        flags = page.proxy.flags(page.proxy.index(0, column))
        assert not flags & Qt.ItemFlag.ItemIsEditable
    before = page.result.total
    view.selectRow(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() != QAbstractItemView.State.EditingState
    page.refresh()
    assert page.result.total == before
    buttons = [b.text() for b in page.findChildren(QPushButton)]
    assert not any(word in text for text in buttons for word in ("删除", "修改", "编辑"))


def test_selected_entry_shows_old_and_new_in_chinese(window: Any, qtbot: Any) -> None:
    page = _audit(window)
    _pick(page.object_type, "半年书面汇报")
    _pick(page.action, "修改")
    page.view.selectRow(0)
    line = page.current()
    assert line is not None and line.old and line.new
    text = page.details.toPlainText()
    assert line.summary in text
    assert "状态" in text and "修改前" in text and "修改后" in text
    assert "已收到" in text and "已审核通过" in text
    assert "received" not in text


def test_verify_shows_intact_then_the_tampered_entry(window: Any, ctx: Any, qtbot: Any) -> None:
    page = _audit(window)
    assert "还没有校验" in page.check_label.text()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "完好" in page.check_label.text(), timeout=10000)
    assert page.check_label.text().startswith("操作日志校验：完好")

    con = sqlite3.connect(ctx.db.path)
    with con:
        con.execute("UPDATE auditentry SET summary = '被人改过的内容' WHERE id = 5")
    con.close()
    qtbot.waitUntil(lambda: page.check_button.isEnabled())
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "被改动" in page.check_label.text(), timeout=10000)
    assert page.check_label.text().startswith("操作日志校验：第5条被改动")


def test_a_big_log_shows_the_latest_entries_and_says_it_is_limited(window: Any, ctx: Any) -> None:
    page = _audit(window)
    con = sqlite3.connect(ctx.db.path)
    with con:
        con.executemany(
            "INSERT INTO auditentry (at, operator, action, object_type, object_id, summary, "
            "old, new, reason, prev_hash, hash) VALUES (?, '王晓燕', 'update', 'member', ?, ?, "
            "'', '', '', '', '')",
            [("2026-11-02 08:00:00.000000", i % 240, f"修改党员信息{i}") for i in range(50_000)],
        )
    con.close()
    page.refresh()
    assert page.model.rowCount() == audit_log.PAGE_SIZE
    assert f"显示最近{audit_log.PAGE_SIZE}条" in page.count_label.text()
    assert page.more_button.isVisible()
    newest = [line.id for line in page.model.rows]
    page.more_button.click()  # the next page: older entries, none twice, none skipped
    assert page.model.rowCount() == 2 * audit_log.PAGE_SIZE
    ids = [line.id for line in page.model.rows]
    con = sqlite3.connect(ctx.db.path)
    expected = [
        row[0]
        for row in con.execute(
            "SELECT id FROM auditentry ORDER BY at DESC, id DESC LIMIT ?",
            (2 * audit_log.PAGE_SIZE,),
        )
    ]
    con.close()
    assert ids[: audit_log.PAGE_SIZE] == newest and ids == expected
    _pick(page.object_type, "本镇信息")
    total = page.result.total
    assert total < audit_log.PAGE_SIZE and page.count_label.text() == f"共 {total} 条"
    assert not page.more_button.isVisible()


def test_audit_model(window: Any, qtmodeltester: Any) -> None:
    page = _audit(window)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_a_long_change_is_read_only_when_its_entry_is_looked_at(window: Any, ctx: Any) -> None:
    """A whole score sheet's old and new values (hundreds of kilobytes at county scale) are not
    kept with the page of the list; selecting the entry reads and shows them."""
    from dangjian_desktop.services.common import get_branch, log

    scores = {f"第{i}项": f"{i % 10}.5" for i in range(600)}

    def write(s: Any) -> None:
        branch = get_branch(s, 1)
        log(
            s,
            ctx.actor,
            "update",
            branch,
            "修改石龙村党总支的评分",
            old={"name": branch.name, **dict.fromkeys(scores, "0")},
            new={"name": branch.name, **scores},
        )

    ctx.act(write)
    page = _audit(window)
    page.refresh()
    top = page.model.rows[0]
    assert top.summary == "修改石龙村党总支的评分"
    assert top.held_back and top.old == top.new == ""  # not carried with the list
    assert top.object_name == f"党组织 {top.label}" and top.label  # still named
    # exactly the long ones are held back; the others keep their values
    lengths = dict(
        ctx.read(
            lambda s: (
                s.connection()
                .exec_driver_sql("SELECT id, length(old) + length(new) FROM auditentry")
                .all()
            )
        )
    )
    for line in page.model.rows:
        assert line.held_back == (lengths[line.id] > audit_log.KEPT_CHANGE)
        assert line.held_back or len(line.old) + len(line.new) == lengths[line.id]
    page.view.selectRow(0)
    assert page.current() is top
    text = page.details.toPlainText()
    assert "修改前" in text and "石龙村党总支" in text and "9.5" in text
    # 601 fields: 300 are listed (all 12,000 of a score sheet held the window 10 s)
    assert text.count("→") == 300
    assert "这条记录共修改了601项，这里只列出前300项。" in text
