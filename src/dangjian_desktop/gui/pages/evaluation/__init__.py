"""评估材料与评分, one module per tab (page.py holds the page; printing.py its PDFs)."""

from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage

__all__ = ["EvaluationPage"]
