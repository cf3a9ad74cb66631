"""gunicorn settings for Cocrea: `gunicorn -c deploy/gunicorn.conf.py cocrea.wsgi`.

Every value can be changed from the environment, so one file serves a laptop, the load test and
a fleet of app servers behind a balancer.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Threads share each process's psycopg pool; DATABASE_POOL_MAX should be >= threads.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# The path without its query string: a query can carry what a citizen typed or where they are,
# and the log keeps it next to their address.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s "%(f)s" "%(a)s"'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server: object) -> None:
    """The arbiter refuses to start when Django's system checks fail: gunicorn runs none of its
    own, and a limit kept per process (core.E001) would let each worker count apart."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("check", fail_level="ERROR")
