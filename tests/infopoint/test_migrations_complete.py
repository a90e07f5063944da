"""Every model change has its migration: a fresh database built from the migrations is the app's."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exit_:  # makemigrations --check exits with 1 when one is missing
        pytest.fail(f"a model change has no migration (makemigrations --check exited with {exit_.code})")
