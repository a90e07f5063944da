"""The dependency gate of ``make test`` (security.md A3): how it reads pip-audit's report."""

from infopoint.lib.dependency_audit import read_report

DJANGO_WITH_A_HOLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.1",
            "vulns": [{"id": "PYSEC-2025-47", "fix_versions": ["5.2.2"], "aliases": ["CVE-2025-48432"]}],
        },
        {"name": "segno", "version": "1.6.6", "vulns": []},
    ],
    "fixes": [],
}


def test_a_known_vulnerability_fails_the_build_and_names_the_fix():
    result = read_report(DJANGO_WITH_A_HOLE)
    assert result.failed(strict=False)
    assert result.vulnerable == ["django 5.2.1: PYSEC-2025-47 (CVE-2025-48432); fixed in 5.2.2"]
    assert result.audited == 2


def test_clean_dependencies_pass():
    report = {"dependencies": [{"name": "segno", "version": "1.6.6", "vulns": []}]}
    result = read_report(report)
    assert not result.failed(strict=True)


def test_a_package_the_service_does_not_know_fails_only_in_strict_mode():
    report = {"dependencies": [{"name": "infopoint-private", "skip_reason": "Dependency not found on PyPI"}]}
    result = read_report(report)
    assert result.unaudited == ["infopoint-private: Dependency not found on PyPI"]
    assert not result.failed(strict=False)
    assert result.failed(strict=True)
