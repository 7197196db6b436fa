"""What the tables of 公示与表彰 say while they are empty: where the list comes from and, where
the clerk can do it from here, the button that does it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.commendation import CommendationPage


def _to_results(page: CommendationPage) -> None:
    evaluation = page.go_to("evaluation")
    tabs, results = getattr(evaluation, "tabs", None), getattr(evaluation, "results", None)
    if tabs is not None and results is not None:
        tabs.setCurrentWidget(results)


def add_empty_hints(page: CommendationPage) -> None:
    naming = page.naming
    naming.reviews.set_empty_hint(
        "还没有可审验的党组织：综合评价算出结果后，参评的党组织会列在这里。",
        "去综合评价",
        lambda: _to_results(page),
    )
    page.shortlist.set_empty_hint(
        "还没有候选名单：先在“审验与名单”里审验并确定名单，再回到这里发起公示。",
        "去审验与名单",
        lambda: page.tabs.setCurrentWidget(naming),
    )
    page.objections.set_empty_hint("没有收到异议。公示期间收到的异议，点上面的“登记异议…”登记。")
    page.honours.set_empty_hint(
        "还没有荣誉称号：公示期满、评选结果审批后，在“公示名单”里命名先进党组织，"
        "再在这里表彰优秀共产党员。",
        "去公示名单",
        lambda: page.tabs.setCurrentIndex(page.tabs.indexOf(naming) + 1),
    )
    page.media.set_empty_hint(  # its button is the page's own, just above
        "还没有登记宣传报道。报刊、广播、电视、网络报道了先进典型的，点上面的“登记报道…”登记。"
    )
