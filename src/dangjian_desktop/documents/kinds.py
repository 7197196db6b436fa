"""The kinds of 文书 the program issues, as the command line and the services name them.

Its own module: the command line lists them in its help without importing the documents'
dataclasses (`documents.data`, about 10 ms of every start of the window).
"""

NOTICE_KINDS = (
    "plan-call",
    "reminder",
    "report-call",
    "schedule",
    "announcement",
    "decision",
    "rectification",
    "criticism",
    "recommendation",
)
