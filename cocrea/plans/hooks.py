"""What plans tells the apps built on it (they listen in their capability.py)."""

from cocrea.core.hooks import Hook

# commitment_ids: list[int] — commitments or their milestones changed.
commitment_changed = Hook("plans.commitment_changed")
