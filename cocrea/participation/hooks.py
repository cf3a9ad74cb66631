"""What participation tells the apps built on it (they listen in their capability.py)."""

from cocrea.core.hooks import Hook

# proposal: Proposal, notices: list[participation.notices.Notice] — a proposal got (or changed)
# its reasoned answer: taken into a commitment, grouped into a problem, or not taken with its
# reason. `notices` are the e-mails for its author and supporters; the app that keeps the
# e-mail queue queues those its people want.
proposal_answered = Hook("participation.proposal_answered")
