"""No secrets in the repository (security.md A4): keys, tokens and passwords stay out of git.

Scans every tracked file (and new files not yet ignored) for the shapes of private keys and
cloud or forge tokens, and every non-test file for passwords, secret keys and tokens written
as literal values. The documented demo values are allow-listed with their reason.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 2_000_000

TOKEN_SHAPES = {
    "private key": re.compile(r"-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"(?i)aws_secret_access_key\s*[:=]\s*['\"]?[A-Za-z0-9/+=]{40}"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b"),
    "GitLab token": re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe live key": re.compile(r"\b[sr]k_live_[0-9A-Za-z]{20,}\b"),
}
PASSWORD_IN_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:(?P<value>[^/\s:@'\"]{3,})@")

# A literal value assigned to something named like a secret, in code or configuration.
SECRET_ASSIGNMENT = re.compile(
    r"(?i)\b(?P<name>[a-z_]*(?:password|passwd|secret|api_?key|token|private_?key)[a-z_]*)\b['\"]?\s*(?::|=)\s*"
    r"['\"](?P<value>[^'\"\s]{6,})['\"]"
)
# KEY=value lines in env files, Dockerfiles and compose files.
SECRET_ENV_LINE = re.compile(
    r"(?m)^\s*(?:export\s+|ENV\s+|-\s*)?(?P<name>[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY)[A-Z_]*)\s*[=:]\s*(?P<value>[^\s#]+)"
)

# Documented values that are not secrets, each with why.
ALLOWED_VALUES = {
    "infopoint-demo",  # the demo log-ins' password (README), refused with production settings
    "infopoint-bench-loopback",  # make bench's log-ins, only in its throwaway loopback database
    "dev-only-insecure-key-not-for-production-use-0123456789abcdef",  # DEBUG only; settings refuse it otherwise
    "change-me",  # placeholder in .env.example
    "password",  # the placeholder in README's DATABASE_URL example
}
ENV_STYLE_FILES = re.compile(r"(^|/)(\.env[^/]*|Dockerfile[^/]*|[^/]*\.(ya?ml|sh|ini|cfg|toml|conf))$|^\.ci/")
ALLOWED_PREFIXES = ("${", "$(", "replace-with-", "<")  # references and placeholders, never values


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


def _text(path: Path) -> str | None:
    data = path.read_bytes()[:MAX_BYTES]
    if b"\0" in data:
        return None  # binary
    return data.decode("utf-8", errors="replace")


def _is_allowed(value: str) -> bool:
    return value in ALLOWED_VALUES or value.startswith(ALLOWED_PREFIXES)


def _is_placeholder_name(value: str) -> bool:
    # settings.X / env lookups / function calls are references, not literal secrets
    return bool(re.fullmatch(r"[A-Z_][A-Z0-9_]*", value))


def findings_in(relative: str, text: str) -> list[str]:
    found = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        for label, shape in TOKEN_SHAPES.items():
            if shape.search(line):
                found.append(f"{relative}:{line_number}: {label}")
        if relative.startswith("tests/") or relative.startswith("locale/"):
            continue  # fixtures set throw-away passwords; translations quote the word "password"
        for match in PASSWORD_IN_URL.finditer(line):
            if not _is_allowed(match.group("value")):
                found.append(f"{relative}:{line_number}: password in a URL")
        patterns = (SECRET_ASSIGNMENT, SECRET_ENV_LINE) if ENV_STYLE_FILES.search(relative) else (SECRET_ASSIGNMENT,)
        for pattern in patterns:
            for match in pattern.finditer(line):
                value = match.group("value").strip("'\"")
                if not _is_allowed(value) and not _is_placeholder_name(value):
                    found.append(f"{relative}:{line_number}: literal value for {match.group('name')}")
    return found


def test_no_secrets_are_committed():
    this_file = Path(__file__).resolve()
    findings = []
    scanned = 0
    for path in _repository_files():
        if path.resolve() == this_file:
            continue  # holds the patterns themselves
        text = _text(path)
        if text is None:
            continue
        scanned += 1
        findings += findings_in(str(path.relative_to(ROOT)), text)
    assert scanned > 100, "the scan saw almost no files: is this a git checkout?"
    assert findings == [], "Secrets in the repository (move them to the environment):\n" + "\n".join(findings)


def test_the_scan_finds_planted_secrets():
    # Built at run time so that this file itself holds no secret-shaped text.
    planted = {
        "key.pem": "-----BEGIN " + "RSA PRIVATE KEY-----",
        "deploy.py": "AWS_KEY = '" + "AKIA" + "ABCDEFGHIJKLMNOP" + "'",
        "ci.yml": "token: gh" + "p_" + "a" * 36,
        "infopoint/settings_local.py": 'EMAIL_HOST_PASSWORD = "' + "s3cr3t-Pa55" + '"',
        ".env": "POSTGRES_PASSWORD=" + "hunter2hunter2",
        "compose.yml": "DATABASE_URL: postgres://infopoint:" + "Hunter22" + "@db:5432/infopoint",
    }
    for name, text in planted.items():
        assert findings_in(name, text), f"missed the secret planted in {name}"


def test_documented_demo_values_and_references_are_not_findings():
    harmless = {
        "infopoint/management/commands/demo_data.py": 'DEMO_PASSWORD = "infopoint-demo"',
        ".env.example": "POSTGRES_PASSWORD=change-me",
        "docker-compose.yml": "DATABASE_URL: postgres://infopoint:${POSTGRES_PASSWORD}@db:5432/infopoint",
        "infopoint/settings.py": 'EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", default="")',
    }
    for name, text in harmless.items():
        assert findings_in(name, text) == [], name
