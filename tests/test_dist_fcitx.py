"""Chinese typing through fcitx, with the package as built (`make dist-check`).

Under Xvfb with a private D-Bus session and a running fcitx5 (Debian's fcitx5 and
fcitx5-chinese-addons, installed by .ci/run's dist part), the packaged program's input-method
probe (`dangjian-desktop --input-method-probe`, installer/entry.py) opens a text field with
QT_IM_MODULE set as UOS/deepin/Kylin set it. xdotool types pinyin ("nihao") and a space; fcitx5's
pinyin engine commits 你好 through the bundled fcitx plugin into the field, and the probe prints
the field's text. QT_DEBUG_PLUGINS shows which input-context plugin Qt loaded.

Not covered: the plugin's fcitx 4 protocol (UOS 20, Kylin V10 with Sogou). Debian's fcitx 4
pinyin packages conflict with fcitx5's, and fcitx5 with only its fcitx4 frontend left on still
owns org.fcitx.Fcitx5 (its controller), so no input context was created over the fcitx 4 path
within 30 s in a trial run; README "Installers" says so.

Skipped, with the reason printed, where Xvfb, dbus-daemon, fcitx5 or xdotool are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian_desktop import APP_ID

pytestmark = [pytest.mark.slow, pytest.mark.dist]

TOOLS = ("Xvfb", "dbus-daemon", "dbus-send", "fcitx5", "fcitx5-remote", "xdotool", "dpkg-deb")
PROFILE = """\
[Groups/0]
Name=默认
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=默认
"""


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            "fcitx test needs " + ", ".join(missing) + " (apt-get install xvfb dbus fcitx5 "
            "fcitx5-chinese-addons xdotool; .ci/run installs them)"
        )
    given = os.environ.get("DANGJIAN_DEB")
    if not given:
        pytest.skip("DANGJIAN_DEB not set: run through `make dist-check`")
    root = tmp_path_factory.mktemp("fcitx-root")
    subprocess.run(["dpkg-deb", "-x", given, str(root)], check=True)
    return root / "opt" / "apps" / APP_ID / "files" / "dangjian-desktop"


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Xvfb + a D-Bus session; yields the environment for programs on that display."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        display = ":" + fh.readline().strip()
    home = tmp_path / "home"
    (home / ".config" / "fcitx5").mkdir(parents=True)
    (home / ".config" / "fcitx5" / "profile").write_text(PROFILE, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "DISPLAY": display,
        "LANG": "C.UTF-8",
    }
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    try:
        yield env
    finally:
        for process in (bus, xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait(predicate: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize("im_module", ["fcitx", "fcitx5"], ids=lambda v: f"QT_IM_MODULE={v}")
def test_pinyin_typed_with_fcitx_arrives_in_a_text_field(
    program: Path, desktop: dict[str, str], tmp_path: Path, im_module: str
) -> None:
    fcitx_log = open(tmp_path / "fcitx5.log", "w")  # noqa: SIM115
    fcitx = subprocess.Popen(
        ["fcitx5", "--disable", "fcitx4frontend,ibusfrontend,xim,wayland,waylandim"],
        env=desktop,
        stdout=fcitx_log,
        stderr=subprocess.STDOUT,
    )
    probe_out = tmp_path / "probe.out"
    probe_err = tmp_path / "probe.err"
    probe: subprocess.Popen[bytes] | None = None
    try:

        def fcitx_answers() -> bool:  # (fcitx5-remote answers 0 even with no fcitx5 running)
            owner = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.fcitx.Fcitx5",
                ],
                env=desktop,
                capture_output=True,
                text=True,
                check=False,
            )
            return "boolean true" in owner.stdout

        _wait(fcitx_answers, 30, "fcitx5 on D-Bus")
        env = dict(desktop, QT_IM_MODULE=im_module, QT_QPA_PLATFORM="xcb", QT_DEBUG_PLUGINS="1")
        with open(probe_out, "wb") as out, open(probe_err, "wb") as err:
            probe = subprocess.Popen(
                [str(program), "--input-method-probe", "60"], env=env, stdout=out, stderr=err
            )
        _wait(lambda: "输入框已打开" in probe_out.read_text("utf-8", "replace"), 60, "the probe")
        window = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "输入法测试"],
            env=desktop,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=desktop, check=True)
        time.sleep(1.0)  # the plugin creates its input context on focus
        subprocess.run(["fcitx5-remote", "-o"], env=desktop, check=True)  # 中文 on
        time.sleep(0.5)
        subprocess.run(["xdotool", "type", "--delay", "120", "nihao"], env=desktop, check=True)
        time.sleep(0.5)
        subprocess.run(["xdotool", "key", "space"], env=desktop, check=True)
        code = probe.wait(timeout=70)
        out_text = probe_out.read_text("utf-8", "replace")
        err_text = probe_err.read_text("utf-8", "replace")
        print(out_text)
        print("\n".join(line for line in err_text.splitlines() if "inputcontext" in line))
        plugin = "platforminputcontexts/libfcitx5platforminputcontextplugin.so"
        assert f'{plugin}" loaded library' in err_text  # Qt loaded our plugin …
        assert 'libcomposeplatforminputcontextplugin.so" loaded library' not in err_text
        assert code == 0, (tmp_path / "fcitx5.log").read_text("utf-8", "replace")[-3000:]
        assert "文字：你好" in out_text
    finally:
        for process in (probe, fcitx):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        fcitx_log.close()
