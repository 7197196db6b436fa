"""党组织与党员: the 党总支 → 党支部 tree beside the branch and member tables.

Branches used in a round are never hard-deleted: they are merged or dissolved; unused ones and
members go to the 回收站, from which they can be restored. The member table holds every member
of the township (tens of thousands) from one query; the tree and the search box filter it.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import BranchLevel, BranchStatus
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.import_dialog import ImportDialog, Kind, save_template
from dangjian_desktop.gui.models import GREY, Column
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.registers_dialogs import BranchDialog, MemberDialog, RecycleDialog
from dangjian_desktop.gui.widgets import EmptyHint, SearchableTable, page_header
from dangjian_desktop.services.common import Session
from dangjian_desktop.services.registers import (
    BranchRow,
    MemberRow,
    branch_rows,
    delete_branch,
    delete_member,
    dissolve_branch,
    member_rows,
    merge_branch,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 10
STATUS_FILTERS: tuple[tuple[str, str], ...] = (
    ("正常", "active"),
    ("已合并", "merged"),
    ("已撤销", "dissolved"),
    ("全部", ""),
)


def _inactive_grey(row: BranchRow) -> QColor | None:
    return GREY if row.status != BranchStatus.ACTIVE else None


class RegistersPage(Page):
    title = "党组织与党员"
    key = "registers"
    watches = frozenset({Area.REGISTERS})
    round_scoped = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.all_branches: list[BranchRow] = []
        self.by_id: dict[int, BranchRow] = {}
        self.member_branch_ids: set[int] = set()  # the branches the member table's rows are in
        left = self._build_left_pane()
        self._build_tables()
        buttons = self._build_buttons()
        self._connect_keys()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 930])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(
            page_header(
                self.title,
                "左边选党总支或党支部，右边只显示它的党组织和党员。参加过创建活动的党组织"
                "不能删除，只能合并或撤销；删除的内容可在回收站恢复。",
            )
        )
        # the buttons span the page, above both panes: at 1366 × 768 with 125 % scaling the
        # page is about 900 pixels wide, which the buttons need on their own
        # An empty township: one clear first step instead of an empty table.
        self.empty_hint = EmptyHint(
            "还没有党组织。原来用Excel登记的，先导入党组织、再导入党员（也可以点“从Excel导入名册”"
            "保存空白名册发给各党支部填写）；没有Excel的，点“新增党组织”逐个登记。",
            "从Excel导入党组织…",
            lambda: self.import_register("branches"),
        )
        self.empty_hint.hide()
        layout.addLayout(buttons)
        layout.addWidget(self.empty_hint)
        layout.addWidget(splitter, 1)

    def _build_left_pane(self) -> QWidget:
        """The left pane: the status filter above the tree of branches."""
        self.status_combo = QComboBox()
        for name, value in STATUS_FILTERS:
            self.status_combo.addItem(name, value)
        self.status_combo.setToolTip("只看某种状态的党组织（正常、已合并、已撤销）")
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(200)
        self.tree.currentItemChanged.connect(lambda *_: self._apply_filter())
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("状态："))
        status_row.addWidget(self.status_combo, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(status_row)
        left_layout.addWidget(self.tree, 1)
        return left

    def _build_tables(self) -> None:
        """The right pane's two tables, in tabs."""
        self.branches: SearchableTable[BranchRow] = SearchableTable(
            [
                Column("名称", lambda r: r.name, 170, color=_inactive_grey),
                Column("层级", lambda r: r.level_name, 58),
                Column("上级党组织", lambda r: r.parent_name, 130),
                Column("领域", lambda r: r.sector, 64),
                Column(
                    "民族聚居区",
                    lambda r: "是" if r.ethnic_area else "",
                    86,
                    tooltip=lambda _r: "是否少数民族聚居地区",
                ),
                Column("书记", lambda r: r.secretary, 70),
                Column("联系电话", lambda r: r.phone, 108),
                Column("成立时间", lambda r: r.founded, 92),
                Column("状态", lambda r: r.status_name, 52, color=_inactive_grey),
                Column("党员数", lambda r: r.member_count, 56, True),
            ],
            placeholder="按名称、书记、电话等搜索党组织…",
        )
        self.members: SearchableTable[MemberRow] = SearchableTable(
            [
                Column("姓名", lambda r: r.name, 80),
                Column("性别", lambda r: r.gender, 44),
                Column("民族", lambda r: r.ethnicity, 72),
                Column("出生日期", lambda r: r.birth_date, 96),
                Column("入党日期", lambda r: r.joined_on, 96),
                Column("党员类别", lambda r: r.kind, 80),
                Column("职务", lambda r: r.post, 64),
                Column("所在党组织", lambda r: r.branch_name, 180),
                Column("联系电话", lambda r: r.phone, 108),
            ],
            placeholder="按姓名、民族、党组织、电话等搜索党员…",
        )
        # Register order (as in the tree) until the clerk clicks a column header.
        for table in (self.branches, self.members):
            table.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            table.proxy.sort(-1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.branches, "党组织")
        self.tabs.addTab(self.members, "党员")

    def _build_buttons(self) -> QHBoxLayout:
        """The actions, as the row of buttons above both panes and the Excel menu."""
        self.act_new_branch = self._action("新增党组织", "Ctrl+N", self.new_branch)
        self.act_edit_branch = self._action("编辑", "Ctrl+E", self.edit_branch)
        self.act_merge = self._action("合并到…", "Ctrl+M", self.merge_selected)
        self.act_dissolve = self._action("撤销", "Ctrl+D", self.dissolve_selected)
        self.act_delete_branch = self._action("删除", "Ctrl+Del", self.delete_selected_branch)
        self.act_new_member = self._action("新增党员", "Ctrl+Shift+N", self.new_member)
        self.act_edit_member = self._action("编辑党员", "Ctrl+Shift+E", self.edit_member)
        self.act_delete_member = self._action(
            "删除党员", "Ctrl+Shift+Del", self.delete_selected_member
        )
        self.act_recycle = self._action("回收站", "Ctrl+R", self.open_recycle)
        self.act_import_branches = self._action(
            "从Excel导入党组织…", "Ctrl+I", lambda: self.import_register("branches")
        )
        self.act_import_members = self._action(
            "从Excel导入党员…", "Ctrl+Shift+I", lambda: self.import_register("members")
        )
        self.act_branch_template = self._action(
            "保存空白党组织名册…", "Ctrl+T", lambda: save_template("branches", self)
        )
        self.act_member_template = self._action(
            "保存空白党员名册…", "Ctrl+Shift+T", lambda: save_template("members", self)
        )
        tips = {
            self.act_edit_branch: "修改选中的党组织（双击党组织也可以）",
            self.act_merge: "把选中的党组织并入另一个党组织，党员随之转入，历史记录保留",
            self.act_dissolve: "撤销选中的党组织（须先转出全部党员），历史记录保留",
            self.act_delete_branch: "删除录错的、从未参加创建活动的党组织（可在回收站恢复）",
            self.act_edit_member: "修改选中的党员（双击党员也可以）",
            self.act_delete_member: "删除选中的党员（可在回收站恢复）",
            self.act_recycle: "查看和恢复已删除的党组织、党员",
        }
        for action, tip in tips.items():
            action.setToolTip(
                f"{tip}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）"
            )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for group in (
            (
                self.act_new_branch,
                self.act_edit_branch,
                self.act_merge,
                self.act_dissolve,
                self.act_delete_branch,
            ),
            (self.act_new_member, self.act_edit_member, self.act_delete_member),
            (self.act_recycle,),
        ):
            for action in group:
                button = QToolButton()
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                buttons.addWidget(button)
            buttons.addSpacing(14)
        buttons.addStretch(1)
        # Excel: import the registers clerks already keep, or hand out blank templates.
        # The first step of anyone coming from Excel: a real button, red while the register is
        # empty, not a small menu in the corner.
        self.excel_button = QPushButton("从Excel导入名册")
        self.excel_button.setObjectName("excelImportButton")
        self.excel_button.setToolTip("从Excel导入党组织、党员，或保存空白名册模板发给各党支部填写")
        excel_menu = QMenu(self.excel_button)
        excel_menu.addAction(self.act_import_branches)
        excel_menu.addAction(self.act_import_members)
        excel_menu.addSeparator()
        excel_menu.addAction(self.act_branch_template)
        excel_menu.addAction(self.act_member_template)
        self.excel_button.setMenu(excel_menu)
        buttons.addWidget(self.excel_button)
        return buttons

    def _connect_keys(self) -> None:
        # The Delete key removes what the focused list shows.
        for widget, slot in (
            (self.tree, self.delete_selected_branch),
            (self.branches.view, self.delete_selected_branch),
            (self.members.view, self.delete_selected_member),
        ):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.branches.sig_activated.connect(lambda _row: self.edit_branch())
        self.members.sig_activated.connect(lambda _row: self.edit_member())

    def import_register(self, kind: Kind) -> None:
        """Preview an Excel register and import it in one transaction (see gui/import_dialog)."""
        dialog = ImportDialog(self.ctx, kind, self)
        try:
            dialog.exec()
        finally:
            # Destroyed by Qt now, children with it. Left to Python's cycle collector (the dialog
            # and its task refer to each other), its form's widgets were destroyed in no set
            # order during a later collection, one of them telling a parent already gone: the
            # intermittent crash "in SQLAlchemy's row processor" was that collection.
            dialog.deleteLater()

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)  # keep the "…" of 合并到… on the button
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(
            f"{text}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）"
        )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ------------------------------------------------------------ data
    def reload_for(self, change: Change) -> None:
        if not (change.members and self._replace_members(change.members)):
            self.refresh()

    def _replace_members(self, ids: frozenset[int]) -> bool:
        """Read only the edited members and put their rows in place of the old ones; False
        (reload everything) when one moved branch or is no longer listed: counts change."""
        model = self.members.model
        where = {row.id: i for i, row in enumerate(model.rows) if row.id in ids}
        if len(where) != len(ids):
            return False
        fresh = self.ctx.read(lambda s: member_rows(s, ids=ids))
        if len(fresh) != len(ids) or any(
            row.branch_id != model.rows[where[row.id]].branch_id for row in fresh
        ):
            return False
        model.replace_rows({where[row.id]: row for row in fresh})
        return True

    def refresh(self) -> None:
        def load(session: Session) -> tuple[list[BranchRow], list[MemberRow]]:
            return branch_rows(session), member_rows(session)

        branches, members = self.ctx.read(load)  # frozen as they arrive (gui/db_thread.py)
        same_branches = self.tree.topLevelItemCount() > 0 and branches == self.all_branches
        self.all_branches = branches
        self.by_id = {b.id: b for b in branches}
        self.member_branch_ids = set(map(attrgetter("branch_id"), members))
        if not same_branches:
            self.branches.set_rows(branches)
        self.members.set_rows(members)
        if same_branches:  # the tree shows exactly these: only the tables' filter again
            self._apply_filter()
        else:
            self._build_tree()
        empty = not branches
        self.empty_hint.setVisible(empty)
        if empty:  # the page's hint says what comes first: the branches
            self.members.set_empty_hint("还没有党员。先登记党组织，再导入或新增党员。")
        else:
            self.members.set_empty_hint(
                "还没有党员。从Excel导入党员花名册，或点“新增党员”逐个登记。",
                "从Excel导入党员…",
                lambda: self.import_register("members"),
            )
        if bool(self.excel_button.property("primary")) != empty:
            self.excel_button.setProperty("primary", empty)
            self.excel_button.style().unpolish(self.excel_button)
            self.excel_button.style().polish(self.excel_button)

    def _status(self) -> str:
        return str(self.status_combo.currentData() or "")

    def _visible(self) -> list[BranchRow]:
        status = self._status()
        return [b for b in self.all_branches if not status or b.status == status]

    def _build_tree(self) -> None:
        current = self.tree_branch_id()
        visible = self._visible()
        self.tree.blockSignals(True)
        self.tree.clear()
        root = QTreeWidgetItem([f"全部党组织（{len(visible)}）"])
        root.setData(0, ID_ROLE, None)
        items: dict[int, QTreeWidgetItem] = {}
        shown = {b.id for b in visible}
        # 党总支 first, so their 党支部 can go under them; a 党支部 whose 党总支 is not shown
        # (another status) sits directly under the root.
        ordered = sorted(visible, key=lambda b: (b.level != BranchLevel.GENERAL.value, b.id))
        for branch in ordered:
            under = items.get(branch.parent_id) if branch.parent_id in shown else None
            label = (
                branch.name
                if branch.status == BranchStatus.ACTIVE
                else f"{branch.name}（{branch.status_name}）"
            )
            item = QTreeWidgetItem([label])
            item.setData(0, ID_ROLE, branch.id)
            item.setToolTip(0, f"{branch.level_name}，党员{branch.member_count}名")
            (under or root).addChild(item)
            items[branch.id] = item
        # The items are put together away from the view, which then takes the tree in one go
        # (a county's 1,000 党组织: one item added at a time, the view heard of each), and only
        # the items with children are expanded, not all 1,000.
        self.tree.addTopLevelItem(root)
        for item in (root, *items.values()):
            if item.childCount():
                item.setExpanded(True)
        self.tree.setCurrentItem(items.get(current, root) if current is not None else root)
        self.tree.blockSignals(False)
        self._apply_filter()

    def _status_changed(self, *_: object) -> None:
        self._build_tree()

    def tree_branch_id(self) -> int | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        value = item.data(0, ID_ROLE)
        return value if isinstance(value, int) else None

    def _selected_ids(self) -> set[int] | None:
        """Branches the tree selection stands for (None: every branch of the chosen status)."""
        chosen = self.tree_branch_id()
        status = self._status()
        if chosen is None:
            return None if not status else {b.id for b in self._visible()}
        ids = {chosen}
        ids.update(
            b.id
            for b in self.all_branches
            if b.parent_id == chosen and (not status or b.status == status)
        )
        return ids

    def _apply_filter(self) -> None:
        ids = self._selected_ids()
        if ids is None:
            self.branches.proxy.set_extra_filter(None)
            self.members.proxy.set_extra_filter(None)
        else:
            self.branches.proxy.set_extra_filter(lambda row: row.id in ids)
            # Every member's branch chosen (the whole tree of 正常 branches, usually): no need
            # to ask 30,000 times.
            self.members.proxy.set_extra_filter(
                None if ids.issuperset(self.member_branch_ids) else lambda row: row.branch_id in ids
            )

    def select_branch(self, branch_id: int) -> bool:
        """Show a branch: picked in the tree (status filter widened if needed) and the table."""
        if branch_id not in self.by_id:
            self.refresh()
        branch = self.by_id.get(branch_id)
        if branch is None:
            return False
        if self._status() and branch.status != self._status():
            self.status_combo.setCurrentIndex(len(STATUS_FILTERS) - 1)
        found = self._find_item(branch_id)
        if found is not None:
            self.tree.setCurrentItem(found)
        self.tabs.setCurrentWidget(self.branches)
        return self.branches.select_where(lambda row: row.id == branch_id)

    def _find_item(self, branch_id: int) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            if item.data(0, ID_ROLE) == branch_id:
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    # ------------------------------------------------------------ which row is meant
    def current_branch(self) -> BranchRow | None:
        if self.tabs.currentWidget() is self.branches and not self.tree.hasFocus():
            row = self.branches.current()
            if row is not None:
                return row
        chosen = self.tree_branch_id()
        return self.by_id.get(chosen) if chosen is not None else None

    def _need_branch(self) -> BranchRow | None:
        branch = self.current_branch()
        if branch is None:
            Ask.warn(self, "请先在左边的树或“党组织”表里选中一个党组织。")
        return branch

    def _need_member(self) -> MemberRow | None:
        self.tabs.setCurrentWidget(self.members)
        member = self.members.current()
        if member is None:
            Ask.warn(self, "请先在“党员”表里选中一名党员。")
        return member

    # ------------------------------------------------------------ branch actions
    def build_branch_dialog(self, branch: BranchRow | None = None) -> BranchDialog:
        parent_id = None
        if branch is None:
            chosen = self.by_id.get(self.tree_branch_id() or -1)
            if chosen is not None:
                parent_id = (
                    chosen.id if chosen.level == BranchLevel.GENERAL.value else chosen.parent_id
                )
        return BranchDialog(self.ctx, self.all_branches, branch, parent_id, self)

    def new_branch(self) -> None:
        dialog = self.build_branch_dialog()
        if dialog.exec() and dialog.saved_id is not None:
            self.select_branch(dialog.saved_id)

    def edit_branch(self) -> None:
        branch = self._need_branch()
        if branch is None:
            return
        if branch.status != BranchStatus.ACTIVE:
            Ask.warn(self, f"{branch.name}{branch.status_name}，不能再修改。")
            return
        dialog = self.build_branch_dialog(branch)
        if dialog.exec() and dialog.saved_id is not None:
            self.select_branch(dialog.saved_id)

    def merge_selected(self) -> None:
        branch = self._need_branch()
        if branch is None:
            return
        targets = [
            b for b in self.all_branches if b.status == BranchStatus.ACTIVE and b.id != branch.id
        ]
        names = [b.name for b in targets]
        chosen = Ask.choose(self, "合并党组织", f"把“{branch.name}”合并到：", names)
        if chosen is None:
            return
        target = targets[names.index(chosen)]
        if not Ask.confirm(
            self,
            f"把“{branch.name}”并入“{target.name}”？\n\n它的{branch.member_count}名党员将转入"
            f"“{target.name}”，“{branch.name}”标记为已合并，历史记录保留。",
        ):
            return
        actor = self.ctx.actor
        if self.ctx.act(
            lambda s: merge_branch(s, actor=actor, branch_id=branch.id, into_id=target.id),
            self,
            what=self.ctx.change(Area.REGISTERS),
        ):
            self.select_branch(target.id)

    def dissolve_selected(self) -> None:
        branch = self._need_branch()
        if branch is None:
            return
        reason = Ask.text(
            self, "撤销党组织", f"撤销“{branch.name}”的原因（如：村组调整，党员已全部转出）："
        )
        if reason is None:
            return
        actor = self.ctx.actor
        self.ctx.act(
            lambda s: dissolve_branch(s, actor=actor, branch_id=branch.id, reason=reason),
            self,
            what=self.ctx.change(Area.REGISTERS),
        )

    def delete_selected_branch(self) -> None:
        branch = self._need_branch()
        if branch is None:
            return
        if not Ask.confirm(
            self,
            f"删除党组织“{branch.name}”？\n\n只有录错的、没参加过创建活动的党组织才能删除，"
            "删除后可在回收站恢复。",
        ):
            return
        actor = self.ctx.actor
        self.ctx.act(
            lambda s: delete_branch(s, actor=actor, branch_id=branch.id),
            self,
            what=self.ctx.change(Area.REGISTERS),
        )

    # ------------------------------------------------------------ member actions
    def build_member_dialog(self, member: MemberRow | None = None) -> MemberDialog:
        return MemberDialog(self.ctx, self.all_branches, member, self.tree_branch_id(), self)

    def new_member(self) -> None:
        dialog = self.build_member_dialog()
        if dialog.exec() and dialog.saved_id is not None:
            self.tabs.setCurrentWidget(self.members)
            saved = dialog.saved_id
            self.members.select_where(lambda row: row.id == saved)

    def edit_member(self) -> None:
        member = self._need_member()
        if member is None:
            return
        dialog = self.build_member_dialog(member)
        if dialog.exec() and dialog.saved_id is not None:
            saved = dialog.saved_id
            self.members.select_where(lambda row: row.id == saved)

    def delete_selected_member(self) -> None:
        member = self._need_member()
        if member is None:
            return
        if not Ask.confirm(
            self, f"删除党员“{member.name}”（{member.branch_name}）？删除后可在回收站恢复。"
        ):
            return
        actor = self.ctx.actor
        self.ctx.act(
            lambda s: delete_member(s, actor=actor, member_id=member.id),
            self,
            what=self.ctx.change(Area.REGISTERS),
        )

    # ------------------------------------------------------------ recycle view
    def open_recycle(self) -> None:
        RecycleDialog(self.ctx, self).exec()

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        if self._stale:
            self.refresh()
        dialogs: list[tuple[str, QWidget]] = [("branch_add", self.build_branch_dialog())]
        used = next((b for b in self.all_branches if b.parent_id is not None), None)
        if used is not None:
            dialogs.append(("branch_edit", self.build_branch_dialog(used)))
        dialogs.append(("member_add", self.build_member_dialog()))
        if self.members.model.rows:
            dialogs.append(("member_edit", self.build_member_dialog(self.members.model.rows[0])))
        dialogs.append(("recycle", RecycleDialog(self.ctx, self)))
        return dialogs
