"""CityOps console.

python main.py                         embedded server + San Francisco demo city, demo dispatcher
python main.py --server wss://host:8765 --user dana --workstation desk-3
python main.py --replay FILE [--training]
python main.py --screenshot DIR        start, wait for data on screen, write PNGs, exit
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("cityops")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="cityops", description="CityOps urban operations console")
    p.add_argument(
        "--server",
        help="ws:// or wss:// URL of a CityOps server, or several replicas' URLs separated by "
        "commas to fail over along (default: embedded)",
    )
    p.add_argument(
        "--ca-cert",
        type=Path,
        help="CA certificate (PEM) of a wss:// server with a site certificate",
    )
    p.add_argument("--user", default="", help="user name (default: the demo dispatcher)")
    p.add_argument(
        "--password", default="", help="password (default: CITYOPS_PASSWORD or a prompt)"
    )
    p.add_argument(
        "--workstation", default="", help="workstation name (layouts and cache are per workstation)"
    )
    p.add_argument("--replay", type=Path, help="open a replay file offline (no server, no network)")
    p.add_argument(
        "--training",
        action="store_true",
        help="with --replay: dispatch it yourself, then get a score",
    )
    p.add_argument(
        "--screenshot", type=Path, help="write one PNG per window into this folder, then exit"
    )
    p.add_argument("--screenshot-timeout", type=float, default=90.0)
    p.add_argument("--data-dir", type=Path, help="the workstation's data folder (cache, layouts)")
    p.add_argument(
        "--no-demo", action="store_true", help="embedded server without the scenario driver"
    )
    p.add_argument(
        "--http-port",
        type=int,
        help="embedded server: also serve Open311 and the public page on this port (0: any)",
    )
    p.add_argument("--mute", action="store_true", help="no alert sound")
    p.add_argument(
        "--lang",
        choices=["en", "zh_CN"],
        default=None,
        help="language of the console (zh_CN: Simplified Chinese); default: the language last"
        " chosen in View > Language on this desk, else English",
    )
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.data_dir:
        os.environ["CITYOPS_DATA_DIR"] = str(args.data_dir)
    if args.training and not args.replay:
        print("--training needs --replay FILE", file=sys.stderr)
        return 2
    if args.replay and not args.replay.is_file():
        print(f"replay file not found: {args.replay}", file=sys.stderr)
        return 2

    from PySide6 import QtCore, QtWidgets

    from app.console.i18n import Translations
    from widgets.console.event_loop import ConsoleEventLoop
    from widgets.console.launcher import Launcher

    QtCore.QCoreApplication.setOrganizationName("CityOps")
    QtCore.QCoreApplication.setApplicationName("CityOps")
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    translations = Translations(app, app)
    # --lang now; otherwise the launcher applies the desk's saved choice once it has the settings.
    translations.set_language(args.lang or "en")
    launcher = Launcher(app, args)
    try:
        with asyncio.Runner(loop_factory=ConsoleEventLoop) as runner:
            return runner.run(launcher.run())
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # The video decoder runs in a child process; a frozen bundle starts it through this binary.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
