"""A colleague's question that came from a version-1 file is marked *niet ondertekend*."""

from __future__ import annotations

from plgcycle import demo
from plgcycle.keyfile import install_key
from plgcycle.store import Store
from screens.question import QuestionScreen

from .conftest import TODAY
from .helpers import drive, screen_text


def test_a_colleagues_unsigned_question_says_so_and_a_signed_one_does_not(
    tmp_path, clock, make_app
):
    path = tmp_path / "demo.json"
    me, records = demo.build(TODAY)
    install_key(path, demo.demo_key(me))
    records = demo.signed_colleagues(records, me)
    index_names = {r.id: r.text("name") for r in records if r.kind == "person"}
    lotte = next(pid for pid, name in index_names.items() if name == "Lotte Jansen")
    for record in records:
        if record.owner == lotte:
            record.sig = None  # as imported from a version-1 file
    with Store(path, clock=clock) as store:
        with store.batch():
            store.apply(records)
            store.set_me(me)
    with Store(path, clock=clock) as store:
        app = make_app(store)
        rounds = {r.owner: r for r in app.session.index().latest_rounds()}
        seen = {}

        async def scenario(pilot):
            for name, owner in (
                ("lotte", lotte),
                ("other", next(o for o in rounds if o not in (me, lotte))),
            ):
                app.push_screen(QuestionScreen(rounds[owner].id))
                await pilot.pause()
                seen[name] = screen_text(app)
                app.pop_screen()
                await pilot.pause()

        drive(app, scenario)
    assert "Vraag van Lotte Jansen  ·  niet ondertekend" in seen["lotte"]
    assert "Vraag van" in seen["other"] and "niet ondertekend" not in seen["other"]
