"""The exercise bank: one TOML file per lesson, checked and read into :class:`ExerciseSpec` objects.

Each lesson has a file ``namlib/exercises/bank/NN.toml`` holding ``[[exercise]]``
tables (see ``docs/exercises.md`` for every field). The fields that would give an
answer away (``answer``, ``accept``, ``solution``, ``model_answer`` and ``notes``)
are stored as ``"enc:"`` + base64(zlib(JSON)) (:mod:`namlib.exercises.encoding`): not
readable at a glance, decoded only by the checker. Authors write them in plain TOML and run
``python -m namlib exercises encode bank/NN.toml``, which rewrites the file with those
fields encoded (:mod:`namlib.exercises.toml_writer`; comments survive only where
``tomlkit`` is installed).

:func:`spec_from_dict` checks the fields every exercise shares; the fields of one answer
kind are checked by that kind (``namlib/exercises/kinds/``, :meth:`Kind.check_fields`).

Set the environment variable ``NAMLIB_EXERCISE_BANK`` to a folder to read
another bank (the tests use ``tests/fixtures/bank``).

Example:
    >>> specs = load_bank()
    >>> specs["03.2"].kind, specs["03.2"].lesson
    ('number', '03')
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from namlib.exercises.encoding import ENC_PREFIX, SECRET_KEYS, decode, encode, encode_table, is_encoded, plain_secrets
from namlib.exercises.errors import BankError, ExerciseError, UnknownExerciseError
from namlib.exercises.kinds import KINDS as KIND_CLASSES
from namlib.exercises.kinds import BankTable, kind_of
from namlib.exercises.spec import ID_PATTERN, NO_STARTER, ExerciseSpec, normalise_id, sort_key
from namlib.exercises.toml_writer import dumps_toml, encode_toml_text

BANK_ENV = "NAMLIB_EXERCISE_BANK"
# The kinds' names, in order (a copy of the registry's: each kind is a module of namlib/exercises/kinds/).
KINDS = tuple(KIND_CLASSES)
# A number exercise may say what it counts; "days" also accepts a Timedelta (end - start).
UNITS = ("days",)

# Every field an [[exercise]] table may have; a typo gets a "did you mean".
SETTING_KEYS = (
    "tolerance",
    "direction",
    "integer",
    "ignore_index",
    "ignore_row_order",
    "ignore_column_order",
    "check_dtype",
    "check_names",
    "unit",
)

EXERCISE_KEYS = frozenset(SETTING_KEYS) | frozenset(
    {
        "id",
        "kind",
        "title",
        "question",
        "hints",
        "explanation",
        "answer",
        "accept",
        "solution",
        "options",
        "setup",
        "starter",
        "feedback",
        "model_answer",
        "notes",
        "criteria",
    }
)
FEEDBACK_KEYS = frozenset({"answer", "solution", "message"})
FILE_KEYS = frozenset({"exercise", "lesson", "title"})


# --------------------------------------------------------------------------- encoding a file


def encode_file(path: str | os.PathLike) -> list[str]:
    """Rewrite a bank file with its secret fields encoded; return what was encoded.

    With ``tomlkit`` installed the file is edited in place (comments survive); without it
    the file is parsed and written again by :func:`dumps_toml`: values and their order
    survive, comments and blank-line layout do not (:func:`~namlib.exercises.toml_writer.encode_toml_text`).
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    changed = plain_secrets(tomllib.loads(text))
    path.write_text(encode_toml_text(text, name=str(path)), encoding="utf-8")
    return changed


# --------------------------------------------------------------------------- checking an [[exercise]] table


def spec_from_dict(data: dict, file: str = "<dict>") -> ExerciseSpec:
    """Check one ``[[exercise]]`` table and turn it into an :class:`ExerciseSpec`.

    Raises :class:`BankError` naming the file, the exercise and the field at fault.

    Example:
        >>> spec = spec_from_dict({"id": "00.1", "kind": "number", "title": "Sum", "question": "2 + 2?",
        ...                        "answer": encode(4), "solution": "answer = 2 + 2", "explanation": "Four."})
        >>> spec.kind, spec.secret("answer")
        ('number', 4)
    """
    if not isinstance(data, dict):
        raise BankError(f"{file}: each [[exercise]] must be a table.")
    where = f"{file}, exercise {data.get('id')!r}"
    table = BankTable(data, {}, where)
    _check_id_and_fields(table)
    hints, options = _check_texts(table)
    _check_settings(table)
    try:
        table.decoded = {key: decode(data[key]) for key in SECRET_KEYS if key in data}
    except BankError as err:
        raise table.problem(str(err)) from None
    kind = kind_of(data["kind"])
    if kind.graded:
        _check_graded(table)
    kind.check_fields(table)
    if "accept" in data and not isinstance(table.decoded["accept"], list):
        raise table.problem("accept must be a list of other accepted answers.")
    entries = _check_feedback(table)
    return ExerciseSpec(
        id=data["id"],
        kind=data["kind"],
        title=data["title"].strip(),
        question=data["question"].strip(),
        hints=tuple(h.strip() for h in hints),
        explanation=data.get("explanation", "").strip(),
        options=tuple(o.strip() for o in options),
        setup=data.get("setup"),
        settings={key: data[key] for key in SETTING_KEYS if key in data},
        feedback=tuple(entries),
        raw=dict(data),
        file=file,
        starter=data.get("starter", NO_STARTER),
    )


def _check_id_and_fields(table: BankTable) -> None:
    """The id, the field names (a typo gets a "did you mean") and the kind."""
    data = table.data
    raw_id = data.get("id")
    if not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id):
        raise table.problem("the id must be a string like '03.2' (two-digit lesson, dot, number).")
    for key in data:
        if key not in EXERCISE_KEYS:
            close = difflib.get_close_matches(key, sorted(EXERCISE_KEYS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise table.problem(f"unknown field {key!r}.{hint}")
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KIND_CLASSES:  # the registry, namlib/exercises/kinds/
        raise table.problem(f"kind must be one of {', '.join(KIND_CLASSES)}; it is {kind!r}.")


def _check_texts(table: BankTable) -> tuple[list[str], list[str]]:
    """The text fields; returns the hints and the options."""
    data = table.data
    for key in ("title", "question"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise table.problem(f"{key} must be a non-empty string.")
    for key in ("explanation", "setup"):
        if key in data and not isinstance(data[key], str):
            raise table.problem(f"{key} must be a string.")
    hints = table.string_list("hints", "hints must be a list of non-empty strings.")
    options = table.string_list("options", "options must be a list of non-empty strings.")
    return hints, options


def _check_settings(table: BankTable) -> None:
    """The settings: true/false switches, ``tolerance`` and ``unit``."""
    data = table.data
    for key in ("direction", "integer", "ignore_index", "ignore_row_order", "ignore_column_order"):
        if key in data and not isinstance(data[key], bool):
            raise table.problem(f"{key} must be true or false.")
    for key in ("check_dtype", "check_names"):
        if key in data and not isinstance(data[key], bool):
            raise table.problem(f"{key} must be true or false.")
    if "tolerance" in data and (
        isinstance(data["tolerance"], bool) or not isinstance(data["tolerance"], int | float) or data["tolerance"] < 0
    ):
        raise table.problem("tolerance must be a number >= 0.")
    if "unit" in data and data["unit"] not in UNITS:
        raise table.problem(f"unit must be one of {', '.join(UNITS)}; it is {data['unit']!r}.")


def _check_graded(table: BankTable) -> None:
    """What every graded exercise needs: a worked solution and an explanation, no criteria."""
    data, decoded = table.data, table.decoded
    if "solution" not in data:
        raise table.problem("every graded exercise needs a worked `solution` (code that sets `answer`).")
    if not isinstance(decoded["solution"], str) or not re.search(r"^\s*answer\s*=", decoded["solution"], re.M):
        raise table.problem("the solution must be code that assigns `answer = ...`.")
    if not data.get("explanation", "").strip():
        raise table.problem("every graded exercise needs an `explanation` shown when the answer is right.")
    criteria = table.string_list("criteria", "criteria must be a list of short texts (what a good answer covers).")
    if criteria:
        raise table.problem("only open questions have `criteria`; a graded exercise has feedback and hints.")


def _check_feedback(table: BankTable) -> list[Any]:
    """The ``[[exercise.feedback]]`` entries: a message and either an answer or a solution each."""
    entries = table.data.get("feedback", [])
    if not isinstance(entries, list):
        raise table.problem("feedback must be [[exercise.feedback]] tables.")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise table.problem(f"feedback {number} must be a table.")
        bad = set(entry) - FEEDBACK_KEYS
        if bad:
            raise table.problem(f"feedback {number} has unknown field(s) {', '.join(sorted(bad))}.")
        if not isinstance(entry.get("message"), str) or not entry["message"].strip():
            raise table.problem(f"feedback {number} needs a message.")
        if ("answer" in entry) == ("solution" in entry):
            raise table.problem(f"feedback {number} needs either an `answer` or a `solution` (code), not both.")
        try:
            for key in ("answer", "solution"):
                if key in entry:
                    decode(entry[key])
        except BankError as err:
            raise table.problem(f"feedback {number}: {err}") from None
    return entries


# --------------------------------------------------------------------------- reading the bank


def bank_dir(bank: str | os.PathLike | None = None) -> Path:
    """The folder the exercises are read from.

    ``bank`` if given, else the environment variable ``NAMLIB_EXERCISE_BANK``,
    else the bank shipped in the package.

    Example:
        >>> bank_dir().name
        'bank'
    """
    if bank is None:
        bank = os.environ.get(BANK_ENV) or None
    if bank is not None:
        return Path(bank)
    return Path(str(resources.files("namlib.exercises"))) / "bank"


def bank_files(bank: str | os.PathLike | None = None) -> list[Path]:
    """The bank's TOML files, sorted by name (``01.toml``, ``02.toml``...)."""
    folder = bank_dir(bank)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def read_bank_file(path: str | os.PathLike) -> list[ExerciseSpec]:
    """Parse and check one bank file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise BankError(f"{path.name} is not valid TOML: {err}") from None
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise BankError(f"{path.name}: unknown top-level field(s) {', '.join(sorted(unknown))}.")
    items = data.get("exercise", [])
    if not isinstance(items, list):
        raise BankError(f"{path.name}: exercises are written as [[exercise]] tables.")
    specs = [spec_from_dict(item, file=path.name) for item in items]
    stem = re.match(r"^(\d{2})", path.stem)
    for spec in specs:
        if stem and spec.lesson != stem.group(1):
            raise BankError(
                f"{path.name}, exercise {spec.id!r}: the id of an exercise in {path.name} starts with "
                f"{stem.group(1)!r}."
            )
    return specs


def load_bank(bank: str | os.PathLike | None = None) -> dict[str, ExerciseSpec]:
    """Every exercise in the bank, by id, in lesson and number order.

    Re-read when a file changes. Raises :class:`BankError` for a broken file and
    for an id used twice.

    Example:
        >>> isinstance(load_bank(), dict)
        True
    """
    files = bank_files(bank)
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return dict(_load_bank_cached(stamp))


@lru_cache(maxsize=16)
def _load_bank_cached(stamp: tuple) -> tuple[tuple[str, ExerciseSpec], ...]:
    specs: dict[str, ExerciseSpec] = {}
    for file, _mtime, _size in stamp:
        for spec in read_bank_file(file):
            if spec.id in specs:
                raise BankError(f"Exercise {spec.id!r} is defined twice ({specs[spec.id].file} and {spec.file}).")
            specs[spec.id] = spec
    return tuple(sorted(specs.items(), key=lambda item: sort_key(item[0])))


def get_spec(exercise_id: Any, bank: str | os.PathLike | None = None) -> ExerciseSpec:
    """The spec of one exercise, or :class:`UnknownExerciseError` with the closest ids."""
    specs = load_bank(bank)
    key = normalise_id(exercise_id)
    if key is None or key not in specs:
        raise UnknownExerciseError(exercise_id, list(specs))
    return specs[key]


__all__ = [
    "BANK_ENV",
    "ENC_PREFIX",
    "EXERCISE_KEYS",
    "KINDS",
    "SECRET_KEYS",
    "BankError",
    "ExerciseError",
    "ExerciseSpec",
    "UnknownExerciseError",
    "bank_dir",
    "bank_files",
    "decode",
    "dumps_toml",
    "encode",
    "encode_file",
    "encode_table",
    "get_spec",
    "is_encoded",
    "load_bank",
    "normalise_id",
    "plain_secrets",
    "read_bank_file",
    "spec_from_dict",
]
