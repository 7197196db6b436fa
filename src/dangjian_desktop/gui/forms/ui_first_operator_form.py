# Generated from ui/first_operator_form.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_FirstOperatorForm(object):
    def setupUi(self, FirstOperatorForm):
        if not FirstOperatorForm.objectName():
            FirstOperatorForm.setObjectName(u"FirstOperatorForm")
        FirstOperatorForm.resize(640, 420)
        self.mainLayout = QVBoxLayout(FirstOperatorForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameEditLabel = QLabel(FirstOperatorForm)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(FirstOperatorForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(30)

        self.form.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.roleComboLabel = QLabel(FirstOperatorForm)
        self.roleComboLabel.setObjectName(u"roleComboLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.roleComboLabel)

        self.roleCombo = QComboBox(FirstOperatorForm)
        self.roleCombo.setObjectName(u"roleCombo")

        self.form.setWidget(1, QFormLayout.FieldRole, self.roleCombo)

        self.passwordEditLabel = QLabel(FirstOperatorForm)
        self.passwordEditLabel.setObjectName(u"passwordEditLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.passwordEditLabel)

        self.passwordEdit = QLineEdit(FirstOperatorForm)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setMaxLength(40)
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(2, QFormLayout.FieldRole, self.passwordEdit)

        self.password2EditLabel = QLabel(FirstOperatorForm)
        self.password2EditLabel.setObjectName(u"password2EditLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.password2EditLabel)

        self.password2Edit = QLineEdit(FirstOperatorForm)
        self.password2Edit.setObjectName(u"password2Edit")
        self.password2Edit.setMaxLength(40)
        self.password2Edit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(3, QFormLayout.FieldRole, self.password2Edit)


        self.mainLayout.addLayout(self.form)

        self.errorLabel = QLabel(FirstOperatorForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.nameEditLabel.setBuddy(self.nameEdit)
        self.roleComboLabel.setBuddy(self.roleCombo)
        self.passwordEditLabel.setBuddy(self.passwordEdit)
        self.password2EditLabel.setBuddy(self.password2Edit)
        QWidget.setTabOrder(self.nameEdit, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.password2Edit)

        self.retranslateUi(FirstOperatorForm)

        QMetaObject.connectSlotsByName(FirstOperatorForm)
    # setupUi

    def retranslateUi(self, FirstOperatorForm):
        FirstOperatorForm.setWindowTitle(QCoreApplication.translate("FirstOperatorForm", u"\u7b2c\u4e00\u4e2a\u64cd\u4f5c\u5458", None))
        self.nameEditLabel.setText(QCoreApplication.translate("FirstOperatorForm", u"\u59d3\u540d(&M)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("FirstOperatorForm", u"\u60a8\u7684\u59d3\u540d", None))
        self.roleComboLabel.setText(QCoreApplication.translate("FirstOperatorForm", u"\u8eab\u4efd(&R)\uff1a", None))
        self.passwordEditLabel.setText(QCoreApplication.translate("FirstOperatorForm", u"\u5bc6\u7801(&W)\uff1a", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("FirstOperatorForm", u"\u53ef\u4e0d\u8bbe\uff1b\u8bbe\u4e86\u4ee5\u540e\u6bcf\u6b21\u6253\u5f00\u7a0b\u5e8f\u90fd\u8981\u8f93\u5165", None))
        self.password2EditLabel.setText(QCoreApplication.translate("FirstOperatorForm", u"\u518d\u8f93\u4e00\u904d(&A)\uff1a", None))
        self.password2Edit.setPlaceholderText(QCoreApplication.translate("FirstOperatorForm", u"\u8bbe\u4e86\u5bc6\u7801\u8bf7\u518d\u8f93\u4e00\u904d", None))
        self.errorLabel.setText("")
    # retranslateUi

