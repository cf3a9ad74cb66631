"""Demo data of collaborative lawmaking (placeholder; being written)."""


def load() -> dict[str, int]:
    return {}
