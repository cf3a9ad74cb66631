"""JSON API of collaborative lawmaking (placeholder; the real router is being written)."""

from ninja import Router

router = Router(tags=["cocreación de leyes"])
