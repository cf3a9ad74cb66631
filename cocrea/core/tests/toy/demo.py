from cocrea.core.tests.toy.models import Gadget


def load() -> dict[str, int]:
    Gadget.objects.get_or_create(name="trompo")
    return {"gadgets": Gadget.objects.count()}
