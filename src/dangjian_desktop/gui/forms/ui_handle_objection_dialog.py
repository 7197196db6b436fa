# Generated from ui/handle_objection_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_HandleObjectionDialog(object):
    def setupUi(self, HandleObjectionDialog):
        if not HandleObjectionDialog.objectName():
            HandleObjectionDialog.setObjectName(u"HandleObjectionDialog")
        HandleObjectionDialog.resize(580, 420)
        self.layout = QVBoxLayout(HandleObjectionDialog)
        self.layout.setObjectName(u"layout")
        self.objection_box = QGroupBox(HandleObjectionDialog)
        self.objection_box.setObjectName(u"objection_box")
        self.objection_layout = QVBoxLayout(self.objection_box)
        self.objection_layout.setObjectName(u"objection_layout")
        self.objection_text = QLabel(self.objection_box)
        self.objection_text.setObjectName(u"objection_text")
        self.objection_text.setWordWrap(True)
        self.objection_text.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.objection_layout.addWidget(self.objection_text)


        self.layout.addWidget(self.objection_box)

        self.handling_label = QLabel(HandleObjectionDialog)
        self.handling_label.setObjectName(u"handling_label")

        self.layout.addWidget(self.handling_label)

        self.handling = QPlainTextEdit(HandleObjectionDialog)
        self.handling.setObjectName(u"handling")
        self.handling.setTabChangesFocus(True)

        self.layout.addWidget(self.handling)

        self.verdict_layout = QHBoxLayout()
        self.verdict_layout.setObjectName(u"verdict_layout")
        self.verdict_label = QLabel(HandleObjectionDialog)
        self.verdict_label.setObjectName(u"verdict_label")

        self.verdict_layout.addWidget(self.verdict_label)

        self.not_upheld = QRadioButton(HandleObjectionDialog)
        self.not_upheld.setObjectName(u"not_upheld")
        self.not_upheld.setChecked(True)

        self.verdict_layout.addWidget(self.not_upheld)

        self.upheld = QRadioButton(HandleObjectionDialog)
        self.upheld.setObjectName(u"upheld")

        self.verdict_layout.addWidget(self.upheld)

        self.verdict_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.verdict_layout.addItem(self.verdict_stretch)


        self.layout.addLayout(self.verdict_layout)

        self.error = QLabel(HandleObjectionDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(HandleObjectionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.handling_label.setBuddy(self.handling)
        QWidget.setTabOrder(self.handling, self.not_upheld)
        QWidget.setTabOrder(self.not_upheld, self.upheld)

        self.retranslateUi(HandleObjectionDialog)

        QMetaObject.connectSlotsByName(HandleObjectionDialog)
    # setupUi

    def retranslateUi(self, HandleObjectionDialog):
        HandleObjectionDialog.setWindowTitle(QCoreApplication.translate("HandleObjectionDialog", u"\u5904\u7406\u5f02\u8bae", None))
        self.objection_box.setTitle(QCoreApplication.translate("HandleObjectionDialog", u"\u5f02\u8bae", None))
        self.handling_label.setText(QCoreApplication.translate("HandleObjectionDialog", u"\u6838\u67e5\u548c\u5904\u7406\u60c5\u51b5(&H)\uff1a", None))
        self.handling.setPlaceholderText(QCoreApplication.translate("HandleObjectionDialog", u"\u5982\uff1a\u7ecf\u9547\u7eaa\u59d4\u8c03\u9605\u8bb0\u5f55\u3001\u8d70\u8bbf\u515a\u5458\u6838\u5b9e\u2026\u2026", None))
        self.verdict_label.setText(QCoreApplication.translate("HandleObjectionDialog", u"\u7ed3\u8bba\uff1a", None))
        self.not_upheld.setText(QCoreApplication.translate("HandleObjectionDialog", u"\u5f02\u8bae\u4e0d\u6210\u7acb(&N)", None))
        self.upheld.setText(QCoreApplication.translate("HandleObjectionDialog", u"\u5f02\u8bae\u6210\u7acb(&Y)", None))
        self.error.setStyleSheet(QCoreApplication.translate("HandleObjectionDialog", u"color: #b71c1c;", None))
    # retranslateUi

