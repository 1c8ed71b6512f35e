"""A real WordPress for tests: the one ``scripts/wordpress.sh`` runs (Debian's packages,
MariaDB, ``php -S`` on loopback), or the reason there is none, so tests skip with it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# read at import, before tests/conftest.py's autouse fixture clears every LOA_* variable
WP_ENV = {k: v for k, v in os.environ.items() if k.startswith("LOA_WP_")}


@dataclass
class WordPressSite:
    url: str
    user: str
    app_password: str


def start_wordpress() -> WordPressSite | str:
    """A running WordPress, or the reason there is none."""
    if WP_ENV.get("LOA_WP_URL"):
        return WordPressSite(
            WP_ENV["LOA_WP_URL"],
            WP_ENV.get("LOA_WP_USER", "loa"),
            WP_ENV.get("LOA_WP_APP_PASSWORD", "").strip("'"),
        )
    if not (Path("/usr/share/wordpress/wp-load.php").is_file() and shutil.which("php")):
        return (
            "no WordPress on this machine: install Debian's wordpress php-cli php-mysql "
            "and MariaDB, or run scripts/wordpress.sh (it sets LOA_WP_URL)"
        )
    try:
        out = subprocess.run(
            [str(ROOT / "scripts" / "wordpress.sh")],
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        ).stdout
    except subprocess.CalledProcessError as exc:
        tail = (exc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return f"scripts/wordpress.sh could not start WordPress: {tail[0]}"
    except (OSError, subprocess.SubprocessError) as exc:
        return f"scripts/wordpress.sh could not start WordPress: {exc}"
    env = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("LOA_WP_"))
    return WordPressSite(
        env["LOA_WP_URL"], env["LOA_WP_USER"], env["LOA_WP_APP_PASSWORD"].strip("'")
    )
