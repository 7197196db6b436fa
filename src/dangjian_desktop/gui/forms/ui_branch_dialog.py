# Generated from ui/branch_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_BranchDialog(object):
    def setupUi(self, BranchDialog):
        if not BranchDialog.objectName():
            BranchDialog.setObjectName(u"BranchDialog")
        BranchDialog.resize(520, 390)
        self.mainLayout = QVBoxLayout(BranchDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(BranchDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(BranchDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(60)

        self.form.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.levelLabel = QLabel(BranchDialog)
        self.levelLabel.setObjectName(u"levelLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.levelLabel)

        self.levelCombo = QComboBox(BranchDialog)
        self.levelCombo.setObjectName(u"levelCombo")

        self.form.setWidget(1, QFormLayout.FieldRole, self.levelCombo)

        self.parentLabel = QLabel(BranchDialog)
        self.parentLabel.setObjectName(u"parentLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.parentLabel)

        self.parentCombo = QComboBox(BranchDialog)
        self.parentCombo.setObjectName(u"parentCombo")

        self.form.setWidget(2, QFormLayout.FieldRole, self.parentCombo)

        self.sectorLabel = QLabel(BranchDialog)
        self.sectorLabel.setObjectName(u"sectorLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.sectorLabel)

        self.sectorCombo = QComboBox(BranchDialog)
        self.sectorCombo.setObjectName(u"sectorCombo")

        self.form.setWidget(3, QFormLayout.FieldRole, self.sectorCombo)

        self.ethnicCheck = QCheckBox(BranchDialog)
        self.ethnicCheck.setObjectName(u"ethnicCheck")

        self.form.setWidget(4, QFormLayout.FieldRole, self.ethnicCheck)

        self.secretaryLabel = QLabel(BranchDialog)
        self.secretaryLabel.setObjectName(u"secretaryLabel")

        self.form.setWidget(5, QFormLayout.LabelRole, self.secretaryLabel)

        self.secretaryEdit = QLineEdit(BranchDialog)
        self.secretaryEdit.setObjectName(u"secretaryEdit")
        self.secretaryEdit.setMaxLength(50)

        self.form.setWidget(5, QFormLayout.FieldRole, self.secretaryEdit)

        self.phoneLabel = QLabel(BranchDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(6, QFormLayout.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(BranchDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(30)

        self.form.setWidget(6, QFormLayout.FieldRole, self.phoneEdit)

        self.foundedLabel = QLabel(BranchDialog)
        self.foundedLabel.setObjectName(u"foundedLabel")

        self.form.setWidget(7, QFormLayout.LabelRole, self.foundedLabel)

        self.foundedEdit = QLineEdit(BranchDialog)
        self.foundedEdit.setObjectName(u"foundedEdit")
        self.foundedEdit.setMaxLength(30)

        self.form.setWidget(7, QFormLayout.FieldRole, self.foundedEdit)

        self.remarkLabel = QLabel(BranchDialog)
        self.remarkLabel.setObjectName(u"remarkLabel")

        self.form.setWidget(8, QFormLayout.LabelRole, self.remarkLabel)

        self.remarkEdit = QLineEdit(BranchDialog)
        self.remarkEdit.setObjectName(u"remarkEdit")
        self.remarkEdit.setMaxLength(200)

        self.form.setWidget(8, QFormLayout.FieldRole, self.remarkEdit)


        self.mainLayout.addLayout(self.form)

        self.errorLabel = QLabel(BranchDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 4, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(BranchDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

        self.nameLabel.setBuddy(self.nameEdit)
        self.levelLabel.setBuddy(self.levelCombo)
        self.parentLabel.setBuddy(self.parentCombo)
        self.sectorLabel.setBuddy(self.sectorCombo)
        self.secretaryLabel.setBuddy(self.secretaryEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.foundedLabel.setBuddy(self.foundedEdit)
        self.remarkLabel.setBuddy(self.remarkEdit)
        QWidget.setTabOrder(self.nameEdit, self.levelCombo)
        QWidget.setTabOrder(self.levelCombo, self.parentCombo)
        QWidget.setTabOrder(self.parentCombo, self.sectorCombo)
        QWidget.setTabOrder(self.sectorCombo, self.ethnicCheck)
        QWidget.setTabOrder(self.ethnicCheck, self.secretaryEdit)
        QWidget.setTabOrder(self.secretaryEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.foundedEdit)
        QWidget.setTabOrder(self.foundedEdit, self.remarkEdit)

        self.retranslateUi(BranchDialog)

        QMetaObject.connectSlotsByName(BranchDialog)
    # setupUi

    def retranslateUi(self, BranchDialog):
        BranchDialog.setWindowTitle(QCoreApplication.translate("BranchDialog", u"\u515a\u7ec4\u7ec7", None))
        self.nameLabel.setText(QCoreApplication.translate("BranchDialog", u"\u540d\u79f0(&M)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("BranchDialog", u"\u5982\uff1a\u77f3\u9f99\u6751\u515a\u603b\u652f\u3001\u77f3\u9f99\u6751\u4e2d\u5be8\u515a\u652f\u90e8", None))
        self.levelLabel.setText(QCoreApplication.translate("BranchDialog", u"\u5c42\u7ea7(&L)\uff1a", None))
        self.parentLabel.setText(QCoreApplication.translate("BranchDialog", u"\u4e0a\u7ea7\u515a\u603b\u652f(&P)\uff1a", None))
        self.sectorLabel.setText(QCoreApplication.translate("BranchDialog", u"\u9886\u57df(&S)\uff1a", None))
        self.ethnicCheck.setText(QCoreApplication.translate("BranchDialog", u"\u4f4d\u4e8e\u5c11\u6570\u6c11\u65cf\u805a\u5c45\u5730\u533a(&Z)", None))
        self.secretaryLabel.setText(QCoreApplication.translate("BranchDialog", u"\u4e66\u8bb0(&J)\uff1a", None))
        self.phoneLabel.setText(QCoreApplication.translate("BranchDialog", u"\u8054\u7cfb\u7535\u8bdd(&T)\uff1a", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("BranchDialog", u"\u624b\u673a\u53f7\u6216 0871-1234567", None))
        self.foundedLabel.setText(QCoreApplication.translate("BranchDialog", u"\u6210\u7acb\u65f6\u95f4(&D)\uff1a", None))
        self.foundedEdit.setPlaceholderText(QCoreApplication.translate("BranchDialog", u"\u5982 1994-09-01 \u6216 1994\u5e749\u6708\uff0c\u4e0d\u6e05\u695a\u53ef\u4e0d\u586b", None))
        self.remarkLabel.setText(QCoreApplication.translate("BranchDialog", u"\u5907\u6ce8(&R)\uff1a", None))
        self.errorLabel.setText("")
    # retranslateUi

