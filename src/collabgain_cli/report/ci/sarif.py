"""`sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run. `tool.driver.rules` is the whole catalogue (the validity codes CG001-CG007, then every
rule), whatever was selected, so a `ruleIndex` means the same thing in every report of a version.
Each finding, including an invalid file's errors, is a result whose location is the file's path
relative to the current folder (POSIX separators, percent-encoded, under `%SRCROOT%`).

`partialFingerprints["collabgain/v1"]` hashes the rule, the file, the finding's subject and its
path into the data, not its line, so an alert survives edits above it; identical keys within a
file are told apart by a `:N` occurrence suffix. A waived finding carries a suppression of kind
`inSource` (the waiver is written in the analysed file itself) with the waiver's reason as its
justification. Keys keep a fixed order and nothing depends on the clock, so the output is
byte-identical across runs over the same files from the same folder.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ...findings import VALIDITY, FileReport, Finding, Report, Severity
from ...loader import CODES
from ...rules import DOC_SECTIONS, Rule, all_rules
from ...rules.docs import explain_text, options_lines
from ...safe_text import json_text
from .. import RenderOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "collabgain/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""SARIF has no 'info' level; 'note' is its lowest."""

VALIDITY_DESCRIPTIONS = {
    "CG001": "The file is not well-formed YAML.",
    "CG002": "A value has the wrong type, a required key is missing, a key is unknown, or a "
    "value is not one of those allowed.",
    "CG003": "A reference names an id that no entry of the section it points to has.",
    "CG004": "Two entries of one section share an id.",
    "CG005": "Two dates are out of order, e.g. `left` before `joined`.",
    "CG006": "A mapping gives the same key twice.",
    "CG007": "The file is too large, expands too many aliases, nests too deeply, is not UTF-8, "
    "or is not one mapping document.",
}
"""What each loader code (`loader.CODES`) means, as CLI.md describes them."""

_VALIDITY_HELP = (
    "An invalid file is not checked further: fix the value at the reported line and column "
    "(the message names the path into the file), then run collabgain again."
)


def relative_path(path: str) -> str:
    """The file's path relative to the current folder, with POSIX separators."""
    try:
        relative = os.path.relpath(os.path.abspath(path))
    except ValueError:
        # On Windows a path on another drive has no relative form.
        return PurePath(os.path.abspath(path)).as_posix()
    return PurePath(relative).as_posix()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _rule_markdown(rule: Rule) -> str:
    parts = [f"**{rule.code} {rule.name}** ({rule.principle}, default {rule.severity.label})"]
    for section in DOC_SECTIONS:
        body = rule.doc.get(section)
        if not body:
            continue
        parts.append(f"**{section}**\n\n{body}")
        if section == "How to fix":
            options = [f"- {line.strip()}" for line in options_lines(rule)]
            parts.append("**Options**\n\n" + ("\n".join(options) if options else "none"))
    return "\n\n".join(parts) + "\n"


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _one_line(rule.doc.get("What it finds", rule.summary))},
        "help": {"text": explain_text(rule), "markdown": _rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"principle": rule.principle, "tags": [rule.principle]},
    }


def _validity_descriptor(code: str, name: str) -> dict[str, Any]:
    description = VALIDITY_DESCRIPTIONS[code]
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": description},
        "fullDescription": {"text": description},
        "help": {
            "text": f"{code} {name}\n\n{description}\n\n{_VALIDITY_HELP}\n",
            "markdown": f"**{code} {name}**\n\n{description}\n\n{_VALIDITY_HELP}\n",
        },
        "defaultConfiguration": {"level": LEVELS[Severity.ERROR]},
        "properties": {"principle": VALIDITY, "tags": [VALIDITY]},
    }


def rule_descriptors() -> list[dict[str, Any]]:
    """The catalogue in code order: validity codes first, then every rule."""
    descriptors = [_validity_descriptor(code, name) for code, name in sorted(CODES.items())]
    descriptors.extend(_rule_descriptor(rule) for rule in all_rules().values())
    return descriptors


def fingerprint(code: str, uri: str, finding: Finding) -> str:
    """A hash of what the finding is about, independent of where it sits in the file."""
    key = "\0".join((code, uri, finding.subject, finding.path))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _results(file_report: FileReport, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    # The bytes of the name, so a name that is not UTF-8 is still a valid URI (`%FF`).
    uri = quote(os.fsencode(relative_path(file_report.path)), safe="/")
    seen: Counter[str] = Counter()
    results = []
    for finding in file_report.all_findings:
        digest = fingerprint(finding.code, uri, finding)
        seen[digest] += 1
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{seen[digest]}"},
        }
        if finding.waived:
            result["suppressions"] = [
                {
                    "kind": "inSource",
                    "status": "accepted",
                    "justification": finding.waiver_reason or "",
                }
            ]
        results.append(result)
    return results


def sarif_record(report: Report) -> dict[str, Any]:
    rules = rule_descriptors()
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(rules)}
    results = [r for f in report.files for r in _results(f, rule_index)]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "collabgain",
                        "version": report.tool_version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, options: RenderOptions) -> str:
    return json_text(sarif_record(report))
