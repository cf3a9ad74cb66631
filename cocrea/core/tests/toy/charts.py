from cocrea.core.charts import Chart
from cocrea.core.tests.toy.models import Gadget


def national_charts() -> list[Chart]:
    rows = [("Juguetes", Gadget.objects.count())]
    return [Chart("juguetes", "Juguetes en el país", rows, columns=("Tipo", "Cuántos"))]
