"""The native parts of the Linux package that do not come from PyInstaller: `make dist` (through
build_deb.py) calls these.

Why they exist (README, "Installers"): the package has to run on glibc 2.28 (UOS 20), 2.31 (Kylin
V10) and newer. The program's interpreter is built on the build machine and needs its glibc, so
the package brings its own C library and starts the program through the dynamic loader of that
C library (the idea behind staticx). Everything the program loads from the package then runs on
the bundled glibc, and what it loads from the system (the graphics driver, X11/xcb, fontconfig,
D-Bus) was built for an older glibc and runs on a newer one as glibc promises.

Debian trixie is the build root for the two pieces that must match each other:

- the fcitx input-method plugin (installer/linux/third_party/fcitx5-qt), built with trixie's
  qt6-base-private-dev 6.8.2 against the same Qt minor the PySide6 6.8 wheels bundle;
- the C library, libstdc++ and libgcc the package carries (trixie's libc6, libstdc++6, libgcc-s1),
  the ones the plugin was compiled against.

The root is made with debootstrap from the Debian mirror this machine's apt already uses and is
kept in build/roots/ between runs (about 5 minutes the first time).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
FCITX_SOURCE = HERE / "third_party" / "fcitx5-qt"
FCITX_PLUGIN = "libfcitx5platforminputcontextplugin.so"
TRIPLET = "x86_64-linux-gnu"

# The trixie build root: compilers, CMake, ECM, Qt 6.8 development files with private headers.
TRIXIE_PACKAGES = (
    "build-essential",
    "cmake",
    "extra-cmake-modules",
    "qt6-base-dev",
    "qt6-base-private-dev",
    "libxkbcommon-dev",
    "libxcb1-dev",
    "libx11-dev",
    "pkg-config",
)

# The C library and the C++ runtime the package carries (directory _internal/runtime/). The
# program is started as `runtime/ld-linux-x86-64.so.2 --library-path runtime …`.
RUNTIME_LIBRARIES = (
    "ld-linux-x86-64.so.2",
    "libc.so.6",
    "libm.so.6",
    "libmvec.so.1",
    "libpthread.so.0",
    "libdl.so.2",
    "librt.so.1",
    "libutil.so.1",
    "libresolv.so.2",
    "libanl.so.1",
    "libstdc++.so.6",
    "libgcc_s.so.1",
)
RUNTIME_PACKAGES = ("libc6", "libstdc++6", "libgcc-s1")
RUNTIME_DIR = "runtime"
LOADER = "ld-linux-x86-64.so.2"


def log(message: str) -> None:
    print(f"[native] {message}", flush=True)


def run(cmd: Sequence[str | os.PathLike[str]], **kwargs: object) -> None:
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def debian_mirror() -> str:
    """The Debian archive this machine's apt uses (deb822 .sources or one-line lists)."""
    override = os.environ.get("DANGJIAN_DEBIAN_MIRROR")
    if override:
        return override
    candidates = sorted(Path("/etc/apt/sources.list.d").glob("*.sources"))
    candidates += sorted(Path("/etc/apt/sources.list.d").glob("*.list"))
    candidates.append(Path("/etc/apt/sources.list"))
    for path in candidates:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in re.finditer(r"(?:URIs:\s*|^deb\s+(?:\[[^\]]*\]\s+)?)(\S+)", text, re.M):
            uri = match.group(1).rstrip("/")
            if uri.startswith(("http://", "https://")) and not uri.endswith("-security"):
                return uri
    raise SystemExit(
        "找不到 Debian 软件源：请在 /etc/apt/sources.list(.d) 中配置，"
        "或设置环境变量 DANGJIAN_DEBIAN_MIRROR"
    )


def build_root(work: Path, suite: str, packages: Sequence[str], name: str = "build") -> Path:
    """A debootstrap root of `suite` with `packages` in work/roots/SUITE-NAME, reused while the
    list is the same."""
    root = work / "roots" / f"{suite}-{name}"
    stamp = root / ".dangjian-root"
    key = f"{suite}\n" + "\n".join(sorted(packages)) + "\n"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        log(f"reusing the {suite} root {root}")
        return root
    if shutil.which("debootstrap") is None:
        raise SystemExit("需要 debootstrap 来建立编译环境：apt-get install debootstrap")
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # debootstrap's --include does not resolve virtual packages (trixie's qt6-base-private-dev
    # pulls gir1.2-gobject-2.0, provided by gir1.2-glib-2.0), so the root gets only its base
    # system from debootstrap and the packages from apt inside it.
    run(["debootstrap", "--variant=minbase", suite, root, debian_mirror()])
    quiet_apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["chroot", root, "apt-get", "update", "-qq"], env=quiet_apt)
    run(
        ["chroot", root, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        env=quiet_apt,
    )
    stamp.write_text(key, encoding="utf-8")
    log(f"debootstrap {suite} took {time.monotonic() - started:.0f} s")
    return root


def package_versions(root: Path, packages: Sequence[str]) -> dict[str, str]:
    out = subprocess.run(
        ["chroot", str(root), "dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *packages],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


CMAKE_OPTIONS = (
    "-DCMAKE_BUILD_TYPE=Release",
    "-DCMAKE_SKIP_RPATH=ON",  # no RUNPATH: Qt is found beside the plugin by the loader
    "-DENABLE_QT4=OFF",
    "-DENABLE_QT5=OFF",
    "-DENABLE_QT6=ON",
    "-DBUILD_ONLY_PLUGIN=ON",  # no Fcitx5Utils, no widgets add-ons: the plugin alone
    "-DBUILD_STATIC_PLUGIN=OFF",
    "-DWITH_FCITX_PLUGIN_NAME=ON",  # answers QT_IM_MODULE=fcitx as well as fcitx5
    "-DENABLE_QT6_WAYLAND_WORKAROUND=OFF",  # would need Qt's WaylandClient private headers
    "-DENABLE_X11=ON",
)


def _source_digest() -> str:
    digest = hashlib.sha256("\n".join(CMAKE_OPTIONS).encode())
    for path in sorted(FCITX_SOURCE.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(FCITX_SOURCE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_fcitx_plugin(root: Path) -> Path:
    """fcitx5-qt's Qt 6 input-context plugin (keys "fcitx" and "fcitx5"; it speaks both the
    fcitx 5 and the fcitx 4 D-Bus protocol), compiled in the trixie root against Qt 6.8.2."""
    out = root / "build" / "fcitx5-qt-out"
    plugin = out / "qt6" / "platforminputcontext" / FCITX_PLUGIN
    stamp = out / ".source-digest"
    digest = _source_digest()
    if plugin.is_file() and stamp.is_file() and stamp.read_text() == digest:
        log(f"reusing {plugin}")
        return plugin
    src = root / "build" / "fcitx5-qt-src"
    for path in (src, out):
        if path.exists():
            shutil.rmtree(path)
    shutil.copytree(FCITX_SOURCE, src, symlinks=True)
    started = time.monotonic()
    run(
        [
            "chroot",
            root,
            "cmake",
            "-S",
            "/build/fcitx5-qt-src",
            "-B",
            "/build/fcitx5-qt-out",
            *CMAKE_OPTIONS,
        ],
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "HOME": "/root"},
    )
    run(
        [
            "chroot",
            root,
            "make",
            "-C",
            "/build/fcitx5-qt-out",
            f"-j{os.cpu_count() or 2}",
            "fcitx5platforminputcontextplugin-qt6",
        ],
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "HOME": "/root"},
    )
    run(["strip", "--strip-unneeded", plugin])
    stamp.write_text(digest)
    log(f"fcitx5-qt plugin built in {time.monotonic() - started:.0f} s")
    return plugin


def _root_library(root: Path, name: str) -> Path:
    for folder in (f"usr/lib/{TRIPLET}", f"lib/{TRIPLET}", "usr/lib64", "lib64"):
        path = root / folder / name
        if path.exists():
            return path.resolve()
    raise SystemExit(f"{name} not found in the build root {root}")


def bundle_runtime(root: Path, internal: Path, licences: Path) -> dict[str, str]:
    """Copies the C library, libstdc++ and libgcc of the root into `internal`/runtime and their
    Debian copyright files into `licences`; returns {package: version}."""
    target = internal / RUNTIME_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in RUNTIME_LIBRARIES:
        source = _root_library(root, name)
        shutil.copyfile(source, target / name)
        (target / name).chmod(0o755)
    # PyInstaller's copies (from the build machine) would only shadow the ones above.
    for name in ("libstdc++.so.6", "libgcc_s.so.1"):
        for stale in internal.rglob(name):
            if stale.parent != target:
                stale.unlink()
    versions = package_versions(root, RUNTIME_PACKAGES)
    licences.mkdir(parents=True, exist_ok=True)
    for package in RUNTIME_PACKAGES:
        copyright_file = root / "usr" / "share" / "doc" / package / "copyright"
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
        head = (
            f"Debian package {package} {versions.get(package, '?')} (Debian 13 trixie), "
            f"bundled in _internal/{RUNTIME_DIR}/.\n"
            "Source: the Debian source package of the same name and version "
            "(snapshot archive of Debian).\n\n"
        )
        (licences / f"{package}.txt").write_text(head + text, encoding="utf-8")
    return versions


LAUNCHER = """\
#!/bin/sh
# 党建先进单位创建管理 — starts the program with the C library it was built with.
# The program (dangjian-desktop.bin, PyInstaller) and everything in _internal/ run on the glibc
# in _internal/runtime/, so the package works on systems with an older glibc (UOS 20: 2.28,
# Kylin V10: 2.31). PyInstaller's program re-executes itself once through the same loader; the
# loader only keeps LD_LIBRARY_PATH across that, so it is set here too, and the program puts the
# caller's value back as soon as it starts (installer/entry.py), before it can start any other
# program: programs it starts (to open a file) get the system's own C library.
self=$(readlink -f "$0")
here=${self%/*}
rt="$here/_internal/runtime"
export DANGJIAN_CALLER_LD_LIBRARY_PATH="${LD_LIBRARY_PATH-(unset)}"
export LD_LIBRARY_PATH="$rt${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec "$rt/ld-linux-x86-64.so.2" --library-path "$rt" "$here/dangjian-desktop.bin" "$@"
"""


def install_launcher(frozen: Path, name: str) -> None:
    """`name` becomes the shell launcher; PyInstaller's program moves to `name`.bin."""
    program = frozen / name
    binary = frozen / f"{name}.bin"
    if program.is_file() and program.read_bytes()[:4] == b"\x7fELF":
        program.replace(binary)
    if not binary.is_file():
        raise SystemExit(f"no PyInstaller program at {binary}")
    program.write_text(LAUNCHER, encoding="utf-8")
    program.chmod(0o755)


def debian_copyright_for(path: Path) -> tuple[str, Path] | None:
    """The Debian package that owns a library of this build machine, and its copyright file.
    dpkg knows one spelling of the path: /lib/… and /usr/lib/… are the same folder on a
    merged-/usr system, and the file may be reached through a symbolic link."""
    text = str(path)
    candidates = [text, str(path.resolve())]
    if text.startswith("/lib/"):
        candidates.append("/usr" + text)
    elif text.startswith("/usr/lib/"):
        candidates.append(text[len("/usr") :])
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(
            ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and ":" in result.stdout:
            package = result.stdout.split(":", 1)[0].strip()
            copyright_file = Path("/usr/share/doc") / package / "copyright"
            if copyright_file.is_file():
                return package, copyright_file
    return None
