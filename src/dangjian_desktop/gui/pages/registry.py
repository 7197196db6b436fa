"""Navigation order of the pages, in the order of the campaign (issue 3 names them)."""

from __future__ import annotations

from dangjian_desktop.gui.pages.base import Page


def page_classes() -> list[type[Page]]:
    # Imported here so that importing the registry stays cheap and cycle-free.
    from dangjian_desktop.gui.pages.audit import AuditPage
    from dangjian_desktop.gui.pages.commendation import CommendationPage
    from dangjian_desktop.gui.pages.county import CountyPage
    from dangjian_desktop.gui.pages.documents import DocumentsPage
    from dangjian_desktop.gui.pages.dynamic import DynamicPage
    from dangjian_desktop.gui.pages.evaluation import EvaluationPage
    from dangjian_desktop.gui.pages.intake import EnrolmentPage, ReportsPage
    from dangjian_desktop.gui.pages.registers import RegistersPage
    from dangjian_desktop.gui.pages.settings import SettingsPage
    from dangjian_desktop.gui.pages.workbench import WorkbenchPage

    return [
        WorkbenchPage,  # 工作台
        RegistersPage,  # 党组织与党员
        EnrolmentPage,  # 申报与方案
        ReportsPage,  # 半年汇报
        EvaluationPage,  # 评估材料与评分
        CommendationPage,  # 公示与表彰
        DynamicPage,  # 动态管理
        DocumentsPage,  # 文书
        CountyPage,  # 报送县委
        SettingsPage,  # 设置
        AuditPage,  # 操作日志
    ]
