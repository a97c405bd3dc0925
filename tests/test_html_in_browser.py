"""The HTML report in a real browser: printed to A4 by headless Chromium, and read at 400 px.

These tests skip, with the reason, when no Chromium is installed; `.ci/run` installs it and sets
COLLABGAIN_REQUIRE_BROWSER=1, so that in CI a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_FILES = ("greenway-food.yaml", "northshire-networks.yaml", "riverside.yaml")
BROWSERS = ("chromium", "chromium-browser", "chromium-headless-shell", "google-chrome")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("COLLABGAIN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"no headless Chromium found (looked for {', '.join(BROWSERS)})")
    pytest.skip(f"no headless Chromium found (looked for {', '.join(BROWSERS)})")


def _chromium(*args: str) -> str:
    command = [_browser(), "--headless", "--no-sandbox", "--disable-gpu", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def _pages(pdf: Path) -> int:
    """Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


@pytest.fixture
def reports(
    tmp_path: Path, run_line: Callable[..., Any], dense_partnership: str
) -> Callable[..., Path]:
    """Write a report of a copied example (or the dense partnership) and return its path."""
    for name in EXAMPLE_FILES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "eastbank.yaml").write_text(dense_partnership, encoding="utf-8")

    def make(name: str, *options: str) -> Path:
        out = tmp_path / f"{Path(name).stem}{''.join(options)}.html"
        result = run_line("report", name, *options, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        return out

    return make


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_report_prints_on_at_most_six_a4_pages_and_brief_on_two(
    reports: Callable[..., Path], name: str
) -> None:
    for options, most in (((), 6), (("--brief",), 2)):
        page = reports(name, *options)
        pdf = page.with_suffix(".pdf")
        _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
        pages = _pages(pdf)
        assert 1 <= pages <= most, (name, options, pages)


_PROBE = """<script>
window.addEventListener('load', () => {
  const root = document.documentElement;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > root.clientWidth + 0.5) {
      wide.push(el.tagName + '.' + (el.getAttribute('class') || ''));
    }
  }
  parent.postMessage([root.clientWidth, root.scrollWidth, wide.slice(0, 5).join(' ')], '*');
});
</script>"""
_FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="{page}" style="width:400px;height:800px;border:0"></iframe><pre id="out"></pre>
<script>addEventListener('message', e => {{ out.textContent = JSON.stringify(e.data); }});</script>
</body></html>"""


@pytest.mark.parametrize("name", [*EXAMPLE_FILES, "eastbank.yaml"])
def test_nothing_overflows_a_400_pixel_wide_phone(
    reports: Callable[..., Path], tmp_path: Path, name: str
) -> None:
    import json

    page = reports(name)
    # A copy that measures itself: the report's own policy forbids any script, so the copy
    # drops it. It is shown in a 400 px frame, narrower than headless windows can be.
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probe = tmp_path / f"probe-{page.name}"
    probe.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    frame = tmp_path / f"frame-{page.name}"
    frame.write_text(_FRAME.format(page=probe.name), encoding="utf-8")
    dom = _chromium(
        "--window-size=800,900", "--virtual-time-budget=5000", "--dump-dom", frame.as_uri()
    )
    found = re.search(r'<pre id="out">([^<]+)</pre>', dom)
    assert found, "the page did not report its width"
    client, scroll, wide = json.loads(found.group(1).replace("&quot;", '"'))
    assert client <= 400
    assert scroll <= client, (scroll, wide)
    assert wide == ""


_LABELS = """<script>
window.addEventListener('load', () => {
  const box = el => el.getBoundingClientRect();
  const labels = [...document.querySelectorAll('svg.network-map text.label')];
  const circles = [...document.querySelectorAll('svg.network-map circle')];
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
    a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const clashes = [];
  labels.forEach((label, i) => {
    const mine = box(label);
    labels.forEach((other, j) => {
      if (j > i && meet(mine, box(other))) {
        clashes.push(label.textContent + ' / ' + other.textContent);
      }
    });
    circles.forEach(circle => {
      if (meet(mine, box(circle))) clashes.push(label.textContent + ' / a circle');
    });
  });
  parent.postMessage([labels.length, clashes.join('; ')], '*');
});
</script>"""


@pytest.mark.parametrize("name", [*EXAMPLE_FILES, "eastbank.yaml"])
def test_no_name_on_the_map_covers_another_name_or_a_circle(
    reports: Callable[..., Path], tmp_path: Path, name: str
) -> None:
    import json

    page = reports(name)
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probe = tmp_path / f"labels-{page.name}"
    probe.write_text(html.replace("</body>", _LABELS + "</body>"), encoding="utf-8")
    frame = tmp_path / f"frame-labels-{page.name}"
    frame.write_text(
        _FRAME.format(page=probe.name).replace("width:400px", "width:940px"), encoding="utf-8"
    )
    dom = _chromium(
        "--window-size=1000,900", "--virtual-time-budget=5000", "--dump-dom", frame.as_uri()
    )
    found = re.search(r'<pre id="out">([^<]+)</pre>', dom)
    assert found, "the page did not report its labels"
    count, clashes = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert count > 0
    assert clashes == ""
