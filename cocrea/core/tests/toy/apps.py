from django.apps import AppConfig


class ToyConfig(AppConfig):
    name = "cocrea.core.tests.toy"
    label = "toy"
