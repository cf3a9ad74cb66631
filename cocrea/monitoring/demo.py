"""Demo data of monitoring: the consistency findings of what the other capabilities loaded."""

from cocrea.monitoring.services import checks_run_all


def load() -> None:
    checks_run_all()
