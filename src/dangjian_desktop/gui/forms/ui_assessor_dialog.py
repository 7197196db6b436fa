# Generated from ui/assessor_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_AssessorDialog(object):
    def setupUi(self, AssessorDialog):
        if not AssessorDialog.objectName():
            AssessorDialog.setObjectName(u"AssessorDialog")
        AssessorDialog.resize(460, 260)
        self.verticalLayout = QVBoxLayout(AssessorDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.nameLabel = QLabel(AssessorDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(AssessorDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.formLayout.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.unitLabel = QLabel(AssessorDialog)
        self.unitLabel.setObjectName(u"unitLabel")

        self.formLayout.setWidget(1, QFormLayout.LabelRole, self.unitLabel)

        self.unitEdit = QLineEdit(AssessorDialog)
        self.unitEdit.setObjectName(u"unitEdit")

        self.formLayout.setWidget(1, QFormLayout.FieldRole, self.unitEdit)

        self.branchLabel = QLabel(AssessorDialog)
        self.branchLabel.setObjectName(u"branchLabel")

        self.formLayout.setWidget(2, QFormLayout.LabelRole, self.branchLabel)

        self.branchCombo = QComboBox(AssessorDialog)
        self.branchCombo.setObjectName(u"branchCombo")

        self.formLayout.setWidget(2, QFormLayout.FieldRole, self.branchCombo)


        self.verticalLayout.addLayout(self.formLayout)

        self.hintLabel = QLabel(AssessorDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setStyleSheet(u"color: #555555;")

        self.verticalLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(AssessorDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.verticalLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(AssessorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

        self.nameLabel.setBuddy(self.nameEdit)
        self.unitLabel.setBuddy(self.unitEdit)
        self.branchLabel.setBuddy(self.branchCombo)
        QWidget.setTabOrder(self.nameEdit, self.unitEdit)
        QWidget.setTabOrder(self.unitEdit, self.branchCombo)

        self.retranslateUi(AssessorDialog)

        QMetaObject.connectSlotsByName(AssessorDialog)
    # setupUi

    def retranslateUi(self, AssessorDialog):
        AssessorDialog.setWindowTitle(QCoreApplication.translate("AssessorDialog", u"\u6dfb\u52a0\u8003\u6838\u7ec4\u6210\u5458", None))
        self.nameLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u59d3\u540d(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("AssessorDialog", u"\u4f8b\u5982\uff1a\u5f20\u5efa\u56fd", None))
        self.unitLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u5355\u4f4d\u6216\u804c\u52a1(&U)\uff1a", None))
        self.unitEdit.setPlaceholderText(QCoreApplication.translate("AssessorDialog", u"\u4f8b\u5982\uff1a\u9547\u7eaa\u59d4", None))
        self.branchLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u6240\u5728\u515a\u7ec4\u7ec7(&B)\uff1a", None))
        self.hintLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u8003\u6838\u7ec4\u6210\u5458\u662f\u67d0\u4e2a\u53c2\u8bc4\u515a\u7ec4\u7ec7\u7684\u515a\u5458\u65f6\uff0c\u8bf7\u9009\u51fa\u4ed6\u6240\u5728\u7684\u515a\u7ec4\u7ec7\uff1a\u4ed6\u7ed9\u672c\u5355\u4f4d\u8bc4\u5206\u65f6\u81ea\u52a8\u56de\u907f\u3002", None))
    # retranslateUi

