from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.office_list, name="office-list"),
]
