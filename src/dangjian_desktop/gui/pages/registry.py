"""Navigation order of the pages, in the order of the campaign (issue 3 names them).

Each page module adds its class to the list below at its place in the order.
"""

from __future__ import annotations

from dangjian_desktop.gui.pages.base import Page


def page_classes() -> list[type[Page]]:
    # Imported here so that importing the registry stays cheap and cycle-free.
    pages: list[type[Page]] = []
    # 1 工作台 (workbench.WorkbenchPage)
    # 2 党组织与党员 (registers.RegistersPage)
    # 3 申报与方案 (intake.EnrolmentPage)
    # 4 半年汇报 (intake.ReportsPage)
    # 5 评估材料与评分 (evaluation.EvaluationPage)
    # 6 公示与表彰 (commendation.CommendationPage)
    # 7 动态管理 (dynamic.DynamicPage)
    # 8 文书 (documents.DocumentsPage)
    # 9 报送县委 (county.CountyPage)
    # 10 设置 (settings.SettingsPage)
    # 11 操作日志 (audit.AuditPage)
    return pages
