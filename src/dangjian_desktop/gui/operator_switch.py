"""切换操作员 (File menu, Ctrl+Shift+O): another operator takes over the window without restarting.

The choice and the password go through `Ask`, so tests answer them like any other question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.services.common import ROLE_NAMES, Actor
from dangjian_desktop.services.operators import operator_lines, sign_in

if TYPE_CHECKING:
    from dangjian_desktop.gui.context import AppContext
    from dangjian_desktop.gui.main_window import MainWindow

ATTEMPTS = 3


def _sign_in(ctx: AppContext, name: str, password: str | None) -> Actor:
    return ctx.read(lambda s: sign_in(s, name, password))


def switch_operator(window: MainWindow) -> Actor | None:
    """Ask who takes over (and the password when that operator has one); sign them in."""
    ctx = window.ctx
    operators = ctx.read(
        lambda s: [(op.name, op.role, op.has_password) for op in operator_lines(s)]
    )
    others = [entry for entry in operators if entry[0] != ctx.actor.name]
    if not others:
        Ask.info(
            window,
            "没有其他在用的操作员。可以在“设置 → 操作员”里添加操作员。",
            title="切换操作员",
        )
        return None
    labels = {f"{name}（{ROLE_NAMES.get(role, role)}）": name for name, role, _ in others}
    picked = Ask.choose(window, "切换操作员", "换成哪位操作员？", list(labels))
    if picked is None:
        return None
    name = labels.get(picked, picked)
    protected = any(n == name and has_password for n, _, has_password in others)
    for _attempt in range(ATTEMPTS):
        password = None
        if protected:
            password = Ask.text(window, "输入密码", f"{name}的密码：", password=True)
            if password is None:
                return None
        try:
            actor = _sign_in(ctx, name, password)
        except UserError as exc:
            Ask.warn(window, str(exc))
            if not protected:
                return None
            continue
        ctx.set_actor(actor)
        window.settings.setValue("operator/last", actor.name)
        return actor
    Ask.warn(window, f"密码连续{ATTEMPTS}次不对，仍由{ctx.actor.name}操作。")
    return None
