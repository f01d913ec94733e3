"""namlib.plots: every plot draws on the real data and on small edge cases, writes nothing,
returns an Axes whose artists match its text form, and the shipped world shapes are sound."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import namlib  # noqa: E402
from namlib import plots  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.usefixtures("clean_cwd")  # tests/conftest.py: nothing written, figures closed


def words(text: str) -> str:
    """A text form's words on one line (printed, it is wrapped at word boundaries)."""
    return " ".join(text.split())


def by_gid(ax, gid, kind="collections"):
    return [a for a in getattr(ax, kind) if a.get_gid() == gid]


def n_points(ax, gid="events"):
    return sum(len(c.get_offsets()) for c in by_gid(ax, gid))


def assert_labelled(ax, ylabel=True):
    assert ax.get_title()
    assert ax.get_xlabel()
    if ylabel:
        assert ax.get_ylabel()


def png(ax) -> bytes:
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


# --------------------------------------------------------------------------- small frames


def events_frame(rows):
    frame = pd.DataFrame(rows, columns=["event_id", "start_date", "end_date", "date_precision", "kind", "title"])
    for col in ("start_date", "end_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def members_frame(rows):
    cols = ["name", "iso3", "status", "region", "continent", "joined", "left", "current"]
    frame = pd.DataFrame(rows, columns=cols)
    real = namlib.load("members")
    for col in ("status", "region", "continent"):
        frame[col] = pd.Categorical(frame[col], categories=real[col].cat.categories, ordered=True)
    frame["joined"] = frame["joined"].astype("Int64")
    frame["left"] = frame["left"].astype("Int64")
    frame["current"] = frame["current"].astype("boolean")
    return frame


# --------------------------------------------------------------------------- Description


def test_description_unpacks_prints_and_renders_html():
    description = plots.describe_members_by_region()
    table, text = description
    assert isinstance(table, pd.DataFrame) and isinstance(text, str)
    assert str(description).startswith(text)
    # Printed, no line is wider than a narrow notebook column, and no word is cut: JupyterLab
    # breaks a longer line anywhere, even inside a word ("Ilham A / liyev").
    for chart in (plots.describe_chair_periods(start=2012), plots.describe_attendance("2019-10-25-baku-summit")):
        assert max(len(line) for line in chart.text.splitlines()) <= plots.text.TEXT_WIDTH
        assert "Ilham Aliyev" in words(chart.text) or "Sources disagree" in words(chart.text)
        assert all(" " not in line[:1] for line in chart.text.splitlines())
    assert "<table" in description._repr_html_()


def test_style_is_okabe_ito():
    assert plots.OKABE_ITO["blue"] == "#0072B2"
    colors = set(plots.STATUS_COLORS.values()) | {c for c, _ in plots.KIND_STYLE.values()}
    assert colors <= set(plots.OKABE_ITO.values())


# --------------------------------------------------------------------------- timeline


@pytest.mark.parametrize("start,end", [(None, None), (1955, 2024), (2019, 2024)])
def test_timeline_real_data(start, end):
    ax = plots.timeline(start=start, end=end)
    table, text = plots.describe_timeline(start=start, end=end)
    assert_labelled(ax)
    assert n_points(ax) == len(table) > 0
    assert f"{len(table)} dated event" in text
    labels = by_gid(ax, "event-label", "texts")
    hidden = re.search(r"(\d+) of (\d+) events unlabelled", ax.get_xlabel())
    assert len(labels) + (int(hidden.group(1)) if hidden else 0) == len(table)


def test_timeline_labels_do_not_overlap():
    ax = plots.timeline(start=2019, end=2024)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in by_gid(ax, "event-label", "texts")]
    assert len(boxes) > 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_w <= 1 or overlap_h <= 1, "two labels overlap"


def test_timeline_kinds_filter_and_zoom():
    ax = plots.timeline(start=2019, end=2024, kinds=["summit"])
    table, _ = plots.describe_timeline(start=2019, end=2024, kinds=["summit"])
    assert set(table["kind"]) == {"summit"}
    assert n_points(ax) == len(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["summit"]  # kinds named for readers (KIND_NAMES)
    assert ax.get_title() == "NAM events, 2019–2024"


def test_timeline_one_row_and_missing_dates():
    one = events_frame([["e1", "2019-10-25", "2019-10-26", "day", "summit", "Baku summit"]])
    ax = plots.timeline(one)
    assert n_points(ax) == 1
    assert_labelled(ax)
    missing = events_frame(
        [
            ["e1", "2019-10-25", None, "day", "summit", "Baku summit"],
            ["e2", None, None, "day", "summit", "Undated"],
            ["e3", "2020-04-01", "2020-04-01", "month", "initiative", "Month only"],
        ]
    )
    ax = plots.timeline(missing)
    table, text = plots.describe_timeline(missing)
    assert n_points(ax) == len(table) == 2
    assert "1 event without a date left out" in text
    assert "known only to the month or year" in words(text)
    hollow = [c for c in by_gid(ax, "events") if (c.get_facecolor()[:, :3] == 1).all()]
    assert sum(len(c.get_offsets()) for c in hollow) == 1


def test_timeline_empty_range():
    ax = plots.timeline(start=1900, end=1901)
    table, text = plots.describe_timeline(start=1900, end=1901)
    assert table.empty and n_points(ax) == 0
    assert text.startswith("No dated events")


# --------------------------------------------------------------------------- membership growth


def test_membership_growth_real_data():
    ax = plots.membership_growth()
    table, text = plots.describe_membership_growth()
    assert_labelled(ax)
    assert len(by_gid(ax, "series", "lines")) == 3
    notes = table[table["note"].notna()]
    assert [t.get_text() for t in ax.texts] == notes["note"].tolist()
    assert len(notes) == 4
    member_line = by_gid(ax, "series", "lines")[0]
    assert max(member_line.get_ydata()) == table["member"].max()
    # observer lines only from the first year every observer's start is known
    first = table.loc[table["observer_state"].notna(), "year"].min()
    assert first == 2011
    assert table.loc[table["year"] < first, "observer_state"].isna().all()
    assert "2011" in text and "South Sudan" in words(text)


def test_membership_growth_without_observers_and_custom_notes():
    ax = plots.membership_growth(annotate={2011: "Azerbaijan becomes a member"}, observers=False)
    assert len(by_gid(ax, "series", "lines")) == 1
    assert [t.get_text() for t in ax.texts] == ["Azerbaijan becomes a member"]


def test_membership_growth_one_row_table():
    table = pd.DataFrame(
        {"year": [2024], "member": [121], "observer_state": [18], "observer_organization": [10], "unknown_start": [0]}
    ).astype("Int64")
    ax = plots.membership_growth(table, annotate=(2024, 1961))
    assert_labelled(ax)
    assert [t.get_text() for t in ax.texts] == ["2024: 121 members"]
    description = plots.describe_membership_growth(table, annotate=(2024,))
    assert "from 121 in 2024 to 121 in 2024" in description.text


# --------------------------------------------------------------------------- members by region


@pytest.mark.parametrize("year,by", [(None, "region"), (1961, "region"), (2024, "continent")])
def test_members_by_region(year, by):
    ax = plots.members_by_region(year=year, by=by)
    table, text = plots.describe_members_by_region(year=year, by=by)
    assert_labelled(ax)
    assert len(ax.patches) == len(by_gid(ax, "bars", "patches")) == len(table)
    assert [p.get_height() for p in ax.patches] == table["member states"].tolist()
    assert [t.get_text() for t in ax.texts] == [str(n) for n in table["member states"]]
    assert f"{table['member states'].sum()} in all" in text


def test_members_by_region_counts_match_membership():
    table, _ = plots.describe_members_by_region(year=2019)
    assert table["member states"].sum() == namlib.count_in(2019)["member"]


def test_members_by_region_one_row_and_bad_argument():
    one = members_frame([["Azerbaijan", "AZE", "member", "Europe", "Europe", 2011, None, True]])
    ax = plots.members_by_region(one)
    assert len(ax.patches) == 1
    with pytest.raises(ValueError, match="region"):
        plots.members_by_region(by="planet")


# --------------------------------------------------------------------------- world map


def test_world_shapes_file():
    path = resources.files("namlib").joinpath("assets/world_110m.json")
    assert Path(str(path)).stat().st_size < 500_000
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes = plots.world_shapes()
    assert shapes["iso3"].nunique() >= 170
    assert shapes["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert {"AZE", "IND", "UGA", "SSD", "FJI", "CYP", "SOM"} <= set(shapes["iso3"])
    assert "Natural Earth" in data["source"] and "world-atlas" in data["source"]
    for country in data["countries"]:
        for polygon in country["polygons"]:
            for ring in polygon:
                assert len(ring) % 2 == 0 and len(ring) >= 6
                assert all(-180 <= x <= 180 for x in ring[0::2])
                assert all(-90 <= y <= 90 for y in ring[1::2])
    assert {"SGP", "BHR", "MDV"} <= {p["iso3"] for p in data["points"]}


def test_world_map_status():
    ax = plots.world_map()
    table, text = plots.describe_world_map()
    assert ax.get_title() == "NAM member and observer states today"
    assert ax.get_xlabel()
    (countries,) = by_gid(ax, "countries")
    assert len(countries.get_paths()) == (plots.world_shapes()["iso3"] != "ATA").sum()
    assert n_points(ax, "small-states") == (table["on_map"] == "dot").sum() > 0
    counts = table["value"].value_counts()
    assert counts["member"] == namlib.count_in(2025)["member"]
    assert f"{counts['member']} member states" in text
    # members are drawn blue
    blue = matplotlib.colors.to_rgba(plots.STATUS_COLORS["member"])
    codes = plots.projected_world().codes
    colours = countries.get_facecolor()
    assert tuple(colours[codes.index("AZE")]) == blue


def test_world_map_past_year_lists_states_it_cannot_draw():
    ax = plots.world_map(year=1961)
    table, text = plots.describe_world_map(year=1961)
    assert (table["value"] == "member").sum() == 25
    assert "Yugoslavia" in table.loc[table["on_map"] == "not drawn", "name"].tolist()
    assert "Not drawn" in text
    assert ax.get_title() == "NAM member and observer states in 1961"


def test_world_map_numeric_and_categorical_columns():
    ax = plots.world_map("joined")
    assert ax.get_title() == "NAM member states by year joined (today)"
    assert len(ax.child_axes) == 1  # the colour bar, an inset of the map
    ax = plots.world_map("region", cmap=None)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Africa" in labels and "no value" in labels
    series = pd.Series({"AZE": 3.0, "UGA": 1.0, "SGP": 2.0}, name="score")
    ax = plots.world_map(series)
    table, _ = plots.describe_world_map(series)
    assert n_points(ax, "small-states") == 1
    assert table.set_index("iso3").loc["AZE", "name"] == "Azerbaijan"


def test_world_map_one_row_and_unknown_column():
    one = members_frame([["Azerbaijan", "AZE", "member", "Europe", "Europe", 2011, None, True]])
    ax = plots.world_map(members=one)
    table, _ = plots.describe_world_map(members=one)
    assert len(table) == 1 and n_points(ax, "small-states") == 0
    with pytest.raises(ValueError, match="no column"):
        plots.world_map("colour")


# --------------------------------------------------------------------------- chair periods


def test_chair_periods_real_data():
    ax = plots.chair_periods()
    table, text = plots.describe_chair_periods()
    assert_labelled(ax)
    assert len(by_gid(ax, "term", "patches")) == len(table)
    extended = table[table["extension_days"].notna()]
    assert extended["chair_id"].tolist() == ["AZE-2019"]
    assert len(by_gid(ax, "extension", "patches")) == 1
    aze = extended.iloc[0]
    assert aze["planned_end"].year == 2022 and aze["end"] == pd.Timestamp("2024-01-19")
    assert "Azerbaijan (Ilham Aliyev)" in text and "past the planned end in 2022" in text
    current = table[table["open"]]
    assert current["country"].tolist() == ["Uganda"]
    assert current["drawn_end"].iloc[0] == plots.AS_OF
    assert "31 Dec 2025" in ax.get_xlabel()
    labels = " ".join(t.get_text() for t in by_gid(ax, "chair-label", "texts"))
    assert all(name.split()[-1] in labels for name in table["chair"])


def test_chair_periods_from_a_year():
    ax = plots.chair_periods(start=2017)
    table, _ = plots.describe_chair_periods(start=2017)
    assert table["country"].tolist() == ["Venezuela", "Azerbaijan", "Uganda"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Venezuela", "Azerbaijan", "Uganda"]


def test_chair_periods_one_row_and_missing_dates():
    chairs = pd.DataFrame(
        {
            "chair_id": ["UGA-2024", "XXX-1900"],
            "country": ["Uganda", "Nowhere"],
            "chair": ["Yoweri Museveni", "Nobody"],
            "start_date": pd.to_datetime(["2024-01-19", None]),
            "end_date": pd.to_datetime([None, None]),
            "start_precision": ["day", "year"],
            "end_precision": [None, None],
            "planned_end_year": pd.array([None, None], dtype="Int64"),
        }
    )
    ax = plots.chair_periods(chairs)
    table, text = plots.describe_chair_periods(chairs)
    assert len(table) == 1 and len(by_gid(ax, "term", "patches")) == 1
    assert "1 row without a start date left out" in text
    assert by_gid(ax, "open-end", "lines")  # the open term ends in an arrow


# --------------------------------------------------------------------------- attendance


def test_attendance_real_data():
    event = "2019-10-25-baku-summit"
    ax = plots.attendance(event)
    table, text = plots.describe_attendance(event)
    assert_labelled(ax)
    bars = by_gid(ax, "bars", "patches")
    assert len(bars) == len(table) > 1
    assert [b.get_width() for b in bars] == table["count"].astype(float).tolist()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert all(source in tick for source, tick in zip(table["source_id"], ticks, strict=True))
    shown = [t.get_text() for t in ax.texts]
    assert shown == table["shown"].tolist()
    for qualifier, symbol in (("about", "≈"), ("at_least", "≥")):
        rows = table[table["qualifier"] == qualifier]
        assert all(s.startswith(symbol) for s in rows["shown"])
        assert all(bars[i].get_hatch() for i in rows.index)
    assert "Sources disagree" in words(text)


def test_attendance_small_frame_and_unknown_event():
    frame = pd.DataFrame(
        {
            "event_id": ["x", "x", "x"],
            "category": pd.Categorical(["countries", "countries", "delegations"]),
            "count": pd.array([120, 118, 160], dtype="Int64"),
            "qualifier": ["exact", "at_least", "about"],
            "source_id": ["a", "b", "c"],
        }
    )
    ax = plots.attendance("x", frame)
    assert len(by_gid(ax, "bars", "patches")) == 3
    assert ax.get_title() == "Head-counts: x"
    with pytest.raises(ValueError, match="no event"):
        plots.attendance("2019-10-25-baku-sumit")


def test_attendance_event_without_counts():
    events = namlib.load("events")
    counted = set(namlib.load("attendance")["event_id"])
    event = next(e for e in events["event_id"] if e not in counted)
    ax = plots.attendance(event)
    table, text = plots.describe_attendance(event)
    assert table.empty and not by_gid(ax, "bars", "patches")
    assert "no source gives a head-count" in text


# --------------------------------------------------------------------------- all functions


#: Every registered plot with the arguments of its typical call: a new plot is tested here too.
ALL = [(name, dict(spec.example)) for name, spec in plots.PLOTS.items()]


@pytest.mark.parametrize("name,kwargs", ALL)
def test_draws_into_given_axes_and_is_deterministic(name, kwargs):
    fig, ax = plt.subplots(figsize=(8, 5))
    figures = plt.get_fignums()
    assert getattr(plots, name)(**kwargs, ax=ax) is ax
    assert plt.get_fignums() == figures  # drawing into a given Axes makes no new figure
    first = png(getattr(plots, name)(**kwargs))
    second = png(getattr(plots, name)(**kwargs))
    assert first == second


@pytest.mark.parametrize("name,kwargs", ALL)
def test_every_plot_has_a_text_form(name, kwargs):
    description = getattr(plots, f"describe_{name}")(**kwargs)
    assert isinstance(description, plots.Description)
    assert len(description.text) > 40 and not description.table.empty


def test_import_namlib_does_not_import_matplotlib_or_ipywidgets():
    code = (
        "import sys, namlib; namlib.load('summits'); "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, env=env)
    assert out.stdout.strip() == "[]"


def test_world_shapes_script_decodes_topojson():
    """The build script's own TopoJSON decoding, on a tiny hand-made topology."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_world_shapes", REPO / "scripts" / "make_world_shapes.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    topology = {
        "transform": {"scale": [1.0, 1.0], "translate": [10.0, 20.0]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],  # delta-encoded
    }
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(10.0, 20.0), (12.0, 20.0), (12.0, 22.0)]
    ring = script.ring_points([0, 1], arcs)
    assert ring == [(10.0, 20.0), (12.0, 20.0), (12.0, 22.0), (10.0, 22.0), (10.0, 20.0)]
    assert script.ring_points([~1], arcs)[0] == (10.0, 20.0)  # ~i: arc i reversed
    cleaned = script.clean(ring, exterior=True)
    assert len(cleaned) == 4 and script.signed_area(cleaned) > 0
    assert script.signed_area(script.clean(ring, exterior=False)) < 0
    crossing = [(179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0)]
    pieces = script.split_antimeridian(crossing)
    assert len(pieces) == 2
    assert all(-180 <= x <= 180 for piece in pieces for x, _ in piece)


def test_every_figure_shows_in_a_notebook_kernel(monkeypatch):
    """Regression: with rc_context, the inline backend was switched off after the first plot."""
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel must pick Jupyter's inline backend
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import namlib"),
            nbformat.v4.new_code_cell("ax = namlib.plots.timeline(start=2019, end=2024)"),
            nbformat.v4.new_code_cell("ax = namlib.plots.chair_periods(start=1998)"),
            nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\nplt.show()"),
        ]
    )
    NotebookClient(nb, kernel_name="python3", timeout=120, record_timing=False).execute()
    shown = ["image/png" in out.get("data", {}) for cell in nb.cells[1:] for out in cell.outputs]
    assert shown == [True, True, True]


def test_the_readme_pictures_are_current():
    """docs/images/*.png are drawn from the data and code as they are (scripts/make_readme_images.py)."""
    import subprocess
    import sys

    from conftest import REPO

    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_readme_images.py"), "--check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_plot_carries_its_text_form_as_alt_text():
    """What a screen reader announces for a figure in JupyterLab: the plot's own description."""
    from namlib.alt_text import describe_figure, figure_html

    cases = [
        (plots.timeline(start=1955, end=1965), plots.describe_timeline(start=1955, end=1965)),
        (plots.membership_growth(), plots.describe_membership_growth()),
        (plots.members_by_region(), plots.describe_members_by_region()),
        (plots.world_map(year=1961), plots.describe_world_map(year=1961)),
        (plots.chair_periods(start=2012), plots.describe_chair_periods(start=2012)),
        (plots.attendance("2019-10-25-baku-summit"), plots.describe_attendance("2019-10-25-baku-summit")),
    ]
    for ax, description in cases:
        assert describe_figure(ax.figure) == " ".join(description.text.split())
        page = figure_html(ax.figure)
        assert page.startswith('<img src="data:image/png;base64,') and 'alt="' in page and "min-width:" in page
        plt.close(ax.figure)


def test_a_plot_is_drawn_once_for_its_picture_and_a_students_figure_is_cropped(monkeypatch):
    """namlib's plots have fixed margins: their picture is the whole figure, drawn once (no
    second, "tight" draw); a student's own figure is still cropped to what it draws."""
    import base64
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    from namlib.alt_text import figure_html

    draws = []
    original = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(self) or original(self, renderer))

    def picture_size(page: str) -> tuple[int, int]:
        data = base64.b64decode(page.split("base64,")[1].split('"')[0])
        return Image.open(io.BytesIO(data)).size

    ax = plots.attendance("2019-10-25-baku-summit")
    size = picture_size(figure_html(ax.figure))
    assert len(draws) == 1
    whole = ax.figure.get_size_inches() * ax.figure.dpi
    assert all(abs(got - want) <= 1 for got, want in zip(size, whole, strict=True))  # the whole figure
    plt.close(ax.figure)
    fig, own = plt.subplots(figsize=(6, 4))
    own.plot([1961, 2011], [25, 120])
    draws.clear()
    cropped = picture_size(figure_html(fig))
    assert len(draws) == 2 and cropped[0] < 600  # tight: measured, then drawn
    plt.close(fig)


@pytest.mark.parametrize("name,kwargs", ALL)
def test_every_registered_plot_carries_its_text_form_as_alt_text(name, kwargs):
    from namlib.alt_text import describe_figure

    ax = getattr(plots, name)(**kwargs)
    assert describe_figure(ax.figure) == " ".join(getattr(plots, f"describe_{name}")(**kwargs).text.split())


# --------------------------------------------------------------------------- the package's layout

PACKAGE = REPO / "namlib" / "plots"
SHARED = {"__init__", "labels", "projection", "registry", "style", "text"}


def test_the_six_plots_are_registered():
    assert set(plots.PLOTS) >= {
        "timeline",
        "membership_growth",
        "members_by_region",
        "world_map",
        "chair_periods",
        "attendance",
    }


def test_every_plot_module_registers_its_plot_and_the_package_exports_it():
    modules = {path.stem for path in PACKAGE.glob("*.py")} - SHARED
    assert modules == set(plots.PLOTS), "a plot module must end with register(name, describe_name)"
    for name, spec in plots.PLOTS.items():
        assert spec.module == f"namlib.plots.{name}"
        assert getattr(plots, name) is spec.draw and getattr(plots, f"describe_{name}") is spec.describe
        assert {name, f"describe_{name}"} <= set(plots.__all__)
        assert spec.draw.__doc__ and "Example:" in spec.draw.__doc__
        assert spec.describe.__doc__ and "Example:" in spec.describe.__doc__


def test_register_checks_the_names():
    from namlib.plots.registry import register

    def chart():  # pragma: no cover - never drawn
        raise AssertionError

    def describe_chart():  # pragma: no cover
        raise AssertionError

    before = dict(plots.PLOTS)
    with pytest.raises(ValueError, match="describe_members_by_region"):
        register(plots.members_by_region, plots.describe_timeline)
    with pytest.raises(ValueError, match="namlib/plots/chart.py"):
        register(chart, describe_chart)  # defined outside namlib/plots/chart.py
    assert plots.PLOTS == before


def test_todays_names_still_work():
    """What lessons, tests, docs and the explorers used before namlib.plots was a package."""
    for name in [
        "OKABE_ITO",
        "STYLE",
        "Description",
        "world_shapes",
        "STATUS_COLORS",
        "NO_DATA",
        "KIND_STYLE",
        "KIND_NAMES",
        "AS_OF",
        "MAP_LAYOUT",
        "set_title",
        "region_bounds",
        "styled",
        "PlotInputError",
    ]:
        assert hasattr(plots, name), name
    assert plots._projected is plots.projected_world and plots._rect is plots.axes_rect
    assert plots._timeline_layout is plots.timeline_layout and plots._update_map_colors is plots.recolor_world_map
    codes, paths, points, outline = plots._projected()  # still unpacks as four values
    assert len(codes) == len(paths) and {"iso3", "x", "y"} <= set(points.columns)


def _imports(path):
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_plot_modules_import_no_cycle_and_not_the_package():
    from graphlib import TopologicalSorter

    graph = {}
    for path in PACKAGE.glob("*.py"):
        imports = _imports(path)
        if path.stem != "__init__":
            assert "namlib" not in imports and "namlib.plots" not in imports, f"{path.name} imports a package"
            graph[path.stem] = {m.split(".")[2] for m in imports if m.startswith("namlib.plots.")}
    plot_modules = set(plots.PLOTS)
    for name, needs in graph.items():
        assert not (needs & plot_modules) or name not in plot_modules, f"plot module {name} imports another plot"
    list(TopologicalSorter(graph).static_order())  # raises CycleError on a cycle


def test_widgets_use_only_public_names_of_plots():
    text = (REPO / "namlib" / "widgets.py").read_text(encoding="utf-8")
    assert not re.findall(r"plots\._\w+", text)


def test_modules_and_functions_stay_small():
    import ast

    for path in [*PACKAGE.glob("*.py"), REPO / "namlib" / "widgets.py"]:
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 500, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef):
                assert node.end_lineno - node.lineno + 1 <= 60, f"{path.name}: {node.name}"
