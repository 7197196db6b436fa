"""党建先进单位创建管理 — the township party office's campaign program."""

__version__ = "0.1.0.0"
APP_NAME = "党建先进单位创建管理"
APP_ID = "cn.dangjian.desktop"
