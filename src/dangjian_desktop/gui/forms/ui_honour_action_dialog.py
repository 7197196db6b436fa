# Generated from ui/honour_action_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QPlainTextEdit, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_HonourActionDialog(object):
    def setupUi(self, HonourActionDialog):
        if not HonourActionDialog.objectName():
            HonourActionDialog.setObjectName(u"HonourActionDialog")
        HonourActionDialog.resize(580, 400)
        self.layout = QVBoxLayout(HonourActionDialog)
        self.layout.setObjectName(u"layout")
        self.subject = QLabel(HonourActionDialog)
        self.subject.setObjectName(u"subject")
        self.subject.setWordWrap(True)

        self.layout.addWidget(self.subject)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignTop)
        self.revocation_label = QLabel(HonourActionDialog)
        self.revocation_label.setObjectName(u"revocation_label")

        self.form.setWidget(0, QFormLayout.LabelRole, self.revocation_label)

        self.revocation_reason = QComboBox(HonourActionDialog)
        self.revocation_reason.setObjectName(u"revocation_reason")

        self.form.setWidget(0, QFormLayout.FieldRole, self.revocation_reason)

        self.outcome_label = QLabel(HonourActionDialog)
        self.outcome_label.setObjectName(u"outcome_label")

        self.form.setWidget(1, QFormLayout.LabelRole, self.outcome_label)

        self.outcome_layout = QHBoxLayout()
        self.outcome_layout.setObjectName(u"outcome_layout")
        self.passed = QRadioButton(HonourActionDialog)
        self.passed.setObjectName(u"passed")
        self.passed.setChecked(True)

        self.outcome_layout.addWidget(self.passed)

        self.failed = QRadioButton(HonourActionDialog)
        self.failed.setObjectName(u"failed")

        self.outcome_layout.addWidget(self.failed)

        self.outcome_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcome_layout.addItem(self.outcome_stretch)


        self.form.setLayout(1, QFormLayout.FieldRole, self.outcome_layout)

        self.deadline_label = QLabel(HonourActionDialog)
        self.deadline_label.setObjectName(u"deadline_label")

        self.form.setWidget(2, QFormLayout.LabelRole, self.deadline_label)

        self.deadline = QDateEdit(HonourActionDialog)
        self.deadline.setObjectName(u"deadline")
        self.deadline.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.FieldRole, self.deadline)

        self.reason_label = QLabel(HonourActionDialog)
        self.reason_label.setObjectName(u"reason_label")

        self.form.setWidget(3, QFormLayout.LabelRole, self.reason_label)

        self.reason = QPlainTextEdit(HonourActionDialog)
        self.reason.setObjectName(u"reason")
        self.reason.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.FieldRole, self.reason)


        self.layout.addLayout(self.form)

        self.note = QLabel(HonourActionDialog)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.error = QLabel(HonourActionDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(HonourActionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.revocation_label.setBuddy(self.revocation_reason)
        self.deadline_label.setBuddy(self.deadline)
        self.reason_label.setBuddy(self.reason)
        QWidget.setTabOrder(self.revocation_reason, self.passed)
        QWidget.setTabOrder(self.passed, self.failed)
        QWidget.setTabOrder(self.failed, self.deadline)
        QWidget.setTabOrder(self.deadline, self.reason)

        self.retranslateUi(HonourActionDialog)

        QMetaObject.connectSlotsByName(HonourActionDialog)
    # setupUi

    def retranslateUi(self, HonourActionDialog):
        HonourActionDialog.setWindowTitle(QCoreApplication.translate("HonourActionDialog", u"\u52a8\u6001\u7ba1\u7406", None))
        self.subject.setStyleSheet(QCoreApplication.translate("HonourActionDialog", u"font-weight: bold;", None))
        self.revocation_label.setText(QCoreApplication.translate("HonourActionDialog", u"\u64a4\u9500\u539f\u56e0(&W)\uff1a", None))
        self.outcome_label.setText(QCoreApplication.translate("HonourActionDialog", u"\u6574\u6539\u7ed3\u679c\uff1a", None))
        self.passed.setText(QCoreApplication.translate("HonourActionDialog", u"\u6574\u6539\u5408\u683c(&H)", None))
        self.failed.setText(QCoreApplication.translate("HonourActionDialog", u"\u6574\u6539\u4e0d\u5408\u683c\uff0c\u64a4\u9500\u8363\u8a89\u79f0\u53f7(&B)", None))
        self.deadline_label.setText(QCoreApplication.translate("HonourActionDialog", u"\u6574\u6539\u671f\u9650(&Q)\uff1a", None))
        self.deadline.setDisplayFormat(QCoreApplication.translate("HonourActionDialog", u"yyyy-MM-dd", None))
        self.reason_label.setText(QCoreApplication.translate("HonourActionDialog", u"\u4e8b\u5b9e\u548c\u7406\u7531(&R)\uff1a", None))
        self.note.setStyleSheet(QCoreApplication.translate("HonourActionDialog", u"color: #8d5a00;", None))
        self.error.setStyleSheet(QCoreApplication.translate("HonourActionDialog", u"color: #b71c1c;", None))
    # retranslateUi

