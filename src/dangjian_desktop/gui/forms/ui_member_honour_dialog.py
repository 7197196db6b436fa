# Generated from ui/member_honour_dialog.ui by `make forms` (pyside6-uic). Do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_MemberHonourDialog(object):
    def setupUi(self, MemberHonourDialog):
        if not MemberHonourDialog.objectName():
            MemberHonourDialog.setObjectName(u"MemberHonourDialog")
        MemberHonourDialog.resize(900, 600)
        self.layout = QVBoxLayout(MemberHonourDialog)
        self.layout.setObjectName(u"layout")
        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.left = QVBoxLayout()
        self.left.setObjectName(u"left")
        self.pick_form = QFormLayout()
        self.pick_form.setObjectName(u"pick_form")
        self.branch_label = QLabel(MemberHonourDialog)
        self.branch_label.setObjectName(u"branch_label")

        self.pick_form.setWidget(0, QFormLayout.LabelRole, self.branch_label)

        self.branch = QComboBox(MemberHonourDialog)
        self.branch.setObjectName(u"branch")
        self.branch.setEditable(True)
        self.branch.setInsertPolicy(QComboBox.NoInsert)

        self.pick_form.setWidget(0, QFormLayout.FieldRole, self.branch)

        self.search_label = QLabel(MemberHonourDialog)
        self.search_label.setObjectName(u"search_label")

        self.pick_form.setWidget(1, QFormLayout.LabelRole, self.search_label)

        self.member_search = QLineEdit(MemberHonourDialog)
        self.member_search.setObjectName(u"member_search")
        self.member_search.setClearButtonEnabled(True)

        self.pick_form.setWidget(1, QFormLayout.FieldRole, self.member_search)


        self.left.addLayout(self.pick_form)

        self.members = QTableView(MemberHonourDialog)
        self.members.setObjectName(u"members")
        self.members.setSelectionMode(QAbstractItemView.SingleSelection)
        self.members.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.members.setAlternatingRowColors(True)

        self.left.addWidget(self.members)


        self.columns.addLayout(self.left)

        self.member_box = QGroupBox(MemberHonourDialog)
        self.member_box.setObjectName(u"member_box")
        self.member_box.setMinimumSize(QSize(300, 0))
        self.member_form = QFormLayout(self.member_box)
        self.member_form.setObjectName(u"member_form")
        self.name_caption = QLabel(self.member_box)
        self.name_caption.setObjectName(u"name_caption")

        self.member_form.setWidget(0, QFormLayout.LabelRole, self.name_caption)

        self.name_value = QLabel(self.member_box)
        self.name_value.setObjectName(u"name_value")

        self.member_form.setWidget(0, QFormLayout.FieldRole, self.name_value)

        self.gender_caption = QLabel(self.member_box)
        self.gender_caption.setObjectName(u"gender_caption")

        self.member_form.setWidget(1, QFormLayout.LabelRole, self.gender_caption)

        self.gender_value = QLabel(self.member_box)
        self.gender_value.setObjectName(u"gender_value")

        self.member_form.setWidget(1, QFormLayout.FieldRole, self.gender_value)

        self.ethnicity_caption = QLabel(self.member_box)
        self.ethnicity_caption.setObjectName(u"ethnicity_caption")

        self.member_form.setWidget(2, QFormLayout.LabelRole, self.ethnicity_caption)

        self.ethnicity_value = QLabel(self.member_box)
        self.ethnicity_value.setObjectName(u"ethnicity_value")

        self.member_form.setWidget(2, QFormLayout.FieldRole, self.ethnicity_value)

        self.birth_caption = QLabel(self.member_box)
        self.birth_caption.setObjectName(u"birth_caption")

        self.member_form.setWidget(3, QFormLayout.LabelRole, self.birth_caption)

        self.birth_value = QLabel(self.member_box)
        self.birth_value.setObjectName(u"birth_value")

        self.member_form.setWidget(3, QFormLayout.FieldRole, self.birth_value)

        self.joined_caption = QLabel(self.member_box)
        self.joined_caption.setObjectName(u"joined_caption")

        self.member_form.setWidget(4, QFormLayout.LabelRole, self.joined_caption)

        self.joined_value = QLabel(self.member_box)
        self.joined_value.setObjectName(u"joined_value")

        self.member_form.setWidget(4, QFormLayout.FieldRole, self.joined_value)

        self.kind_caption = QLabel(self.member_box)
        self.kind_caption.setObjectName(u"kind_caption")

        self.member_form.setWidget(5, QFormLayout.LabelRole, self.kind_caption)

        self.kind_value = QLabel(self.member_box)
        self.kind_value.setObjectName(u"kind_value")

        self.member_form.setWidget(5, QFormLayout.FieldRole, self.kind_value)

        self.post_caption = QLabel(self.member_box)
        self.post_caption.setObjectName(u"post_caption")

        self.member_form.setWidget(6, QFormLayout.LabelRole, self.post_caption)

        self.post_value = QLabel(self.member_box)
        self.post_value.setObjectName(u"post_value")

        self.member_form.setWidget(6, QFormLayout.FieldRole, self.post_value)


        self.columns.addWidget(self.member_box)


        self.layout.addLayout(self.columns)

        self.deeds_label = QLabel(MemberHonourDialog)
        self.deeds_label.setObjectName(u"deeds_label")

        self.layout.addWidget(self.deeds_label)

        self.deeds = QPlainTextEdit(MemberHonourDialog)
        self.deeds.setObjectName(u"deeds")
        self.deeds.setTabChangesFocus(True)
        self.deeds.setMaximumSize(QSize(16777215, 120))

        self.layout.addWidget(self.deeds)

        self.error = QLabel(MemberHonourDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(MemberHonourDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

        self.branch_label.setBuddy(self.branch)
        self.search_label.setBuddy(self.member_search)
        self.deeds_label.setBuddy(self.deeds)
        QWidget.setTabOrder(self.branch, self.member_search)
        QWidget.setTabOrder(self.member_search, self.members)
        QWidget.setTabOrder(self.members, self.deeds)

        self.retranslateUi(MemberHonourDialog)

        QMetaObject.connectSlotsByName(MemberHonourDialog)
    # setupUi

    def retranslateUi(self, MemberHonourDialog):
        MemberHonourDialog.setWindowTitle(QCoreApplication.translate("MemberHonourDialog", u"\u8bc4\u4f18\u79c0\u5171\u4ea7\u515a\u5458", None))
        self.branch_label.setText(QCoreApplication.translate("MemberHonourDialog", u"\u63a8\u8350\u515a\u7ec4\u7ec7(&B)\uff1a", None))
        self.search_label.setText(QCoreApplication.translate("MemberHonourDialog", u"\u67e5\u627e\u515a\u5458(&F)\uff1a", None))
        self.member_search.setPlaceholderText(QCoreApplication.translate("MemberHonourDialog", u"\u8f93\u5165\u59d3\u540d\u3001\u6c11\u65cf\u6216\u804c\u52a1", None))
        self.member_box.setTitle(QCoreApplication.translate("MemberHonourDialog", u"\u515a\u5458\u4fe1\u606f\uff08\u8bc4\u9009\u65f6\u7684\u60c5\u51b5\u4f1a\u5b58\u6863\uff09", None))
        self.name_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u59d3\u540d\uff1a", None))
        self.gender_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u6027\u522b\uff1a", None))
        self.ethnicity_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u6c11\u65cf\uff1a", None))
        self.birth_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u51fa\u751f\u65e5\u671f\uff1a", None))
        self.joined_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u5165\u515a\u65e5\u671f\uff1a", None))
        self.kind_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u515a\u5458\u7c7b\u522b\uff1a", None))
        self.post_caption.setText(QCoreApplication.translate("MemberHonourDialog", u"\u515a\u5185\u804c\u52a1\uff1a", None))
        self.deeds_label.setText(QCoreApplication.translate("MemberHonourDialog", u"\u4e3b\u8981\u4e8b\u8ff9(&D)\uff1a", None))
        self.deeds.setPlaceholderText(QCoreApplication.translate("MemberHonourDialog", u"\u8be5\u540c\u5fd7\u5728\u5b66\u4e60\u3001\u5de5\u4f5c\u3001\u670d\u52a1\u7fa4\u4f17\u4e2d\u7684\u7a81\u51fa\u8868\u73b0\uff08\u5fc5\u586b\uff09", None))
        self.error.setStyleSheet(QCoreApplication.translate("MemberHonourDialog", u"color: #b71c1c;", None))
    # retranslateUi

