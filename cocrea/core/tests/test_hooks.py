"""Hooks carry a lower app's news to the apps that declared they listen, without an import."""

from cocrea.core import capabilities
from cocrea.core.capabilities import Capability, Registry
from cocrea.core.hooks import Hook
from cocrea.monitoring.notifications import proposal_answered_queue
from cocrea.monitoring.services import commitment_changed
from cocrea.participation.hooks import proposal_answered
from cocrea.plans.hooks import commitment_changed as plans_commitment_changed

heard: list[dict[str, object]] = []


def listener(**kwargs: object) -> None:
    heard.append(kwargs)


def test_monitoring_listens_to_plans_and_participation():
    assert plans_commitment_changed.receivers() == [commitment_changed]
    assert proposal_answered.receivers() == [proposal_answered_queue]


def test_a_hook_calls_every_listener_with_keywords_and_none_is_fine(monkeypatch):
    registry = Registry()
    registry.register(Capability(label="a", listens={"x.happened": f"{__name__}.listener"}))
    registry.register(Capability(label="b", listens={"x.happened": f"{__name__}.listener"}))
    monkeypatch.setattr(capabilities, "registry", registry)
    heard.clear()
    Hook("x.happened")(what=1)
    assert heard == [{"what": 1}, {"what": 1}]
    Hook("nobody.listens")(what=2)
    assert heard == [{"what": 1}, {"what": 1}]
