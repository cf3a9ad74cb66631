"""The national-scale load test: gunicorn on PostgreSQL over loopback, every page and endpoint
that an issue gave a target, under concurrent clients, next to the framework's floor.

Server time is Django's own, read from the `Server-Timing` header; throughput is requests per
second of wall time with `BENCH_CONCURRENCY` clients. The data is `generate_scale_data --scale
national` (or `BENCH_SCALE=small`), made once and reused.
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis
from jobs import measure_jobs, print_jobs
from reports import phone_photo

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SCALE = os.environ.get("BENCH_SCALE", "national")
DB_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/cocrea_{SCALE}"
)
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "400"))
ENV = {
    **os.environ,
    "DATABASE_URL": DB_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdef0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "STATIC_MANIFEST": "0",
    "SERVER_TIMING": "1",
    # BENCH_REPLICA_URL=primary runs the public reads through the replica router.
    "DATABASE_REPLICA_URL": os.environ.get("BENCH_REPLICA_URL", ""),
    "RATELIMIT_ENABLE": "0",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
    "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "1"),
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_ACCESS_LOG": "",
    # Steady state: no worker recycled (and re-warmed) in the middle of a measurement.
    "GUNICORN_MAX_REQUESTS": "0",
    # Photos posted by the load test land here, not in the project's media.
    "MEDIA_ROOT": tempfile.mkdtemp(prefix="cocrea-bench-media-"),
}


def manage(*args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare() -> None:
    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput")
    manage("load_demo")
    start = time.monotonic()
    print(manage("generate_scale_data", "--scale", SCALE).strip(), end=" ")
    print(f"({time.monotonic() - start:.0f} s)")


def targets() -> list[tuple[str, str, float]]:
    """(name, URL, p95 target in ms) of every page and endpoint an issue gave a target."""
    with psycopg.connect(DB_URL) as conn:
        plan = conn.execute(
            """SELECT e.slug, p.number, p.id FROM plans_actionplan p
               JOIN exercises_exercise e ON e.id = p.exercise_id
               WHERE e.slug = 'escala-1' ORDER BY p.number LIMIT 1"""
        ).fetchone()
        commitment = conn.execute(
            "SELECT number FROM plans_commitment WHERE plan_id = %s ORDER BY number LIMIT 1",
            [plan[2]],
        ).fetchone()[0]
        consultation, count = conn.execute(
            """SELECT c.slug, c.proposal_count FROM participation_consultation c
               JOIN exercises_exercise e ON e.id = c.exercise_id WHERE e.slug = 'escala-1'"""
        ).fetchone()
    exercise, number, plan_id = plan
    deepest = max(1, -(-count // 25))
    consult = f"/ejercicios/{exercise}/consultas/{consultation}/"
    return [
        ("piso del marco (vista vacía)", "/_piso", 0),
        ("healthz", "/healthz", 10),
        ("inicio (panorama nacional)", "/", 50),
        ("lista de ejercicios", "/ejercicios/", 50),
        ("página de un ejercicio", f"/ejercicios/{exercise}/", 50),
        ("plan de acción (100 compromisos)", f"/ejercicios/{exercise}/planes/{number}/", 30),
        (
            "compromiso (50 hitos, 200 versiones)",
            f"/ejercicios/{exercise}/planes/{number}/compromisos/{commitment}/",
            30,
        ),
        ("API compromisos de un plan", f"/api/v1/commitments?plan={plan_id}&limit=100", 30),
        ("tablero nacional", "/tablero/", 100),
        ("informe sombra nacional", "/informe-sombra/", 100),
        (f"propuestas por apoyos, página 1 (de {count:,})", consult, 50),
        ("propuestas, página 500", f"{consult}?pagina=500", 50),
        (f"propuestas, última página ({deepest:,})", f"{consult}?pagina={deepest}", 50),
        ("búsqueda de propuestas", f"{consult}?q=agua", 100),
        ("Open311 GET requests.json (1,000)", "/open311/v2/requests.json", 150),
        ("CKAN package_search", "/api/3/action/package_search?q=agua", 50),
        ("datos abiertos (catálogo)", "/datos/", 50),
    ]


def run_all(threads: list[threading.Thread]) -> float:
    """Starts the threads together and waits for all: the seconds they took."""
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


class Load:
    """`CONCURRENCY` clients with keep-alive connections sharing `REQUESTS` requests."""

    def __init__(self, method: str, url: str, body: str | bytes = "", headers: dict | None = None):
        self.method, self.url, self.body, self.headers = method, url, body, headers or {}
        self.lock, self.left = threading.Lock(), REQUESTS
        self.server_ms: list[float] = []
        self.failures = 0
        self.cold = False  # empty the shared cache before every request

    def _client(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        while True:
            with self.lock:
                if self.left == 0:
                    break
                self.left -= 1
            if self.cold:
                redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()
            conn.request(self.method, self.url, self.body or None, self.headers)
            response = conn.getresponse()
            response.read()
            timing = response.getheader("Server-Timing", "app;dur=0").split("dur=")[1]
            with self.lock:
                self.server_ms.append(float(timing))
                self.failures += response.status >= 400
        conn.close()

    def run(self) -> tuple[float, float, float, int]:
        """(p50, p95 server ms, requests per second, failures)."""
        took = run_all([threading.Thread(target=self._client) for _ in range(CONCURRENCY)])
        times = sorted(self.server_ms)
        p95 = times[int(len(times) * 0.95) - 1]
        return statistics.median(times), p95, len(times) / took, self.failures


def measure(
    method: str,
    url: str,
    body: str | bytes = "",
    headers: dict | None = None,
    count: int = 0,
    cold: bool = False,
):
    warm = Load(method, url, body, headers)
    warm.left = 20
    warm.run()
    load = Load(method, url, body, headers)
    load.left, load.cold = count or REQUESTS, cold
    return load.run()


def serve() -> subprocess.Popen:
    # Refused supports log "Bad Request" by the thousand: the server's log goes to a file.
    log = Path(tempfile.gettempdir()) / "cocrea-bench-gunicorn.log"
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "cocrea.wsgi"],
        cwd=ROOT,
        env=ENV,
        stderr=log.open("w"),
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not answer on /healthz; its log: {log}")


def open311_post() -> tuple[str, str, dict]:
    key = manage("create_api_key", "--organization", "escala-institucion-1").strip().splitlines()
    body = (
        f"api_key={key[-1]}&service_code=escala-alumbrado&lat=20.6767&long=-103.3475"
        "&description=Lampara+apagada+(sintetico)"
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return "/open311/v2/requests.json", body, headers


def open311_post_with_photo(url: str, form: str) -> tuple[str, bytes, dict]:
    """The same report as multipart, with a 12-megapixel phone photo as `media`."""
    boundary = "cocrea-carga-" + "0" * 16
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (field.split("=", 1) for field in form.split("&"))
    ]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="media"; filename="IMG.jpg"'
        "\r\nContent-Type: image/jpeg\r\n\r\n"
    )
    body = "".join(parts).replace("+", " ").encode() + head.encode() + phone_photo()
    body += f"\r\n--{boundary}--\r\n".encode()
    return url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


SESSIONS_CODE = """
from django.test import Client
from cocrea.core.models import User
for n in range({n}):
    name = f"escala-carga-{tag}-{{n}}"
    user = User.objects.create_user(email=f"{{name}}@example.invalid", username=name)
    client = Client()
    client.force_login(user)
    print("sesion", user.pk, client.cookies["sessionid"].value)
"""
CSRF = "a" * 32


def supporters(count: int) -> list[tuple[int, str]]:
    """`count` synthetic people signed in: (user id, session key)."""
    # New people on every run: last run's have used up their supports.
    out = manage("shell", "-c", SESSIONS_CODE.format(n=count, tag=int(time.time())))
    lines = [line.split() for line in out.splitlines() if line.startswith("sesion ")]
    return [(int(pk), key) for _tag, pk, key in lines]


def cpu_seconds(server: subprocess.Popen) -> dict[str, float]:
    """CPU time so far of gunicorn (master and workers), of this database's PostgreSQL backends,
    and of this load generator: where the storm's time goes on a shared machine."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"app": 0.0, "db": 0.0, "client": time.process_time()}
    backend = f" {DB_URL.rsplit('/', 1)[1]} "
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        seconds = (int(stat[11]) + int(stat[12])) / tick
        if proc.name == str(server.pid) or stat[1] == str(server.pid):
            used["app"] += seconds
        elif command.startswith("postgres:") and backend in command:
            used["db"] += seconds
    return used


@dataclass
class Storm:
    supports_per_s: float
    attempts_per_s: float
    exact: bool
    cpu_ms: dict[str, float]  # per attempt: app, db, client
    floor_cpu_ms: float  # app CPU of a signed-in POST to the empty view, in the same storm


def storm_of(server: subprocess.Popen, people: list, urls: list[list[str]]):
    """Each person POSTs their URLs one after another, all people at once: (redirects, seconds,
    CPU ms per request by part)."""
    done, lock = [0], threading.Lock()

    def person(session: str, mine: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Content-Length": "0",
        }
        for url in mine:
            conn.request("POST", url, None, headers)
            response = conn.getresponse()
            response.read()
            with lock:
                done[0] += response.status == 302

    threads = [
        threading.Thread(target=person, args=(key, mine))
        for (_pk, key), mine in zip(people, urls, strict=True)
    ]
    before = cpu_seconds(server)
    took = run_all(threads)
    after = cpu_seconds(server)
    tries = sum(len(mine) for mine in urls)
    return done[0], took, {part: (after[part] - before[part]) * 1000 / tries for part in before}


def support_storm(server: subprocess.Popen, clients: int = 64, attempts: int = 15) -> Storm:
    """`clients` people at once, each trying `attempts` supports in one consultation whose limit
    is 10 per person: supports and attempts per second, whether every count came out exact,
    and the CPU each attempt cost the app, the database and the load generator."""
    people = supporters(clients)
    with psycopg.connect(DB_URL) as conn:
        slug, consultation = conn.execute(
            """SELECT c.slug, c.id FROM participation_consultation c
               JOIN exercises_exercise e ON e.id = c.exercise_id WHERE e.slug = 'escala-1'"""
        ).fetchone()
        proposals = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM participation_proposal WHERE consultation_id = %s LIMIT 2000",
                [consultation],
            )
        ]
    base = f"/ejercicios/escala-1/consultas/{slug}/propuestas/"
    urls = [
        [f"{base}{proposals[(i * 131 + k * 17) % len(proposals)]}/apoyo/" for k in range(attempts)]
        for i in range(clients)
    ]
    _done, _took, floor = storm_of(server, people, [["/_piso"] * attempts] * clients)
    done, took, cpu = storm_of(server, people, urls)
    counts = exact(consultation, [pk for pk, _key in people])
    tries = clients * attempts
    return Storm(done / took, tries / took, counts, cpu, floor["app"])


def exact(consultation: int, people: list[int]) -> bool:
    with psycopg.connect(DB_URL) as conn:
        over = conn.execute(
            """SELECT count(*) FROM (SELECT s.user_id, count(*) n FROM participation_support s
               JOIN participation_proposal p ON p.id = s.proposal_id
               WHERE p.consultation_id = %s AND s.user_id = ANY(%s) GROUP BY s.user_id) t
               WHERE n > 10""",
            [consultation, people],
        ).fetchone()[0]
        drift = conn.execute(
            """SELECT count(*) FROM participation_proposal p WHERE p.consultation_id = %s
               AND p.support_count <> (SELECT count(*) FROM participation_support s
                                       WHERE s.proposal_id = p.id)""",
            [consultation],
        ).fetchone()[0]
    return over == 0 and drift == 0


def main() -> int:
    prepare()
    server = serve()
    try:
        rows = []
        for name, url, target in targets():
            rows.append((name, target, *measure("GET", url)))
        url, body, headers = open311_post()
        rows.append(("Open311 POST requests.json", 50, *measure("POST", url, body, headers)))
        photo = open311_post_with_photo(url, body)
        rows.append(("Open311 POST con foto de 12 MP", 50, *measure("POST", *photo, count=100)))
        cold = measure("GET", "/tablero/", count=100, cold=True)
        rows.append(("tablero nacional, caché vacía", 1000, *cold))
        storm = support_storm(server)
    finally:
        server.terminate()
        server.wait()
    jobs = measure_jobs(manage)
    failed = print_table(rows)
    failed |= print_storm(storm)
    return failed | print_jobs(jobs)


def print_storm(storm: Storm) -> int:
    verdict = "pasa" if storm.supports_per_s >= 300 and storm.exact else "FALLA"
    cpu = storm.cpu_ms
    per_attempt = cpu["app"] + cpu["db"] + cpu["client"]
    # What these cores could do if nothing but the storm ran on them.
    ceiling = os.cpu_count() * 1000 / per_attempt * storm.supports_per_s / storm.attempts_per_s
    print(
        f"64 personas apoyando a la vez (15 intentos, límite 10): {storm.supports_per_s:.0f} "
        f"apoyos/s (meta ≥ 300), {storm.attempts_per_s:.0f} intentos/s; conteos exactos y nadie "
        f"sobre el límite: {'sí' if storm.exact else 'NO'} — {verdict}\n"
        f"  CPU por intento: app {cpu['app']:.2f} ms (piso {storm.floor_cpu_ms:.2f} ms, "
        f"× {cpu['app'] / storm.floor_cpu_ms:.1f}), PostgreSQL {cpu['db']:.2f} ms, generador "
        f"{cpu['client']:.2f} ms; techo en {os.cpu_count()} núcleos ≈ {ceiling:.0f} apoyos/s"
    )
    return int(verdict != "pasa")


def print_table(rows: list) -> int:
    floor = rows[0][2]
    print(f"gunicorn {ENV['WEB_CONCURRENCY']}×{ENV['GUNICORN_THREADS']}, {CONCURRENCY} clients")
    print(f"{'':44} {'meta':>6} {'p50':>8} {'p95':>8} {'× piso':>7} {'req/s':>7}  resultado")
    failed = False
    for name, target, p50, p95, rate, failures in rows:
        ok = (not target or p95 <= target) and not failures
        failed |= not ok
        verdict = "—" if not target else ("pasa" if ok else "FALLA")
        if failures:
            verdict += f" ({failures} errores)"
        goal = f"{target:.0f}" if target else "—"
        print(
            f"{name[:44]:44} {goal:>6} {p50:8.2f} {p95:8.2f} {p50 / floor:7.1f} {rate:7.0f}  {verdict}"
        )
    print(json.dumps({"scale": SCALE, "concurrency": CONCURRENCY, "requests": REQUESTS}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
