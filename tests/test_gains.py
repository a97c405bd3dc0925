"""`collabgain gains`: what each member could give and get, through the real CLI.

The Harbour Youth Partnership below is written so that each part of the page has something:
- Harbour City Council offers `meeting rooms`, which Harbour Youth Trust needs for its club;
- Amy Shore of Café Culture has the strength `cookery teaching` that Harbour College needs;
- Harbour College and Café Culture both aim at the harbour estates and share no activity
  (natural allies), while the council and the trust share a live one (not allies);
- the shared aim of apprenticeships has no live activity, and Harbour College offers them; the
  festival aim has only a planned activity; the dropped aim is left out;
- the port is an observer, the mill has left and Ben Tide has left: none of their offers,
  needs or strengths appear; the trust's hidden aim is never quoted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from collabgain_cli.matching import Matcher

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PAIRS = Path(__file__).parent / "data" / "gains_pairs.yaml"

RunLine = Callable[..., Any]
Write = Callable[[str, str | bytes], Path]

HARBOUR = """\
partnership:
  name: Harbour Youth Partnership
  established: 2024-01-01
  as_of: 2026-06-01
organisations:
  - id: council
    name: Harbour City Council
    roles: [funder, convener]
    aims: [{text: Fewer young people out of work or training}]
    offers: [meeting rooms, youth employment data]
    needs: [the views of young people on the youth strategy]
  - id: trust
    name: Harbour Youth Trust
    aims:
      - {text: Young people into work and training}
      - {text: Take over the council's youth centres, stated: hidden}
    offers: [youth panel, detached youth workers]
    needs: [meeting rooms for youth club nights]
  - id: college
    name: Harbour College
    aims: [{text: More apprenticeships for young people from the harbour estates}]
    offers: [apprenticeships, training kitchen]
    needs: [cookery teaching for catering students]
  - id: arts
    name: Café Culture CIC
    aims: [{text: A festival that brings the harbour estates together, stated: assumed}]
    offers: [festival stewards]
  - id: port
    name: Harbour Port Authority
    roles: [observer]
    offers: [meeting rooms at the port]
    needs: [detached youth workers near the docks]
  - id: mill
    name: Old Mill Trust
    status: former
    left: 2025-01-01
    offers: [meeting rooms at the mill]
people:
  - {id: amy, name: Amy Shore, organisation: arts, strengths: [cookery teaching]}
  - {id: ben, name: Ben Tide, organisation: trust, strengths: [meeting rooms], left: 2025-06-01}
  - {id: cal, name: Cal Reed, independent: true, strengths: [youth consultation]}
aims:
  - {id: jobs, text: 500 apprenticeships for young people, status: agreed,
     agreed_by: [council, trust, college]}
  - {id: festival, text: A harbour festival run by young people, status: proposed}
  - {id: centres, text: Youth centres reopened, status: dropped}
activities:
  - {id: club, name: Friday youth club, type: joint-delivery, status: active, lead: trust,
     partners: [council]}
  - {id: fest, name: Harbour festival 2027, type: joint-delivery, status: planned, lead: arts,
     aims: [festival]}
"""


def _json(run_line: RunLine, *args: str) -> dict[str, Any]:
    result = run_line("gains", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _pairs(data: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    """(giver, what it gives, receiver, what it meets) for every suggestion on the page."""
    return {
        (
            s["giver"]["person"] or s["giver"]["name"],
            s["gives"]["text"],
            s["receiver"]["name"],
            s["meets"]["text"],
        )
        for member in data["members"]
        for s in member["gets"]
    }


# ---------------------------------------------------------------- the labelled set


def test_labelled_set_precision_is_at_least_0_8() -> None:
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 60
    assert sum(p["match"] for p in pairs) >= 20 and sum(not p["match"] for p in pairs) >= 20
    matcher = Matcher()
    suggested = [p for p in pairs if matcher.match(p["offer"], p["need"]) is not None]
    right = [p for p in suggested if p["match"]]
    precision = len(right) / len(suggested)
    recall = len(right) / sum(p["match"] for p in pairs)
    assert precision >= 0.8
    # A matcher that suggests almost nothing would be precise and useless.
    assert recall >= 0.5


def test_benchmark_prints_precision_and_recall() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gains_quality.py"), "--mistakes"],
        capture_output=True,
        text=True,
        check=True,
    )
    precision = re.search(r"^precision: (\d\.\d\d)$", done.stdout, re.M)
    assert precision is not None and float(precision.group(1)) >= 0.8
    assert re.search(r"^recall: +\d\.\d\d$", done.stdout, re.M)


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("offer", "need", "words"),
    [
        ("Volunteers", "more volunteering at weekends", ["volunteers ~ volunteering"]),
        ("Café space", "a CAFE to meet in", ["cafe"]),
        ("meeting rooms", "rooms for meetings", ["meeting ~ meetings", "rooms"]),
        ("warehouse", "storage for donated food", ["warehouse ~ storage"]),
        ("surplus food", "donated food for the larder", ["surplus food ~ donated food"]),
    ],
)
def test_a_match_names_the_words_on_both_sides(offer: str, need: str, words: list[str]) -> None:
    found = Matcher().match(offer, need)
    assert found is not None
    assert list(found.words) == words
    assert 0.42 <= found.score <= 1


@pytest.mark.parametrize(
    ("offer", "need"),
    [
        ("community venues", "community engagement"),
        ("warehouse space", "green space for the estate"),
        ("local support", "support for tenants"),
        ("the", "of the"),
        ("housing management", "land for affordable housing"),
    ],
)
def test_broad_words_stop_words_and_thin_overlaps_make_no_match(offer: str, need: str) -> None:
    assert Matcher().match(offer, need) is None


def test_against_an_aim_the_offer_must_share_what_it_is_about() -> None:
    matcher = Matcher()
    aim = "Young people into work and training"
    assert matcher.match("training kitchen", aim) is not None
    assert matcher.match("training kitchen", aim, head=True) is None
    assert matcher.match("training courses", aim, head=True) is not None


# ---------------------------------------------------------------- the page for everyone


def test_gets_gives_allies_open_aims_and_unasked_offers(run_line: RunLine, write: Write) -> None:
    path = write("harbour.yaml", HARBOUR)
    data = _json(run_line, str(path))
    assert data["partnership"] == "Harbour Youth Partnership"
    assert [m["id"] for m in data["members"]] == ["council", "trust", "college", "arts"]
    assert _pairs(data) == {
        (
            "Harbour City Council",
            "meeting rooms",
            "Harbour Youth Trust",
            "meeting rooms for youth club nights",
        ),
        (
            "Amy Shore",
            "cookery teaching",
            "Harbour College",
            "cookery teaching for catering students",
        ),
    }
    college = next(m for m in data["members"] if m["id"] == "college")
    assert [s["gives"]["text"] for s in college["gets"]] == ["cookery teaching"]
    assert college["gets"][0]["matched_on"] == [
        {"left": "cookery", "right": "cookery"},
        {"left": "teaching", "right": "teaching"},
    ]
    council = next(m for m in data["members"] if m["id"] == "council")
    assert [s["meets"]["text"] for s in council["gives"]] == ["meeting rooms for youth club nights"]
    assert [q["text"] for q in council["unmet_needs"]] == [
        "the views of young people on the youth strategy"
    ]

    [allies] = data["allies"]
    assert {allies["first"]["id"], allies["second"]["id"]} == {"college", "arts"}
    assert allies["second_aim"]["assumed"] is True
    assert {m["left"] for m in allies["matched_on"]} == {"harbour", "estates"}

    jobs, festival = data["open_aims"]
    assert jobs["id"] == "jobs" and jobs["planned"] == []
    assert [(s["giver"]["id"], s["gives"]["text"]) for s in jobs["could_serve"]] == [
        ("college", "apprenticeships")
    ]
    assert festival["id"] == "festival" and festival["planned"] == ["Harbour festival 2027"]

    unasked = [(u["member"]["id"], u["offer"]["text"]) for u in data["unasked"]]
    assert ("council", "meeting rooms") not in unasked
    assert ("college", "apprenticeships") in unasked
    assert data["summary"] == {
        "members": 4,
        "members_with_needs": 3,
        "suggestions": 2,
        "allies": 1,
        "open_aims": 2,
        "unasked": len(unasked),
    }


def test_observers_former_members_people_who_left_and_hidden_aims_stay_out(
    run_line: RunLine, write: Write
) -> None:
    path = write("harbour.yaml", HARBOUR)
    for output_format in ("text", "markdown", "json"):
        result = run_line("gains", str(path), "--format", output_format)
        assert result.exit_code == 0
        for absent in ("Port Authority", "Old Mill", "Ben Tide", "Take over", "Youth centres"):
            assert absent not in result.stdout, (output_format, absent)


def test_every_quote_points_at_its_text_in_the_file(run_line: RunLine, write: Write) -> None:
    path = write("harbour.yaml", HARBOUR)
    lines = HARBOUR.splitlines()
    data = _json(run_line, str(path))
    quotes = [
        q for member in data["members"] for s in member["gets"] for q in (s["gives"], s["meets"])
    ] + [a["aim"] for a in data["open_aims"]]
    assert quotes
    for quote in quotes:
        line = lines[quote["line"] - 1]
        assert line[quote["column"] - 1 :].startswith(quote["text"]), quote


def test_text_quotes_both_sides_and_the_words_that_matched(run_line: RunLine, write: Write) -> None:
    path = write("harbour.yaml", HARBOUR)
    result = run_line("gains", str(path))
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert out.startswith(
        "Where collaborative gain lies: Harbour Youth Partnership as of 1 June 2026"
    )
    assert (
        '- For its need "meeting rooms for youth club nights" - Harbour City Council offers '
        '"meeting rooms" (matched on meeting, rooms; score 0.67)'
    ) in out
    assert 'Amy Shore (Café Culture CIC) is strong in "cookery teaching"' in out
    assert (
        'Harbour College aims for "More apprenticeships for young people from the harbour '
        'estates" and Café Culture CIC for "A festival that brings the harbour estates together"'
    ) in out
    assert (
        'The shared aim "A harbour festival run by young people" (proposed) has no live '
        "activity; planned: Harbour festival 2027" in out
    )
    assert "4 members, 2 suggestions, 1 natural ally, 2 shared aims no activity serves" in out


# ---------------------------------------------------------------- one member's page


@pytest.mark.parametrize("who", ["trust", "Harbour Youth Trust", "harbour  youth trust"])
def test_member_page_is_addressed_to_the_member(run_line: RunLine, write: Write, who: str) -> None:
    path = write("harbour.yaml", HARBOUR)
    result = run_line("gains", str(path), "--member", who)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert out.startswith(
        "What the partnership can do for you, Harbour Youth Trust Harbour Youth Partnership, "
        "as of 1 June 2026"
    )
    assert 'For your need "meeting rooms for youth club nights"' in out
    assert "What you could give none yet" in out
    assert 'Your offers no one has asked for yet - "youth panel" - "detached youth workers"' in out
    assert "Harbour College" not in out  # nothing of the trust's pairs with the college


def test_member_page_in_markdown_and_json(run_line: RunLine, write: Write) -> None:
    path = write("harbour.yaml", HARBOUR)
    result = run_line("gains", str(path), "--member", "college", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# What the partnership can do for you, Harbour College\n")
    assert "## Natural allies\n\n- Café Culture CIC aims for “A festival" in result.stdout
    assert "## Shared aims no activity serves, that you could help with" in result.stdout
    assert "  - your offer “apprenticeships”" in result.stdout
    data = _json(run_line, str(path), "--member", "college")
    assert data["member"] == "college"
    assert [m["id"] for m in data["members"]] == ["college"]


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (
            "nobody",
            "--member nobody: no such organisation; give a member's id or name: "
            "council, trust, college, arts",
        ),
        ("port", "--member port: Harbour Port Authority is an observer"),
        ("mill", "--member mill: Old Mill Trust is not active on 2026-06-01"),
    ],
)
def test_member_that_is_not_a_member_is_a_usage_error(
    run_line: RunLine, write: Write, who: str, message: str
) -> None:
    path = write("harbour.yaml", HARBOUR)
    result = run_line("gains", str(path), "--member", who)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- input and configuration


def test_invalid_file_names_file_line_and_column(run_line: RunLine, write: Write) -> None:
    path = write("bad.yaml", HARBOUR.replace("    needs: [cookery", "    neds: [cookery"))
    result = run_line("gains", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        r"bad\.yaml:23:5: CG002 unknown key 'neds'; did you mean 'needs'\?", result.stderr
    )


def test_standard_input(run_line: RunLine) -> None:
    result = run_line("gains", "-", "--format", "json", input=HARBOUR)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"] == "<stdin>"


def test_no_needs_recorded_says_what_to_add(run_line: RunLine, write: Write) -> None:
    path = write("plain.yaml", re.sub(r"(?m)^    needs: .*\n", "", HARBOUR))
    result = run_line("gains", str(path))
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "No member records needs, so only aims are matched: add `needs`" in out
    assert "(no member records needs to ask with)" in out


def test_configuration_adds_synonyms_and_sets_the_least_score(
    run_line: RunLine, write: Write
) -> None:
    path = write("harbour.yaml", HARBOUR)
    base = _json(run_line, str(path))
    council = next(m for m in base["members"] if m["id"] == "council")
    assert council["gets"] == []
    write(
        "collabgain.toml",
        '[gains]\nsynonyms = [["youth panel", "views of young people"]]\n',
    )
    data = _json(run_line, str(path))
    council = next(m for m in data["members"] if m["id"] == "council")
    assert [(s["gives"]["text"], s["matched_on"]) for s in council["gets"]] == [
        ("youth panel", [{"left": "youth panel", "right": "views of young people"}])
    ]
    write("collabgain.toml", "[gains]\nmin_score = 0.9\n")
    assert _json(run_line, str(path))["summary"]["suggestions"] == 0


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[gains]\nsynonym = []\n",
            "[gains] unknown key 'synonym'; allowed keys: synonyms, min_score",
        ),
        ("[gains]\nmin_score = 2\n", "[gains] min_score must be a number above 0 and at most 1"),
        ('[gains]\nsynonyms = [["alone"]]\n', "synonym line 1 must list two or more words"),
        ('[gains]\nsynonyms = "food"\n', "synonyms must be a list of lists"),
        ("gains = 3\n", "'gains' must be a table"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_the_file(
    run_line: RunLine, write: Write, toml: str, message: str
) -> None:
    path = write("harbour.yaml", HARBOUR)
    write("collabgain.toml", toml)
    result = run_line("gains", str(path))
    assert result.exit_code == 2
    assert "collabgain.toml" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_gains_table_does_not_upset_other_commands(run_line: RunLine, write: Write) -> None:
    path = write("harbour.yaml", HARBOUR)
    write("collabgain.toml", "[gains]\nmin_score = 0.5\n")
    assert run_line("check", str(path), "--exit-zero").exit_code == 0


# ---------------------------------------------------------------- the examples

EXPECTED = {
    "greenway-food.yaml": {
        (
            "Dr Helen Marsh",
            "evaluation",
            "Greenway District Council",
            "evidence of what works in preventing food poverty",
        ),
        (
            "Greenway College",
            "research support",
            "Greenway District Council",
            "evidence of what works in preventing food poverty",
        ),
        (
            "Joanne Price",
            "bid writing",
            "Greenway Foodbank",
            "a grant application for the surplus hub",
        ),
        (
            "Kwame Asante",
            "cookery teaching",
            "Greenway Community Growers",
            "a kitchen for cookery classes with families",
        ),
        (
            "Greenway Foodbank",
            "volunteer network",
            "Greenway Community Growers",
            "more volunteers at weekends",
        ),
        (
            "Ruth Okafor",
            "volunteer leadership",
            "Greenway Community Growers",
            "more volunteers at weekends",
        ),
        (
            "Greenway District Council",
            "community venues",
            "Greenway College",
            "community venues for student placements",
        ),
        (
            "Hearthside Homes",
            "community rooms on three estates",
            "Greenway College",
            "community venues for student placements",
        ),
        (
            "Kwame Asante",
            "cookery teaching",
            "Greenway Primary Care Network",
            "cookery courses for patients with diabetes",
        ),
        (
            "Gareth Lloyd",
            "horticulture",
            "Greenway Primary Care Network",
            "gardening groups that take social prescribing referrals",
        ),
        (
            "Gareth Lloyd",
            "teaching",
            "Greenway Primary Care Network",
            "cookery courses for patients with diabetes",
        ),
        (
            "Greenway Community Growers",
            "growing tutors",
            "Greenway Primary Care Network",
            "gardening groups that take social prescribing referrals",
        ),
    },
    "riverside.yaml": {
        (
            "Riverside Homes",
            "housing management",
            "Riverside Borough Council",
            "a housing association to let and manage the affordable homes",
        ),
        (
            "Riverside Borough Council",
            "capital funding",
            "Riverside Homes",
            "capital funding for phase 1",
        ),
    },
    "northshire-networks.yaml": {
        (
            "Josh Kemp",
            "newsletters",
            "Northshire Rural Community Council",
            "a newsletter that reaches parish councils",
        ),
        (
            "Northshire Voluntary Action",
            "meeting rooms",
            "Northshire Youth Work Network",
            "meeting rooms for youth panel sessions",
        ),
        (
            "Northshire Disability Alliance",
            "access audits",
            "Age Forum Northshire",
            "access audits of day centres",
        ),
        (
            "Northshire Rural Community Council",
            "village hall network",
            "Northshire Environment Forum",
            "village halls for climate cafes",
        ),
    },
}
"""Every suggestion on the examples, each read and agreed with: a new one must be read too."""


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_examples_suggest_exactly_the_pairs_a_reader_agreed_with(
    run_line: RunLine, example: str
) -> None:
    assert _pairs(_json(run_line, str(EXAMPLES / example))) == EXPECTED[example]


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_needs_change_no_finding_of_check(run_line: RunLine, write: Write, example: str) -> None:
    """No rule reads `needs`: the examples' findings are the same without them."""
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    without = re.sub(r"(?m)^    needs: .*$", "    x-needs: removed", text)
    assert without != text
    stripped = write(example, without)

    def findings(path: str) -> list[tuple[str, str, str]]:
        result = run_line("check", path, "--format", "json", "--exit-zero")
        assert result.exit_code == 0
        [file] = json.loads(result.stdout)["files"]
        return [(f["code"], f["subject"], f["message"]) for f in file["findings"]]

    assert findings(str(EXAMPLES / example)) == findings(str(stripped))


# ---------------------------------------------------------------- across a portfolio

CITY = """\
partnership:
  name: City Food Partnership
  as_of: 2026-06-01
organisations:
  - id: council
    name: Harbour City Council
    offers: [surplus food]
    needs: [meeting rooms for the food forum]  # its own offer elsewhere: not a suggestion
  - id: larder
    name: Eastside Larder
    offers: [volunteer drivers]
    needs: [meeting rooms for the larder committee]
"""

HARBOUR_NEEDS_FOOD = HARBOUR.replace(
    "    needs: [cookery teaching for catering students]",
    "    needs: [cookery teaching for catering students, fresh food for the training kitchen]",
)


def test_portfolio_gains_matches_offers_in_one_partnership_to_needs_in_another(
    run_line: RunLine, write: Write
) -> None:
    write("folder/harbour.yaml", HARBOUR_NEEDS_FOOD)
    write("folder/city.yaml", CITY)
    write("folder/broken.yaml", "partnership: [\n")
    result = run_line("portfolio", "folder", "--gains", "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data)[-1] == "gains"
    pairs = [
        (
            s["offer"]["organisation"],
            s["offer"]["text"],
            s["need"]["organisation"],
            s["need"]["text"],
            s["sitting_in_both"],
        )
        for s in data["gains"]["suggestions"]
    ]
    assert pairs == [
        (
            "Harbour City Council",
            "meeting rooms",
            "Eastside Larder",
            "meeting rooms for the larder committee",
            ["Harbour City Council"],
        ),
        (
            "Harbour City Council",
            "surplus food",
            "Harbour College",
            "fresh food for the training kitchen",
            ["Harbour City Council"],
        ),
    ]
    assert all(offer != need for offer, _, need, _, _ in pairs)
    first = data["gains"]["suggestions"][1]
    assert first["offer"]["partnership"] == "City Food Partnership"
    assert first["need"]["path"].endswith("harbour.yaml") and first["need"]["line"] == 23


def test_portfolio_gains_in_text_and_markdown(run_line: RunLine, write: Write) -> None:
    write("folder/harbour.yaml", HARBOUR_NEEDS_FOOD)
    write("folder/city.yaml", CITY)
    text = run_line("portfolio", "folder", "--gains")
    assert text.exit_code == 0
    out = " ".join(text.stdout.split())
    assert (
        'Eastside Larder (City Food Partnership) needs "meeting rooms for the larder committee"; '
        'Harbour City Council (Harbour Youth Partnership) offers "meeting rooms" (matched on '
        "meeting, rooms; score 0.71; sitting in both: Harbour City Council)"
    ) in out
    markdown = run_line("portfolio", "folder", "--gains", "--format", "markdown")
    assert "### Gains across partnerships" in markdown.stdout
    assert "offers “meeting rooms”" in markdown.stdout
    plain = run_line("portfolio", "folder")
    assert "Gains across partnerships" not in plain.stdout


# ---------------------------------------------------------------- the HTML report


def _gains_section(page: str) -> str:
    start = page.index('<section class="gains">')
    return page[start : page.index("</section>", start)]


def test_html_report_has_where_you_could_gain(run_line: RunLine, write: Write) -> None:
    path = write("harbour.yaml", HARBOUR)
    result = run_line("report", str(path), "-o", "report.html")
    assert result.exit_code == 0
    section = _gains_section((path.parent / "report.html").read_text(encoding="utf-8"))
    assert "<h2>Where you could gain</h2>" in section
    assert (
        '<h3>Harbour Youth Trust</h3>\n<ul class="findings">\n<li>For its need '
        "<q>meeting rooms for youth club nights</q>\n<ul>\n<li>Harbour City Council offers "
        "<q>meeting rooms</q> (matched on meeting, rooms; score 0.67)</li>"
    ) in section
    assert "<h3>Natural allies</h3>" in section
    assert "<h3>Shared aims no activity serves</h3>" in section


def test_html_report_shows_at_most_five_per_member_and_escapes(
    run_line: RunLine, write: Write
) -> None:
    offering = "\n".join(
        f"  - {{id: org-{n}, name: Offering {n}, offers: ['meeting rooms <b>{n}</b>']}}"
        for n in range(7)
    )
    text = (
        "partnership: {name: Rooms Partnership, as_of: 2026-06-01}\n"
        "organisations:\n"
        "  - {id: asker, name: Asker & Sons, needs: ['meeting rooms for <script>']}\n"
        f"{offering}\n"
    )
    path = write("rooms.yaml", text)
    assert run_line("report", str(path), "-o", "rooms.html").exit_code == 0
    section = _gains_section((path.parent / "rooms.html").read_text(encoding="utf-8"))
    assert section.count(" offers <q>meeting rooms &lt;b&gt;") == 5
    assert '<p class="note">and 2 more</p>' in section
    assert "<h3>Asker &amp; Sons</h3>" in section
    assert "<script>" not in section and "<b>" not in section


def test_html_report_without_anything_to_suggest_has_no_gains_part(
    run_line: RunLine, write: Write
) -> None:
    path = write("plain.yaml", "partnership: {name: Quiet}\norganisations: [{id: a, name: A}]\n")
    assert run_line("report", str(path), "-o", "quiet.html").exit_code == 0
    assert "Where you could gain" not in (path.parent / "quiet.html").read_text(encoding="utf-8")


def test_pseudonymised_gains_name_no_one(
    run_line: RunLine, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collabgain_cli.pseudonyms import KEY_VARIABLE

    monkeypatch.setenv(KEY_VARIABLE, "a-test-key-7f3c9e21d4b8")
    path = write("harbour.yaml", HARBOUR)
    result = run_line("gains", str(path), "--pseudonymise")
    assert result.exit_code == 0
    assert "Amy Shore" not in result.stdout
    assert 'is strong in "cookery teaching"' in " ".join(result.stdout.split())


def test_readme_example_is_the_real_output(run_line: RunLine) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Where you could gain: `collabgain gains`\n", 1)[1]
    (block,) = re.findall(r"\n```text\n(.*?)\n```\n", section.split("\n## ", 1)[0], re.S)
    output = run_line("gains", str(EXAMPLES / "greenway-food.yaml")).stdout
    assert block in output
