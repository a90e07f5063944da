"""Security events go to the structured log (security.md G5), without personal data."""

import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

security_log = logging.getLogger("infopoint.security")


def username_pseudonym(username: str | None) -> str:
    """A keyed pseudonym of a typed username (also used for client addresses by the log-in throttle)."""
    # Keyed, so that a list of likely usernames cannot be hashed to reverse it.
    return hmac.new(settings.SECRET_KEY.encode(), (username or "").encode(), hashlib.sha256).hexdigest()[:12]


_pseudonym = username_pseudonym


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    security_log.info("login", extra={"event": "login", "user_id": user.pk})


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    security_log.info("logout", extra={"event": "logout", "user_id": getattr(user, "pk", None)})


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    security_log.warning(
        "login failed", extra={"event": "login_failed", "username_hash": _pseudonym(credentials.get("username"))}
    )
