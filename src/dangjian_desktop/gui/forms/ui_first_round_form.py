# Generated from ui/first_round_form.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDateEdit, QFormLayout,
    QHeaderView, QLabel, QSizePolicy, QSpacerItem,
    QSpinBox, QTableView, QVBoxLayout, QWidget)

class Ui_FirstRoundForm(object):
    def setupUi(self, FirstRoundForm):
        if not FirstRoundForm.objectName():
            FirstRoundForm.setObjectName(u"FirstRoundForm")
        FirstRoundForm.resize(640, 420)
        self.mainLayout = QVBoxLayout(FirstRoundForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        self.yearSpinLabel = QLabel(FirstRoundForm)
        self.yearSpinLabel.setObjectName(u"yearSpinLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.yearSpinLabel)

        self.yearSpin = QSpinBox(FirstRoundForm)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setMinimumSize(QSize(220, 0))
        self.yearSpin.setMinimum(2000)
        self.yearSpin.setMaximum(2100)

        self.form.setWidget(0, QFormLayout.FieldRole, self.yearSpin)

        self.quotaSpinLabel = QLabel(FirstRoundForm)
        self.quotaSpinLabel.setObjectName(u"quotaSpinLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.quotaSpinLabel)

        self.quotaSpin = QSpinBox(FirstRoundForm)
        self.quotaSpin.setObjectName(u"quotaSpin")
        self.quotaSpin.setMinimumSize(QSize(220, 0))
        self.quotaSpin.setMinimum(1)
        self.quotaSpin.setMaximum(100)
        self.quotaSpin.setValue(20)

        self.form.setWidget(1, QFormLayout.FieldRole, self.quotaSpin)

        self.planDueEditLabel = QLabel(FirstRoundForm)
        self.planDueEditLabel.setObjectName(u"planDueEditLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.planDueEditLabel)

        self.planDueEdit = QDateEdit(FirstRoundForm)
        self.planDueEdit.setObjectName(u"planDueEdit")
        self.planDueEdit.setMinimumSize(QSize(220, 0))
        self.planDueEdit.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.FieldRole, self.planDueEdit)

        self.reportH2DueEditLabel = QLabel(FirstRoundForm)
        self.reportH2DueEditLabel.setObjectName(u"reportH2DueEditLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.reportH2DueEditLabel)

        self.reportH2DueEdit = QDateEdit(FirstRoundForm)
        self.reportH2DueEdit.setObjectName(u"reportH2DueEdit")
        self.reportH2DueEdit.setMinimumSize(QSize(220, 0))
        self.reportH2DueEdit.setCalendarPopup(True)

        self.form.setWidget(3, QFormLayout.FieldRole, self.reportH2DueEdit)

        self.materialsDueEditLabel = QLabel(FirstRoundForm)
        self.materialsDueEditLabel.setObjectName(u"materialsDueEditLabel")

        self.form.setWidget(4, QFormLayout.LabelRole, self.materialsDueEditLabel)

        self.materialsDueEdit = QDateEdit(FirstRoundForm)
        self.materialsDueEdit.setObjectName(u"materialsDueEdit")
        self.materialsDueEdit.setMinimumSize(QSize(220, 0))
        self.materialsDueEdit.setCalendarPopup(True)

        self.form.setWidget(4, QFormLayout.FieldRole, self.materialsDueEdit)

        self.reportH1DueEditLabel = QLabel(FirstRoundForm)
        self.reportH1DueEditLabel.setObjectName(u"reportH1DueEditLabel")

        self.form.setWidget(5, QFormLayout.LabelRole, self.reportH1DueEditLabel)

        self.reportH1DueEdit = QDateEdit(FirstRoundForm)
        self.reportH1DueEdit.setObjectName(u"reportH1DueEdit")
        self.reportH1DueEdit.setMinimumSize(QSize(220, 0))
        self.reportH1DueEdit.setCalendarPopup(True)

        self.form.setWidget(5, QFormLayout.FieldRole, self.reportH1DueEdit)


        self.mainLayout.addLayout(self.form)

        self.scheduleLabel = QLabel(FirstRoundForm)
        self.scheduleLabel.setObjectName(u"scheduleLabel")
        self.scheduleLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.scheduleLabel)

        self.scheduleView = QTableView(FirstRoundForm)
        self.scheduleView.setObjectName(u"scheduleView")
        self.scheduleView.setMinimumSize(QSize(0, 248))
        self.scheduleView.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.scheduleView.setSelectionMode(QAbstractItemView.NoSelection)
        self.scheduleView.setFocusPolicy(Qt.NoFocus)

        self.mainLayout.addWidget(self.scheduleView)

        self.errorLabel = QLabel(FirstRoundForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.yearSpinLabel.setBuddy(self.yearSpin)
        self.quotaSpinLabel.setBuddy(self.quotaSpin)
        self.planDueEditLabel.setBuddy(self.planDueEdit)
        self.reportH2DueEditLabel.setBuddy(self.reportH2DueEdit)
        self.materialsDueEditLabel.setBuddy(self.materialsDueEdit)
        self.reportH1DueEditLabel.setBuddy(self.reportH1DueEdit)
        QWidget.setTabOrder(self.yearSpin, self.quotaSpin)
        QWidget.setTabOrder(self.quotaSpin, self.planDueEdit)
        QWidget.setTabOrder(self.planDueEdit, self.reportH2DueEdit)
        QWidget.setTabOrder(self.reportH2DueEdit, self.materialsDueEdit)
        QWidget.setTabOrder(self.materialsDueEdit, self.reportH1DueEdit)

        self.retranslateUi(FirstRoundForm)

        QMetaObject.connectSlotsByName(FirstRoundForm)
    # setupUi

    def retranslateUi(self, FirstRoundForm):
        FirstRoundForm.setWindowTitle(QCoreApplication.translate("FirstRoundForm", u"\u7b2c\u4e00\u4e2a\u521b\u5efa\u5e74\u5ea6", None))
        self.yearSpinLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u521b\u5efa\u5e74\u5ea6(&Y)\uff1a", None))
        self.quotaSpinLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u5148\u8fdb\u540d\u989d\u6bd4\u4f8b(&Q)\uff1a", None))
        self.quotaSpin.setSuffix(QCoreApplication.translate("FirstRoundForm", u"%", None))
        self.planDueEditLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u5b9e\u65bd\u65b9\u6848\u622a\u6b62(&1)\uff1a", None))
        self.planDueEdit.setDisplayFormat(QCoreApplication.translate("FirstRoundForm", u"yyyy-MM-dd", None))
        self.reportH2DueEditLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u4e0b\u534a\u5e74\u4e66\u9762\u6c47\u62a5\u622a\u6b62(&2)\uff1a", None))
        self.reportH2DueEdit.setDisplayFormat(QCoreApplication.translate("FirstRoundForm", u"yyyy-MM-dd", None))
        self.materialsDueEditLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u521b\u5efa\u5de5\u4f5c\u6750\u6599\u622a\u6b62(&3)\uff1a", None))
        self.materialsDueEdit.setDisplayFormat(QCoreApplication.translate("FirstRoundForm", u"yyyy-MM-dd", None))
        self.reportH1DueEditLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u4e0a\u534a\u5e74\u4e66\u9762\u6c47\u62a5\u622a\u6b62(&4)\uff1a", None))
        self.reportH1DueEdit.setDisplayFormat(QCoreApplication.translate("FirstRoundForm", u"yyyy-MM-dd", None))
        self.scheduleLabel.setText(QCoreApplication.translate("FirstRoundForm", u"\u672c\u5e74\u5ea6\u65e5\u7a0b\uff08\u5176\u4f59\u65e5\u671f\u6309\u5b9e\u65bd\u65b9\u6848\u7684\u9ed8\u8ba4\u5b89\u6392\uff0c\u4ee5\u540e\u53ef\u5728\u201c\u8bbe\u7f6e\u201d\u91cc\u4fee\u6539\uff09\uff1a", None))
        self.errorLabel.setText("")
    # retranslateUi

