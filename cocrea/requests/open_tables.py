"""Placeholder: the helper assigned to this module replaces it."""

from cocrea.core.capabilities import OpenTable

OPEN_TABLES: tuple[OpenTable, ...] = ()
