"""Two requests at the same moment, for the double-submission and locking tests (security.md I1, I5)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection, transaction

T = TypeVar("T")


def at_the_same_time(submit: Callable[[], T], *, times: int = 2, atomic: bool = True) -> list[T]:
    """``submit()`` in ``times`` threads released together, each on its own database connection.

    ``atomic`` wraps each call in a transaction, as ATOMIC_REQUESTS does for a request. Returns
    the results in the order the threads finished; the first error of any thread is raised, so a
    test never passes on a thread that failed unseen. Needs ``django_db(transaction=True)``.
    """
    barrier = threading.Barrier(times)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            if atomic:
                with transaction.atomic():
                    results.append(submit())
            else:
                results.append(submit())
        except BaseException as error:  # noqa: BLE001 - raised in the test's thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
