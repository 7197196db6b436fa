"""The county's window (县委组织部): receive the townships' packages from the stick, see the
county at a glance, search the registers across townships, and make the county's outputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.honours import HONOUR_STATE_NAMES, HonourState
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import Column, FilterProxy, RowsModel
from dangjian_desktop.gui.worker import run_task
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import county_outputs, county_view
from dangjian_desktop.services.county_audit import CountyActor
from dangjian_desktop.services.county_receive import (
    HistoryNotContinued,
    Received,
    find_packages,
    receive_package,
)

LATE = QColor("#b3261e")
REVOKED = QColor("#8a8a8a")


def _table(model: RowsModel[Any]) -> QTableView:
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)
    view.verticalHeader().hide()
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width)
    return view


def _selected(view: QTableView, model: RowsModel[Any]) -> Any | None:
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    proxy = view.model()
    assert isinstance(proxy, FilterProxy)
    return model.rows[proxy.mapToSource(rows[0]).row()]


def _late_colour(row: county_view.TownshipRow) -> QColor | None:
    return LATE if row.punctuality.startswith(("逾期", "未报")) else None


class CountyWindow(QMainWindow):
    """One county folder (or server) open; every change goes through the county services."""

    def __init__(self, db: Any, actor: CountyActor) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.task: Any = None
        self.setWindowTitle(f"党建先进单位创建管理 — 县委组织部（{db.url}）")
        self.resize(1200, 760)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(self._tool_bar())
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._add_overview_tab()
        self._add_honours_tab()
        self._add_ranking_tab()
        self._add_search_tab()
        self._add_recommendations_tab()
        self.reload_years()

    def _tool_bar(self) -> QHBoxLayout:
        """The year chooser and the county's actions."""
        bar = QHBoxLayout()
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(self.refresh)
        receive = QPushButton("接收报送材料…")
        receive.clicked.connect(self.receive)
        workbook = QPushButton("导出全县汇总工作簿…")
        workbook.clicked.connect(self.export_workbook)
        due = QPushButton("设定报送截止日期…")
        due.clicked.connect(self.set_due)
        reload = QPushButton("刷新")  # what other clerks received or changed meanwhile
        reload.clicked.connect(self.reload_years)
        bar.addWidget(QLabel("年度："))
        bar.addWidget(self.year)
        bar.addStretch(1)
        for button in (reload, receive, workbook, due):
            bar.addWidget(button)
        return bar

    def _add_overview_tab(self) -> None:
        self.overview = RowsModel[county_view.TownshipRow](
            [
                Column("乡镇", lambda r: r.township, 90),
                Column("报送时间", lambda r: r.submitted or "—", 130),
                Column("是否按时", lambda r: r.punctuality, 90, color=_late_colour),
                Column("重报", lambda r: r.resubmissions or "", 50, numeric=True),
                Column("方案", lambda r: r.stages.get("方案", ""), 130),
                Column("半年汇报", lambda r: r.stages.get("半年汇报", ""), 130),
                Column("创建材料", lambda r: r.stages.get("创建材料", ""), 130),
                Column("参评", lambda r: r.enrolled, 50, numeric=True),
                Column("先进/名额", lambda r: f"{r.advanced}/{r.quota}", 80),
                Column("荣誉", lambda r: r.honours, 50, numeric=True),
                Column("已撤销", lambda r: r.revoked or "", 60, numeric=True),
            ]
        )
        self.overview_view = _table(self.overview)
        self.tabs.addTab(self.overview_view, "各乡镇报送情况")

    def _add_honours_tab(self) -> None:
        self.honours = RowsModel[county_view.HonourRow](
            [
                Column("乡镇", lambda r: r.township, 80),
                Column("类别", lambda r: r.category, 100),
                Column("名称", lambda r: r.name, 200),
                Column("所在党组织", lambda r: r.branch, 200),
                Column("荣誉称号", lambda r: r.title, 220),
                Column("状态", lambda r: r.state, 110, color=self._state_colour),
                Column("推荐至", lambda r: r.recommended_to, 60),
            ]
        )
        self.honours_view = _table(self.honours)
        honours_page = QWidget()
        honours_layout = QVBoxLayout(honours_page)
        honours_layout.addWidget(self.honours_view)
        recommend = QPushButton("推荐所选对象至州、省…")
        recommend.clicked.connect(self.recommend)
        honours_layout.addWidget(recommend, alignment=Qt.AlignmentFlag.AlignRight)
        self.tabs.addTab(honours_page, "荣誉与动态管理")

    def _add_ranking_tab(self) -> None:
        self.ranking = RowsModel[county_view.RankRow](
            [
                Column("乡镇", lambda r: r.township, 80),
                Column("名次", lambda r: r.rank, 50, numeric=True),
                Column("党组织", lambda r: r.branch, 240),
                Column("综合评价得分", lambda r: r.total, 100, numeric=True),
                Column("等次", lambda r: r.grade, 70),
            ]
        )
        self.tabs.addTab(_table(self.ranking), "排名与名额")

    def _add_search_tab(self) -> None:
        self.members = RowsModel[county_view.MemberHit](
            [
                Column("乡镇", lambda r: r.township, 80),
                Column("姓名", lambda r: r.name, 80),
                Column("性别", lambda r: r.gender, 50),
                Column("民族", lambda r: r.ethnicity, 60),
                Column("党员类别", lambda r: r.kind, 80),
                Column("职务", lambda r: r.post, 70),
                Column("所在党组织", lambda r: r.branch, 240),
            ]
        )
        search_page = QWidget()
        search_layout = QVBoxLayout(search_page)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("输入姓名或姓名的开头，在全县党员名册中查找")
        self.search_box.textChanged.connect(self.search)
        self.search_count = QLabel()
        search_layout.addWidget(self.search_box)
        search_layout.addWidget(_table(self.members))
        search_layout.addWidget(self.search_count)
        self.tabs.addTab(search_page, "党员查询")

    def _add_recommendations_tab(self) -> None:
        self.recommendations = RowsModel[county_outputs.Recommendation](
            [
                Column("乡镇", lambda r: r.township, 80),
                Column("类别", lambda r: r.category, 100),
                Column("名称", lambda r: r.name, 200),
                Column("推荐至", lambda r: r.level, 60),
                Column("说明", lambda r: r.note, 300),
            ]
        )
        self.recommendations_view = _table(self.recommendations)
        rec_page = QWidget()
        rec_layout = QVBoxLayout(rec_page)
        rec_layout.addWidget(self.recommendations_view)
        rec_bar = QHBoxLayout()
        for text, slot in (
            ("修改说明…", self.edit_note),
            ("撤回推荐…", self.withdraw),
            ("打印推荐表…", self.print_forms),
            ("印发推荐通知…", self.print_notice),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            rec_bar.addWidget(button)
        rec_bar.addStretch(1)
        rec_layout.addLayout(rec_bar)
        self.tabs.addTab(rec_page, "推荐至州、省")

    @staticmethod
    def _state_colour(row: county_view.HonourRow) -> QColor | None:
        return REVOKED if row.state == HONOUR_STATE_NAMES[HonourState.REVOKED] else None

    # ----------------------------------------------------------------------------- reading

    def first_year(self) -> int | None:
        value = self.year.currentData()
        return int(value) if value is not None else None

    def reload_years(self) -> None:
        with self.db.reading() as conn:
            known = county_view.years(conn)
        current = self.first_year()
        self.year.blockSignals(True)
        self.year.clear()
        for y in known:
            self.year.addItem(f"{y}—{y + 1}年度", y)
        if known:
            self.year.setCurrentIndex(known.index(current) if current in known else len(known) - 1)
        self.year.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        year = self.first_year()
        if year is None:
            for model in (self.overview, self.honours, self.ranking, self.recommendations):
                model.set_rows([])
            return
        with self.db.reading() as conn:
            self.overview.set_rows(county_view.overview(conn, year))
            self.honours.set_rows(county_view.honours(conn, year))
            self.ranking.set_rows(county_view.ranking(conn, year))
            self.recommendations.set_rows(county_outputs.recommendations(conn, year))
        self.search(self.search_box.text())

    def search(self, text: str) -> None:
        with self.db.reading() as conn:
            hits = county_view.search_members(conn, text, first_year=self.first_year())
        self.members.set_rows(hits)
        more = (
            "（只列出前500人，请输入更完整的姓名）" if len(hits) >= county_view.SEARCH_LIMIT else ""
        )
        self.search_count.setText(f"找到{len(hits)}人{more}" if text.strip() else "")

    # ----------------------------------------------------------------------------- receiving

    def receive(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择U盘上的报送材料文件夹（或整个U盘）")
        if folder:
            self.receive_folders([folder])

    def receive_folders(self, folders: list[str]) -> None:
        try:
            packages = find_packages(folders)
        except UserError as exc:
            Ask.warn(self, str(exc))
            return
        done: list[Received] = []
        refused: list[str] = []
        for package in packages:
            result = self._receive_one(package)
            if isinstance(result, Received):
                done.append(result)
            elif result:
                refused.append(f"{package.name}：{result}")
        self.reload_years()
        lines = []
        for r in done:
            what = "重新报送，已替换上次的材料" if r.replaced else "已接收"
            lines.append(f"{r.township}{r.round_label}：{what}")
            if r.replaced:
                lines += [f"    {line}" for line in r.changes.lines()]
        if refused:
            lines.append("")
            lines.append("以下材料被拒收：")
            lines += refused
        (Ask.warn if refused else Ask.info)(self, "\n".join(lines) or "没有接收任何材料。")

    def _receive_one(self, package: Path, reason: str = "") -> Received | str:
        try:
            return receive_package(self.db, package, actor=self.actor, confirm_reason=reason)
        except HistoryNotContinued as exc:
            answer = Ask.text(self, "材料与上次不衔接", f"{exc}\n\n确认接收的原因：")
            if not answer or not answer.strip():
                return "与上次收到的不衔接，未确认接收"
            return self._receive_one(package, answer)
        except UserError as exc:
            return str(exc)

    # ----------------------------------------------------------------------------- outputs

    def _year_or_warn(self) -> int | None:
        year = self.first_year()
        if year is None:
            Ask.warn(self, "还没有收到任何乡镇的报送材料。请先接收U盘上的报送材料。")
        return year

    def export_workbook(self) -> None:
        year = self._year_or_warn()
        if year is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            "导出全县汇总工作簿",
            f"全县{year}—{year + 1}年度创建工作汇总.xlsx",
            "Excel (*.xlsx)",
        )
        if not path:
            return

        def work(_progress: Any, _cancelled: Any) -> Path:
            return county_outputs.write_county_summary(self.db, year, path)

        self.task = run_task(
            self,
            "正在导出全县汇总工作簿…",
            work,
            lambda p: Ask.info(self, f"已导出：{p}"),
            lambda exc: Ask.warn(self, str(exc)),
        )

    def set_due(self) -> None:
        year = self._year_or_warn()
        if year is None:
            return
        text = Ask.text(
            self, "报送截止日期", f"{year}—{year + 1}年度报送材料的截止日期（如 2026-12-31）："
        )
        if not text:
            return
        try:
            day = dt.date.fromisoformat(text.strip())
        except ValueError:
            Ask.warn(self, f"“{text}”不是日期。请按 2026-12-31 这样的格式填写。")
            return
        county_view.set_county_due(self.db, year, day, actor=self.actor)
        self.refresh()

    def _change(self, change: Callable[[], object]) -> None:
        """Run a change to the recommendations; a refusal is shown; the lists are reloaded."""
        try:
            change()
        except UserError as exc:
            Ask.warn(self, str(exc))
        self.refresh()

    def recommend(self) -> None:
        year = self._year_or_warn()
        honour = _selected(self.honours_view, self.honours)
        if year is None or honour is None:
            Ask.warn(self, "请先在列表中选中要推荐的党组织或党员。")
            return
        level = Ask.choose(self, "推荐", f"把“{honour.name}”推荐至：", list(county_outputs.LEVELS))
        if level is None:
            return
        self._change(
            lambda: county_outputs.recommend(self.db, year, honour, level, actor=self.actor)
        )

    def edit_note(self) -> None:
        rec = _selected(self.recommendations_view, self.recommendations)
        if rec is None:
            Ask.warn(self, "请先选中一条推荐。")
            return
        note = Ask.text(self, "推荐说明", f"“{rec.name}”的推荐说明（主要事迹）：", rec.note)
        if note is None:
            return
        self._change(
            lambda: county_outputs.change_recommendation(self.db, rec, actor=self.actor, note=note)
        )

    def withdraw(self) -> None:
        rec = _selected(self.recommendations_view, self.recommendations)
        if rec is None:
            Ask.warn(self, "请先选中一条推荐。")
            return
        reason = Ask.text(self, "撤回推荐", f"撤回对“{rec.name}”的推荐，原因：")
        if reason is None:
            return
        self._change(
            lambda: county_outputs.withdraw_recommendation(
                self.db, rec, actor=self.actor, reason=reason
            )
        )

    def print_forms(self) -> None:
        year = self._year_or_warn()
        if year is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "推荐表保存到哪个文件夹")
        if not folder:
            return
        try:
            paths = county_outputs.print_recommendation_forms(
                self.db, year, folder, actor=self.actor
            )
        except UserError as exc:
            Ask.warn(self, str(exc))
            return
        Ask.info(self, f"已生成{len(paths)}份推荐表，在：{folder}")

    def print_notice(self) -> None:
        year = self._year_or_warn()
        if year is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "推荐通知保存为", "关于推荐先进党组织和优秀共产党员的通知.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        try:
            out = county_outputs.print_county_notice(self.db, year, path, actor=self.actor)
        except UserError as exc:
            Ask.warn(self, str(exc))
            return
        Ask.info(self, f"已生成：{out}")


def run_county(data: DataDir, database: str | None, *, crash_dialog: bool = True) -> int:
    from dangjian_desktop.gui.app import install_crash_handler, make_application

    app = make_application()
    install_crash_handler(data, dialog=crash_dialog)
    try:
        db = county_view.open_county(data.root, database)
    except UserError as exc:
        Ask.warn(None, str(exc))
        return 1
    operator = Ask.text(None, "县委组织部", "请输入您的姓名（记入操作日志）：")
    if not operator or not operator.strip():
        db.close()
        return 0
    window = CountyWindow(db, CountyActor(operator.strip()))
    window.show()
    code = app.exec()
    db.close()
    return int(code)
