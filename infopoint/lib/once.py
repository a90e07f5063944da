"""One record per submitted form (security.md I5): the shared one-time-token mechanism."""

from __future__ import annotations

from django.db import IntegrityError, transaction


def once(model, token, create):
    """``create()`` unless a record of ``model`` already carries the form's one-time token.

    The same form sent twice (double click, reload, a resend after a timeout) gives the record
    of the first submission. The token column is UNIQUE, so of two concurrent submissions one
    wins and the other returns the winner's record; any other integrity error is raised.
    """
    if token:
        already = model.objects.filter(form_token=str(token)).first()
        if already:
            return already
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        already = model.objects.filter(form_token=str(token)).first() if token else None
        if already is None:
            raise
        return already
