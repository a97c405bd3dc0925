"""`junit`: JUnit XML, so CI dashboards show each rule as a test of each file.

- `<testsuites name="collabgain">` holds one `<testsuite name=PATH>` per file, with `tests`,
  `failures`, `errors` and `skipped` counts (and their totals on `<testsuites>`).
- Every file has a test case `validity` first: it passes for a valid file; for an invalid one
  it holds a single `<error>` (JUnit readers expect at most one per case) whose `type` lists the
  codes, whose `message` counts the errors, and whose text has one
  `path:line:col: CODE message` line per error.
- Then one test case `CODE name` per selected rule (`Report.rules`), with `classname=PATH`:
  - findings that fail the run (`Report.fails`: unwaived, at or above `--fail-on`) make one
    `<failure type=CODE>`, one `path:line:col: CODE [severity] message` line per finding;
  - the rule's other findings (below the threshold, or waived, marked `(waived: reason)`) go
    in `<system-out>`, so they are visible without failing the case;
  - a rule that did not run for lack of data is `<skipped>` with what to add; on an invalid
    file every rule is skipped, since none could run.

The XML is built with ElementTree (which escapes all text) and starts with a UTF-8 declaration;
characters XML cannot hold (`\x01`, escape) are written as visible escapes (`safe_text`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from ...findings import FileReport, Finding, Report
from ...rules import all_rules
from ...safe_text import visible_controls, xml_tree
from .. import RenderOptions

VALIDITY_CASE = "validity"
OUTCOMES = ("failure", "error", "skipped")
"""Child elements that mark a test case as not passed, each counted on its suite."""


def _line(path: str, finding: Finding) -> str:
    waived = f" (waived: {finding.waiver_reason})" if finding.waived else ""
    # One finding, one line: a line break in quoted user text is shown escaped.
    return visible_controls(
        f"{path}:{finding.line}:{finding.column}: {finding.code} "
        f"[{finding.severity.label}] {finding.message}{waived}"
    )


def _validity_case(suite: ET.Element, file_report: FileReport) -> None:
    case = ET.SubElement(suite, "testcase", {"classname": file_report.path, "name": VALIDITY_CASE})
    if file_report.valid:
        return
    errors = file_report.errors
    codes = sorted({e.code for e in errors})
    noun = "error" if len(errors) == 1 else "errors"
    element = ET.SubElement(
        case,
        "error",
        {"message": f"the file is invalid: {len(errors)} {noun}", "type": " ".join(codes)},
    )
    element.text = "\n".join(_line(file_report.path, e) for e in errors)


def _rule_case(
    suite: ET.Element,
    report: Report,
    file_report: FileReport,
    code: str,
    skipped: dict[str, str],
) -> None:
    rule = all_rules()[code]
    case = ET.SubElement(
        suite, "testcase", {"classname": file_report.path, "name": f"{code} {rule.name}"}
    )
    if not file_report.valid:
        ET.SubElement(case, "skipped", {"message": "not run: the file is invalid"})
        return
    if code in skipped:
        ET.SubElement(case, "skipped", {"message": f"not run: {skipped[code]}"})
        return
    findings = [f for f in file_report.findings if f.code == code]
    failing = [f for f in findings if report.fails(f)]
    others = [f for f in findings if not report.fails(f)]
    if failing:
        message = failing[0].message if len(failing) == 1 else f"{len(failing)} findings"
        failure = ET.SubElement(case, "failure", {"message": message, "type": code})
        failure.text = "\n".join(_line(file_report.path, f) for f in failing)
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(
            _line(file_report.path, f) for f in others
        )


def _suite(report: Report, file_report: FileReport) -> ET.Element:
    suite = ET.Element("testsuite", {"name": file_report.path})
    skipped = {code: hint for p in file_report.principles for code, hint in p.not_run}
    _validity_case(suite, file_report)
    for code in report.rules:
        _rule_case(suite, report, file_report, code, skipped)
    _set_counts(suite, list(suite))
    return suite


def _set_counts(element: ET.Element, cases: list[ET.Element]) -> None:
    counts = Counter(child.tag for case in cases for child in case if child.tag in OUTCOMES)
    element.set("tests", str(len(cases)))
    element.set("failures", str(counts["failure"]))
    element.set("errors", str(counts["error"]))
    element.set("skipped", str(counts["skipped"]))


def render(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", {"name": "collabgain"})
    suites = [_suite(report, f) for f in report.files]
    _set_counts(root, [case for suite in suites for case in suite])
    root.extend(suites)
    xml_tree(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
