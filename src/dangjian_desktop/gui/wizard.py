"""First start on an empty data folder: the township, the first operator and the first round.

Nothing is saved until the clerk presses 完成; then everything is written in one transaction, so
a wizard cancelled half-way leaves the data folder as empty as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dangjian_desktop import APP_NAME, clock
from dangjian_desktop.domain.calendar import (
    DATE_FIELD_NAMES,
    STAGE_NAMES,
    RoundDates,
    default_dates,
    round_year_for,
    timeline,
)
from dangjian_desktop.domain.rounds import RoundSettings
from dangjian_desktop.domain.validation import normalise_text, validate_name, validate_phone
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.forms.ui_first_operator_form import Ui_FirstOperatorForm
from dangjian_desktop.gui.forms.ui_first_round_form import Ui_FirstRoundForm
from dangjian_desktop.gui.forms.ui_township_form import Ui_TownshipForm
from dangjian_desktop.gui.models import Column, RowsModel
from dangjian_desktop.services.common import ROLE_NAMES, Actor
from dangjian_desktop.services.data_folder import Database
from dangjian_desktop.services.operators import create_operator
from dangjian_desktop.services.rounds import create_round
from dangjian_desktop.services.township import save_township

ROLES = ("admin", "clerk", "approver")  # the first operator is 管理员 by default


def suggested_prefix(town: str) -> str:
    """机关代字: the town's first character + 党发 (石龙镇 → 石党发), as offices commonly write it."""
    return f"{town[:1]}党发" if town else ""


class _FormPage(QWizardPage):
    """A wizard page that shows why Next is disabled, in red, under its fields."""

    error_label: QLabel
    touched = False
    """Whether a field was changed: before that Next is only disabled, nothing red is shown (a
    clerk who has not typed anything yet has done nothing wrong)."""

    def problem(self) -> str | None:
        raise NotImplementedError

    def isComplete(self) -> bool:
        problem = self.problem()
        self.error_label.setText(problem or "")
        self.error_label.setVisible(bool(problem) and self.touched)
        return problem is None

    def _changed(self, *_: object) -> None:
        self.touched = True
        self.completeChanged.emit()


class WelcomePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(f"欢迎使用{APP_NAME}")
        text = QLabel(
            "本程序帮助镇党委办公室开展“创建基层党组织建设先进单位”活动：登记党组织和党员，"
            "按年度跟踪实施方案、半年书面汇报和创建材料的报送，完成考核评分、公示和表彰，"
            "并打印证书和通知。\n\n"
            "所有数据都保存在这台电脑上，不需要联网。接下来用三步填写本镇信息、"
            "第一个操作员（一般就是您自己）和第一个创建年度，以后都可以在“设置”里修改。"
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        # The same program receives the townships' packages at the county (县委组织部).
        self.township_choice = QRadioButton("镇党委：管理本镇的创建工作")
        self.county_choice = QRadioButton("县委组织部：接收各乡镇报送的材料，全县汇总")
        self.township_choice.setChecked(True)
        self.county_choice.toggled.connect(self.completeChanged)
        layout.addWidget(self.township_choice)
        layout.addWidget(self.county_choice)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1 if self.county_choice.isChecked() else super().nextId()


class TownshipPage(_FormPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("本镇信息")
        self.setSubTitle("这些信息会印在通知、证书和报送县委的材料上。")
        self.ui = Ui_TownshipForm()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.error_label.hide()
        # Auto-filled fields follow the town's name until the clerk types in them himself.
        self._auto = {
            self.ui.organEdit: lambda town: f"中共{town}委员会" if town else "",
            self.ui.officeEdit: lambda town: (
                f"中共{town}委员会创先争优活动领导小组办公室" if town else ""
            ),
            self.ui.prefixEdit: suggested_prefix,
        }
        self._edited: set[QWidget] = set()
        for edit in self._auto:
            edit.textEdited.connect(lambda _text, e=edit: self._edited.add(e))
        self.ui.nameEdit.textChanged.connect(self._town_changed)
        for edit in (
            self.ui.nameEdit,
            self.ui.organEdit,
            self.ui.officeEdit,
            self.ui.prefixEdit,
            self.ui.phoneEdit,
        ):
            edit.textChanged.connect(self._changed)

    def _town_changed(self, text: str) -> None:
        town = normalise_text(text)
        for edit, make in self._auto.items():
            if edit not in self._edited:
                edit.setText(make(town))

    def problem(self) -> str | None:
        ui = self.ui
        if problem := validate_name(ui.nameEdit.text(), "镇名"):
            return problem
        if not normalise_text(ui.organEdit.text()):
            return "请填写党委名称，如：中共石龙镇委员会。"
        if not normalise_text(ui.officeEdit.text()):
            return "请填写领导小组办公室的名称。"
        if not normalise_text(ui.prefixEdit.text()):
            return "请填写机关代字（发文字号要用），如：石党发。"
        if problem := validate_phone(ui.phoneEdit.text()):
            return problem
        return None

    def values(self) -> dict[str, str]:
        ui = self.ui
        return {
            "name": normalise_text(ui.nameEdit.text()),
            "organ": normalise_text(ui.organEdit.text()),
            "office": normalise_text(ui.officeEdit.text()),
            "doc_prefix": normalise_text(ui.prefixEdit.text()),
            "county": normalise_text(ui.countyEdit.text()),
            "prefecture": normalise_text(ui.prefectureEdit.text()),
            "province": normalise_text(ui.provinceEdit.text()),
            "contact_person": normalise_text(ui.contactEdit.text()),
            "contact_phone": normalise_text(ui.phoneEdit.text()),
        }


class OperatorPage(_FormPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("第一个操作员")
        self.setSubTitle(
            "操作员就是使用本程序的人，每一项修改都会记下是谁做的。只有管理员能添加"
            "其他操作员，所以第一个操作员一般选管理员，以后在“设置”里添加经办人和审批人。"
        )
        self.ui = Ui_FirstOperatorForm()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.error_label.hide()
        for role in ROLES:
            self.ui.roleCombo.addItem(ROLE_NAMES[role], role)
        for edit in (self.ui.nameEdit, self.ui.passwordEdit, self.ui.password2Edit):
            edit.textChanged.connect(self._changed)

    def problem(self) -> str | None:
        if problem := validate_name(self.ui.nameEdit.text(), "操作员姓名"):
            return problem
        if self.ui.passwordEdit.text() != self.ui.password2Edit.text():
            return "两次输入的密码不一样，请重新输入。"
        return None

    def name(self) -> str:
        return normalise_text(self.ui.nameEdit.text())

    def role(self) -> str:
        return str(self.ui.roleCombo.currentData())

    def password(self) -> str | None:
        return self.ui.passwordEdit.text() or None


@dataclasses.dataclass(frozen=True)
class ScheduleRow:
    name: str
    start: dt.date
    end: dt.date


class RoundPage(_FormPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("第一个创建年度")
        self.setSubTitle(
            "创建年度从当年8月到次年7月。日期按实施方案的默认安排填好了，"
            "如县里另有要求，可以调整四个报送截止日期。"
        )
        self.ui = Ui_FirstRoundForm()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.error_label.hide()
        # Most offices keep their registers in Excel: the wizard offers to bring them in next.
        self.import_check = QCheckBox(
            "完成后从Excel导入党组织和党员名册（原来用Excel登记的选这一项）"
        )
        self.import_check.setChecked(True)
        self.import_check.setToolTip("不选也可以，以后在“党组织与党员”里点“从Excel导入名册”")
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.import_check)
        self.schedule: RowsModel[ScheduleRow] = RowsModel(
            [
                Column("阶段", lambda r: r.name, 330),
                Column("开始", lambda r: r.start, 110),
                Column("结束（截止）", lambda r: r.end, 110),
            ],
            self,
        )
        view = self.ui.scheduleView
        view.setModel(self.schedule)
        # the schedule scrolls: at 150 % on 1920 × 1080 the page is 466 px high, and the table
        # must not push the Excel choice under itself
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        view.setMinimumHeight(110)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((330, 110, 110)):
            view.setColumnWidth(i, width)
        self.date_edits = {
            "plan_due": self.ui.planDueEdit,
            "report_h2_due": self.ui.reportH2DueEdit,
            "materials_due": self.ui.materialsDueEdit,
            "report_h1_due": self.ui.reportH1DueEdit,
        }
        for name, edit in self.date_edits.items():
            edit.setToolTip(DATE_FIELD_NAMES[name])
            edit.dateChanged.connect(self._changed)
        self.ui.quotaSpin.setToolTip("先进党组织不超过申报单位的这个比例（向上取整），默认20%")
        self.ui.yearSpin.valueChanged.connect(self._year_changed)
        self.ui.yearSpin.setValue(round_year_for(clock.today()))
        self._year_changed(self.ui.yearSpin.value())

    def _year_changed(self, year: int) -> None:
        self.ui.yearSpin.setSuffix(f"—{year + 1}年度")
        defaults = default_dates(year)
        for name, edit in self.date_edits.items():
            edit.blockSignals(True)
            edit.setDate(to_qdate(getattr(defaults, name)))
            edit.blockSignals(False)
        self._changed()

    def dates(self) -> RoundDates:
        defaults = default_dates(self.ui.yearSpin.value())
        picked: dict[str, Any] = {
            name: to_date(edit.date()) for name, edit in self.date_edits.items()
        }
        return dataclasses.replace(defaults, **picked)

    def settings(self) -> RoundSettings:
        return RoundSettings(
            first_year=self.ui.yearSpin.value(),
            dates=self.dates(),
            quota_percent=Decimal(self.ui.quotaSpin.value()),
        )

    def _changed(self, *_: object) -> None:
        dates = self.dates()
        self.schedule.set_rows(
            [ScheduleRow(STAGE_NAMES[stage], start, end) for stage, start, end in timeline(dates)]
        )
        super()._changed()

    def problem(self) -> str | None:
        problems = self.dates().problems()
        return problems[0] if problems else None


class FirstStartWizard(QWizard):
    """Walks a clerk through an empty data folder. `actor` is the operator created on 完成."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.county = False  # 县委组织部 chosen: the folder became a county folder
        self.setWindowTitle(f"{APP_NAME}：第一次使用")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(780, 600)  # fits 150 % on 1920 × 1080 (673 px high)
        self.welcome = WelcomePage()
        self.township = TownshipPage()
        self.operator = OperatorPage()
        self.round = RoundPage()
        self.finish_error = self.round.error_label
        for page in (self.welcome, self.township, self.operator, self.round):
            self.addPage(page)

    @property
    def wants_import(self) -> bool:
        """The clerk asked to import the registers from Excel once the window is open."""
        return self.round.import_check.isChecked()

    def page_count(self) -> int:
        return len(self.pageIds())

    def go_to(self, step: int) -> None:
        """Show step `step` (0-based) as it looks when reached, for screenshots."""
        self.restart()
        for _ in range(max(0, min(step, self.page_count() - 1))):
            self.next()

    def accept(self) -> None:
        if self.welcome.county_choice.isChecked():  # a county folder: the county window next
            from dangjian_desktop.services.county_view import open_county

            open_county(self.db.data_dir.root).close()
            self.county = True
            super().accept()
            return
        operator_name = self.operator.name()
        try:
            settings = self.round.settings()
            with self.db.transaction() as session:
                first = Actor(operator_name, self.operator.role())
                operator = create_operator(
                    session,
                    actor=first,
                    name=operator_name,
                    role=self.operator.role(),
                    password=self.operator.password(),
                )
                actor = Actor(operator.name, operator.role, operator.id)
                save_township(session, actor=actor, **self.township.values())
                create_round(
                    session, actor=actor, first_year=settings.first_year, settings=settings
                )
        except UserError as exc:
            self.finish_error.setText(f"没有保存：{exc}")
            self.finish_error.show()
            return
        self.actor = actor
        super().accept()
