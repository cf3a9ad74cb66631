"""Search: one box on every page, over what every capability publishes."""

from cocrea.core.capabilities import Capability, register

register(Capability(label="search"))
