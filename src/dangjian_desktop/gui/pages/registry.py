"""Navigation order of the pages, in the order of the campaign (issue 3 names them).

Each page module adds its class to the list below at its place in the order.
"""

from __future__ import annotations

from dangjian_desktop.gui.pages.base import Page


def page_classes() -> list[type[Page]]:
    # Imported here so that importing the registry stays cheap and cycle-free.
    pages: list[type[Page]] = []
    from dangjian_desktop.gui.pages.workbench import WorkbenchPage

    pages.append(WorkbenchPage)
    from dangjian_desktop.gui.pages.registers import RegistersPage

    pages.append(RegistersPage)
    from dangjian_desktop.gui.pages.intake import EnrolmentPage, ReportsPage

    pages.append(EnrolmentPage)
    pages.append(ReportsPage)
    from dangjian_desktop.gui.pages.evaluation import EvaluationPage

    pages.append(EvaluationPage)
    from dangjian_desktop.gui.pages.commendation import CommendationPage

    pages.append(CommendationPage)
    from dangjian_desktop.gui.pages.dynamic import DynamicPage

    pages.append(DynamicPage)
    # 8 文书 (documents.DocumentsPage)
    from dangjian_desktop.gui.pages.county import CountyPage

    pages.append(CountyPage)
    from dangjian_desktop.gui.pages.settings import SettingsPage

    pages.append(SettingsPage)
    from dangjian_desktop.gui.pages.audit import AuditPage

    pages.append(AuditPage)
    return pages
