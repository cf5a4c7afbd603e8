"""gunicorn for one app server behind nginx (scripts/deploy/nginx.conf).

    gunicorn -c scripts/deploy/gunicorn.conf.py portal.wsgi:application

Read from the environment, as the site's settings are:
  GUNICORN_BIND     where to listen (default 127.0.0.1:8001; the second app server 127.0.0.1:8002, or its own
                    host's address when nginx runs elsewhere)
  WEB_CONCURRENCY   worker processes (default 2 per CPU core + 1, gunicorn's own advice for sync workers)
  GUNICORN_TIMEOUT  seconds a worker may spend on one request before it is killed and replaced (default 30)
  TRUSTED_PROXY     the proxies' addresses (default 127.0.0.1): gunicorn believes their X-Forwarded-Proto
                    (forwarded_allow_ips), as Django believes their X-Forwarded-For (portal/proxy.py)
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers: nginx buffers slow clients, so a worker is only busy while Django works. Pages are rendered
# on CPU and the database answers in a millisecond or two, so more threads would mostly wait for the GIL.
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# A restart (deploy, `kill -HUP`) lets requests in flight finish first.
graceful_timeout = 30
forwarded_allow_ips = os.environ.get("TRUSTED_PROXY", "127.0.0.1")
# The workers' heartbeat files on tmpfs: on a disk-backed /tmp a slow disk can make a busy worker look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# nginx logs each request already; gunicorn logs only its own events and errors, to standard error (journald).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Recent gunicorn opens a control socket at one fixed path in the home folder, which a second app
# server on the same host would collide with; nothing here uses it.
control_socket_disable = True
