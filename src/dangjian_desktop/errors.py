"""The two kinds of error (STYLE.md): a problem the clerk can fix, and everything else (a bug)."""


class UserError(Exception):
    """Something the user caused or can fix. The message is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


_OS_REASONS = {
    2: "文件夹不存在或U盘已拔出",  # ENOENT
    5: "读写出错",  # EIO
    1: "没有权限",  # EPERM
    13: "没有权限",  # EACCES
    28: "空间不足",  # ENOSPC
    30: "这个位置是只读的",  # EROFS
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese: its own text is English (or the system's
    language), which a clerk's message must not carry."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误{exc.errno}")
