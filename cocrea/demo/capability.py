"""Demo: `load_demo` (every capability's demo loader, in the order they declare) and the scale
data generator for benchmarks. It adds no pages of its own."""

from cocrea.core.capabilities import Capability, register

register(Capability(label="demo"))
