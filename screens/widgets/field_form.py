"""A form built from the core's field definitions (:class:`plgcycle.model.FieldDef`).

One widget serves every record: steps, try-outs, measures, feedback, actions and
the teacher's profile.  Labels and guidance prompts are message ids translated
when the form is built; the stored values go in and typed values come out, so
screens never parse text themselves.  Each text field can be marked private
(private notes always are); the form reports those choices as field paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, RadioSet, Static, TextArea

from plgcycle.dates import date_doubt
from plgcycle.i18n import N_, _, format_date, format_date_input
from plgcycle.model import (
    BOOL,
    CHOICE,
    DATE,
    LONGTEXT,
    NUMBER,
    TEXT,
    DateFormatError,
    FieldDef,
    read_date,
)
from plgcycle.privacy import is_withheld, withheld_label

from ..bindings import translate_bindings
from .text import NumberTooLarge, format_number, literal, parse_number
from .tickbox import ChoiceButton, TickBox


@dataclass(frozen=True)
class FieldProblem:
    """Why one field cannot be saved as it is."""

    key: str
    message: str


def field_message(label: str, text: str) -> str:
    """A message about a field, joined the way it reads: ``Datum: schrijf de datum als …``,
    and after a label that is a question, a new sentence: ``Wanneer klaar? Schrijf …``."""
    label = label.strip()
    text = text.strip()
    if label.endswith(("?", "!", ".")):
        return f"{label} {text[:1].upper()}{text[1:]}"
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]  # not an abbreviation such as "DD-MM-YYYY"
    return f"{label}: {text}"


class FormInvalid(Exception):
    def __init__(self, problems: list[FieldProblem]):
        super().__init__(problems[0].message if problems else "")
        self.problems = problems


def check_date(text: str) -> str | None:
    """A problem message for a date typed as text, or None when it is fine (or empty)."""
    text = text.strip()
    if not text:
        return None
    try:
        read_date(text)
    except DateFormatError:
        return _("Write the date as DD-MM-YYYY or YYYY-MM-DD, for example 15-03-2026.")
    except ValueError:
        return _("{date} is not a date in the calendar.").format(date=text)
    return None


def check_number(text: str) -> str | None:
    try:
        parse_number(text)
    except NumberTooLarge:
        return _("That number is too large; write at most 15 digits.")
    except ValueError:
        return _("Write a number, for example 6,5 or 70.")
    return None


class FieldForm(Vertical):
    """Editors for a sequence of fields (a plain string in ``fields`` is a section heading)."""

    DEFAULT_CSS = """
    FieldForm { height: auto; }
    FieldForm .section { text-style: bold; color: $accent; margin: 1 0 0 0; }
    FieldForm .field { height: auto; margin: 0 0 1 0; }
    FieldForm .field-head { height: 1; }
    FieldForm .field-label { width: 1fr; text-style: bold; }
    FieldForm .private-fixed { width: auto; color: $text-muted; }
    FieldForm TickBox.private { width: auto; }
    FieldForm .prompt { color: $text-muted; }
    FieldForm TextArea { height: auto; min-height: 4; max-height: 12; }
    FieldForm .field-error { color: $text-error; display: none; }
    FieldForm .field-error.-shown { display: block; }
    FieldForm .field-value { padding: 0 1; }
    FieldForm .field-value.-empty { color: $text-muted; }
    FieldForm RadioSet { width: auto; }
    """

    # In the footer when there is room (screens rank it last): each field shows its own
    # "private" box, and the help screen lists the key.
    BINDINGS = [Binding("ctrl+o", "toggle_private", N_("private on/off"), id="toggle-private")]

    class Edited(Message):
        """The teacher changed a value (the form may now hold unsaved changes)."""

        def __init__(self, form: FieldForm) -> None:
            super().__init__()
            self.form = form

        @property
        def control(self) -> FieldForm:
            return self.form

    def __init__(
        self,
        fields: Sequence[FieldDef | str],
        values: dict | None = None,
        *,
        private_paths: Iterable[str] = (),
        path_prefix: str = "",
        allow_private: bool = True,
        readonly: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        translate_bindings(self)
        self.items = list(fields)
        self.fields = [f for f in self.items if isinstance(f, FieldDef)]
        self._values = dict(values or {})
        self.path_prefix = path_prefix
        self.allow_private = allow_private
        self.readonly = readonly
        self._private = {
            f.key
            for f in self.fields
            if f.always_private or (path_prefix + f.key) in set(private_paths)
        }
        self._initial: dict = self._stored_raw()
        self._kept: dict[str, str] = {}  # dates the teacher said to keep, as typed

    # --- building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        for item in self.items:
            if isinstance(item, str):
                yield Static(Content(_(item)), classes="section")
                continue
            with Vertical(classes="field", id=f"row-{item.key}"):
                if item.type != BOOL or self.readonly:  # a tick box carries its own label
                    yield from self._head(item)
                if item.prompt and not self.readonly:
                    yield Static(Content(_(item.prompt)), classes="prompt")
                yield self._editor(item)
                yield Static("", classes="field-error", id=f"error-{item.key}", markup=False)

    def _head(self, f: FieldDef) -> ComposeResult:
        label = _(f.label) + (" *" if f.required and not self.readonly else "")
        with Horizontal(classes="field-head"):
            yield Label(Content(label), classes="field-label")
            if f.always_private:
                yield Label(Content(_("always private")), classes="private-fixed")
            elif self._can_be_private(f):
                if self.readonly:
                    if f.key in self._private:
                        yield Label(Content(_("private")), classes="private-fixed")
                else:
                    # Not a tab stop (one Tab per field); ctrl+o or a click toggles it.
                    yield TickBox(
                        _("private"),
                        f.key in self._private,
                        classes="private",
                        id=f"private-{f.key}",
                        focusable=False,
                        tooltip=_(
                            "Private fields are never exported and never "
                            "shown to colleagues. ctrl+o switches it."
                        ),
                    )

    def _can_be_private(self, f: FieldDef) -> bool:
        return self.allow_private and f.can_be_private

    def _editor(self, f: FieldDef):
        value = self._values.get(f.key)
        wid = f"field-{f.key}"
        if self.readonly:
            return self._shown(f, value, wid)
        if f.type == LONGTEXT:
            area = TextArea(
                value if isinstance(value, str) else "",
                id=wid,
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                highlight_cursor_line=False,
            )
            return area
        if f.type == CHOICE:
            buttons = [
                ChoiceButton(Content(_(label)), value == stored, id=f"choice-{f.key}-{i}")
                for i, (stored, label) in enumerate(f.choices)
            ]
            return RadioSet(*buttons, id=wid)
        if f.type == BOOL:
            return TickBox(_(f.label), bool(value), id=wid)
        if f.type == DATE:
            return Input(
                format_date_input(value) if isinstance(value, str) else "",
                placeholder=_("DD-MM-YYYY"),
                id=wid,
                select_on_focus=False,
            )
        if f.type == NUMBER:
            return Input(
                format_number(value), placeholder=_("a number"), id=wid, select_on_focus=False
            )
        # No max_length here: Input would silently cut a longer stored text; the
        # length is checked when saving instead.
        return Input(value if isinstance(value, str) else "", id=wid, select_on_focus=False)

    def _shown(self, f: FieldDef, value, wid: str) -> Static:
        if f.type != BOOL and is_withheld(value):  # a colleague's private field: filled in
            return Static(Content(withheld_label()), id=wid, classes="field-value -empty")
        if f.type == CHOICE:
            text = next((_(label) for stored, label in f.choices if stored == value), "")
        elif f.type == BOOL:
            text = _("yes") if value else _("no")
        elif f.type == NUMBER:
            text = format_number(value)
        elif f.type == DATE:
            text = format_date(value) if isinstance(value, str) and value else ""
        else:
            text = value if isinstance(value, str) else ""
        if not text.strip():
            return Static(Content("–"), id=wid, classes="field-value -empty")
        return Static(literal(text), id=wid, classes="field-value")

    def _stored_raw(self) -> dict:
        """The editors' state for the stored values (what "unchanged" means)."""
        if self.readonly:
            return {}
        state: dict = {}
        for f in self.fields:
            value = self._values.get(f.key)
            if f.type == CHOICE:
                state[f.key] = value if value in {c for c, _l in f.choices} else None
            elif f.type == BOOL:
                state[f.key] = bool(value)
            elif f.type == NUMBER:
                state[f.key] = format_number(value)
            elif f.type == LONGTEXT:
                state[f.key] = value.rstrip() if isinstance(value, str) else ""
            elif f.type == TEXT:
                state[f.key] = value.strip() if isinstance(value, str) else ""
            elif f.type == DATE:
                state[f.key] = format_date_input(value) if isinstance(value, str) else ""
            else:
                state[f.key] = value if isinstance(value, str) else ""
            if self._can_be_private(f):
                state["private:" + f.key] = f.key in self._private
        return state

    # --- reading --------------------------------------------------------------------

    def raw(self) -> dict:
        """What the editors hold now, unparsed (used to detect changes)."""
        if self.readonly:
            return {}
        state: dict = {}
        for f in self.fields:
            widget = self.query_one(f"#field-{f.key}")
            # Trailing white space is not a change worth saving (values() strips it too).
            if isinstance(widget, TextArea):
                state[f.key] = widget.text.rstrip()
            elif isinstance(widget, RadioSet):
                index = widget.pressed_index
                state[f.key] = f.choices[index][0] if index >= 0 else None
            elif isinstance(widget, TickBox):
                state[f.key] = widget.value
            elif isinstance(widget, Input):
                state[f.key] = widget.value if f.type != TEXT else widget.value.strip()
            if self._can_be_private(f):
                box = self.query_one(f"#private-{f.key}", TickBox)
                state["private:" + f.key] = box.value
        return state

    @property
    def dirty(self) -> bool:
        return not self.readonly and self.is_mounted and self.raw() != self._initial

    def problems(self) -> list[FieldProblem]:
        found = []
        raw = self.raw()
        for f in self.fields:
            value = raw.get(f.key)
            message = None
            if f.type == DATE:
                message = check_date(value or "")
            elif f.type == NUMBER:
                message = check_number(value or "")
            elif (
                f.type in (TEXT, LONGTEXT) and isinstance(value, str) and len(value) > f.max_length
            ):
                message = _("Too long: at most {n} characters (now {count}).").format(
                    n=f.max_length, count=len(value)
                )
            if message:
                found.append(FieldProblem(f.key, field_message(_(f.label), message)))
        return found

    def doubts(self, today) -> list[FieldProblem]:
        """Dates typed here that look unintended (far from ``today``, or on the wrong side of
        it) and that the teacher has not said to keep; a stored date is never asked about."""
        found = []
        raw = self.raw()
        for f in self.fields:
            text = (raw.get(f.key) or "").strip() if f.type == DATE else ""
            if not text or text == self._initial.get(f.key) or check_date(text):
                continue
            if self._kept.get(f.key) == text:
                continue
            doubt = date_doubt(f.key, read_date(text), today)
            if doubt:
                found.append(FieldProblem(f.key, field_message(_(f.label), doubt)))
        return found

    def keep_date(self, key: str) -> None:
        """The teacher said the date typed in ``key`` is meant: it is not asked about again."""
        self._kept[key] = (self.raw().get(key) or "").strip()

    def values(self) -> dict:
        """Typed values of every field; raises :class:`FormInvalid` listing the problems."""
        problems = self.problems()
        for f in self.fields:
            self._show_error(f.key, next((p.message for p in problems if p.key == f.key), ""))
        if problems:
            raise FormInvalid(problems)
        raw = self.raw()
        out: dict = {}
        for f in self.fields:
            value = raw.get(f.key)
            if f.type == DATE:
                out[f.key] = read_date(value).isoformat() if value.strip() else None
            elif f.type == NUMBER:
                out[f.key] = parse_number(value or "")
            elif f.type == TEXT:
                out[f.key] = (value or "").strip()
            elif f.type == LONGTEXT:
                out[f.key] = (value or "").rstrip()
            else:
                out[f.key] = value
        return out

    def privacy(self) -> dict[str, bool]:
        """Field path -> private, for every field the teacher can mark."""
        raw = self.raw()
        return {
            self.path_prefix + f.key: bool(raw.get("private:" + f.key))
            for f in self.fields
            if self._can_be_private(f)
        }

    def mark_saved(self) -> None:
        self._initial = self.raw()

    def focus_field(self, key: str) -> None:
        widget = self.query_one(f"#field-{key}")
        widget.focus()
        widget.scroll_visible()

    def _focused_key(self) -> str | None:
        node = self.screen.focused
        while node is not None and node is not self:
            if (node.id or "").startswith("field-"):
                return node.id.removeprefix("field-")
            node = node.parent
        return None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "toggle_private":
            key = self._focused_key()
            return bool(key) and bool(self.query(f"#private-{key}"))
        return True

    def action_toggle_private(self) -> None:
        key = self._focused_key()
        boxes = self.query(f"#private-{key}") if key else []
        if boxes:
            box = boxes.first(TickBox)
            box.action_toggle()
            self.notify(
                field_message(
                    _(self._field(key).label),
                    _("Private.") if box.value else _("Shared with your export."),
                ),
                timeout=3,
            )

    def _field(self, key: str) -> FieldDef:
        return next(f for f in self.fields if f.key == key)

    # --- live feedback ----------------------------------------------------------------

    def _show_error(self, key: str, message: str) -> None:
        label = self.query_one(f"#error-{key}", Static)
        label.update(Content(message))
        label.set_class(bool(message), "-shown")

    @on(Input.Blurred)
    def _check_on_leave(self, event: Input.Blurred) -> None:
        key = (event.input.id or "").removeprefix("field-")
        f = next((f for f in self.fields if f.key == key), None)
        if f is None:
            return
        message = None
        if f.type == DATE:
            message = check_date(event.value)
        elif f.type == NUMBER:
            message = check_number(event.value)
        self._show_error(key, message or "")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        # Enter in a one-line field moves on, as in most forms; in the last field it does what
        # the form is for (the screen's ``form_finished``: start, save the dialog), where the
        # screen has one.
        editors = [w for w in self.query("Input, TextArea, RadioSet, TickBox") if w.focusable]
        finished = getattr(self.screen, "form_finished", None)
        if editors and event.input is editors[-1] and callable(finished):
            event.stop()
            finished()
            return
        self.screen.focus_next()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(RadioSet.Changed)
    @on(TickBox.Changed)
    def _edited(self, event: Message) -> None:
        widget = getattr(event, "control", None)
        key = (getattr(widget, "id", "") or "").removeprefix("field-")
        if key and not key.startswith("private-"):
            label = self.query(f"#error-{key}")
            if label and isinstance(event, Input.Changed):
                self._show_error(key, "")
        self.post_message(self.Edited(self))
