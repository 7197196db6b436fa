"""帮助 → 关于本程序: name, version, data folder, and the bundled components with their licences.

The fonts' licences are read from resources/fonts/, Qt's and Python's from resources/licenses/,
the libraries' from their installed package metadata (importlib.metadata; the PyInstaller spec
copies that metadata into the frozen program). The Linux package also carries native libraries
(the C library, libstdc++, the fcitx input-method plugin, OpenSSL, CUPS …): `make dist` writes
their Debian copyright files into resources/licenses/bundled/, which the rows below show after
the general licence text. When a text cannot be found, the licence's SPDX name is shown
instead, so the dialog never fails.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import APP_NAME, __version__
from dangjian_desktop.paths import resources_dir

_LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)


@dataclass(frozen=True)
class Component:
    name: str
    purpose: str  # 用途, in Chinese
    licence: str  # SPDX identifier or the licence's own name
    files: tuple[str, ...] = ()  # licence texts under resources/
    dists: tuple[str, ...] = ()  # installed distributions whose licence files to show
    bundled: tuple[str, ...] = ()  # glob patterns under resources/licenses/bundled/ (package)


COMPONENTS: tuple[Component, ...] = (
    Component(
        "霞鹜文楷 LXGW WenKai",
        "界面文字、荣誉证书",
        "OFL-1.1",
        files=("fonts/LICENSE-LXGWWenKai.txt",),
    ),
    Component(
        "文鼎PL明体 AR PL UMing",
        "公文、表格",
        "Arphic Public License",
        files=("fonts/ARPHICPL.TXT", "fonts/LICENSE-AR-PL-UMing.txt"),
    ),
    Component(
        "Qt / PySide6",
        "窗口界面、PDF预览、打印",
        "LGPL-3.0",
        files=("licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"),
        dists=("PySide6_Essentials", "PySide6_Addons", "shiboken6"),
    ),
    Component(
        "ICU (Qt 附带)",
        "文字编码、排序",
        "Unicode-3.0",
        files=("licenses/ICU-Debian-copyright.txt",),
    ),
    Component("FreeType (Qt 附带)", "字体显示", "FTL", files=("licenses/FreeType-FTL.txt",)),
    Component(
        "fcitx5-qt 输入法插件",
        "用 fcitx / fcitx5 输入法输入中文",
        "BSD-3-Clause AND LGPL-2.1-or-later",
        files=("licenses/BSD-3-Clause-fcitx5-qt.txt", "licenses/LGPL-2.1.txt"),
        bundled=("fcitx5-qt.txt",),
    ),
    Component(
        "GNU C 库 glibc",
        "程序运行的C库（Linux安装包附带）",
        "LGPL-2.1-or-later",
        files=("licenses/LGPL-2.1.txt",),
        bundled=("libc6.txt",),
    ),
    Component(
        "GCC 运行库 libstdc++ / libgcc",
        "C++运行库（Linux安装包附带）",
        "GPL-3.0-or-later WITH GCC-exception-3.1",
        files=("licenses/GCC-exception-3.1.txt", "licenses/GPL-3.0.txt"),
        bundled=("libstdc++6.txt", "libgcc-s1.txt"),
    ),
    Component(
        "OpenSSL",
        "校验和加密算法",
        "Apache-2.0",
        files=("licenses/Apache-2.0.txt",),
        bundled=("libssl*.txt",),
    ),
    Component(
        "CUPS", "打印", "Apache-2.0", files=("licenses/Apache-2.0.txt",), bundled=("libcups*.txt",)
    ),
    Component("SQLAlchemy / SQLModel", "数据库", "MIT", dists=("SQLAlchemy", "sqlmodel")),
    Component(
        "pydantic / pydantic-core",
        "数据校验（SQLModel 使用）",
        "MIT",
        dists=("pydantic", "pydantic_core", "annotated_types", "typing_inspection"),
    ),
    Component("typing-extensions", "类型声明", "PSF-2.0", dists=("typing_extensions",)),
    Component("Alembic", "数据库结构升级", "MIT", dists=("alembic",)),
    Component("Mako / MarkupSafe", "数据库升级脚本模板", "MIT", dists=("Mako", "MarkupSafe")),
    Component("reportlab", "生成PDF", "BSD-3-Clause", dists=("reportlab",)),
    Component("openpyxl", "Excel名册导入导出", "MIT", dists=("openpyxl", "et_xmlfile")),
    Component("platformdirs", "数据文件夹位置", "MIT", dists=("platformdirs",)),
    Component("defusedxml", "安全读取Excel文件", "PSF-2.0", dists=("defusedxml",)),
    Component("Pillow", "PDF中的图片", "MIT-CMU", dists=("pillow",)),
    Component("Python", "程序运行环境", "PSF-2.0", files=("licenses/Python-3.11.txt",)),
    Component(
        "PyInstaller 启动程序",
        "启动打包后的程序",
        "GPL-2.0-or-later WITH Bootloader-exception",
        files=("licenses/GPL-3.0.txt",),
        dists=("pyinstaller",),
    ),
    Component(
        "其他随安装包附带的库",
        "Linux安装包从Debian复制的系统库",
        "见各库的版权文件",
        files=("licenses/README.md",),
        bundled=("*.txt",),
    ),
)


def _dist_licence(dist_name: str) -> str | None:
    """The licence file(s) an installed distribution carries, else its License field."""
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return None
    texts: list[str] = []
    for path in dist.files or ():
        parts = path.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        if not _LICENCE_FILE.match(path.name):
            continue
        text = dist.read_text("/".join(parts[1:]))
        if text and text.strip():
            texts.append(text.strip())
    if not texts:
        field = (dist.metadata["License"] or "").strip()
        if len(field) > 200:  # some packages put the whole text in the field
            texts.append(field)
    if not texts:
        return None
    name = dist.metadata["Name"] or dist_name
    return f"—— {name} {dist.version} ——\n\n" + "\n\n".join(texts)


def _bundled_texts(folder: Path, patterns: tuple[str, ...]) -> list[str]:
    """The Debian copyright files `make dist` put into the package, matching `patterns`."""
    texts: list[str] = []
    seen: set[Path] = set()
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            if path in seen or not path.is_file():
                continue
            seen.add(path)
            try:
                body = path.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                continue
            texts.append(f"—— {path.stem}（随安装包附带）——\n\n{body}")
    return texts


def licence_text(component: Component) -> str:
    """Everything known about a component's licence, as plain text (never empty)."""
    parts: list[str] = []
    base = resources_dir()
    for relative in component.files:
        path = base / relative
        try:
            parts.append(path.read_text(encoding="utf-8", errors="replace").strip())
        except OSError:
            continue
    for dist_name in component.dists:
        text = _dist_licence(dist_name)
        if text:
            parts.append(text)
    parts += _bundled_texts(base / "licenses" / "bundled", component.bundled)
    if not parts:
        return (
            f"{component.name} 按 {component.licence} 许可证发布。\n\n"
            "本程序没有附带这份许可证的全文；可以在 https://spdx.org/licenses/ 按名称查到。"
        )
    header = f"{component.name}\n许可证：{component.licence}\n\n"
    return header + "\n\n".join(parts) + "\n"


class LicenceDialog(QDialog):
    """One component's licence text, read-only, selectable."""

    def __init__(self, component: Component, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"许可证 — {component.name}")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font = QFont(self.font())
        font.setFamilies([fixed.family(), *self.font().families()])
        self.text.setFont(font)
        self.text.setPlainText(licence_text(component))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    """关于本程序. `data_dir` is the open data folder, shown so the clerk can find it."""

    COLUMNS = ("组件", "用途", "许可证", "")

    def __init__(self, data_dir: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于本程序")
        self.resize(760, 560)
        self.licence_dialog: LicenceDialog | None = None
        layout = QVBoxLayout(self)

        head = QHBoxLayout()
        icon = resources_dir() / "icons" / "app-64.png"
        if icon.exists():
            picture = QLabel(self)
            picture.setPixmap(QPixmap(str(icon)))
            head.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b style='font-size:16pt'>{APP_NAME}</b><br>版本 {__version__}", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        head.addWidget(title, 1)
        layout.addLayout(head)

        self.data_label = QLabel(f"数据文件夹：{Path(data_dir)}", self)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_label.setWordWrap(True)
        layout.addWidget(self.data_label)
        note = QLabel(
            "数据只保存在本机的数据文件夹里，安装、升级和卸载程序都不会改动它。"
            "本程序使用了下列开源组件，点击“查看许可证”可阅读许可证全文。",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)

        self.table = QTableWidget(len(COMPONENTS), len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.buttons: list[QPushButton] = []
        for row, component in enumerate(COMPONENTS):
            for column, value in enumerate((component.name, component.purpose, component.licence)):
                self.table.setItem(row, column, QTableWidgetItem(value))
            button = QPushButton("查看许可证", self.table)
            button.clicked.connect(lambda _=False, c=component: self.show_licence(c))
            self.table.setCellWidget(row, 3, button)
            self.buttons.append(button)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def show_licence(self, component: Component) -> LicenceDialog:
        """Open the licence text beside this dialog (not blocking)."""
        if self.licence_dialog is not None:
            self.licence_dialog.close()
        self.licence_dialog = LicenceDialog(component, self)
        self.licence_dialog.open()
        return self.licence_dialog
