# Generated from ui/objection_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ObjectionDialog(object):
    def setupUi(self, ObjectionDialog):
        if not ObjectionDialog.objectName():
            ObjectionDialog.setObjectName(u"ObjectionDialog")
        ObjectionDialog.resize(560, 380)
        self.layout = QVBoxLayout(ObjectionDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.received_label = QLabel(ObjectionDialog)
        self.received_label.setObjectName(u"received_label")

        self.form.setWidget(0, QFormLayout.LabelRole, self.received_label)

        self.received_date = QDateEdit(ObjectionDialog)
        self.received_date.setObjectName(u"received_date")
        self.received_date.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.FieldRole, self.received_date)

        self.raised_by_label = QLabel(ObjectionDialog)
        self.raised_by_label.setObjectName(u"raised_by_label")

        self.form.setWidget(1, QFormLayout.LabelRole, self.raised_by_label)

        self.raised_by = QLineEdit(ObjectionDialog)
        self.raised_by.setObjectName(u"raised_by")

        self.form.setWidget(1, QFormLayout.FieldRole, self.raised_by)

        self.branch_label = QLabel(ObjectionDialog)
        self.branch_label.setObjectName(u"branch_label")

        self.form.setWidget(2, QFormLayout.LabelRole, self.branch_label)

        self.branch = QComboBox(ObjectionDialog)
        self.branch.setObjectName(u"branch")

        self.form.setWidget(2, QFormLayout.FieldRole, self.branch)

        self.member_label = QLabel(ObjectionDialog)
        self.member_label.setObjectName(u"member_label")

        self.form.setWidget(3, QFormLayout.LabelRole, self.member_label)

        self.member = QComboBox(ObjectionDialog)
        self.member.setObjectName(u"member")

        self.form.setWidget(3, QFormLayout.FieldRole, self.member)

        self.content_label = QLabel(ObjectionDialog)
        self.content_label.setObjectName(u"content_label")

        self.form.setWidget(4, QFormLayout.LabelRole, self.content_label)

        self.content = QPlainTextEdit(ObjectionDialog)
        self.content.setObjectName(u"content")
        self.content.setTabChangesFocus(True)

        self.form.setWidget(4, QFormLayout.FieldRole, self.content)


        self.layout.addLayout(self.form)

        self.error = QLabel(ObjectionDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(ObjectionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.received_label.setBuddy(self.received_date)
        self.raised_by_label.setBuddy(self.raised_by)
        self.branch_label.setBuddy(self.branch)
        self.member_label.setBuddy(self.member)
        self.content_label.setBuddy(self.content)
        QWidget.setTabOrder(self.received_date, self.raised_by)
        QWidget.setTabOrder(self.raised_by, self.branch)
        QWidget.setTabOrder(self.branch, self.member)
        QWidget.setTabOrder(self.member, self.content)

        self.retranslateUi(ObjectionDialog)

        QMetaObject.connectSlotsByName(ObjectionDialog)
    # setupUi

    def retranslateUi(self, ObjectionDialog):
        ObjectionDialog.setWindowTitle(QCoreApplication.translate("ObjectionDialog", u"\u767b\u8bb0\u5f02\u8bae", None))
        self.received_label.setText(QCoreApplication.translate("ObjectionDialog", u"\u6536\u5230\u65e5\u671f(&R)\uff1a", None))
        self.received_date.setDisplayFormat(QCoreApplication.translate("ObjectionDialog", u"yyyy-MM-dd", None))
        self.raised_by_label.setText(QCoreApplication.translate("ObjectionDialog", u"\u53cd\u6620\u4eba(&P)\uff1a", None))
        self.raised_by.setPlaceholderText(QCoreApplication.translate("ObjectionDialog", u"\u59d3\u540d\u6216\u6765\u4fe1\u6765\u7535\u65b9\u5f0f\uff0c\u4e0d\u586b\u5199\u89c6\u4e3a\u533f\u540d", None))
        self.branch_label.setText(QCoreApplication.translate("ObjectionDialog", u"\u6d89\u53ca\u5355\u4f4d(&B)\uff1a", None))
        self.member_label.setText(QCoreApplication.translate("ObjectionDialog", u"\u6d89\u53ca\u515a\u5458(&M)\uff1a", None))
        self.content_label.setText(QCoreApplication.translate("ObjectionDialog", u"\u5f02\u8bae\u5185\u5bb9(&C)\uff1a", None))
        self.content.setPlaceholderText(QCoreApplication.translate("ObjectionDialog", u"\u53cd\u6620\u7684\u5177\u4f53\u95ee\u9898", None))
        self.error.setStyleSheet(QCoreApplication.translate("ObjectionDialog", u"color: #b71c1c;", None))
    # retranslateUi

