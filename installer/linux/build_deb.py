"""Build the frozen program and the Debian/UOS package: `make dist` runs this.

    python installer/linux/build_deb.py [--dist DIR] [--work DIR] [--no-freeze]

1. makes sure PyInstaller is installed in this Python (`make dist` runs this script in
   build/venv-dist, installed from installer/linux/requirements.lock with --require-hashes);
2. runs PyInstaller with installer/dangjian-desktop.spec → DIST/dangjian-desktop/;
3. strips debug information from the shared libraries that carry it (the Python runtime);
4. adds the native parts (installer/linux/native.py): the fcitx input-method plugin built in a
   Debian trixie root against Qt 6.8, the C library + C++ runtime the program runs on
   (_internal/runtime/), the launcher that starts it through that C library, and the licence
   texts of every bundled library (_internal/resources/licenses/bundled/);
5. lays out the UOS application tree and builds DIST/cn.dangjian.desktop_VERSION_amd64.deb
   with `dpkg-deb --root-owner-group`.

Package layout (UOS / deepin app store convention, everything the package owns is under
/opt/apps/cn.dangjian.desktop):

    /opt/apps/cn.dangjian.desktop/info                         app store metadata (JSON)
    /opt/apps/cn.dangjian.desktop/files/dangjian-desktop       launcher (sh): runtime/ld.so …
    /opt/apps/cn.dangjian.desktop/files/dangjian-desktop.bin   the frozen program (+ _internal/)
    /opt/apps/cn.dangjian.desktop/entries/applications/cn.dangjian.desktop.desktop
    /opt/apps/cn.dangjian.desktop/entries/icons/hicolor/SIZE/apps/cn.dangjian.desktop.png

postinst links the launcher to /usr/bin/dangjian-desktop and the .desktop file and icons into
/usr/share so the program shows on plain Debian too; postrm removes those links on remove.
Users' data (~/.local/share/dangjian-desktop) is never touched by any maintainer script.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.util
import json
import re
import shutil
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "dangjian-desktop.spec"
ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

import native  # noqa: E402

from dangjian_desktop import APP_ID, APP_NAME, __version__  # noqa: E402

FROZEN_NAME = "dangjian-desktop"
ARCH = "amd64"
MAX_DEB_BYTES = 120 * 1024 * 1024
# The oldest C library of the systems the package is for (UOS 20). The program itself runs on the
# glibc it carries (native.py); the system libraries it loads (graphics driver, xcb, fontconfig,
# D-Bus) are the target's own, built for the target's glibc.
MIN_GLIBC = "2.28"
LICENCES = Path("_internal") / "resources" / "licenses" / "bundled"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "党建先进单位创建管理开发组 <dangjian-desktop@localhost>"

# Libraries Qt's xcb platform loads from the system (see installer/windows/README.md for
# Windows). PyInstaller bundles most of what it finds on the build machine; these are the ones
# it cannot or should not bundle (GL/EGL come from the graphics driver).
DEPENDS = (
    "libxcb-cursor0",
    "libegl1",
    "libgl1",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
)

DESCRIPTION = """\
Description: 党建先进单位创建管理 (party-building campaign manager for township offices)
 镇党委组织开展“创建基层党组织建设先进单位”活动的离线桌面程序：党组织和党员名册、
 年度创建各阶段的报送与签收、考核评分、评选表彰、荣誉证书和公文格式通知的打印、
 Excel名册导入导出和向县委报送的数据包。数据保存在本机用户目录，不联网。
 .
 An offline desktop program for a township party committee running the yearly
 "advanced grass-roots party organisation" campaign: branch and member registers,
 hand-in tracking with receipts, scoring, commendation, certificates and notices
 in the official document format, Excel import/export and the county package.
 Data stays in the user's own folder; no network is used.
"""

POSTINST = f"""\
#!/bin/sh
# Links into the standard places so the program shows on plain Debian as well as on UOS.
# Never touches users' data (~/.local/share/dangjian-desktop).
set -e
APP=/opt/apps/{APP_ID}
case "$1" in
    configure|abort-upgrade|abort-remove|abort-deconfigure)
        ln -sfn "$APP/files/{FROZEN_NAME}" /usr/bin/{FROZEN_NAME}
        mkdir -p /usr/share/applications
        ln -sfn "$APP/entries/applications/{APP_ID}.desktop" \\
            /usr/share/applications/{APP_ID}.desktop
        for icon in "$APP"/entries/icons/hicolor/*/apps/{APP_ID}.*; do
            [ -e "$icon" ] || continue
            size_dir=$(basename "$(dirname "$(dirname "$icon")")")
            mkdir -p "/usr/share/icons/hicolor/$size_dir/apps"
            ln -sfn "$icon" "/usr/share/icons/hicolor/$size_dir/apps/$(basename "$icon")"
        done
        if command -v update-desktop-database >/dev/null 2>&1; then
            update-desktop-database -q /usr/share/applications || true
        fi
        if command -v gtk-update-icon-cache >/dev/null 2>&1; then
            gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
        fi
        ;;
esac
exit 0
"""

POSTRM = f"""\
#!/bin/sh
# Removes only the links postinst made. Users' data (~/.local/share/dangjian-desktop) is kept
# on remove and on purge: it is the office's records, not part of the program.
set -e
APP=/opt/apps/{APP_ID}
unlink_ours() {{
    if [ -L "$1" ]; then
        case "$(readlink "$1")" in
            "$APP"/*) rm -f "$1" ;;
        esac
    fi
}}
case "$1" in
    remove|purge)
        unlink_ours /usr/bin/{FROZEN_NAME}
        unlink_ours /usr/share/applications/{APP_ID}.desktop
        for link in /usr/share/icons/hicolor/*/apps/{APP_ID}.*; do
            unlink_ours "$link"
        done
        if command -v update-desktop-database >/dev/null 2>&1; then
            update-desktop-database -q /usr/share/applications || true
        fi
        if command -v gtk-update-icon-cache >/dev/null 2>&1; then
            gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
        fi
        ;;
esac
exit 0
"""


def log(message: str) -> None:
    print(f"[build_deb] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def build_requirements() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["project"]["optional-dependencies"]["build"])


def ensure_build_tools() -> None:
    """PyInstaller and Pillow in this Python; installed from the `build` extra when missing."""
    missing = [m for m in ("PyInstaller", "PIL") if importlib.util.find_spec(m) is None]
    if missing:
        log(f"installing the build extra ({', '.join(missing)} missing)")
        run([sys.executable, "-m", "pip", "install", "--quiet", *build_requirements()])


def deb_version() -> str:
    """Four parts from dangjian_desktop.__version__ (0.1.0 → 0.1.0.0)."""
    parts = __version__.split(".")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 4:
        raise SystemExit(f"__version__ {__version__!r} is not numeric (want A.B.C.D)")
    return ".".join((parts + ["0"] * 4)[:4])


def freeze(dist: Path, work: Path) -> Path:
    started = time.monotonic()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(SPEC),
        ],
        cwd=ROOT,
    )
    log(f"PyInstaller took {time.monotonic() - started:.0f} s")
    return dist / FROZEN_NAME


def _is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def strip_debug_info(folder: Path) -> None:
    """`strip --strip-debug` on shared libraries that carry DWARF (pyenv's Python does); only
    debug sections go, symbols stay. The executable itself is never touched (its archive is
    appended after the ELF image)."""
    strip, readelf = shutil.which("strip"), shutil.which("readelf")
    if not strip or not readelf:
        log("strip/readelf not found (binutils): leaving debug information in")
        return
    before = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    count = 0
    for path in folder.rglob("*.so*"):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        sections = subprocess.run(
            [readelf, "-S", "--wide", str(path)], capture_output=True, text=True, check=False
        ).stdout
        if ".debug_info" not in sections:
            continue
        subprocess.run([strip, "--strip-debug", str(path)], check=True)
        count += 1
    after = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    log(f"stripped debug information from {count} libraries: {(before - after) >> 20} MB less")


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def symbol_versions(path: Path, prefix: str) -> set[str]:
    """The PREFIX_x.y symbol versions an ELF file asks for (`objdump -T`, undefined symbols)."""
    out = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
    ).stdout
    needed = set()
    for line in out.splitlines():
        if "*UND*" not in line:
            continue
        found = re.search(rf"\b{prefix}_(\d+(?:\.\d+)+)\b", line)
        if found:
            needed.add(found.group(1))
    return needed


def defined_versions(path: Path, prefix: str) -> set[str]:
    """The PREFIX_x.y version definitions a library provides (`objdump -p`)."""
    out = subprocess.run(
        ["objdump", "-p", str(path)], capture_output=True, text=True, check=False
    ).stdout
    section = out.split("Version definitions:", 1)[-1].split("Version References:", 1)[0]
    return set(re.findall(rf"\b{prefix}_(\d+(?:\.\d+)+)\b", section))


def check_elf_ceiling(frozen: Path) -> tuple[str, str]:
    """Every ELF file of the bundle must be satisfied by the bundled C library and libstdc++:
    returns the highest GLIBC_ and GLIBCXX_ versions asked for, or stops the build."""
    runtime = frozen / "_internal" / native.RUNTIME_DIR
    glibc = max(map(_version_tuple, defined_versions(runtime / "libc.so.6", "GLIBC")))
    cxx = max(map(_version_tuple, defined_versions(runtime / "libstdc++.so.6", "GLIBCXX")))
    abi = max(map(_version_tuple, defined_versions(runtime / "libstdc++.so.6", "CXXABI")))
    worst_glibc: tuple[int, ...] = ()
    worst_cxx: tuple[int, ...] = ()
    too_new = []
    for path in sorted(frozen.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        if path.parent == runtime:
            continue
        need_c = max(map(_version_tuple, symbol_versions(path, "GLIBC")), default=())
        need_cxx = max(map(_version_tuple, symbol_versions(path, "GLIBCXX")), default=())
        need_abi = max(map(_version_tuple, symbol_versions(path, "CXXABI")), default=())
        worst_glibc, worst_cxx = max(worst_glibc, need_c), max(worst_cxx, need_cxx)
        if need_c > glibc or need_cxx > cxx or need_abi > abi:
            too_new.append(path.relative_to(frozen).as_posix())
    if too_new:
        raise SystemExit("needs a newer C library than the bundled one: " + ", ".join(too_new))
    return ".".join(map(str, worst_glibc)), ".".join(map(str, worst_cxx))


def write_licences(frozen: Path, work: Path) -> None:
    """Licence texts of every library the bundle carries that is not a Python distribution
    (those bring their own in *.dist-info): the C library and C++ runtime, the fcitx5-qt
    plugin, and each library PyInstaller copied from this build machine (its Debian copyright
    file, found with dpkg-query). The About dialog lists this folder."""
    licences = frozen / LICENCES
    internal = frozen / "_internal"
    fcitx = native.FCITX_SOURCE
    (licences / "fcitx5-qt.txt").write_text(
        "fcitx5-qt 5.1.9 — the Qt 6 platform input-context plugin "
        "(_internal/PySide6/Qt/plugins/platforminputcontexts/"
        f"{native.FCITX_PLUGIN}), built from installer/linux/third_party/fcitx5-qt.\n\n"
        + "\n\n".join(
            p.read_text(encoding="utf-8") for p in sorted((fcitx / "LICENSES").glob("*.txt"))
        ),
        encoding="utf-8",
    )
    # where PyInstaller took each file from (its COLLECT table of contents)
    toc = work / "pyinstaller" / FROZEN_NAME / "COLLECT-00.toc"
    sources: dict[str, str] = {}
    if toc.is_file():
        for entry in ast.literal_eval(toc.read_text(encoding="utf-8"))[0]:
            if isinstance(entry, tuple) and len(entry) == 3 and entry[2] == "BINARY":
                sources[entry[0]] = entry[1]
    seen: dict[str, list[str]] = {}
    for path in sorted(internal.glob("*.so*")):
        if path.is_symlink() or not _is_elf(path):
            continue
        source = sources.get(path.name)
        if source is None or not source.startswith(("/usr/", "/lib")):
            continue  # from a wheel (licence in its .dist-info) or the Python runtime
        owner = native.debian_copyright_for(Path(source))
        if owner:
            seen.setdefault(owner[0], []).append(path.name)
    for package, files in sorted(seen.items()):
        source = Path("/usr/share/doc") / package / "copyright"
        head = f"Debian package {package}, bundled as: {', '.join(files)}\n\n"
        (licences / f"{package}.txt").write_text(
            head + source.read_text(encoding="utf-8", errors="replace"), encoding="utf-8"
        )
    log(f"licence texts of {len(seen)} system packages + runtime + fcitx5-qt in {LICENCES}")


def add_native_parts(frozen: Path, work: Path) -> None:
    """The fcitx plugin, the bundled C library and the launcher (installer/linux/native.py)."""
    root = native.build_root(work, "trixie", native.TRIXIE_PACKAGES)
    plugin = native.build_fcitx_plugin(root)
    plugins = frozen / "_internal" / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    plugins.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(plugin, plugins / native.FCITX_PLUGIN)
    versions = native.bundle_runtime(root, frozen / "_internal", frozen / LICENCES)
    log("runtime: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())))
    write_licences(frozen, work)
    native.install_launcher(frozen, FROZEN_NAME)


def desktop_entry() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            f"Name={APP_NAME}",
            f"Name[zh_CN]={APP_NAME}",
            "GenericName=Party-building campaign manager",
            "GenericName[zh_CN]=党建创建活动管理",
            "Comment=Township party office: registers, hand-ins, scoring, certificates, notices",
            "Comment[zh_CN]=镇党委创建基层党组织建设先进单位活动的离线管理程序：名册、报送签收、"
            "考核评分、表彰证书和通知",
            f"Exec=/opt/apps/{APP_ID}/files/{FROZEN_NAME}",
            f"TryExec=/opt/apps/{APP_ID}/files/{FROZEN_NAME}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;",
            "Keywords=党建;创先争优;先进党支部;党员;荣誉证书;通知;",
            "StartupNotify=true",
            "",
        ]
    )


def info_json(version: str) -> str:
    """The `info` file of UOS / deepin app store packages."""
    info = {
        "appid": APP_ID,
        "name": APP_NAME,
        "version": version,
        "arch": [ARCH],
        "permissions": {
            "autostart": False,
            "notification": False,
            "trayicon": False,
            "clipboard": False,
            "account": False,
            "bluetooth": False,
            "camera": False,
            "audio_record": False,
            "installed_apps": False,
        },
    }
    return json.dumps(info, ensure_ascii=False, indent=4) + "\n"


def _normalise_modes(root: Path) -> None:
    """Directories 0755, executables 0755, everything else 0644 (Debian policy)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def _installed_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink():
            total += 1
        elif path.is_file():
            total += (path.stat().st_size + 1023) // 1024
        elif path.is_dir():
            total += 4
    return total


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.relative_to(root).parts[0] == "DEBIAN":
            continue
        digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        lines.append(f"{digest}  {path.relative_to(root).as_posix()}")
    return "\n".join(lines) + "\n"


def assemble(frozen: Path, work: Path, version: str) -> Path:
    root = work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    app = root / "opt" / "apps" / APP_ID
    shutil.copytree(frozen, app / "files", symlinks=True)
    _write(app / "info", info_json(version))
    _write(app / "entries" / "applications" / f"{APP_ID}.desktop", desktop_entry())
    icons = app / "entries" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICONS / f"app-{size}.png", target)
    (icons / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICONS / "app.svg", icons / "scalable" / "apps" / f"{APP_ID}.svg")
    _normalise_modes(root)

    depends = [f"libc6 (>= {MIN_GLIBC})", *DEPENDS]
    control = "\n".join(
        [
            f"Package: {APP_ID}",
            f"Version: {version}",
            f"Architecture: {ARCH}",
            f"Maintainer: {MAINTAINER}",
            f"Installed-Size: {_installed_size_kib(root)}",
            f"Depends: {', '.join(depends)}",
            "Section: utils",
            "Priority: optional",
            f"Provides: {FROZEN_NAME}",
            DESCRIPTION,
        ]
    )
    debian = root / "DEBIAN"
    _write(debian / "control", control.rstrip("\n") + "\n")
    _write(debian / "md5sums", _md5sums(root))
    _write(debian / "postinst", POSTINST, 0o755)
    _write(debian / "postrm", POSTRM, 0o755)
    return root


def build_deb(root: Path, dist: Path, version: str) -> Path:
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{APP_ID}_{version}_{ARCH}.deb"
    started = time.monotonic()
    # xz, not zstd: UOS 20 and Kylin V10 ship a dpkg that cannot read zstd packages. Level 1:
    # about 88 MB instead of 78 MB, in a fifth of the time (xz -6 took minutes on 2 cores).
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(root), str(target)])
    log(f"dpkg-deb took {time.monotonic() - started:.0f} s")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument(
        "--no-freeze", action="store_true", help="reuse DIST/dangjian-desktop from an earlier run"
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb not found: the .deb can only be built on Debian/UOS/Kylin")
    version = deb_version()
    frozen = dist / FROZEN_NAME
    if not args.no_freeze:
        ensure_build_tools()
        frozen = freeze(dist, work)
        strip_debug_info(frozen)
    if not (frozen / FROZEN_NAME).is_file():
        raise SystemExit(f"no frozen program at {frozen}")
    add_native_parts(frozen, work)
    glibc, cxx = check_elf_ceiling(frozen)
    log(f"highest versions asked for: GLIBC_{glibc}, GLIBCXX_{cxx} (all in _internal/runtime)")
    root = assemble(frozen, work, version)
    deb = build_deb(root, dist, version)
    size = deb.stat().st_size
    log(f"{deb} — {size / 1024 / 1024:.1f} MB, installed {_installed_size_kib(root) >> 10} MB")
    if size >= MAX_DEB_BYTES:
        raise SystemExit(f"{deb.name} is {size >> 20} MB, over the 120 MB limit")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
