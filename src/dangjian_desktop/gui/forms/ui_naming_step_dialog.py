# Generated from ui/naming_step_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_NamingStepDialog(object):
    def setupUi(self, NamingStepDialog):
        if not NamingStepDialog.objectName():
            NamingStepDialog.setObjectName(u"NamingStepDialog")
        NamingStepDialog.resize(600, 480)
        self.layout = QVBoxLayout(NamingStepDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(NamingStepDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.outcome_label = QLabel(NamingStepDialog)
        self.outcome_label.setObjectName(u"outcome_label")

        self.form.setWidget(0, QFormLayout.LabelRole, self.outcome_label)

        self.outcome = QComboBox(NamingStepDialog)
        self.outcome.setObjectName(u"outcome")

        self.form.setWidget(0, QFormLayout.FieldRole, self.outcome)

        self.day_label = QLabel(NamingStepDialog)
        self.day_label.setObjectName(u"day_label")

        self.form.setWidget(1, QFormLayout.LabelRole, self.day_label)

        self.day = QDateEdit(NamingStepDialog)
        self.day.setObjectName(u"day")
        self.day.setCalendarPopup(True)

        self.form.setWidget(1, QFormLayout.FieldRole, self.day)

        self.who_label = QLabel(NamingStepDialog)
        self.who_label.setObjectName(u"who_label")

        self.form.setWidget(2, QFormLayout.LabelRole, self.who_label)

        self.who = QLineEdit(NamingStepDialog)
        self.who.setObjectName(u"who")

        self.form.setWidget(2, QFormLayout.FieldRole, self.who)

        self.file_label = QLabel(NamingStepDialog)
        self.file_label.setObjectName(u"file_label")

        self.form.setWidget(3, QFormLayout.LabelRole, self.file_label)

        self.file_layout = QHBoxLayout()
        self.file_layout.setObjectName(u"file_layout")
        self.file = QLineEdit(NamingStepDialog)
        self.file.setObjectName(u"file")

        self.file_layout.addWidget(self.file)

        self.browse = QPushButton(NamingStepDialog)
        self.browse.setObjectName(u"browse")

        self.file_layout.addWidget(self.browse)


        self.form.setLayout(3, QFormLayout.FieldRole, self.file_layout)


        self.layout.addLayout(self.form)

        self.choices_label = QLabel(NamingStepDialog)
        self.choices_label.setObjectName(u"choices_label")

        self.layout.addWidget(self.choices_label)

        self.choices = QListWidget(NamingStepDialog)
        self.choices.setObjectName(u"choices")

        self.layout.addWidget(self.choices)

        self.text_label = QLabel(NamingStepDialog)
        self.text_label.setObjectName(u"text_label")

        self.layout.addWidget(self.text_label)

        self.text = QPlainTextEdit(NamingStepDialog)
        self.text.setObjectName(u"text")
        self.text.setTabChangesFocus(True)

        self.layout.addWidget(self.text)

        self.error = QLabel(NamingStepDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(NamingStepDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.outcome_label.setBuddy(self.outcome)
        self.day_label.setBuddy(self.day)
        self.who_label.setBuddy(self.who)
        self.file_label.setBuddy(self.file)
        self.choices_label.setBuddy(self.choices)
        self.text_label.setBuddy(self.text)
        QWidget.setTabOrder(self.outcome, self.day)
        QWidget.setTabOrder(self.day, self.who)
        QWidget.setTabOrder(self.who, self.file)
        QWidget.setTabOrder(self.file, self.browse)
        QWidget.setTabOrder(self.browse, self.choices)
        QWidget.setTabOrder(self.choices, self.text)

        self.retranslateUi(NamingStepDialog)

        QMetaObject.connectSlotsByName(NamingStepDialog)
    # setupUi

    def retranslateUi(self, NamingStepDialog):
        NamingStepDialog.setWindowTitle(QCoreApplication.translate("NamingStepDialog", u"\u547d\u540d\u8868\u5f70", None))
        self.outcome_label.setText(QCoreApplication.translate("NamingStepDialog", u"\u7ed3\u8bba(&R)\uff1a", None))
        self.day_label.setText(QCoreApplication.translate("NamingStepDialog", u"\u65e5\u671f(&D)\uff1a", None))
        self.day.setDisplayFormat(QCoreApplication.translate("NamingStepDialog", u"yyyy-MM-dd", None))
        self.who_label.setText(QCoreApplication.translate("NamingStepDialog", u"\u7ecf\u529e\u4eba\u5458(&W)\uff1a", None))
        self.file_label.setText(QCoreApplication.translate("NamingStepDialog", u"\u9644\u4ef6(&F)\uff1a", None))
        self.file.setPlaceholderText(QCoreApplication.translate("NamingStepDialog", u"\u626b\u63cf\u4ef6\u6216Word\u6587\u4ef6\uff08\u53ef\u4e0d\u9644\uff09", None))
        self.browse.setText(QCoreApplication.translate("NamingStepDialog", u"\u9009\u62e9\u2026", None))
        self.choices_label.setText(QCoreApplication.translate("NamingStepDialog", u"\u9009\u62e9(&C)\uff1a", None))
        self.text_label.setText(QCoreApplication.translate("NamingStepDialog", u"\u60c5\u51b5(&T)\uff1a", None))
        self.error.setStyleSheet(QCoreApplication.translate("NamingStepDialog", u"color: #b71c1c;", None))
    # retranslateUi

