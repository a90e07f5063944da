"""The signed, long-lived cookie that makes a browser a kiosk."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing

SALT = "openarea.kiosk-device"


def cookie_value(device) -> str:
    return f"{device.pk}:{device.token}"


def set_device_cookie(response, device) -> None:
    response.set_signed_cookie(
        settings.KIOSK_COOKIE_NAME,
        cookie_value(device),
        salt=SALT,
        max_age=settings.KIOSK_COOKIE_MAX_AGE,
        secure=settings.SECURE_COOKIES,
        httponly=True,
        samesite="Strict",
    )


def read_device_cookie(request) -> tuple[int, str] | None:
    """The (device id, token) a request presents, or None if absent, forged or expired."""
    try:
        raw = request.get_signed_cookie(settings.KIOSK_COOKIE_NAME, salt=SALT, max_age=settings.KIOSK_COOKIE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    device_id, _sep, token = raw.partition(":")
    if not device_id.isdigit() or not token:
        return None
    return int(device_id), token


def token_matches(device, token: str) -> bool:
    return secrets.compare_digest(device.token, token)
