"""The review screen, the question screen and their dialogs, through Textual's Pilot."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import date

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.widgets import Input, Static

from plgcycle import i18n, review
from plgcycle.cli.teacher import _demo_exports
from plgcycle.model import PERSON, ROUND, Record
from plgcycle.session import Session
from screens.agenda import AgendaScreen
from screens.dialogs.review_save import SaveFileDialog
from screens.dialogs.review_threshold import ThresholdDialog
from screens.review import ReviewScreen
from screens.review_question import ReviewQuestionScreen
from screens.widgets.row_table import RowTable

TODAY = date(2026, 11, 23)
SIZE = (100, 30)


class Harness(App):
    """Stands in for the main app: it offers ``store``, ``today`` and ``lang`` and shows one screen."""

    def __init__(self, factory, today: date = TODAY):
        super().__init__()
        self.session = Session(None, today=today)
        self.lang = i18n.current_language()
        self.factory = factory

    def on_mount(self) -> None:
        self.push_screen(self.factory())


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    _demo_exports(folder, TODAY)
    return folder


@pytest.fixture
def data(export_dir) -> review.ReviewData:
    return review.load_exports([export_dir])


def drive(app: App, scenario, size=SIZE) -> None:
    """Run ``scenario(pilot)`` against ``app`` in a headless terminal (plain pytest, no plugin)."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def make_app(data, **kwargs) -> Harness:
    rule = kwargs.pop("rule", review.StalledRule(days=12))
    return Harness(lambda: ReviewScreen(data, rule=rule, **kwargs))


def names(screen: ReviewScreen) -> list[str]:
    return [row.name for row in screen.shown]


def text_of(app: App, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


# --- the overview ---------------------------------------------------------------------------------


def test_overview_lists_every_teacher_with_the_preview_of_the_highlighted_one(data):
    app = make_app(data)

    async def scenario(pilot):
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one("#review-table", RowTable)
        assert table.row_count == 6
        assert names(screen)[0] == "Ahmed El Amrani"
        assert "Hoe kan ik met korte instructiefilmpjes" in text_of(app, "#review-preview")
        await pilot.press("down")
        assert "Fatima Yilmaz" in text_of(app, "#review-preview")
        assert "Geen beweging sinds 11 nov 2026 (12 dagen): 3" in text_of(app, "#review-filter")

    drive(app, scenario)


def test_filter_by_step_movement_and_subgroup_and_sort(data):
    app = make_app(data)

    async def scenario(pilot):
        screen = app.screen
        await pilot.press("4")
        assert names(screen) == ["Fatima Yilmaz", "Sanne de Vries"]
        await pilot.press("s")  # step 4 -> step 5: nobody there
        assert names(screen) == []
        assert "Geen leervragen bij dit filter" in text_of(app, "#review-preview")
        await pilot.press("0", "x")
        assert names(screen) == ["Ahmed El Amrani", "Lotte Jansen", "Pieter van Dijk"]
        await pilot.press("g")
        assert names(screen) == ["Ahmed El Amrani", "Lotte Jansen"] and screen.subgroup == "A"
        await pilot.press("g", "g", "x")
        assert screen.subgroup is None and len(names(screen)) == 6
        await pilot.press("o")  # by step: earliest step first
        assert names(screen)[0] == "Lotte Jansen" and screen.sort == review.SORT_STEP
        assert "gesorteerd op stap" in text_of(app, "#review-filter")

    drive(app, scenario)


def test_the_cursor_stays_on_the_same_teacher_when_the_order_changes(data):
    app = make_app(data)

    async def scenario(pilot):
        screen = app.screen
        await pilot.press("down", "down", "down")  # Lotte Jansen
        assert screen.current_row().name == "Lotte Jansen"
        await pilot.press("o", "o")
        assert screen.current_row().name == "Lotte Jansen"

    drive(app, scenario)


def test_reading_a_question_and_its_earlier_round(data):
    app = make_app(data)

    async def scenario(pilot):
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ReviewQuestionScreen)
        body = "\n".join(str(w.render()) for w in screen.query(".section").results(Static))
        assert "Meegenomen uit de vorige ronde" in body
        assert "Paragraaf 5.1-5.4" in body  # the try-out plan
        assert "Wat verwacht je dat er gebeurt? De groep zonder voorbereiding" in body
        assert "Geplande datum: 26 nov 2026" in body
        assert "Hoe voorkom je dat de filmpjeshoek" in body  # feedback text, with its giver
        assert "ronde 2 van 2" in str(screen.query_one("#question-head", Static).render())
        await pilot.press("[")
        assert "ronde 1 van 2" in str(screen.query_one("#question-head", Static).render())
        body = "\n".join(str(w.render()) for w in screen.query(".section").results(Static))
        assert (
            "Filmpjes werken voor wie ze kijkt" in body
            and "vasthouden" not in body.split("Besluit")[0]
        )
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)

    drive(app, scenario)


def test_private_fields_are_never_shown(data):
    records = [r.copy() for r in data.records]
    rnd = next(r for r in records if r.kind == ROUND and r.data.get("round_no") == 2)
    rnd.data["steps"]["baseline"]["notes"] = "GEHEIM notitie"
    rnd.data["steps"]["baseline"]["findings"] = "GEHEIM bevinding"
    rnd.set_private("steps.baseline.findings", True)
    app = Harness(lambda: ReviewQuestionScreen(review.build_overview(records, TODAY), rnd.id))

    async def scenario(pilot):
        body = "\n".join(str(w.render()) for w in app.screen.query(".section").results(Static))
        assert "GEHEIM" not in body
        assert "Welke gegevens?" in body

    drive(app, scenario)


def test_the_detail_shows_a_private_text_only_as_filled_in_also_where_it_was_carried(data):
    """The review of a teacher's own database: privacy follows the text into the next round."""
    records = [r.copy() for r in data.records]
    second = next(r for r in records if r.kind == ROUND and r.data.get("round_no") == 2)
    first = next(r for r in records if r.id == second.data["parent"])
    first.data["steps"]["apply"]["conclusions"] = "GEHEIM conclusie over Jan"
    first.set_private("steps.apply.conclusions", True)  # marked after the next round started
    second.data["carried"]["conclusions"] = "GEHEIM conclusie over Jan"
    second.data["steps"]["baseline"]["findings"] = "GEHEIM bevinding"
    second.set_private("steps.baseline.findings", True)
    action = next(r for r in records if r.kind == "action" and r.data.get("round") == second.id)
    action.data["text"] = "GEHEIM actie"
    action.set_private("text", True)
    app = Harness(lambda: ReviewQuestionScreen(review.build_overview(records, TODAY), second.id))

    async def scenario(pilot):
        body = "\n".join(str(w.render()) for w in app.screen.query(".section").results(Static))
        assert "GEHEIM" not in body
        assert "Conclusies: ingevuld, niet gedeeld" in body  # carried over, filled in
        assert "Wat laten ze zien? ingevuld, niet gedeeld" in body
        assert "• ingevuld, niet gedeeld" in body  # the action is there, its words are not
        await pilot.press("[")
        body = "\n".join(str(w.render()) for w in app.screen.query(".section").results(Static))
        assert "GEHEIM" not in body and "Conclusies: ingevuld, niet gedeeld" in body

    drive(app, scenario)


def test_a_teacher_without_a_question_is_listed_but_has_nothing_to_open(data):
    extra = Record(
        PERSON,
        "p-new",
        {"name": "Nieuwe Collega", "subgroup": "B"},
        "p-new",
        1,
        "2026-11-20T10:00:00+00:00",
    )
    app = make_app(review.ReviewData(data.records + [extra], data.files))

    async def scenario(pilot):
        screen = app.screen
        assert "Nieuwe Collega" in names(screen)
        while screen.current_row().name != "Nieuwe Collega":
            await pilot.press("down")
        assert "Nog geen leervraag gedeeld" in text_of(app, "#review-preview")
        await pilot.press("enter")
        assert app.screen is screen

    drive(app, scenario)


# --- threshold, report and agenda ---------------------------------------------------------------------


def test_threshold_dialog_keeps_bad_input_and_applies_good_input(data):
    app = make_app(data, rule=review.StalledRule())

    async def scenario(pilot):
        screen = app.screen
        assert screen.overview.figures.stalled == 0  # since the previous meeting, 23 days ago
        await pilot.press("t")
        dialog = app.screen
        assert isinstance(dialog, ThresholdDialog)
        await pilot.press(*"vorige week", "enter")
        assert app.screen is dialog
        assert "DD-MM-JJJJ" in str(dialog.query_one("#threshold-error", Static).render())
        assert dialog.query_one("#threshold-since", Input).value == "vorige week"
        dialog.query_one("#threshold-since", Input).value = "2026-11-10"
        await pilot.press("enter")
        assert app.screen is screen
        assert screen.rule.since == date(2026, 11, 10)
        assert screen.overview.figures.stalled == 3
        await pilot.press("t")
        app.screen.query_one("#threshold-since", Input).value = "30"
        await pilot.press("enter")
        assert screen.rule.days == 30 and screen.overview.figures.stalled == 0
        await pilot.press("t", "escape")
        assert app.screen is screen and screen.rule.days == 30

    drive(app, scenario)


def test_report_from_the_screen_is_written_where_asked(data, tmp_path):
    app = make_app(data)

    async def scenario(pilot):
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, SaveFileDialog)
        field = dialog.query_one("#save-path", Input)
        assert field.value.endswith("plg-verslag-2026-11-23.html")
        field.value = str(tmp_path / "verslag.pdf")
        await pilot.press("enter")
        assert app.screen is dialog and "moet eindigen op" in str(
            dialog.query_one("#save-error", Static).render()
        )
        field.value = str(tmp_path / "verslag.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    drive(app, scenario)
    text = (tmp_path / "verslag.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("Deelnemer;") and text.count("\n") == 13


def test_agenda_opens_from_the_review(data):
    app = make_app(data)

    async def scenario(pilot):
        await pilot.press("a")
        assert isinstance(app.screen, AgendaScreen)
        assert app.screen.agenda.part("explore").items
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)

    drive(app, scenario)


def test_group_figures_and_files_tabs(data):
    app = make_app(data)

    async def scenario(pilot):
        await pilot.press("f")
        steps = str(app.screen.query_one("#chart-steps", Static).render())
        assert "2 Aanpak" in steps and "█" in steps
        flow = str(app.screen.query_one("#flow", Static).render())
        assert "6. Sanne de Vries" in flow and "ontvangen" in flow
        assert "Spreektijd per leerling" in str(app.screen.query_one("#measures", Static).render())
        await pilot.press("f")
        files = str(app.screen.query_one("#files-list", Static).render())
        assert "6 exportbestanden" in files and "sanne-de-vries.plgcycle.json" in files

    drive(app, scenario)


def test_names_and_texts_are_shown_literally(data):
    records = [r.copy() for r in data.records]
    person = next(r for r in records if r.kind == PERSON and r.text("name") == "Ahmed El Amrani")
    person.data["name"] = "[red]Ahmed[/red] \x1b[31m"
    rnd = next(
        r for r in records if r.kind == ROUND and r.owner == person.id and r.data["round_no"] == 2
    )
    rnd.data["question"] = "[bold]Hoe[/bold] werkt [link=http://x]dit[/link]?"
    app = make_app(review.ReviewData(records, data.files))

    async def scenario(pilot):
        preview = text_of(app, "#review-preview")
        assert "[red]Ahmed[/red] \\x1b[31m" in preview
        assert "[bold]Hoe[/bold] werkt [link=http://x]dit[/link]?" in preview
        svg = app.export_screenshot()
        assert "[red]Ahmed[/red]" in svg
        await pilot.press("enter")
        assert "[bold]Hoe[/bold]" in str(app.screen.query_one("#question-head", Static).render())

    drive(app, scenario)


def many_teachers(data: review.ReviewData, copies: int) -> review.ReviewData:
    """The demo PLG ``copies`` times over: every state the table shows, in many rows."""
    original = [r.to_dict() for r in data.records]
    ids = {r["id"] for r in original}
    records = []
    for n in range(copies):
        text = json.dumps(original)
        for old in ids:
            text = text.replace(old, str(uuid.uuid5(uuid.NAMESPACE_URL, f"{old}/{n}")))
        for raw in json.loads(text):
            if raw["kind"] == PERSON:
                raw["data"]["name"] += f" {n:02d}" + (" 名前" if n == 11 else "")
            records.append(Record.from_dict(raw))
    return review.ReviewData(records)


def test_a_large_plg_gets_column_widths_that_fit_every_row_before_all_rows_arrive(data):
    big = many_teachers(data, 12)  # 72 teachers
    app = make_app(big)

    async def scenario(pilot):
        screen = app.screen
        table = screen.query_one("#review-table", RowTable)
        widths = table.column_widths
        assert table.row_count == len(screen.shown) == 72
        # Only the rows in view have been made (and had their details worked out).
        assert 0 < sum(table.drawn_lines(i) is not None for i in range(72)) < 20
        assert sum("progress" in vars(row) for row in screen.shown) < 20
        labels = screen._labels()
        for row in screen.shown:  # every cell of every row, the details worked out now
            cells = screen._cell_parts(row, labels)
            for width, cell in zip(widths, cells, strict=False):
                for line in "".join(text for text, _style in cell).split("\n"):
                    assert cell_len(line) <= width, (row.name, line)
        # The widths are not simply generous: some column is as wide as its widest cell.
        assert any(
            max(
                cell_len(line)
                for row in screen.shown
                for line in "".join(t for t, _s in screen._cell_parts(row, labels)[i]).split("\n")
            )
            == width
            for i, width in enumerate(widths)
        )
        await pilot.press(
            "end"
        )  # the last rows are made when they come into view, widths unchanged
        assert table.cursor_row == 71 and table.column_widths == widths
        assert screen.current_row() is screen.shown[-1]

    drive(app, scenario)


# --- snapshots --------------------------------------------------------------------------------------


def test_snapshot_review_nl(snap_compare, data):
    assert snap_compare(make_app(data), terminal_size=SIZE)


def test_snapshot_review_figures_nl(snap_compare, data):
    assert snap_compare(make_app(data), terminal_size=SIZE, press=["f"])


def test_snapshot_review_question_nl(snap_compare, data):
    assert snap_compare(make_app(data), terminal_size=SIZE, press=["down", "enter"])


def test_snapshot_review_en(snap_compare, data):
    i18n.set_language("en")
    assert snap_compare(make_app(data), terminal_size=SIZE)


def test_snapshot_review_80x24(snap_compare, data):
    assert snap_compare(make_app(data), terminal_size=(80, 24))


def test_tab_bar_switches_by_click_and_key(data):
    app = make_app(data)

    async def scenario(pilot):
        screen = app.screen
        assert (
            screen.query_one("#tab-overview").display
            and not screen.query_one("#tab-figures").display
        )
        await pilot.click("#review-tabbar", offset=(15, 0))  # "Groepscijfers"
        await pilot.pause()
        assert screen.active_tab == "tab-figures" and screen.query_one("#tab-figures").display
        assert "2 Aanpak" in str(screen.query_one("#chart-steps", Static).render())
        await pilot.press("f")
        assert screen.active_tab == "tab-files"
        await pilot.press("f")
        assert screen.active_tab == "tab-overview" and screen.query_one("#review-table").has_focus

    drive(app, scenario)


def test_progress_exports_say_what_was_not_shared(data):
    owner = next(f.owner for f in data.files if f.name == "Lotte Jansen")
    files = [
        review.SourceFile(
            f.path,
            f.owner,
            f.name,
            f.exported_at,
            "progress" if f.owner == owner else f.profile,
            f.records,
        )
        for f in data.files
    ]
    records = []
    for r in data.records:
        if r.owner != owner or r.kind in ("person", "round"):
            records.append(r)
    app = make_app(review.ReviewData(records, files))

    async def scenario(pilot):
        screen = app.screen
        assert "1 leervraag komt uit een voortgangsexport" in str(
            screen.query_one("#review-note", Static).render()
        )
        while screen.current_row().name != "Lotte Jansen":
            await pilot.press("down")
        assert "Alleen voortgang gedeeld" in text_of(app, "#review-preview")
        await pilot.press("f", "f")
        assert "alleen voortgang" in str(screen.query_one("#files-list", Static).render())

    drive(app, scenario)


def test_review_and_agenda_colours_follow_the_theme(data):
    from screens.widgets.review_kit import theme_colours

    app = make_app(data)

    def colours(strips) -> set[str]:
        return {
            segment.style.color.triplet.hex.upper()
            for strip in strips
            for segment in strip
            if segment.style and segment.style.color and segment.style.color.triplet
        }

    async def scenario(pilot):
        screen = app.screen
        table = screen.query_one("#review-table", RowTable)
        dark = theme_colours(screen)
        assert dark["accent"].upper() in colours(table._row_lines(0))
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light = theme_colours(screen)
        assert light["accent"] != dark["accent"] and light["warm"] != dark["warm"]
        drawn = colours(table._row_lines(0))
        assert light["accent"].upper() in drawn and dark["accent"].upper() not in drawn
        await pilot.press("a")  # the agenda, opened in the light theme
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        number = app.screen.query_one("#agenda-table").get_row_at(0)[0]  # "1." of the first part
        assert light["accent"].upper() in str(number.style).upper()

    drive(app, scenario)
