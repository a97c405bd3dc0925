"""Property tests: whatever a workbook's sheets hold, import ends in a valid file or in
problems that each name a sheet, and never raises."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabgain_cli.loader import data_with_extensions, load_bytes
from collabgain_cli.workbook import yamltext
from collabgain_cli.workbook.book import RawSheet
from collabgain_cli.workbook.importing import import_book
from collabgain_cli.workbook.sheets import SHEETS

NAMES = ["partnership", "README", "Sheet1", *(s.name for s in SHEETS)]
COLUMNS = sorted({"field", "value", "x-note", "", *(c.name for s in SHEETS for c in s.columns)})
WORDS = ["council", "trust", "true", "FALSE", "2024-05-01", "31/01/2025", "1.5", "-3", "a; b",
         "a\\; b", "\\", "=SUM(A1)", "name", "as_of", "version", "public", " ", "yes"]  # fmt: skip

cells = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)


@st.composite
def sheets(draw: st.DrawFn) -> list[RawSheet]:
    found = []
    for name in draw(st.lists(st.sampled_from(NAMES), max_size=6)):
        header = tuple(draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6)))
        rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1), max_size=5))
        found.append(RawSheet(name, (header, *(tuple(r) for r in rows)), "book.xlsx"))
    return found


@settings(
    max_examples=150, deadline=3000, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(sheets())
def test_import_ends_in_a_valid_file_or_in_problems_at_places(raw: list[RawSheet]) -> None:
    imported = import_book(raw, "book.xlsx", "out.yaml", csv=False)
    if imported.text is None:
        assert imported.problems
        for problem in imported.problems:
            assert str(problem.place).startswith("book.xlsx:")
            assert problem.code.startswith("CG") and problem.message
    else:
        assert not imported.problems
        assert load_bytes(imported.text.encode("utf-8"), "out.yaml").partnership is not None


plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30
) | st.sampled_from([*WORDS, "a: b", "a #b", "- x", "x:", "<<", "~", "1_000", "[a]", "#", "é"])


@settings(max_examples=400, deadline=3000, database=None)
@given(plain_text)
def test_text_written_as_yaml_reads_back_as_itself(text: str) -> None:
    document = yamltext.dump(
        {
            "partnership": {"name": text or "P", "x-note": text},
            "organisations": [{"id": "a", "name": "A", "offers": [text]}],
            "governance": {"bodies": [{"id": "b", "name": "B", "votes": {text or "a": 1}}]},
        }
    )
    loaded = load_bytes(document.encode("utf-8"), "t.yaml")
    assert not [e for e in loaded.errors if e.code in ("CG001", "CG007")], document
    raw = data_with_extensions(document)
    assert raw is not None
    assert raw["partnership"]["x-note"] == text
    assert raw["organisations"][0]["offers"] == [text]
    assert list(raw["governance"]["bodies"][0]["votes"]) == [text or "a"]
