# Generated from ui/veto_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QGroupBox, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_VetoDialog(object):
    def setupUi(self, VetoDialog):
        if not VetoDialog.objectName():
            VetoDialog.setObjectName(u"VetoDialog")
        VetoDialog.resize(500, 340)
        self.verticalLayout = QVBoxLayout(VetoDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.branchLabel = QLabel(VetoDialog)
        self.branchLabel.setObjectName(u"branchLabel")
        self.branchLabel.setStyleSheet(u"font-weight: bold;")

        self.verticalLayout.addWidget(self.branchLabel)

        self.vetoGroup = QGroupBox(VetoDialog)
        self.vetoGroup.setObjectName(u"vetoGroup")
        self.vetoLayout = QVBoxLayout(self.vetoGroup)
        self.vetoLayout.setObjectName(u"vetoLayout")
        self.seriousCheck = QCheckBox(self.vetoGroup)
        self.seriousCheck.setObjectName(u"seriousCheck")

        self.vetoLayout.addWidget(self.seriousCheck)

        self.fraudCheck = QCheckBox(self.vetoGroup)
        self.fraudCheck.setObjectName(u"fraudCheck")

        self.vetoLayout.addWidget(self.fraudCheck)

        self.targetCheck = QCheckBox(self.vetoGroup)
        self.targetCheck.setObjectName(u"targetCheck")

        self.vetoLayout.addWidget(self.targetCheck)


        self.verticalLayout.addWidget(self.vetoGroup)

        self.noteLabel = QLabel(VetoDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.verticalLayout.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(VetoDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.verticalLayout.addWidget(self.noteEdit)

        self.errorLabel = QLabel(VetoDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(VetoDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

        self.noteLabel.setBuddy(self.noteEdit)
        QWidget.setTabOrder(self.seriousCheck, self.fraudCheck)
        QWidget.setTabOrder(self.fraudCheck, self.targetCheck)
        QWidget.setTabOrder(self.targetCheck, self.noteEdit)

        self.retranslateUi(VetoDialog)

        QMetaObject.connectSlotsByName(VetoDialog)
    # setupUi

    def retranslateUi(self, VetoDialog):
        VetoDialog.setWindowTitle(QCoreApplication.translate("VetoDialog", u"\u4e00\u7968\u5426\u51b3", None))
        self.vetoGroup.setTitle(QCoreApplication.translate("VetoDialog", u"\u5426\u51b3\u4e8b\u9879\uff08\u53ef\u591a\u9009\uff09", None))
        self.seriousCheck.setText(QCoreApplication.translate("VetoDialog", u"\u53d1\u751f\u4e25\u91cd\u95ee\u9898(&1)", None))
        self.fraudCheck.setText(QCoreApplication.translate("VetoDialog", u"\u5f04\u865a\u4f5c\u5047(&2)", None))
        self.targetCheck.setText(QCoreApplication.translate("VetoDialog", u"\u76ee\u6807\u7ba1\u7406\u8003\u6838\u4e0d\u5408\u683c(&3)", None))
        self.noteLabel.setText(QCoreApplication.translate("VetoDialog", u"\u5177\u4f53\u60c5\u51b5(&N)\uff08\u8ba4\u5b9a\u5426\u51b3\u65f6\u5fc5\u586b\uff09\uff1a", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("VetoDialog", u"\u4f8b\u5982\uff1a\u5e74\u5185\u53d1\u751f\u4e00\u8d77\u5b89\u5168\u751f\u4ea7\u8d23\u4efb\u4e8b\u6545\uff0c\u7ecf\u9547\u515a\u59d4\u7814\u7a76\u5b9e\u884c\u4e00\u7968\u5426\u51b3\u3002", None))
    # retranslateUi

