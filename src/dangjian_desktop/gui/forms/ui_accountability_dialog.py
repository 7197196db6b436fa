# Generated from ui/accountability_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_AccountabilityDialog(object):
    def setupUi(self, AccountabilityDialog):
        if not AccountabilityDialog.objectName():
            AccountabilityDialog.setObjectName(u"AccountabilityDialog")
        AccountabilityDialog.resize(560, 360)
        self.layout = QVBoxLayout(AccountabilityDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(AccountabilityDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignTop)
        self.round_label = QLabel(AccountabilityDialog)
        self.round_label.setObjectName(u"round_label")

        self.form.setWidget(0, QFormLayout.LabelRole, self.round_label)

        self.round = QComboBox(AccountabilityDialog)
        self.round.setObjectName(u"round")

        self.form.setWidget(0, QFormLayout.FieldRole, self.round)

        self.branch_label = QLabel(AccountabilityDialog)
        self.branch_label.setObjectName(u"branch_label")

        self.form.setWidget(1, QFormLayout.LabelRole, self.branch_label)

        self.branch = QComboBox(AccountabilityDialog)
        self.branch.setObjectName(u"branch")

        self.form.setWidget(1, QFormLayout.FieldRole, self.branch)

        self.person_label = QLabel(AccountabilityDialog)
        self.person_label.setObjectName(u"person_label")

        self.form.setWidget(2, QFormLayout.LabelRole, self.person_label)

        self.person = QLineEdit(AccountabilityDialog)
        self.person.setObjectName(u"person")

        self.form.setWidget(2, QFormLayout.FieldRole, self.person)

        self.reason_label = QLabel(AccountabilityDialog)
        self.reason_label.setObjectName(u"reason_label")

        self.form.setWidget(3, QFormLayout.LabelRole, self.reason_label)

        self.reason = QPlainTextEdit(AccountabilityDialog)
        self.reason.setObjectName(u"reason")
        self.reason.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.FieldRole, self.reason)


        self.layout.addLayout(self.form)

        self.error = QLabel(AccountabilityDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(AccountabilityDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.round_label.setBuddy(self.round)
        self.branch_label.setBuddy(self.branch)
        self.person_label.setBuddy(self.person)
        self.reason_label.setBuddy(self.reason)
        QWidget.setTabOrder(self.round, self.branch)
        QWidget.setTabOrder(self.branch, self.person)
        QWidget.setTabOrder(self.person, self.reason)

        self.retranslateUi(AccountabilityDialog)

        QMetaObject.connectSlotsByName(AccountabilityDialog)
    # setupUi

    def retranslateUi(self, AccountabilityDialog):
        AccountabilityDialog.setWindowTitle(QCoreApplication.translate("AccountabilityDialog", u"\u8ffd\u7a76\u8d23\u4efb", None))
        self.intro.setText(QCoreApplication.translate("AccountabilityDialog", u"\u5bf9\u9886\u5bfc\u4e0d\u91cd\u89c6\u3001\u5de5\u4f5c\u4e0d\u5f97\u529b\u3001\u63aa\u65bd\u4e0d\u5177\u4f53\u7684\u515a\u7ec4\u7ec7\uff0c\u8ffd\u7a76\u6709\u5173\u4eba\u5458\u7684\u8d23\u4efb\u3002", None))
        self.intro.setStyleSheet(QCoreApplication.translate("AccountabilityDialog", u"color: #555555;", None))
        self.round_label.setText(QCoreApplication.translate("AccountabilityDialog", u"\u521b\u5efa\u5e74\u5ea6(&Y)\uff1a", None))
        self.branch_label.setText(QCoreApplication.translate("AccountabilityDialog", u"\u515a\u7ec4\u7ec7(&B)\uff1a", None))
        self.person_label.setText(QCoreApplication.translate("AccountabilityDialog", u"\u8d23\u4efb\u4eba(&P)\uff1a", None))
        self.person.setPlaceholderText(QCoreApplication.translate("AccountabilityDialog", u"\u59d3\u540d\u548c\u804c\u52a1\uff0c\u5982\uff1a\u5f20\u67d0\u67d0\uff08\u515a\u652f\u90e8\u4e66\u8bb0\uff09", None))
        self.reason_label.setText(QCoreApplication.translate("AccountabilityDialog", u"\u4e8b\u5b9e\u548c\u7406\u7531(&R)\uff1a", None))
        self.error.setStyleSheet(QCoreApplication.translate("AccountabilityDialog", u"color: #b71c1c;", None))
    # retranslateUi

