"""A missing system library is reported with the package to install."""

from infopoint.lib import system_check


def test_a_machine_with_everything_has_no_problems():
    assert system_check.problems(browser=True) == []


def test_missing_chromium_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(system_check, "CHROMIUM", "/nonexistent/chromium")
    found = system_check.problems(browser=True)
    assert any("apt-get install chromium" in problem for problem in found)


def test_missing_gettext_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(system_check.shutil, "which", lambda name: None)
    found = system_check.problems(browser=False)
    assert any("apt-get install gettext" in problem for problem in found)


def test_the_command_exits_non_zero_and_prints_the_package(monkeypatch, capsys):
    monkeypatch.setattr(system_check, "CHROMIUM", "/nonexistent/chromium")
    assert system_check.main(["system_check", "--browser"]) == 1
    assert "apt-get install chromium" in capsys.readouterr().err
