"""Chinese typing through fcitx, with the package as built (`make dist-check`).

Under Xvfb with a private D-Bus session and a running fcitx5 (Debian's fcitx5 and
fcitx5-chinese-addons, installed by .ci/run's dist part), the packaged program's input-method
probe (`dangjian-desktop --input-method-probe`, installer/entry.py) opens a text field with
QT_IM_MODULE set as UOS/deepin/Kylin set it. xdotool types pinyin ("nihao") and a space; fcitx5's
pinyin engine commits 你好 through the bundled fcitx plugin into the field, and the probe prints
the field's text. QT_DEBUG_PLUGINS shows which input-context plugin Qt loaded.

fcitx 4 (UOS 20, Kylin V10 with Sogou) cannot run beside fcitx5 on Debian 12 (its packages
conflict), so the last test runs it in a Debian 11 root (debootstrap, build/roots/bullseye-fcitx4,
kept between runs): the package installed there with `dpkg -i`, then Xvfb, a D-Bus session,
fcitx 4.2.9.8 with its D-Bus/IPC frontend and pinyin, and the probe with QT_IM_MODULE=fcitx, all
inside the root. There is no fcitx5 in that root and Qt 6 has no XIM, so 你好 can only come
through the bundled plugin's fcitx 4 protocol; `fcitx-remote` reporting 2 (active) shows that
fcitx 4 has the plugin's input context in focus (it reports 0 when the probe runs with
QT_IM_MODULE=compose). Sogou itself is not in Debian and is not tried.

Skipped, with the reason printed, where Xvfb, dbus-daemon, fcitx5 or xdotool are missing (the
fcitx 4 test: where debootstrap/chroot are missing or not run as root).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
        bus.stdout.close()


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


# ------------------------------------------------------------------ fcitx 4 (UOS 20, Kylin V10)

# fcitx 4 with its D-Bus frontend (fcitx-module-dbus: org.fcitx.Fcitx-N and the ipc frontend the
# plugin's fcitx4 proxy talks to) and the pinyin engine; no fcitx5 anywhere in this root.
FCITX4_PACKAGES = (
    "fcitx-bin",
    "fcitx-data",
    "fcitx-modules",
    "fcitx-module-dbus",
    "fcitx-module-x11",
    "fcitx-pinyin",
    "xvfb",
    "xauth",
    "dbus",
    "dbus-x11",
    "xdotool",
    "ca-certificates",
)
FCITX4_PROFILE = """\
[Profile]
IMName=pinyin
EnabledIMList=fcitx-keyboard-us:True,pinyin:True
"""
XVFB_OPTIONS = ("-screen", "0", "1024x768x24", "-nolisten", "tcp")
CHROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _native() -> Any:
    here = Path(__file__).resolve().parent.parent / "installer" / "linux"
    spec = importlib.util.spec_from_file_location("native", here / "native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fcitx4_root() -> Iterator[Path]:
    """A Debian 11 root (glibc 2.31, fcitx 4.2.9, as Kylin V10 / UOS 20 ship it) with fcitx 4,
    pinyin, Xvfb, D-Bus and xdotool, made with debootstrap and kept in build/roots/
    bullseye-fcitx4 (about 4 minutes the first time); /proc mounted while the tests run."""
    missing = [t for t in ("debootstrap", "chroot", "mount") if shutil.which(t) is None]
    if missing or os.geteuid() != 0:
        pytest.skip(f"needs root and {', '.join(missing) or 'debootstrap'}: not available here")
    if not os.environ.get("DANGJIAN_DEB"):
        pytest.skip("DANGJIAN_DEB not set: run through `make dist-check`")
    native = _native()
    build_deb_depends = _build_deb_depends()
    root: Path = native.build_root(
        Path(__file__).resolve().parent.parent / "build",
        "bullseye",
        [*build_deb_depends, *FCITX4_PACKAGES],
        name="fcitx4",
    )
    proc = root / "proc"
    mounted = subprocess.run(["mount", "-t", "proc", "proc", str(proc)]).returncode == 0
    try:
        yield root
    finally:
        if mounted:
            subprocess.run(["umount", str(proc)], check=False)


def _build_deb_depends() -> list[str]:
    here = Path(__file__).resolve().parent.parent / "installer" / "linux"
    spec = importlib.util.spec_from_file_location("build_deb", here / "build_deb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(here))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(here))
    return list(module.DEPENDS)


def _in_root(root: Path, env: dict[str, str], *cmd: str) -> list[str]:
    return ["chroot", str(root), "env", "-i", *(f"{k}={v}" for k, v in env.items()), *cmd]


def _stop(*processes: subprocess.Popen[Any] | None) -> None:
    for process in processes:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_pinyin_typed_with_fcitx4_arrives_in_a_text_field_on_debian_11(
    fcitx4_root: Path,
) -> None:
    """The package installed with dpkg in the Debian 11 root; Xvfb, a D-Bus session, fcitx 4
    and the probe all run inside it. Only fcitx 4 is there, so 你好 can only come through the
    plugin's fcitx 4 protocol (Qt 6 has no XIM)."""
    root = fcitx4_root
    deb = Path(os.environ["DANGJIAN_DEB"]).resolve()
    assert not (root / "usr" / "bin" / "fcitx5").exists()  # fcitx 4 is the only input method
    version = subprocess.run(
        ["chroot", str(root), "dpkg-query", "-W", "-f", "${Version}", "fcitx-bin"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert version.startswith("1:4.2."), version
    shutil.copyfile(deb, root / "tmp" / deb.name)
    home = root / "tmp" / "clerk"
    shutil.rmtree(home, ignore_errors=True)
    (home / ".config" / "fcitx").mkdir(parents=True)
    (home / ".config" / "fcitx" / "profile").write_text(FCITX4_PROFILE, encoding="utf-8")
    (home / "run").mkdir(mode=0o700)
    env = {
        "PATH": CHROOT_PATH,
        "HOME": "/tmp/clerk",
        "XDG_CONFIG_HOME": "/tmp/clerk/.config",
        "XDG_RUNTIME_DIR": "/tmp/clerk/run",
        "LANG": "C.UTF-8",
        "DEBIAN_FRONTEND": "noninteractive",
    }
    xvfb = bus = fcitx = probe = None
    try:
        installed = subprocess.run(
            _in_root(root, env, "dpkg", "-i", f"/tmp/{deb.name}"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert installed.returncode == 0, installed.stdout + installed.stderr
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            [*_in_root(root, env, "Xvfb", "-displayfd", str(write)), *XVFB_OPTIONS],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as fh:
            display = fh.readline().strip()
        assert display, "Xvfb did not start in the Debian 11 root"
        env["DISPLAY"] = ":" + display
        bus = subprocess.Popen(
            _in_root(root, env, "dbus-daemon", "--session", "--nofork", "--print-address=1"),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        fcitx_log = home / "fcitx.log"
        with open(fcitx_log, "wb") as log:
            fcitx = subprocess.Popen(
                _in_root(root, env, "fcitx", "-D"), stdout=log, stderr=subprocess.STDOUT
            )

        def fcitx_answers() -> bool:  # fcitx 4's bus name carries the display number
            owner = subprocess.run(
                [
                    *_in_root(root, env, "dbus-send", "--session", "--print-reply"),
                    "--dest=org.freedesktop.DBus",
                    "/",
                    "org.freedesktop.DBus.NameHasOwner",
                    f"string:org.fcitx.Fcitx-{display}",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            return "boolean true" in owner.stdout

        _wait(fcitx_answers, 30, "fcitx 4 on D-Bus")
        probe_env = dict(env, QT_IM_MODULE="fcitx", QT_QPA_PLATFORM="xcb", QT_DEBUG_PLUGINS="1")
        probe_out, probe_err = home / "probe.out", home / "probe.err"
        with open(probe_out, "wb") as out, open(probe_err, "wb") as err:
            probe = subprocess.Popen(
                _in_root(root, probe_env, "dangjian-desktop", "--input-method-probe", "60"),
                stdout=out,
                stderr=err,
            )
        _wait(lambda: "输入框已打开" in probe_out.read_text("utf-8", "replace"), 60, "the probe")

        def x(*args: str) -> str:
            return subprocess.run(
                _in_root(root, env, *args), capture_output=True, text=True, timeout=30, check=True
            ).stdout

        window = x("xdotool", "search", "--sync", "--name", "输入法测试").split()[0]
        x("xdotool", "windowfocus", "--sync", window)
        time.sleep(1.0)  # the plugin creates its input context on focus
        x("fcitx-remote", "-o")  # 中文 on, for the focused input context
        time.sleep(0.5)
        state = x("fcitx-remote").strip()
        x("xdotool", "type", "--delay", "120", "nihao")
        time.sleep(0.5)
        x("xdotool", "key", "space")
        code = probe.wait(timeout=70)
        out_text = probe_out.read_text("utf-8", "replace")
        err_text = probe_err.read_text("utf-8", "replace")
        print(out_text)
        print("\n".join(line for line in err_text.splitlines() if "inputcontext" in line))
        plugin = "platforminputcontexts/libfcitx5platforminputcontextplugin.so"
        assert f'{plugin}" loaded library' in err_text  # Qt loaded our plugin …
        assert 'libcomposeplatforminputcontextplugin.so" loaded library' not in err_text
        # … fcitx 4 saw an input context of ours in focus and switched it on (2 = active) …
        assert state == "2", (state, fcitx_log.read_text("utf-8", "replace")[-3000:])
        # … and its pinyin engine committed 你好 into the field
        assert code == 0, fcitx_log.read_text("utf-8", "replace")[-3000:]
        assert "文字：你好" in out_text
    finally:
        _stop(probe, fcitx, bus, xvfb)
        if bus is not None and bus.stdout is not None:
            bus.stdout.close()
        subprocess.run(_in_root(root, env, "dpkg", "--purge", APP_ID), capture_output=True)
        (root / "tmp" / deb.name).unlink(missing_ok=True)
        for leftover in (root / "tmp").glob("fcitx-socket-*"):  # fcitx 4's, left on SIGTERM
            leftover.unlink(missing_ok=True)
        shutil.rmtree(home, ignore_errors=True)
