"""What participation tells the apps built on it (they listen in their capability.py)."""

from cocrea.core.hooks import Hook

# proposal: Proposal — a proposal was just taken into a commitment.
proposal_taken = Hook("participation.proposal_taken")
