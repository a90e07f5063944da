from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("offices/", views.office_list, name="office-list"),
    path("appointments/", views.appointment_day, name="appointment-day"),
    path("appointments/book/", views.appointment_book, name="appointment-book"),
    path("referrals/", views.follow_up_list, name="follow-up-list"),
    path("referrals/new/<int:visit>/", views.referral_new, name="referral-new"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/move/", views.referral_move, name="referral-move"),
    path("referrals/<int:pk>/outcome/", views.referral_outcome, name="referral-outcome"),
    path("referrals/<int:pk>/slip/", views.referral_slip, name="referral-slip"),
    path("referrals/<int:pk>/calendar/", views.referral_ics, name="referral-ics"),
]
