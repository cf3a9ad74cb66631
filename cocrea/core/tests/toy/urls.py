from django.urls import path

from cocrea.core.tests.toy import views

app_name = "toy"
urlpatterns = [path("", views.gadget_list, name="gadget_list")]
