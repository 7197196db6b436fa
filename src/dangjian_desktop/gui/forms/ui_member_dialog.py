# Generated from ui/member_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

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

class Ui_MemberDialog(object):
    def setupUi(self, MemberDialog):
        if not MemberDialog.objectName():
            MemberDialog.setObjectName(u"MemberDialog")
        MemberDialog.resize(520, 420)
        self.mainLayout = QVBoxLayout(MemberDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(MemberDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(MemberDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(60)

        self.form.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.genderLabel = QLabel(MemberDialog)
        self.genderLabel.setObjectName(u"genderLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.genderLabel)

        self.genderCombo = QComboBox(MemberDialog)
        self.genderCombo.setObjectName(u"genderCombo")

        self.form.setWidget(1, QFormLayout.FieldRole, self.genderCombo)

        self.ethnicityLabel = QLabel(MemberDialog)
        self.ethnicityLabel.setObjectName(u"ethnicityLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.ethnicityLabel)

        self.ethnicityCombo = QComboBox(MemberDialog)
        self.ethnicityCombo.setObjectName(u"ethnicityCombo")
        self.ethnicityCombo.setMaxVisibleItems(16)

        self.form.setWidget(2, QFormLayout.FieldRole, self.ethnicityCombo)

        self.birthLabel = QLabel(MemberDialog)
        self.birthLabel.setObjectName(u"birthLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.birthLabel)

        self.birthEdit = QLineEdit(MemberDialog)
        self.birthEdit.setObjectName(u"birthEdit")
        self.birthEdit.setMaxLength(30)

        self.form.setWidget(3, QFormLayout.FieldRole, self.birthEdit)

        self.joinedLabel = QLabel(MemberDialog)
        self.joinedLabel.setObjectName(u"joinedLabel")

        self.form.setWidget(4, QFormLayout.LabelRole, self.joinedLabel)

        self.joinedEdit = QLineEdit(MemberDialog)
        self.joinedEdit.setObjectName(u"joinedEdit")
        self.joinedEdit.setMaxLength(30)

        self.form.setWidget(4, QFormLayout.FieldRole, self.joinedEdit)

        self.kindLabel = QLabel(MemberDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.form.setWidget(5, QFormLayout.LabelRole, self.kindLabel)

        self.kindCombo = QComboBox(MemberDialog)
        self.kindCombo.setObjectName(u"kindCombo")

        self.form.setWidget(5, QFormLayout.FieldRole, self.kindCombo)

        self.postLabel = QLabel(MemberDialog)
        self.postLabel.setObjectName(u"postLabel")

        self.form.setWidget(6, QFormLayout.LabelRole, self.postLabel)

        self.postCombo = QComboBox(MemberDialog)
        self.postCombo.setObjectName(u"postCombo")

        self.form.setWidget(6, QFormLayout.FieldRole, self.postCombo)

        self.branchLabel = QLabel(MemberDialog)
        self.branchLabel.setObjectName(u"branchLabel")

        self.form.setWidget(7, QFormLayout.LabelRole, self.branchLabel)

        self.branchCombo = QComboBox(MemberDialog)
        self.branchCombo.setObjectName(u"branchCombo")
        self.branchCombo.setMaxVisibleItems(20)

        self.form.setWidget(7, QFormLayout.FieldRole, self.branchCombo)

        self.phoneLabel = QLabel(MemberDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(8, QFormLayout.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(MemberDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(30)

        self.form.setWidget(8, QFormLayout.FieldRole, self.phoneEdit)

        self.remarkLabel = QLabel(MemberDialog)
        self.remarkLabel.setObjectName(u"remarkLabel")

        self.form.setWidget(9, QFormLayout.LabelRole, self.remarkLabel)

        self.remarkEdit = QLineEdit(MemberDialog)
        self.remarkEdit.setObjectName(u"remarkEdit")
        self.remarkEdit.setMaxLength(200)

        self.form.setWidget(9, QFormLayout.FieldRole, self.remarkEdit)


        self.mainLayout.addLayout(self.form)

        self.errorLabel = QLabel(MemberDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 4, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(MemberDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

        self.nameLabel.setBuddy(self.nameEdit)
        self.genderLabel.setBuddy(self.genderCombo)
        self.ethnicityLabel.setBuddy(self.ethnicityCombo)
        self.birthLabel.setBuddy(self.birthEdit)
        self.joinedLabel.setBuddy(self.joinedEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.postLabel.setBuddy(self.postCombo)
        self.branchLabel.setBuddy(self.branchCombo)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.remarkLabel.setBuddy(self.remarkEdit)
        QWidget.setTabOrder(self.nameEdit, self.genderCombo)
        QWidget.setTabOrder(self.genderCombo, self.ethnicityCombo)
        QWidget.setTabOrder(self.ethnicityCombo, self.birthEdit)
        QWidget.setTabOrder(self.birthEdit, self.joinedEdit)
        QWidget.setTabOrder(self.joinedEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.postCombo)
        QWidget.setTabOrder(self.postCombo, self.branchCombo)
        QWidget.setTabOrder(self.branchCombo, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.remarkEdit)

        self.retranslateUi(MemberDialog)

        QMetaObject.connectSlotsByName(MemberDialog)
    # setupUi

    def retranslateUi(self, MemberDialog):
        MemberDialog.setWindowTitle(QCoreApplication.translate("MemberDialog", u"\u515a\u5458", None))
        self.nameLabel.setText(QCoreApplication.translate("MemberDialog", u"\u59d3\u540d(&M)\uff1a", None))
        self.genderLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6027\u522b(&G)\uff1a", None))
        self.ethnicityLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6c11\u65cf(&E)\uff1a", None))
        self.birthLabel.setText(QCoreApplication.translate("MemberDialog", u"\u51fa\u751f\u65e5\u671f(&B)\uff1a", None))
        self.birthEdit.setPlaceholderText(QCoreApplication.translate("MemberDialog", u"\u5982 1969-12-03 \u6216 1969\u5e7412\u6708\uff0c\u53ef\u4e0d\u586b", None))
        self.joinedLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5165\u515a\u65e5\u671f(&J)\uff1a", None))
        self.joinedEdit.setPlaceholderText(QCoreApplication.translate("MemberDialog", u"\u5982 2005-07-01 \u6216 2005\u5e747\u6708\uff0c\u53ef\u4e0d\u586b", None))
        self.kindLabel.setText(QCoreApplication.translate("MemberDialog", u"\u515a\u5458\u7c7b\u522b(&K)\uff1a", None))
        self.postLabel.setText(QCoreApplication.translate("MemberDialog", u"\u515a\u5185\u804c\u52a1(&P)\uff1a", None))
        self.branchLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6240\u5728\u515a\u7ec4\u7ec7(&O)\uff1a", None))
        self.phoneLabel.setText(QCoreApplication.translate("MemberDialog", u"\u8054\u7cfb\u7535\u8bdd(&T)\uff1a", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("MemberDialog", u"\u624b\u673a\u53f7\u6216 0871-1234567\uff0c\u53ef\u4e0d\u586b", None))
        self.remarkLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5907\u6ce8(&R)\uff1a", None))
        self.errorLabel.setText("")
    # retranslateUi

