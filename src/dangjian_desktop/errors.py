"""The two kinds of error (STYLE.md): a problem the clerk can fix, and everything else (a bug)."""


class UserError(Exception):
    """Something the user caused or can fix. The message is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
