"""Validate a file against one of check-jsonschema's builtin (vendored, offline) schemas."""

from __future__ import annotations

from pathlib import Path

from check_jsonschema.cli.main_command import main as check_jsonschema
from click.testing import CliRunner


def builtin_schema_errors(schema: str, path: Path) -> str:
    """'' when `path` validates against `--builtin-schema schema`, else check-jsonschema's report."""
    result = CliRunner().invoke(check_jsonschema, ["--builtin-schema", schema, str(path)])
    return "" if result.exit_code == 0 else result.output or repr(result.exception)
