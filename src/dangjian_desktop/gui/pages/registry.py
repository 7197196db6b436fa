"""Navigation order of the pages, in the order of the campaign.

The window lists every page at start but builds (and imports) a page only when it is first
shown, so each entry names its module and class; `page_classes()` imports them all, and a test
checks that the titles and keys here are the classes' own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.base import Page


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    module: str
    cls: str

    def load(self) -> type[Page]:
        from dangjian_desktop.gui.pages.base import Page

        page: object = getattr(
            importlib.import_module(f"dangjian_desktop.gui.pages.{self.module}"), self.cls
        )
        assert isinstance(page, type) and issubclass(page, Page)
        return page


PAGES: tuple[PageEntry, ...] = (
    PageEntry("workbench", "工作台", "workbench", "WorkbenchPage"),
    PageEntry("registers", "党组织与党员", "registers", "RegistersPage"),
    PageEntry("enrolment", "申报与方案", "intake", "EnrolmentPage"),
    PageEntry("reports", "半年汇报", "intake", "ReportsPage"),
    PageEntry("evaluation", "评估材料与评分", "evaluation", "EvaluationPage"),
    PageEntry("commendation", "公示与表彰", "commendation", "CommendationPage"),
    PageEntry("dynamic", "动态管理", "dynamic", "DynamicPage"),
    PageEntry("documents", "文书", "documents", "DocumentsPage"),
    PageEntry("county", "报送县委", "county", "CountyPage"),
    PageEntry("settings", "设置", "settings", "SettingsPage"),
    PageEntry("audit", "操作日志", "audit", "AuditPage"),
)


def page_entries() -> list[PageEntry]:
    return list(PAGES)


def page_classes() -> list[type[Page]]:
    return [entry.load() for entry in PAGES]
