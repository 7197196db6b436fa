# Generated from ui/receipt_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

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
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ReceiptDialog(object):
    def setupUi(self, ReceiptDialog):
        if not ReceiptDialog.objectName():
            ReceiptDialog.setObjectName(u"ReceiptDialog")
        ReceiptDialog.resize(560, 520)
        ReceiptDialog.setMinimumSize(QSize(520, 0))
        self.mainLayout = QVBoxLayout(ReceiptDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.branchCaption = QLabel(ReceiptDialog)
        self.branchCaption.setObjectName(u"branchCaption")

        self.formLayout.setWidget(0, QFormLayout.LabelRole, self.branchCaption)

        self.branchLabel = QLabel(ReceiptDialog)
        self.branchLabel.setObjectName(u"branchLabel")
        self.branchLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.formLayout.setWidget(0, QFormLayout.FieldRole, self.branchLabel)

        self.stageCaption = QLabel(ReceiptDialog)
        self.stageCaption.setObjectName(u"stageCaption")

        self.formLayout.setWidget(1, QFormLayout.LabelRole, self.stageCaption)

        self.stageLabel = QLabel(ReceiptDialog)
        self.stageLabel.setObjectName(u"stageLabel")

        self.formLayout.setWidget(1, QFormLayout.FieldRole, self.stageLabel)

        self.receivedCaption = QLabel(ReceiptDialog)
        self.receivedCaption.setObjectName(u"receivedCaption")

        self.formLayout.setWidget(2, QFormLayout.LabelRole, self.receivedCaption)

        self.receivedLayout = QHBoxLayout()
        self.receivedLayout.setObjectName(u"receivedLayout")
        self.receivedEdit = QDateEdit(ReceiptDialog)
        self.receivedEdit.setObjectName(u"receivedEdit")
        self.receivedEdit.setMinimumSize(QSize(150, 0))
        self.receivedEdit.setCalendarPopup(True)

        self.receivedLayout.addWidget(self.receivedEdit)

        self.timelinessLabel = QLabel(ReceiptDialog)
        self.timelinessLabel.setObjectName(u"timelinessLabel")

        self.receivedLayout.addWidget(self.timelinessLabel)

        self.receivedSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.receivedLayout.addItem(self.receivedSpacer)


        self.formLayout.setLayout(2, QFormLayout.FieldRole, self.receivedLayout)

        self.formCaption = QLabel(ReceiptDialog)
        self.formCaption.setObjectName(u"formCaption")

        self.formLayout.setWidget(3, QFormLayout.LabelRole, self.formCaption)

        self.formCombo = QComboBox(ReceiptDialog)
        self.formCombo.setObjectName(u"formCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.formCombo.sizePolicy().hasHeightForWidth())
        self.formCombo.setSizePolicy(sizePolicy)
        self.formCombo.setMinimumSize(QSize(150, 0))

        self.formLayout.setWidget(3, QFormLayout.FieldRole, self.formCombo)

        self.statusCaption = QLabel(ReceiptDialog)
        self.statusCaption.setObjectName(u"statusCaption")

        self.formLayout.setWidget(4, QFormLayout.LabelRole, self.statusCaption)

        self.statusCombo = QComboBox(ReceiptDialog)
        self.statusCombo.setObjectName(u"statusCombo")
        sizePolicy.setHeightForWidth(self.statusCombo.sizePolicy().hasHeightForWidth())
        self.statusCombo.setSizePolicy(sizePolicy)
        self.statusCombo.setMinimumSize(QSize(150, 0))

        self.formLayout.setWidget(4, QFormLayout.FieldRole, self.statusCombo)

        self.remarkCaption = QLabel(ReceiptDialog)
        self.remarkCaption.setObjectName(u"remarkCaption")

        self.formLayout.setWidget(5, QFormLayout.LabelRole, self.remarkCaption)

        self.remarkEdit = QLineEdit(ReceiptDialog)
        self.remarkEdit.setObjectName(u"remarkEdit")

        self.formLayout.setWidget(5, QFormLayout.FieldRole, self.remarkEdit)

        self.summaryCaption = QLabel(ReceiptDialog)
        self.summaryCaption.setObjectName(u"summaryCaption")

        self.formLayout.setWidget(6, QFormLayout.LabelRole, self.summaryCaption)

        self.summaryEdit = QPlainTextEdit(ReceiptDialog)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(6, QFormLayout.FieldRole, self.summaryEdit)

        self.attachmentsCaption = QLabel(ReceiptDialog)
        self.attachmentsCaption.setObjectName(u"attachmentsCaption")

        self.formLayout.setWidget(7, QFormLayout.LabelRole, self.attachmentsCaption)

        self.attachmentsLayout = QVBoxLayout()
        self.attachmentsLayout.setObjectName(u"attachmentsLayout")
        self.attachmentList = QListWidget(ReceiptDialog)
        self.attachmentList.setObjectName(u"attachmentList")
        self.attachmentList.setMaximumSize(QSize(16777215, 110))

        self.attachmentsLayout.addWidget(self.attachmentList)

        self.attachmentButtons = QHBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.addFileButton = QPushButton(ReceiptDialog)
        self.addFileButton.setObjectName(u"addFileButton")

        self.attachmentButtons.addWidget(self.addFileButton)

        self.removeFileButton = QPushButton(ReceiptDialog)
        self.removeFileButton.setObjectName(u"removeFileButton")

        self.attachmentButtons.addWidget(self.removeFileButton)

        self.attachmentSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attachmentButtons.addItem(self.attachmentSpacer)


        self.attachmentsLayout.addLayout(self.attachmentButtons)


        self.formLayout.setLayout(7, QFormLayout.FieldRole, self.attachmentsLayout)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(ReceiptDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ReceiptDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.receivedCaption.setBuddy(self.receivedEdit)
        self.formCaption.setBuddy(self.formCombo)
        self.statusCaption.setBuddy(self.statusCombo)
        self.remarkCaption.setBuddy(self.remarkEdit)
        self.summaryCaption.setBuddy(self.summaryEdit)
        QWidget.setTabOrder(self.receivedEdit, self.formCombo)
        QWidget.setTabOrder(self.formCombo, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.remarkEdit)
        QWidget.setTabOrder(self.remarkEdit, self.summaryEdit)
        QWidget.setTabOrder(self.summaryEdit, self.attachmentList)
        QWidget.setTabOrder(self.attachmentList, self.addFileButton)
        QWidget.setTabOrder(self.addFileButton, self.removeFileButton)

        self.retranslateUi(ReceiptDialog)

        QMetaObject.connectSlotsByName(ReceiptDialog)
    # setupUi

    def retranslateUi(self, ReceiptDialog):
        ReceiptDialog.setWindowTitle(QCoreApplication.translate("ReceiptDialog", u"\u767b\u8bb0\u6536\u5230", None))
        self.branchCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u515a\u7ec4\u7ec7\uff1a", None))
        self.branchLabel.setText("")
        self.stageCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u62a5\u9001\u6750\u6599\uff1a", None))
        self.stageLabel.setText("")
        self.receivedCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u6536\u5230\u65e5\u671f(&D)\uff1a", None))
        self.receivedEdit.setDisplayFormat(QCoreApplication.translate("ReceiptDialog", u"yyyy-MM-dd", None))
        self.timelinessLabel.setText("")
        self.formCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u62a5\u9001\u5f62\u5f0f(&F)\uff1a", None))
        self.statusCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u72b6\u6001(&S)\uff1a", None))
        self.remarkCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u5907\u6ce8(&R)\uff1a", None))
        self.remarkEdit.setPlaceholderText(QCoreApplication.translate("ReceiptDialog", u"\u4f8b\u5982\uff1a\u7f3a\u5c11\u652f\u59d4\u4f1a\u8ba8\u8bba\u8bb0\u5f55\uff08\u9000\u56de\u4fee\u6539\u65f6\u5fc5\u586b\uff09", None))
        self.summaryCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u6c47\u62a5\u6458\u8981(&U)\uff1a", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("ReceiptDialog", u"\u6c47\u62a5\u7684\u4e3b\u8981\u5185\u5bb9\uff0c\u51e0\u53e5\u8bdd\u5373\u53ef", None))
        self.attachmentsCaption.setText(QCoreApplication.translate("ReceiptDialog", u"\u9644\u4ef6\uff1a", None))
        self.addFileButton.setText(QCoreApplication.translate("ReceiptDialog", u"\u6dfb\u52a0\u6587\u4ef6(&A)\u2026", None))
        self.removeFileButton.setText(QCoreApplication.translate("ReceiptDialog", u"\u4e0d\u9644\u52a0\u8fd9\u4e2a\u6587\u4ef6", None))
        self.errorLabel.setText("")
    # retranslateUi

