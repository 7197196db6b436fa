# Generated from ui/operator_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

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

class Ui_OperatorDialog(object):
    def setupUi(self, OperatorDialog):
        if not OperatorDialog.objectName():
            OperatorDialog.setObjectName(u"OperatorDialog")
        OperatorDialog.resize(440, 280)
        self.mainLayout = QVBoxLayout(OperatorDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.nameLabel = QLabel(OperatorDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(OperatorDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(30)

        self.formLayout.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.roleLabel = QLabel(OperatorDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(1, QFormLayout.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(OperatorDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.formLayout.setWidget(1, QFormLayout.FieldRole, self.roleCombo)

        self.passwordLabel = QLabel(OperatorDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(2, QFormLayout.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(OperatorDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(2, QFormLayout.FieldRole, self.passwordEdit)

        self.confirmLabel = QLabel(OperatorDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.formLayout.setWidget(3, QFormLayout.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(OperatorDialog)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(3, QFormLayout.FieldRole, self.confirmEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.hintLabel = QLabel(OperatorDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.hintLabel)

        self.errorLabel = QLabel(OperatorDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(OperatorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.nameLabel.setBuddy(self.nameEdit)
        self.roleLabel.setBuddy(self.roleCombo)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
        QWidget.setTabOrder(self.nameEdit, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.confirmEdit)

        self.retranslateUi(OperatorDialog)

        QMetaObject.connectSlotsByName(OperatorDialog)
    # setupUi

    def retranslateUi(self, OperatorDialog):
        OperatorDialog.setWindowTitle(QCoreApplication.translate("OperatorDialog", u"\u6dfb\u52a0\u64cd\u4f5c\u5458", None))
        self.nameLabel.setText(QCoreApplication.translate("OperatorDialog", u"\u59d3\u540d(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("OperatorDialog", u"\u5982\uff1a\u738b\u6653\u71d5", None))
        self.roleLabel.setText(QCoreApplication.translate("OperatorDialog", u"\u8eab\u4efd(&R)\uff1a", None))
        self.passwordLabel.setText(QCoreApplication.translate("OperatorDialog", u"\u5bc6\u7801(&P)\uff1a", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("OperatorDialog", u"\u53ef\u4ee5\u4e0d\u8bbe\uff0c\u7559\u7a7a\u5373\u53ef", None))
        self.confirmLabel.setText(QCoreApplication.translate("OperatorDialog", u"\u518d\u8f93\u4e00\u904d(&C)\uff1a", None))
        self.hintLabel.setText(QCoreApplication.translate("OperatorDialog", u"\u7ecf\u529e\u4eba\u767b\u8bb0\u548c\u5f55\u5165\uff1b\u5ba1\u6279\u4eba\u8fd8\u53ef\u4ee5\u5ba1\u6279\u8bc4\u4f30\u7ed3\u679c\uff1b\u7ba1\u7406\u5458\u8fd8\u53ef\u4ee5\u7ba1\u7406\u64cd\u4f5c\u5458\u3002\u8bbe\u4e86\u5bc6\u7801\u7684\u64cd\u4f5c\u5458\u767b\u5f55\u548c\u5207\u6362\u65f6\u8981\u8f93\u5165\u5bc6\u7801\u3002", None))
    # retranslateUi

