"""Views of the referrals app: referrals and their outcomes, printouts and mails, talks at the Infopoint."""
