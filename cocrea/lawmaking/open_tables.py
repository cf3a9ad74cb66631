"""Open tables of collaborative lawmaking (placeholder; being written)."""

from cocrea.core.capabilities import OpenTable

OPEN_TABLES: tuple[OpenTable, ...] = ()
