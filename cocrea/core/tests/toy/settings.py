"""The platform's settings plus the toy capability: one INSTALLED_APPS line, nothing else."""

from cocrea.settings import *  # noqa: F403
from cocrea.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "cocrea.core.tests.toy"]
