# Generated from ui/announcement_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

class Ui_AnnouncementDialog(object):
    def setupUi(self, AnnouncementDialog):
        if not AnnouncementDialog.objectName():
            AnnouncementDialog.setObjectName(u"AnnouncementDialog")
        AnnouncementDialog.resize(480, 300)
        self.layout = QVBoxLayout(AnnouncementDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(AnnouncementDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.start_label = QLabel(AnnouncementDialog)
        self.start_label.setObjectName(u"start_label")

        self.form.setWidget(0, QFormLayout.LabelRole, self.start_label)

        self.start_date = QDateEdit(AnnouncementDialog)
        self.start_date.setObjectName(u"start_date")
        self.start_date.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.FieldRole, self.start_date)

        self.days_label = QLabel(AnnouncementDialog)
        self.days_label.setObjectName(u"days_label")

        self.form.setWidget(1, QFormLayout.LabelRole, self.days_label)

        self.days = QSpinBox(AnnouncementDialog)
        self.days.setObjectName(u"days")
        self.days.setMinimum(1)
        self.days.setMaximum(30)
        self.days.setValue(5)

        self.form.setWidget(1, QFormLayout.FieldRole, self.days)

        self.end_caption = QLabel(AnnouncementDialog)
        self.end_caption.setObjectName(u"end_caption")

        self.form.setWidget(2, QFormLayout.LabelRole, self.end_caption)

        self.end_label = QLabel(AnnouncementDialog)
        self.end_label.setObjectName(u"end_label")

        self.form.setWidget(2, QFormLayout.FieldRole, self.end_label)


        self.layout.addLayout(self.form)

        self.note = QLabel(AnnouncementDialog)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.error = QLabel(AnnouncementDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.stretch)

        self.buttons = QDialogButtonBox(AnnouncementDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.start_label.setBuddy(self.start_date)
        self.days_label.setBuddy(self.days)
        QWidget.setTabOrder(self.start_date, self.days)

        self.retranslateUi(AnnouncementDialog)

        QMetaObject.connectSlotsByName(AnnouncementDialog)
    # setupUi

    def retranslateUi(self, AnnouncementDialog):
        AnnouncementDialog.setWindowTitle(QCoreApplication.translate("AnnouncementDialog", u"\u53d1\u8d77\u516c\u793a", None))
        self.start_label.setText(QCoreApplication.translate("AnnouncementDialog", u"\u516c\u793a\u5f00\u59cb\u65e5\u671f(&S)\uff1a", None))
        self.start_date.setDisplayFormat(QCoreApplication.translate("AnnouncementDialog", u"yyyy-MM-dd", None))
        self.days_label.setText(QCoreApplication.translate("AnnouncementDialog", u"\u516c\u793a\u671f(&D)\uff1a", None))
        self.days.setSuffix(QCoreApplication.translate("AnnouncementDialog", u" \u4e2a\u5de5\u4f5c\u65e5", None))
        self.end_caption.setText(QCoreApplication.translate("AnnouncementDialog", u"\u516c\u793a\u7ed3\u675f\u65e5\u671f\uff1a", None))
        self.end_label.setStyleSheet(QCoreApplication.translate("AnnouncementDialog", u"font-weight: bold;", None))
        self.note.setText(QCoreApplication.translate("AnnouncementDialog", u"\u5de5\u4f5c\u65e5\u4e0d\u542b\u5468\u516d\u3001\u5468\u65e5\u3002\u516c\u793a\u671f\u6ee1\u3001\u5f02\u8bae\u90fd\u5904\u7406\u5b8c\u4ee5\u540e\uff0c\u5ba1\u6279\u4eba\u624d\u80fd\u5ba1\u6279\u8bc4\u9009\u7ed3\u679c\u3002", None))
        self.note.setStyleSheet(QCoreApplication.translate("AnnouncementDialog", u"color: #555555;", None))
        self.error.setStyleSheet(QCoreApplication.translate("AnnouncementDialog", u"color: #b71c1c;", None))
    # retranslateUi

