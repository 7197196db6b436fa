"""Running a command so that file permission bits apply to it, also when the tests run as root."""

from __future__ import annotations

import os
import shutil

import pytest


def without_override(command: list[str]) -> list[str]:
    """`command`, as root prefixed by setpriv dropping the capabilities that override permission
    bits; skips the test (saying why) when setpriv is not on PATH."""
    if os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:  # util-linux is on every Debian; not on every PATH
        pytest.skip("as root, permission bits need setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
