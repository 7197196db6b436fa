# Generated from ui/media_report_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_MediaReportDialog(object):
    def setupUi(self, MediaReportDialog):
        if not MediaReportDialog.objectName():
            MediaReportDialog.setObjectName(u"MediaReportDialog")
        MediaReportDialog.resize(560, 300)
        self.layout = QVBoxLayout(MediaReportDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.date_label = QLabel(MediaReportDialog)
        self.date_label.setObjectName(u"date_label")

        self.form.setWidget(0, QFormLayout.LabelRole, self.date_label)

        self.published_date = QDateEdit(MediaReportDialog)
        self.published_date.setObjectName(u"published_date")
        self.published_date.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.FieldRole, self.published_date)

        self.branch_label = QLabel(MediaReportDialog)
        self.branch_label.setObjectName(u"branch_label")

        self.form.setWidget(1, QFormLayout.LabelRole, self.branch_label)

        self.branch = QComboBox(MediaReportDialog)
        self.branch.setObjectName(u"branch")

        self.form.setWidget(1, QFormLayout.FieldRole, self.branch)

        self.medium_label = QLabel(MediaReportDialog)
        self.medium_label.setObjectName(u"medium_label")

        self.form.setWidget(2, QFormLayout.LabelRole, self.medium_label)

        self.medium = QComboBox(MediaReportDialog)
        self.medium.setObjectName(u"medium")

        self.form.setWidget(2, QFormLayout.FieldRole, self.medium)

        self.outlet_label = QLabel(MediaReportDialog)
        self.outlet_label.setObjectName(u"outlet_label")

        self.form.setWidget(3, QFormLayout.LabelRole, self.outlet_label)

        self.outlet = QLineEdit(MediaReportDialog)
        self.outlet.setObjectName(u"outlet")

        self.form.setWidget(3, QFormLayout.FieldRole, self.outlet)

        self.title_label = QLabel(MediaReportDialog)
        self.title_label.setObjectName(u"title_label")

        self.form.setWidget(4, QFormLayout.LabelRole, self.title_label)

        self.title = QLineEdit(MediaReportDialog)
        self.title.setObjectName(u"title")

        self.form.setWidget(4, QFormLayout.FieldRole, self.title)


        self.layout.addLayout(self.form)

        self.error = QLabel(MediaReportDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.stretch)

        self.buttons = QDialogButtonBox(MediaReportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.date_label.setBuddy(self.published_date)
        self.branch_label.setBuddy(self.branch)
        self.medium_label.setBuddy(self.medium)
        self.outlet_label.setBuddy(self.outlet)
        self.title_label.setBuddy(self.title)
        QWidget.setTabOrder(self.published_date, self.branch)
        QWidget.setTabOrder(self.branch, self.medium)
        QWidget.setTabOrder(self.medium, self.outlet)
        QWidget.setTabOrder(self.outlet, self.title)

        self.retranslateUi(MediaReportDialog)

        QMetaObject.connectSlotsByName(MediaReportDialog)
    # setupUi

    def retranslateUi(self, MediaReportDialog):
        MediaReportDialog.setWindowTitle(QCoreApplication.translate("MediaReportDialog", u"\u767b\u8bb0\u5ba3\u4f20\u62a5\u9053", None))
        self.date_label.setText(QCoreApplication.translate("MediaReportDialog", u"\u520a\u64ad\u65e5\u671f(&D)\uff1a", None))
        self.published_date.setDisplayFormat(QCoreApplication.translate("MediaReportDialog", u"yyyy-MM-dd", None))
        self.branch_label.setText(QCoreApplication.translate("MediaReportDialog", u"\u515a\u7ec4\u7ec7(&B)\uff1a", None))
        self.medium_label.setText(QCoreApplication.translate("MediaReportDialog", u"\u5a92\u4f53\u7c7b\u522b(&M)\uff1a", None))
        self.outlet_label.setText(QCoreApplication.translate("MediaReportDialog", u"\u5a92\u4f53\u540d\u79f0(&O)\uff1a", None))
        self.outlet.setPlaceholderText(QCoreApplication.translate("MediaReportDialog", u"\u5982\uff1a\u53bf\u878d\u5a92\u4f53\u4e2d\u5fc3\u3001\u4e91\u5357\u7f51", None))
        self.title_label.setText(QCoreApplication.translate("MediaReportDialog", u"\u6807\u9898(&T)\uff1a", None))
        self.error.setStyleSheet(QCoreApplication.translate("MediaReportDialog", u"color: #b71c1c;", None))
    # retranslateUi

