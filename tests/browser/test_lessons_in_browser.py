"""Every lesson, opened and run in JupyterLab in a real browser, shows what a student should see.

nbval proves that the cells run in a kernel. This proves that in the client students
use (JupyterLab, Chromium) each lesson runs top to bottom and:

* no cell fails: every code cell gets an ``execute_reply`` with status ``ok`` (this also
  catches namlib's friendly errors, which display as a short message, not a traceback),
  and no cell shows an ``error`` output; cells tagged ``raises-exception`` may fail;
* stderr is allowed when it is a warning (pandas/matplotlib deprecations, etc.): it is
  listed in the report; stderr with a traceback or an ``...Error:`` line fails the test;
* every figure is an image that the browser decoded: per cell at least as many ``img``
  as the committed notebook has ``image/png`` outputs, and one per live PNG output;
* every widget is rendered: ``.jupyter-widgets`` / ``.widget-*`` elements where the kernel
  sent a widget view, and nowhere the "Loading widget...", "Error displaying widget" or
  "model not found" placeholders;
* every quiz (a cell calling ``.quiz()``) gives feedback text after choosing an option
  and pressing Check, and every explorer (a cell calling ``..._explorer(``) redraws its
  picture after a control changes.

A screenshot per lesson goes to ``build/screenshots/NN-slug.png``, and the time each
lesson took to open and run is printed at the end of the pytest run.

Run only these: ``make test-browser`` (needs ``/usr/bin/chromium`` and ``playwright``).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import namlib

from .conftest import NOTEBOOKS, SCREENSHOTS, record_timing

pytestmark = pytest.mark.browser

LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
QUIZ = re.compile(r"\.quiz\(")
EXPLORER = re.compile(r"_explorer\(")
PLACEHOLDERS = ("Loading widget", "Error displaying widget", "model not found")
STDERR_FAILURE = re.compile(r"Traceback \(most recent call last\)|^\s*\w*(Error|Exception)\b:", re.M)
OPEN_TIMEOUT = 120_000  # ms: page load to connected, idle kernel (about 5 s here)
RUN_TIMEOUT = 240_000  # ms: run all cells (lessons take well under a minute each)
RENDER_TIMEOUT = 30_000  # ms: widgets and images settle after the last reply
CHANGE_TIMEOUT = 30_000  # ms: a click or selection changes what is shown

# --------------------------------------------------------------------------- JavaScript run in the page
# Everything goes through window.jupyterapp (the server runs with expose_app_in_browser).

PANEL = "window.jupyterapp.shell.currentWidget"

KERNEL_READY = f"""(path) => {{
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const panel = {PANEL};
  if (!panel || !panel.context || panel.context.path !== path || !panel.sessionContext) return false;
  if (!panel.context.isReady || !panel.content || panel.content.widgets.length === 0) return false;
  const session = panel.sessionContext.session;
  const kernel = session && session.kernel;
  // The execution indicator says idle before a kernel exists; Run All would then clear
  // the cells without running them. Wait for a real, connected, idle kernel.
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}}"""

START_RUN = f"""async () => {{
  const app = window.jupyterapp;
  const panel = {PANEL};
  const kernel = panel.sessionContext.session.kernel;
  const log = window.__nam = {{requests: {{}}, replies: [], idle: [], done: false, result: null, failure: null}};
  kernel.anyMessage.connect((_, args) => {{
    const msg = args.msg;
    const type = msg.header.msg_type;
    const parent = (msg.parent_header || {{}}).msg_id;
    if (args.direction === 'send' && type === 'execute_request') {{
      log.requests[msg.header.msg_id] = (msg.metadata || {{}}).cellId || null;
    }} else if (args.direction === 'recv' && type === 'status' && msg.content.execution_state === 'idle'
               && parent in log.requests) {{
      log.idle.push(log.requests[parent]);  // all of this cell's outputs have arrived
    }} else if (args.direction === 'recv' && type === 'execute_reply') {{
      log.replies.push({{
        cellId: log.requests[parent] || null,
        status: msg.content.status,
        ename: msg.content.ename || null,
        evalue: msg.content.evalue || null,
        count: msg.content.execution_count,
      }});
    }}
  }});
  panel.content.widgets.forEach((cell, i) => {{ cell.node.dataset.namIndex = String(i); }});
  await app.commands.execute('notebook:clear-all-cell-outputs');
  app.commands.execute('notebook:run-all-cells').then(
    (result) => {{ log.done = true; log.result = result; }},
    (error) => {{ log.done = true; log.failure = String(error); }});
  return panel.content.widgets.length;
}}"""

# Done when every non-empty code cell has its execute_reply (ok, error or aborted) AND its
# "idle" status on IOPub (the reply travels on another channel and can arrive before the
# cell's outputs), and the kernel is idle. Not when Run All's promise resolves: in
# JupyterLab 4.6 it resolves at the first error reply, even from a cell tagged
# raises-exception, while the kernel (told not to stop on that error) runs the cells after it.
RUN_DONE = f"""() => {{
  const log = window.__nam;
  const panel = {PANEL};
  const kernel = panel.sessionContext.session.kernel;
  if (!log || !kernel || kernel.status !== 'idle') return false;
  const replied = new Set(log.replies.map((r) => r.cellId));
  const aborted = new Set(log.replies.filter((r) => r.status === 'aborted').map((r) => r.cellId));
  const idle = new Set(log.idle);
  return panel.content.widgets.every((cell) => cell.model.type !== 'code'
    || !cell.model.sharedModel.getSource().trim()
    || (replied.has(cell.model.id) && (idle.has(cell.model.id) || aborted.has(cell.model.id))));
}}"""

# Settled when no placeholder is left, every image has decoded, and every output that holds
# a widget shows its view: the view is built after the kernel's reply, from the widget's state,
# and on a busy machine it can come last.
SETTLED = f"""(placeholders) => {{
  const panel = {PANEL};
  const node = panel.content.node;
  const outputs = [...node.querySelectorAll('.jp-OutputArea-output')];
  const text = outputs.map((o) => o.textContent).join('\\n');
  if (placeholders.some((p) => text.includes(p))) return false;
  const widgetsShown = panel.content.widgets.every((cell) => {{
    if (cell.model.type !== 'code') return true;
    let hasWidget = false;
    for (let i = 0; i < cell.model.outputs.length; i++) {{
      const data = cell.model.outputs.get(i).toJSON().data || {{}};
      if ('application/vnd.jupyter.widget-view+json' in data) hasWidget = true;
    }}
    const area = cell.node.querySelector('.jp-Cell-outputArea');
    return !hasWidget || (area && area.querySelectorAll('.jupyter-widgets, [class*="widget-"]').length > 0);
  }});
  if (!widgetsShown) return false;
  return [...node.querySelectorAll('.jp-OutputArea-output img')].every((img) => img.complete);
}}"""

COLLECT = f"""() => {{
  const panel = {PANEL};
  const log = window.__nam;
  const cells = panel.content.widgets.map((cell, index) => {{
    const model = cell.model;
    const info = {{index, id: model.id, type: model.type, tags: model.getMetadata('tags') || [],
                  source: model.sharedModel.getSource(), count: null, outputs: [], images: 0,
                  brokenImages: 0, widgetNodes: 0, names: [], text: ''}};
    if (model.type !== 'code') return info;
    info.count = model.executionCount;
    for (let i = 0; i < model.outputs.length; i++) {{
      const out = model.outputs.get(i).toJSON();
      const data = out.data || {{}};
      info.outputs.push({{
        output_type: out.output_type,
        name: out.name || null,
        mimes: Object.keys(data),
        text: out.output_type === 'stream' ? String(out.text).slice(0, 4000)
            : out.output_type === 'error' ? `${{out.ename}}: ${{out.evalue}}` : '',
        widget: (data['application/vnd.jupyter.widget-view+json'] || {{}}).model_id || null,
      }});
    }}
    const area = cell.node.querySelector('.jp-Cell-outputArea');
    if (area) {{
      const imgs = [...area.querySelectorAll('img')];
      info.images = imgs.filter((img) => img.complete && img.naturalWidth > 0).length;
      // What a screen reader announces for each picture, figures and explorers alike: its alt
      // text, else its title.
      info.names = imgs.map((img) => (img.getAttribute('alt') || img.getAttribute('title') || '').trim());
      info.brokenImages = imgs.length - info.images;
      info.widgetNodes = area.querySelectorAll('.jupyter-widgets, [class*="widget-"]').length;
      info.text = area.textContent.slice(0, 4000);
    }}
    return info;
  }});
  return {{cells, replies: log.replies, result: log.result, failure: log.failure}};
}}"""

# textContent, not innerText: with Lab's default windowing (content-visibility) innerText
# is "" for cells off screen.
# What is shown in one cell's output: its text and a hash of every picture's bytes. An
# Image widget gets a new blob: URL on every update, even with the same picture, so the
# blob's content is hashed, not its URL; a data: URL (a matplotlib PNG output) is its content.
SNAPSHOT_JS = """async (index) => {
  const cell = document.querySelector(`.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="${index}"]`);
  const area = cell.querySelector('.jp-Cell-outputArea');
  const hash = (bytes) => {  // FNV-1a, 32 bits
    let h = 2166136261;
    for (const b of bytes) { h = Math.imul(h ^ b, 16777619); }
    return (h >>> 0).toString(16);
  };
  const images = [];
  for (const img of area.querySelectorAll('img')) {
    if (!img.complete) return null;  // still loading: not a stable picture yet
    const bytes = img.src.startsWith('blob:')
      ? new Uint8Array(await (await fetch(img.src)).arrayBuffer())
      : new TextEncoder().encode(img.src);
    images.push(`${bytes.length}:${hash(bytes)}`);
  }
  return {text: area.textContent, images};
}"""
SNAPSHOT = f"""async (index) => {{
  for (let frame = 0; frame < 600; frame++) {{  // about 10 s for every picture to load
    const shot = await ({SNAPSHOT_JS})(index);
    if (shot) return shot;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }}
  return {{text: 'pictures did not finish loading', images: []}};
}}"""
CHANGED = f"""async ([index, before, what]) => {{
  const now = await ({SNAPSHOT_JS})(index);
  if (!now) return false;
  return what === 'image' ? now.images.join(',') !== before.images.join(',') : now.text !== before.text;
}}"""

KERNEL_IDLE = f"""() => {PANEL}.sessionContext.session.kernel.status === 'idle'"""

SCROLL_TO = """(index) => {
  const cell = document.querySelector(`.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="${index}"]`);
  if (cell) cell.scrollIntoView({block: 'start'});
}"""


# --------------------------------------------------------------------------- what the committed notebook promises


@dataclass
class Expected:
    """Per code cell of the committed notebook: the pictures and widgets it stores, its tags."""

    images: dict[int, int] = field(default_factory=dict)
    widgets: set[int] = field(default_factory=set)
    quizzes: list[int] = field(default_factory=list)
    explorers: list[int] = field(default_factory=list)

    @classmethod
    def from_notebook(cls, path: Path) -> Expected:
        expected = cls()
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            outputs = cell.get("outputs", [])
            expected.images[index] = sum("image/png" in out.get("data", {}) for out in outputs)
            if any("application/vnd.jupyter.widget-view+json" in out.get("data", {}) for out in outputs):
                expected.widgets.add(index)
            if QUIZ.search(source):
                expected.quizzes.append(index)
            if EXPLORER.search(source):
                expected.explorers.append(index)
        return expected


# --------------------------------------------------------------------------- driving Lab


@dataclass
class LabRun:
    cells: list[dict]
    replies: list[dict]
    notes: list[str]  # harmless things worth a line in a failure report (stderr warnings)
    seconds_open: float
    seconds_run: float
    dirty_on_open: bool = False  # Lab marked the notebook modified before anything ran


def open_and_run(page, lab, path: str) -> LabRun:
    """Open ``path`` in Lab, wait for its kernel, clear outputs, run all cells, wait for the end."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = time.perf_counter()
    page.goto(lab.url(path), wait_until="domcontentloaded")
    try:
        page.wait_for_function(KERNEL_READY, arg=path, timeout=OPEN_TIMEOUT, polling=100)
    except PlaywrightTimeout:
        dialogs = page.locator(".jp-Dialog").all_inner_texts()
        raise AssertionError(
            f"{path}: no connected, idle kernel after {OPEN_TIMEOUT // 1000} s"
            + (f"; Lab shows a dialog: {dialogs}" if dialogs else "")
            + f"\nserver log (end):\n{lab.log_tail(1500)}"
        ) from None
    opened = time.perf_counter()
    # By now the kernel's info has arrived and Lab has updated the notebook's metadata from it.
    dirty = page.evaluate(f"() => {PANEL}.context.model.dirty")
    page.evaluate(START_RUN)
    try:
        page.wait_for_function(RUN_DONE, timeout=RUN_TIMEOUT, polling=100)
    except PlaywrightTimeout:
        pass  # check_run names the cells that got no reply
    try:  # widgets render and images decode after the last reply
        page.wait_for_function(SETTLED, arg=["Loading widget"], timeout=RENDER_TIMEOUT, polling=100)
    except PlaywrightTimeout:
        pass  # reported precisely by check_run below
    finished = time.perf_counter()
    state = page.evaluate(COLLECT)
    statuses = {}
    for reply in state["replies"]:
        statuses[reply["status"]] = statuses.get(reply["status"], 0) + 1
    notes = [f"Run All returned {state['result']!r} (failure: {state['failure']!r}); kernel replies: {statuses}"]
    return LabRun(state["cells"], state["replies"], notes, opened - started, finished - opened, dirty)


def check_run(run: LabRun, expected: Expected | None, page_errors: list[str]) -> list[str]:
    """Everything wrong with what the student would see (empty list: all good)."""
    problems = []
    replies = {reply["cellId"]: reply for reply in run.replies if reply["cellId"]}
    placeholder_seen = False
    for cell in run.cells:
        if cell["type"] != "code":
            continue
        first_line = cell["source"].strip().splitlines()[0][:60] if cell["source"].strip() else ""
        where = f"cell {cell['index']} ({first_line})"
        allowed_error = "raises-exception" in cell["tags"]
        if cell["source"].strip():
            reply = replies.get(cell["id"])
            if reply is None:
                problems.append(f"{where}: did not run (no reply from the kernel)")
            elif reply["status"] == "aborted":
                problems.append(f"{where}: did not run (aborted by the kernel after an earlier cell failed)")
            elif reply["status"] != "ok" and not allowed_error:
                problems.append(f"{where}: failed with {reply['ename']}: {reply['evalue']}")
        for out in cell["outputs"]:
            if out["output_type"] == "error" and not allowed_error:
                problems.append(f"{where}: shows an error: {out['text'][:300]}")
            if out["output_type"] == "stream" and out["name"] == "stderr":
                if STDERR_FAILURE.search(out["text"]) and not allowed_error:
                    problems.append(f"{where}: stderr shows an error: {out['text'][:500]}")
                else:
                    run.notes.append(f"{where}: stderr (allowed, a warning): {out['text'][:200]!r}")
        live_png = sum("image/png" in out["mimes"] and not out["widget"] for out in cell["outputs"])
        want_images = max(live_png, expected.images.get(cell["index"], 0) if expected else 0)
        if cell["images"] < want_images:
            problems.append(
                f"{where}: {cell['images']} image(s) rendered, expected {want_images} "
                f"({cell['brokenImages']} not decoded)"
            )
        unnamed = [n for n in cell.get("names", []) if not n or n.startswith(("<Figure", "Figure size"))]
        if unnamed:
            problems.append(f"{where}: {len(unnamed)} picture(s) without an accessible name (alt text)")
        live_widget = any(out["widget"] for out in cell["outputs"])
        if (live_widget or (expected and cell["index"] in expected.widgets)) and cell["widgetNodes"] == 0:
            problems.append(f"{where}: a widget was expected but none is rendered; output text: {cell['text'][:200]!r}")
        for text in PLACEHOLDERS:
            if text in cell["text"]:
                placeholder_seen = True
                problems.append(f"{where}: shows {text!r} instead of a widget")
    if placeholder_seen or any("widget" in error.lower() for error in page_errors):
        problems += [e for e in page_errors if "widget" in e.lower()][:5]
    return problems


# True once cell ``index`` shows ``wanted`` in its output (the kernel's answer to a click has come back).
SHOWS = """([index, wanted]) => {
  const cell = document.querySelector(`.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="${index}"]`);
  const area = cell && cell.querySelector('.jp-Cell-outputArea');
  return !!area && area.textContent.includes(wanted);
}"""
# True once the cell's widgets are on screen, so that "before" is taken from what the student sees.
RENDERED = """(index) => {
  const cell = document.querySelector(`.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="${index}"]`);
  const area = cell && cell.querySelector('.jp-Cell-outputArea');
  return !!area && area.querySelectorAll('.jupyter-widgets, [class*="widget-"]').length > 0
    && !area.textContent.includes('Loading widget');
}"""


RADIO_CHECKED = """(index) => {
  const widget = window.jupyterapp.shell.currentWidget.content.widgets[index];
  return !!widget.node.querySelector('.jp-Cell-outputArea input[type=radio]:checked');
}"""


def choose_a_radio(page, index: int, radio) -> None:
    """Click a radio button and wait until the widget shows it checked.

    On a loaded machine the widget can be drawn again under the click, and the click is lost
    (Playwright's check() then fails with "did not change its state"): click again, up to
    three times, each time waiting for the checked state rather than for a fixed time.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        radio.click()
        try:
            page.wait_for_function(RADIO_CHECKED, arg=index, timeout=5_000, polling=100)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def interact(page, index: int, expect: str, until: str | None = None) -> str | None:
    """Use the controls in cell ``index`` as a student would, and wait until what is shown changes.

    ``expect="text"`` (a quiz): choose an option in every drop-down (an order question) or
    the first radio button (a choice), press the button (Check), and expect new text (the
    feedback). ``expect="image"`` (an explorer): change ONE control, the first there is of a
    drop-down, a slider (one keyboard step), a checkbox or a toggle button, and expect a
    different picture. Returns a problem description, or None when the change was seen.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    cell = page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="{index}"] .jp-Cell-outputArea')
    page.evaluate(SCROLL_TO, index)
    try:
        page.wait_for_function(RENDERED, arg=index, timeout=CHANGE_TIMEOUT, polling=100)
    except PlaywrightTimeout:
        return f"cell {index}: its widget did not render in {CHANGE_TIMEOUT // 1000} s"
    before = page.evaluate(SNAPSHOT, index)
    done = []
    selects = cell.locator("select")
    for i in range(min(selects.count(), 8 if expect == "text" else 1)):
        select = selects.nth(i)
        current = select.input_value()
        choices = [v for v in select.locator("option").evaluate_all("(os) => os.map((o) => o.value)") if v != current]
        if choices:
            select.select_option(choices[i % len(choices)])
            done.append("drop-down")
    if expect == "text":
        radios = cell.locator("input[type=radio]:not(:checked)")
        if radios.count():
            choose_a_radio(page, index, radios.first)
            done.append("radio button")
    if expect == "image" and not done:
        handles = cell.locator(".noUi-handle")
        if handles.count():
            handle = handles.first
            now, high = (float(handle.get_attribute(a) or 0) for a in ("aria-valuenow", "aria-valuemax"))
            handle.focus()
            page.keyboard.press("ArrowRight" if now < high else "ArrowLeft")
            done.append("slider")
    for kind, selector in (("checkbox", "input[type=checkbox]"), ("toggle", ".widget-toggle-button:not(.mod-active)")):
        controls = cell.locator(selector)
        if expect == "image" and not done and controls.count():
            controls.first.click()
            done.append(kind)
    buttons = cell.locator("button.jupyter-button:not(.widget-toggle-button):not(.widget-play button):enabled")
    if buttons.count():
        buttons.first.click()
        done.append("button")
    if not done:
        return f"cell {index}: found no control to use (drop-down, radio, slider, checkbox, toggle or button)"
    what = "picture" if expect == "image" else "text"
    if until is not None:  # wait for the event itself: the kernel's answer appears in the cell
        try:
            page.wait_for_function(SHOWS, arg=[index, until], timeout=CHANGE_TIMEOUT, polling=100)
        except PlaywrightTimeout:
            after = page.evaluate(SNAPSHOT, index)
            return f"cell {index}: after {' + '.join(done)}, {until!r} not shown; it shows {after['text'][-300:]!r}"
    try:
        page.wait_for_function(CHANGED, arg=[index, before, expect], timeout=CHANGE_TIMEOUT, polling=200)
        # The kernel answers with several updates (text, table, picture): judge the end state.
        page.wait_for_function(KERNEL_IDLE, timeout=CHANGE_TIMEOUT, polling=100)
    except PlaywrightTimeout:
        return f"cell {index}: after {' + '.join(done)} the {what} shown did not change in {CHANGE_TIMEOUT // 1000} s"
    try:  # judge the state once the kernel is idle (returns at once when it still differs)
        page.wait_for_function(CHANGED, arg=[index, before, expect], timeout=5_000, polling=200)
    except PlaywrightTimeout:
        after = page.evaluate(SNAPSHOT, index)
        return (
            f"cell {index}: after {' + '.join(done)} the {what} changed and then went back to what it was; "
            f"text at the end: {after['text'][-300:]!r}"
        )
    after = page.evaluate(SNAPSHOT, index)
    if expect == "image" and not after["images"]:
        return f"cell {index}: after {' + '.join(done)} no picture is shown"
    return None


def screenshot(page, name: str, index: int | None, keep_left: bool = False) -> Path:
    """The browser window, scrolled to cell ``index``, as build/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    try:
        if not keep_left:
            page.evaluate("() => window.jupyterapp && window.jupyterapp.shell.collapseLeft()")  # more notebook
        if index is not None:
            page.evaluate(SCROLL_TO, index)
    except Exception:  # a picture of a broken page is still worth taking
        pass
    page.screenshot(path=str(path))
    return path


def report(problems: list[str], run: LabRun, lab, page) -> str:
    lines = ["", *[f"- {p}" for p in problems]]
    if run.notes:
        lines += ["notes:", *[f"  {n}" for n in run.notes[:20]]]
    if page.nam_errors:
        lines += ["browser console (first 10):", *[f"  {e[:300]}" for e in page.nam_errors[:10]]]
    tail = lab.log_tail(1500)
    if "Traceback" in tail:
        lines += ["server log (end):", tail]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the lessons


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_in_jupyterlab(lesson: Path, lab, page):
    path = lesson.name
    expected = Expected.from_notebook(lab.root / path)
    shown = (expected.explorers or expected.quizzes or [i for i, n in expected.images.items() if n] or [None])[0]
    started = time.perf_counter()
    try:
        run = open_and_run(page, lab, path)
        problems = check_run(run, expected, page.nam_errors)
        if run.dirty_on_open:
            problems.append("the notebook is marked modified as soon as it opens (before any cell ran)")
        if not problems:  # use the quizzes and explorers only in a lesson that ran cleanly
            for index in expected.quizzes:
                problem = interact(page, index, "text", until="· exercise ")  # the feedback card of its exercise
                problems += [f"quiz: {problem}"] if problem else []
            for index in expected.explorers:
                problem = interact(page, index, "image")
                problems += [f"explorer: {problem}"] if problem else []
        record_timing(
            lesson.stem,
            open=run.seconds_open,
            run=run.seconds_run,
            total=time.perf_counter() - started,
            stderr=sum(": stderr (allowed" in note for note in run.notes),
        )
    finally:
        screenshot(page, lesson.stem, shown)  # also when it failed: the picture helps
        lab.shutdown_kernels_for(path)
    assert not problems, report(problems, run, lab, page)


# --------------------------------------------------------------------------- the harness itself


def _notebook(cells: list[tuple[str, str, list[str]]]) -> dict:
    """A minimal nbformat-4.5 notebook from (cell_type, source, tags)."""
    out = []
    for index, (kind, source, tags) in enumerate(cells):
        cell = {"cell_type": kind, "id": f"cell-{index:03d}", "metadata": {"tags": tags} if tags else {},
                "source": source}  # fmt: skip
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return {
        "cells": out,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


SMOKE = [
    ("markdown", "# Harness check\nA markdown cell, a table, a figure, a widget.", []),
    ("code", "import pandas as pd\npd.DataFrame({'year': [1955, 1961], 'city': ['Bandung', 'Belgrade']})", []),
    (
        "code",
        "import matplotlib.pyplot as plt\n\nimport namlib  # every figure gets alt text\n\n"
        "plt.plot([1955, 1961, 2019], [29, 25, 120])\nplt.show()",
        [],
    ),
    ("code", "raise ValueError('shown on purpose')", ["raises-exception"]),
    ("code", "import warnings\nwarnings.warn('a harmless warning on stderr')", []),
    (
        "code",
        "import ipywidgets as W\n"
        "choice = W.RadioButtons(options=['Bandung', 'Belgrade'], value=None)\n"
        "button = W.Button(description='Check')\n"
        "feedback = W.HTML('')\n"
        "button.on_click(lambda _: setattr(feedback, 'value', f'<b>You chose {choice.value}</b>'))\n"
        "W.VBox([choice, button, feedback])",
        [],
    ),
    (
        "code",
        "from ipywidgets import interact\n\n\n"
        "@interact(n=(1, 5))\n"
        "def bars(n=3):\n"
        "    plt.bar(range(n), range(1, n + 1))\n"
        "    plt.show()",
        [],
    ),
]


def test_harness_on_a_small_notebook(lab, page):
    """The harness itself: a table, a figure, a tagged error, a warning, a quiz-like widget and interact()."""
    path = "_harness-smoke.ipynb"
    (lab.root / path).write_text(json.dumps(_notebook(SMOKE)), encoding="utf-8")
    try:
        run = open_and_run(page, lab, path)
        problems = check_run(run, None, page.nam_errors)
        assert not problems, report(problems, run, lab, page)
        cells = run.cells
        assert "Belgrade" in cells[1]["text"]
        assert cells[2]["images"] == 1, "the matplotlib figure is an image"
        assert any(out["output_type"] == "error" for out in cells[3]["outputs"]), "the tagged cell raised"
        assert any(n.startswith("cell 4") and "harmless warning" in n for n in run.notes), run.notes
        assert cells[5]["widgetNodes"] > 0 and "Bandung" in cells[5]["text"]
        assert interact(page, 5, "text", until="You chose Bandung") is None
        assert cells[6]["images"] == 1, "interact() draws into an Output widget"
        assert interact(page, 6, "image") is None, "a slider step redraws the bars"
        screenshot(page, "_harness-smoke", 2)
    finally:
        lab.shutdown_kernels_for(path)


def test_harness_reports_a_failing_cell(lab, page):
    """What the harness must catch: a widget that cannot show, a friendly namlib error, cells that never ran."""
    path = "_harness-failing.ipynb"
    missing_widget = (
        "from IPython.display import display\n"
        "view = {'model_id': 'no-such-model', 'version_major': 2, 'version_minor': 0}\n"
        "display({'application/vnd.jupyter.widget-view+json': view, 'text/plain': 'a widget'}, raw=True)"
    )
    cells = [
        ("code", missing_widget, []),
        ("code", "import namlib\nnamlib.load('sumits')", []),  # shown as a short message, not a traceback
        ("code", "1 + 1", []),
    ]
    (lab.root / path).write_text(json.dumps(_notebook(cells)), encoding="utf-8")
    try:
        run = open_and_run(page, lab, path)
        problems = check_run(run, None, page.nam_errors)
    finally:
        lab.shutdown_kernels_for(path)
    assert any(p.startswith("cell 0") and "Error displaying widget" in p for p in problems), problems
    assert any(p.startswith("cell 1") and "failed with UnknownTableError" in p for p in problems), problems
    assert any(p.startswith("cell 2") and "did not run" in p for p in problems), problems


# --------------------------------------------------------------------------- a student answers after Run All

# The whole text of one cell's output area, and its execution count: what the student sees.
# The cell's node is read from its widget, and the index stamped on it again first: on a loaded
# machine Lab can replace a cell's node after Run All, and the stamp of open_and_run is then gone.
CELL_STATE = """(index) => {
  const widget = window.jupyterapp.shell.currentWidget.content.widgets[index];
  const cell = widget.node;
  cell.dataset.namIndex = String(index);
  const area = cell.querySelector('.jp-Cell-outputArea');
  return {text: area ? area.textContent : '', count: widget.model.executionCount,
          source: widget.model.sharedModel.getSource()};
}"""
# Done when the cell has a new execution count and its output shows the wanted text.
ANSWERED = """([index, count, wanted]) => {
  const widget = window.jupyterapp.shell.currentWidget.content.widgets[index];
  const area = widget.node.querySelector('.jp-Cell-outputArea');
  return widget.model.executionCount !== count && !!area && wanted.every((w) => area.textContent.includes(w));
}"""


def answer_cell_index(run: LabRun, exercise_id: str) -> int:
    (index,) = [
        c["index"] for c in run.cells if c["type"] == "code" and f'namlib.check("{exercise_id}", answer)' in c["source"]
    ]
    return index


def type_and_run(page, index: int, text: str, wanted: list[str]) -> dict:
    """Click into the cell, replace its text as a student types, Shift+Enter, wait for the verdict."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(CELL_STATE, index)
    page.evaluate(SCROLL_TO, index)
    editor = page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="{index}"] .cm-content')
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    typed = page.evaluate(CELL_STATE, index)["source"]
    assert typed == text, f"the editor holds {typed!r}, not what was typed"
    page.keyboard.press("Shift+Enter")
    try:
        page.wait_for_function(ANSWERED, arg=[index, before["count"], wanted], timeout=CHANGE_TIMEOUT, polling=100)
    except PlaywrightTimeout:
        shown = page.evaluate(CELL_STATE, index)["text"]
        raise AssertionError(f"cell {index}: after Shift+Enter, {wanted} not shown; it shows {shown[:400]!r}") from None
    return page.evaluate(CELL_STATE, index)


ANSWERS = {
    # lesson: (exercise, right answer, wrong answer, the wrong answer's feedback)
    "00-start-here.ipynb": ("00.11", "summits.shape[0]", "len(summits.columns)", "✘ Not yet"),
    "03-how-nam-works.ipynb": ("03.2", "120", "137", "adds the 17 observer states"),
}


@pytest.mark.parametrize("lesson", sorted(ANSWERS))
def test_after_run_all_a_typed_answer_is_checked_against_its_own_exercise(lesson: str, lab, page):
    exercise_id, right, wrong, feedback = ANSWERS[lesson]
    hints = len(namlib.exercise(exercise_id).hints)
    try:
        run = open_and_run(page, lab, lesson)
        problems = check_run(run, None, page.nam_errors)
        assert not problems, report(problems, run, lab, page)
        index = answer_cell_index(run, exercise_id)
        # After Run All the kernel's last exercise is the lesson's last one; this cell still checks its own.
        cell = f'namlib.check("{exercise_id}", answer)'
        state = type_and_run(page, index, f"answer = {right}\n{cell}", [f"✔ Correct · exercise {exercise_id}"])
        assert "Discussion question" not in state["text"]
        state = type_and_run(page, index, f"answer = {wrong}\n{cell}", [feedback, f"exercise {exercise_id}"])
        assert "✔ Correct" not in state["text"]
        hint = f'namlib.hint("{exercise_id}")'
        state = type_and_run(
            page, index, f"answer = {wrong}\n{cell}\n{hint}", [f"Hint 1 of {hints} · {exercise_id}", feedback]
        )
        assert state["text"].index(feedback) < state["text"].index("Hint 1 of"), "the hint shows under the feedback"
        screenshot(page, f"answer-{exercise_id}", index)
    finally:
        lab.shutdown_kernels_for(lesson)


# --------------------------------------------------------------------------- opening a lesson, on two screen sizes

SCREENS = [(1366, 768, False), (800, 900, True)]  # (width, height, file browser open)


@pytest.mark.parametrize(("width", "height", "browser_open"), SCREENS, ids=["1366px", "800px-file-browser"])
@pytest.mark.parametrize("lesson", ["03-how-nam-works.ipynb", "06-baku-chairmanship.ipynb"])
def test_explorers_stay_usable_on_a_small_screen(lesson: str, width: int, height: int, browser_open: bool, lab, page):
    """At 800 px with the file browser open, the explorer's controls stay on screen and its picture readable."""
    page.set_viewport_size({"width": width, "height": height})
    try:
        run = open_and_run(page, lab, lesson)
        problems = check_run(run, None, page.nam_errors)
        assert not problems, report(problems, run, lab, page)
        if browser_open:
            page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
            page.wait_for_function(
                "() => !window.jupyterapp.shell.leftCollapsed && document.querySelector('.jp-FileBrowser')"
                ".getBoundingClientRect().width > 100",
                timeout=CHANGE_TIMEOUT,
                polling=100,
            )
        (index,) = [c["index"] for c in run.cells if c["type"] == "code" and "_explorer(" in c["source"]]
        page.evaluate(SCROLL_TO, index)
        geometry = page.evaluate(
            """(index) => {
              const cell = document.querySelector(`.jp-NotebookPanel:not(.lm-mod-hidden) [data-nam-index="${index}"]`);
              const area = cell.querySelector('.jp-Cell-outputArea').getBoundingClientRect();
              const slider = cell.querySelector('.widget-slider, .widget-hslider');
              const img = cell.querySelector('.jp-Cell-outputArea img');
              const s = slider.getBoundingClientRect();
              const picture = img.getBoundingClientRect().width;
              return {areaRight: area.right, sliderRight: s.right, sliderLeft: s.left, img: picture};
            }""",
            index,
        )
        assert geometry["sliderLeft"] >= 0 and geometry["sliderRight"] <= geometry["areaRight"] + 1, geometry
        assert geometry["img"] >= 559, f"the explorer's picture shrank to {geometry['img']:.0f} px"
        # The static figures too: shown at 560 px at least, scrolling sideways in a narrow column.
        figures = page.evaluate(
            """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')]
              .filter((img) => !img.closest('.jupyter-widgets') && img.alt)
              .map((img) => img.getBoundingClientRect().width).filter((w) => w > 0)"""
        )
        assert figures and min(figures) >= 559, f"static figures shown at {figures} px"
        shot = screenshot(page, f"{lesson[:2]}-{width}px{'-file-browser' if browser_open else ''}", index, browser_open)
        assert shot.stat().st_size > 10_000
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
        lab.shutdown_kernels_for(lesson)
