# Generated from ui/township_form.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_TownshipForm(object):
    def setupUi(self, TownshipForm):
        if not TownshipForm.objectName():
            TownshipForm.setObjectName(u"TownshipForm")
        TownshipForm.resize(640, 420)
        self.mainLayout = QVBoxLayout(TownshipForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameEditLabel = QLabel(TownshipForm)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(0, QFormLayout.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(TownshipForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(30)

        self.form.setWidget(0, QFormLayout.FieldRole, self.nameEdit)

        self.organEditLabel = QLabel(TownshipForm)
        self.organEditLabel.setObjectName(u"organEditLabel")

        self.form.setWidget(1, QFormLayout.LabelRole, self.organEditLabel)

        self.organEdit = QLineEdit(TownshipForm)
        self.organEdit.setObjectName(u"organEdit")
        self.organEdit.setMaxLength(60)

        self.form.setWidget(1, QFormLayout.FieldRole, self.organEdit)

        self.officeEditLabel = QLabel(TownshipForm)
        self.officeEditLabel.setObjectName(u"officeEditLabel")

        self.form.setWidget(2, QFormLayout.LabelRole, self.officeEditLabel)

        self.officeEdit = QLineEdit(TownshipForm)
        self.officeEdit.setObjectName(u"officeEdit")
        self.officeEdit.setMaxLength(80)

        self.form.setWidget(2, QFormLayout.FieldRole, self.officeEdit)

        self.prefixEditLabel = QLabel(TownshipForm)
        self.prefixEditLabel.setObjectName(u"prefixEditLabel")

        self.form.setWidget(3, QFormLayout.LabelRole, self.prefixEditLabel)

        self.prefixEdit = QLineEdit(TownshipForm)
        self.prefixEdit.setObjectName(u"prefixEdit")
        self.prefixEdit.setMaxLength(20)

        self.form.setWidget(3, QFormLayout.FieldRole, self.prefixEdit)

        self.countyEditLabel = QLabel(TownshipForm)
        self.countyEditLabel.setObjectName(u"countyEditLabel")

        self.form.setWidget(4, QFormLayout.LabelRole, self.countyEditLabel)

        self.countyEdit = QLineEdit(TownshipForm)
        self.countyEdit.setObjectName(u"countyEdit")
        self.countyEdit.setMaxLength(30)

        self.form.setWidget(4, QFormLayout.FieldRole, self.countyEdit)

        self.prefectureEditLabel = QLabel(TownshipForm)
        self.prefectureEditLabel.setObjectName(u"prefectureEditLabel")

        self.form.setWidget(5, QFormLayout.LabelRole, self.prefectureEditLabel)

        self.prefectureEdit = QLineEdit(TownshipForm)
        self.prefectureEdit.setObjectName(u"prefectureEdit")
        self.prefectureEdit.setMaxLength(30)

        self.form.setWidget(5, QFormLayout.FieldRole, self.prefectureEdit)

        self.provinceEditLabel = QLabel(TownshipForm)
        self.provinceEditLabel.setObjectName(u"provinceEditLabel")

        self.form.setWidget(6, QFormLayout.LabelRole, self.provinceEditLabel)

        self.provinceEdit = QLineEdit(TownshipForm)
        self.provinceEdit.setObjectName(u"provinceEdit")
        self.provinceEdit.setMaxLength(30)

        self.form.setWidget(6, QFormLayout.FieldRole, self.provinceEdit)

        self.contactEditLabel = QLabel(TownshipForm)
        self.contactEditLabel.setObjectName(u"contactEditLabel")

        self.form.setWidget(7, QFormLayout.LabelRole, self.contactEditLabel)

        self.contactEdit = QLineEdit(TownshipForm)
        self.contactEdit.setObjectName(u"contactEdit")
        self.contactEdit.setMaxLength(30)

        self.form.setWidget(7, QFormLayout.FieldRole, self.contactEdit)

        self.phoneEditLabel = QLabel(TownshipForm)
        self.phoneEditLabel.setObjectName(u"phoneEditLabel")

        self.form.setWidget(8, QFormLayout.LabelRole, self.phoneEditLabel)

        self.phoneEdit = QLineEdit(TownshipForm)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(30)

        self.form.setWidget(8, QFormLayout.FieldRole, self.phoneEdit)


        self.mainLayout.addLayout(self.form)

        self.errorLabel = QLabel(TownshipForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b71c1c;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.nameEditLabel.setBuddy(self.nameEdit)
        self.organEditLabel.setBuddy(self.organEdit)
        self.officeEditLabel.setBuddy(self.officeEdit)
        self.prefixEditLabel.setBuddy(self.prefixEdit)
        self.countyEditLabel.setBuddy(self.countyEdit)
        self.prefectureEditLabel.setBuddy(self.prefectureEdit)
        self.provinceEditLabel.setBuddy(self.provinceEdit)
        self.contactEditLabel.setBuddy(self.contactEdit)
        self.phoneEditLabel.setBuddy(self.phoneEdit)
        QWidget.setTabOrder(self.nameEdit, self.organEdit)
        QWidget.setTabOrder(self.organEdit, self.officeEdit)
        QWidget.setTabOrder(self.officeEdit, self.prefixEdit)
        QWidget.setTabOrder(self.prefixEdit, self.countyEdit)
        QWidget.setTabOrder(self.countyEdit, self.prefectureEdit)
        QWidget.setTabOrder(self.prefectureEdit, self.provinceEdit)
        QWidget.setTabOrder(self.provinceEdit, self.contactEdit)
        QWidget.setTabOrder(self.contactEdit, self.phoneEdit)

        self.retranslateUi(TownshipForm)

        QMetaObject.connectSlotsByName(TownshipForm)
    # setupUi

    def retranslateUi(self, TownshipForm):
        TownshipForm.setWindowTitle(QCoreApplication.translate("TownshipForm", u"\u672c\u9547\u4fe1\u606f", None))
        self.nameEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u9547\u540d(&M)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u5982\uff1a\u77f3\u9f99\u9547", None))
        self.organEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u515a\u59d4\u540d\u79f0(&O)\uff1a", None))
        self.organEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u6309\u9547\u540d\u81ea\u52a8\u586b\u5199\uff0c\u5982\uff1a\u4e2d\u5171\u77f3\u9f99\u9547\u59d4\u5458\u4f1a", None))
        self.officeEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u9886\u5bfc\u5c0f\u7ec4\u529e\u516c\u5ba4(&F)\uff1a", None))
        self.officeEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u6309\u9547\u540d\u81ea\u52a8\u586b\u5199\uff0c\u53ef\u4fee\u6539", None))
        self.prefixEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u673a\u5173\u4ee3\u5b57(&P)\uff1a", None))
        self.prefixEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u53d1\u6587\u5b57\u53f7\u7528\uff0c\u5982\uff1a\u77f3\u515a\u53d1", None))
        self.countyEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u53bf\uff08\u5e02\u3001\u533a\uff09(&C)\uff1a", None))
        self.countyEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u5982\uff1a\u77f3\u5c4f\u53bf", None))
        self.prefectureEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u5dde\uff08\u5e02\uff09(&Z)\uff1a", None))
        self.prefectureEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u5982\uff1a\u7ea2\u6cb3\u54c8\u5c3c\u65cf\u5f5d\u65cf\u81ea\u6cbb\u5dde", None))
        self.provinceEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u7701(&S)\uff1a", None))
        self.provinceEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u5982\uff1a\u4e91\u5357\u7701", None))
        self.contactEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u8054\u7cfb\u4eba(&L)\uff1a", None))
        self.contactEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u529e\u516c\u5ba4\u7ecf\u529e\u4eba\u59d3\u540d", None))
        self.phoneEditLabel.setText(QCoreApplication.translate("TownshipForm", u"\u8054\u7cfb\u7535\u8bdd(&T)\uff1a", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("TownshipForm", u"\u624b\u673a\u53f7\u6216 0873-1234567", None))
        self.errorLabel.setText("")
    # retranslateUi

