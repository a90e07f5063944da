"""A deactivated staff account loses every session at once (issue 21).

Django refuses an inactive account on the next request, but keeps its sessions: ticking
"Active" again brought every old browser back in, logged in. Now saving an account as
inactive (the admin, a service, the shell: anything that calls ``save()``) deletes all its
sessions, so reactivation means logging in again. Staff sessions live in the database
(Django's default session engine); they are signed and compressed, so the account of each
session is read by decoding it, and only sessions not yet expired are looked at.
"""

from __future__ import annotations

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

security_log = logging.getLogger("infopoint.security")


def _store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def sessions_of_user_end(user_id: int) -> int:
    """Delete every session logged in as ``user_id``; returns how many there were."""
    store_class = _store_class()
    model = store_class.get_model_class()
    keys = []
    sessions = model.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", "session_data")
    for key, data in sessions.iterator(chunk_size=500):
        decoded = store_class().decode(data)
        if str(decoded.get(SESSION_KEY)) == str(user_id):
            keys.append(key)
    for key in keys:
        # Through the store, so that a cached_db engine forgets its cached copy too.
        store_class(session_key=key).delete()
    return len(keys)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="infopoint.session_end.deactivated")
def _end_sessions_of_deactivated_account(sender, instance, created, update_fields=None, **kwargs):
    if created or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    ended = sessions_of_user_end(instance.pk)
    security_log.info("sessions ended", extra={"event": "sessions_ended_deactivated", "user_id": instance.pk, "sessions": ended})
