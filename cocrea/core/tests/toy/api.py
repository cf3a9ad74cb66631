from typing import Any

from django.http import HttpRequest
from ninja import Router

from cocrea.core.tests.toy.models import Gadget

router = Router(tags=["toy"])


@router.get("/gadgets")
def gadget_list(request: HttpRequest) -> dict[str, Any]:
    names = list(Gadget.objects.order_by("pk").values_list("name", flat=True))
    return {"items": [{"name": name} for name in names], "count": len(names)}
