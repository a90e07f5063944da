from django.urls import path

from referrals.views import appointments, outcomes, printouts
from referrals.views import referrals as referral_views

app_name = "referrals"

urlpatterns = [
    path("offices/", referral_views.office_list, name="office-list"),
    path("appointments/", appointments.appointment_day, name="appointment-day"),
    path("appointments/book/", appointments.appointment_book, name="appointment-book"),
    path("appointments/<int:pk>/", appointments.appointment_detail, name="appointment-detail"),
    path("appointments/<int:pk>/cancel/", appointments.appointment_cancel, name="appointment-cancel"),
    path("appointments/<int:pk>/move/", appointments.appointment_move, name="appointment-move"),
    path("referrals/", referral_views.follow_up_list, name="follow-up-list"),
    path("referrals/new/<int:visit>/", referral_views.referral_new, name="referral-new"),
    path("referrals/visitor/<str:code>/outcomes/", outcomes.visitor_outcomes, name="visitor-outcomes"),
    path("referrals/<int:pk>/", referral_views.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/move/", referral_views.referral_move, name="referral-move"),
    path("referrals/<int:pk>/outcome/", referral_views.referral_outcome, name="referral-outcome"),
    path("referrals/<int:pk>/slip/", printouts.referral_slip, name="referral-slip"),
    path("referrals/<int:pk>/calendar/", printouts.referral_ics, name="referral-ics"),
    path("referrals/<int:pk>/calendar/send/", printouts.referral_ics_send, name="referral-ics-send"),
]
