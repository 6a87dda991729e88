"""Errors smartlint reports to the user as one line and exit code 2 (never a traceback)."""

from __future__ import annotations


class SmartlintError(Exception):
    """Base: the message is a complete, user-facing sentence."""

    exit_code = 2


class InputError(SmartlintError):
    """A file cannot be read as a document (missing, binary, wrong encoding, corrupt...)."""


class ConfigError(SmartlintError):
    """The configuration is malformed or names something unknown."""


class PluginError(SmartlintError):
    """A rule pack failed to load and --require-plugins asked for it."""
