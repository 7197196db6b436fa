# Generated from ui/assessor_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QRadioButton,
    QSizePolicy, QSpacerItem, QStackedWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_AssessorDialog(object):
    def setupUi(self, AssessorDialog):
        if not AssessorDialog.objectName():
            AssessorDialog.setObjectName(u"AssessorDialog")
        AssessorDialog.resize(640, 500)
        self.verticalLayout = QVBoxLayout(AssessorDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.currentLabel = QLabel(AssessorDialog)
        self.currentLabel.setObjectName(u"currentLabel")
        self.currentLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.currentLabel)

        self.kindLayout = QHBoxLayout()
        self.kindLayout.setObjectName(u"kindLayout")
        self.registerRadio = QRadioButton(AssessorDialog)
        self.registerRadio.setObjectName(u"registerRadio")
        self.registerRadio.setChecked(True)

        self.kindLayout.addWidget(self.registerRadio)

        self.outsideRadio = QRadioButton(AssessorDialog)
        self.outsideRadio.setObjectName(u"outsideRadio")

        self.kindLayout.addWidget(self.outsideRadio)

        self.kindSpacer = QSpacerItem(20, 8, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.kindLayout.addItem(self.kindSpacer)


        self.verticalLayout.addLayout(self.kindLayout)

        self.stack = QStackedWidget(AssessorDialog)
        self.stack.setObjectName(u"stack")
        self.registerPage = QWidget()
        self.registerPage.setObjectName(u"registerPage")
        self.registerLayout = QVBoxLayout(self.registerPage)
        self.registerLayout.setObjectName(u"registerLayout")
        self.registerLayout.setContentsMargins(0, -1, 0, -1)
        self.memberSearch = QLineEdit(self.registerPage)
        self.memberSearch.setObjectName(u"memberSearch")
        self.memberSearch.setClearButtonEnabled(True)

        self.registerLayout.addWidget(self.memberSearch)

        self.members = QTableView(self.registerPage)
        self.members.setObjectName(u"members")
        self.members.setSelectionMode(QAbstractItemView.SingleSelection)
        self.members.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.members.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.members.setAlternatingRowColors(True)

        self.registerLayout.addWidget(self.members)

        self.stack.addWidget(self.registerPage)
        self.outsidePage = QWidget()
        self.outsidePage.setObjectName(u"outsidePage")
        self.outsideLayout = QFormLayout(self.outsidePage)
        self.outsideLayout.setObjectName(u"outsideLayout")
        self.outsideLayout.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.outsideLayout.setContentsMargins(0, -1, 0, -1)
        self.nameLabel = QLabel(self.outsidePage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.outsideLayout.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.outsidePage)
        self.nameEdit.setObjectName(u"nameEdit")

        self.outsideLayout.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.branchLabel = QLabel(self.outsidePage)
        self.branchLabel.setObjectName(u"branchLabel")

        self.outsideLayout.setWidget(1, QFormLayout.LabelRole, self.branchLabel)

        self.branchCombo = QComboBox(self.outsidePage)
        self.branchCombo.setObjectName(u"branchCombo")

        self.outsideLayout.setWidget(1, QFormLayout.FieldRole, self.branchCombo)

        self.outsideHint = QLabel(self.outsidePage)
        self.outsideHint.setObjectName(u"outsideHint")
        self.outsideHint.setWordWrap(True)
        self.outsideHint.setStyleSheet(u"color: #555555;")

        self.outsideLayout.setWidget(2, QFormLayout.FieldRole, self.outsideHint)

        self.stack.addWidget(self.outsidePage)

        self.verticalLayout.addWidget(self.stack)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.unitLabel = QLabel(AssessorDialog)
        self.unitLabel.setObjectName(u"unitLabel")

        self.formLayout.setWidget(0, QFormLayout.LabelRole, self.unitLabel)

        self.unitEdit = QLineEdit(AssessorDialog)
        self.unitEdit.setObjectName(u"unitEdit")

        self.formLayout.setWidget(0, QFormLayout.FieldRole, self.unitEdit)

        self.reasonLabel = QLabel(AssessorDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.formLayout.setWidget(1, QFormLayout.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(AssessorDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.formLayout.setWidget(1, QFormLayout.FieldRole, self.reasonEdit)


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

        self.buttonBox = QDialogButtonBox(AssessorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

        self.nameLabel.setBuddy(self.nameEdit)
        self.branchLabel.setBuddy(self.branchCombo)
        self.unitLabel.setBuddy(self.unitEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
        QWidget.setTabOrder(self.registerRadio, self.outsideRadio)
        QWidget.setTabOrder(self.outsideRadio, self.memberSearch)
        QWidget.setTabOrder(self.memberSearch, self.members)
        QWidget.setTabOrder(self.members, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.branchCombo)
        QWidget.setTabOrder(self.branchCombo, self.unitEdit)
        QWidget.setTabOrder(self.unitEdit, self.reasonEdit)

        self.retranslateUi(AssessorDialog)

        self.stack.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(AssessorDialog)
    # setupUi

    def retranslateUi(self, AssessorDialog):
        AssessorDialog.setWindowTitle(QCoreApplication.translate("AssessorDialog", u"\u6dfb\u52a0\u8003\u6838\u7ec4\u6210\u5458", None))
        self.registerRadio.setText(QCoreApplication.translate("AssessorDialog", u"\u4ece\u515a\u5458\u540d\u518c\u4e2d\u9009\u62e9(&R)", None))
        self.outsideRadio.setText(QCoreApplication.translate("AssessorDialog", u"\u5916\u5355\u4f4d\u4eba\u5458\uff08\u4e0d\u5728\u672c\u9547\u515a\u5458\u540d\u518c\u4e2d\uff09(&O)", None))
        self.memberSearch.setPlaceholderText(QCoreApplication.translate("AssessorDialog", u"\u8f93\u5165\u59d3\u540d\u6216\u515a\u7ec4\u7ec7\u67e5\u627e\u515a\u5458\uff0c\u5982\uff1a\u674e\u660e", None))
        self.nameLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u59d3\u540d(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("AssessorDialog", u"\u4f8b\u5982\uff1a\u5f20\u5efa\u56fd", None))
        self.branchLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u9700\u56de\u907f\u7684\u515a\u7ec4\u7ec7(&B)\uff1a", None))
        self.outsideHint.setText(QCoreApplication.translate("AssessorDialog", u"\u5916\u5355\u4f4d\u4eba\u5458\u4e00\u822c\u4e0d\u9700\u8981\u56de\u907f\u3002\u5982\u4ed6\u4e0e\u67d0\u4e2a\u515a\u7ec4\u7ec7\u6709\u5229\u5bb3\u5173\u7cfb\uff08\u5982\u7ec4\u7ec7\u5173\u7cfb\u8fd8\u5728\u90a3\u91cc\uff09\uff0c\u8bf7\u9009\u51fa\u8be5\u515a\u7ec4\u7ec7\u3002", None))
        self.unitLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u5355\u4f4d\u6216\u804c\u52a1(&U)\uff1a", None))
        self.unitEdit.setPlaceholderText(QCoreApplication.translate("AssessorDialog", u"\u4f8b\u5982\uff1a\u9547\u7eaa\u59d4", None))
        self.reasonLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u66f4\u6362\u539f\u56e0(&Y)\uff1a", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("AssessorDialog", u"\u4f8b\u5982\uff1a\u56e0\u75c5\u4e0d\u80fd\u53c2\u52a0\u8003\u6838", None))
        self.hintLabel.setText(QCoreApplication.translate("AssessorDialog", u"\u56de\u907f\u5728\u8bc4\u5206\u65f6\u6309\u515a\u5458\u540d\u518c\u7684\u73b0\u72b6\u8ba1\u7b97\uff1a\u8003\u6838\u7ec4\u6210\u5458\u6240\u5728\u7684\u515a\u7ec4\u7ec7\u3001\u5b83\u7684\u4e0a\u7ea7\u515a\u603b\u652f\u548c\u4e0b\u5c5e\u515a\u652f\u90e8\uff0c\u4ed6\u90fd\u4e0d\u8bc4\u5206\uff08\u8bc4\u5206\u8868\u4e0a\u663e\u793a\u4e3a\u7070\u8272\uff09\u3002\u515a\u5458\u8c03\u52a8\u540e\uff0c\u56de\u907f\u968f\u4e4b\u6539\u53d8\u3002", None))
    # retranslateUi

