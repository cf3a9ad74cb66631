"""The background jobs that issues gave targets, run on the national data as the worker runs
them: the nightly consistency checks (≤ 30 s) and the open-data bulk download (peak memory of
the whole process ≤ 250 MB)."""

import time
from collections.abc import Callable

BUILD_CODE = """
from django.core.management import call_command
call_command("build_open_data")
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):  # this process's own peak resident memory
        print("pico", int(line.split()[1]) / 1024)
"""


def measure_jobs(manage: Callable[..., str]) -> list[tuple[str, float, float, str]]:
    """(job, measured, target, unit) of each job."""
    start = time.monotonic()
    manage("run_checks")
    checks = time.monotonic() - start
    start = time.monotonic()
    out = manage("shell", "--no-imports", "-c", BUILD_CODE)
    took = time.monotonic() - start
    peak = float(out.split("pico")[-1])
    return [
        ("reglas de consistencia (run_checks)", checks, 30, "s"),
        (f"descarga masiva de datos abiertos ({took:.0f} s)", peak, 250, "MB de pico"),
    ]


def print_jobs(rows: list[tuple[str, float, float, str]]) -> int:
    failed = False
    for name, measured, target, unit in rows:
        ok = measured <= target
        failed |= not ok
        verdict = "pasa" if ok else "FALLA"
        print(f"{name:44} {measured:8.1f} {unit} (meta ≤ {target:.0f})  {verdict}")
    return int(failed)
