"""Run scripts/deploy/nginx.conf itself on 127.0.0.1, for tests/deploy and scripts/benchmark.py.

The production file names production's ports and folders; `render_site` swaps exactly those for a test's
(and fails if one is missing, so the file and its tests cannot drift apart), and `start` wraps it in the
few lines Debian's /etc/nginx/nginx.conf would give it (events, mime types, temp folders), all in a
temporary folder, as whoever runs the test.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

SITE_CONFIG = Path(__file__).with_name("nginx.conf")
HOST = "127.0.0.1"
START_TIMEOUT = 10.0


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)), None
    )


def render_site(
    *, listen_port: int, app_ports: list[int], static_root: Path, media_root: Path, cache_dir: Path
):
    text = SITE_CONFIG.read_text()
    upstream = "\n".join(f"    server {HOST}:{port} max_fails=3 fail_timeout=10s;" for port in app_ports)
    replacements = [
        (r"    server 127\.0\.0\.1:8001 [^\n]*\n    server 127\.0\.0\.1:8002 [^\n]*", upstream),
        (r"listen 80;", f"listen {HOST}:{listen_port};"),
        (r"/srv/portal/staticfiles/", f"{static_root}/"),
        (r"/srv/portal/media/", f"{media_root}/"),
        (r"/var/cache/nginx/portal", str(cache_dir)),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, lambda _match, new=replacement: new, text)
        if count != 1:
            raise ValueError(f"{SITE_CONFIG} no longer has exactly one {pattern!r}: update {__file__}")
    return text


def start(workdir: Path, *, listen_port: int, app_ports: list[int], static_root: Path, media_root: Path):
    """Start nginx in the foreground of a new session; returns the Popen. Stop it with `stop`."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
    workdir.mkdir(parents=True, exist_ok=True)
    site = workdir / "site.conf"
    site.write_text(
        render_site(
            listen_port=listen_port,
            app_ports=app_ports,
            static_root=static_root,
            media_root=media_root,
            cache_dir=workdir / "cache",
        )
    )
    temp_paths = "\n".join(
        f"    {kind}_temp_path {workdir / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run as root (a container), nginx's workers would drop to `nobody`, who cannot read a private
    # temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = workdir / "nginx.conf"
    main.write_text(
        f"""{user}worker_processes auto;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temp_paths}
    include {site};
}}
"""
    )
    process = subprocess.Popen(
        [binary, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(main), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode(errors='replace')}")
        try:
            connection = http.client.HTTPConnection(HOST, listen_port, timeout=2)
            connection.request("GET", "/static/")
            connection.getresponse().read()
            connection.close()
            return process
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"nginx did not answer on {HOST}:{listen_port} within {START_TIMEOUT:.0f} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        # SIGQUIT is nginx's graceful stop; its workers are in the session this module started.
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
