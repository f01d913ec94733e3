"""The exercise bank: one TOML file per lesson, checked and read into :class:`ExerciseSpec` objects.

Each lesson has a file ``namlib/exercises/bank/NN.toml`` holding ``[[exercise]]``
tables (see ``docs/exercises.md`` for every field). The fields that would give an
answer away (``answer``, ``accept``, ``solution``, ``model_answer`` and ``notes``)
are stored as ``"enc:"`` + base64(zlib(JSON)) (:mod:`namlib.exercises.encoding`): not
readable at a glance, decoded only by the checker. Authors write them in plain TOML and run
``python -m namlib exercises encode bank/NN.toml``, which rewrites the file with those
fields encoded, keeping comments and layout (:mod:`namlib.exercises.toml_writer`).

The format is a set of versioned JSON Schemas, ``namlib/exercises/schemas/`` (one per answer
kind, sharing ``common.schema.json`` and ``graded.schema.json``; the file is
``bank.schema.json``): :func:`read_bank_file` and :func:`spec_from_dict` check a file and its
tables against them (:mod:`namlib.exercises.bank_schema`), then run the rules a schema cannot
say: a kind's :meth:`Kind.check_fields`, ids that start with the file's lesson, no id twice.

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

from namlib.exercises import bank_schema
from namlib.exercises.encoding import ENC_PREFIX, SECRET_KEYS, decode, encode, encode_table, is_encoded, plain_secrets
from namlib.exercises.errors import BankError, ExerciseError, UnknownExerciseError
from namlib.exercises.kinds import KINDS as KIND_CLASSES
from namlib.exercises.kinds import BankTable, Kind, kind_of
from namlib.exercises.spec import NO_STARTER, ExerciseSpec, normalise_id, sort_key
from namlib.exercises.toml_writer import dumps_toml, encode_toml_text

BANK_ENV = "NAMLIB_EXERCISE_BANK"
# The kinds' names, in order (a copy of the registry's: each kind is a module of namlib/exercises/kinds/).
KINDS = tuple(KIND_CLASSES)


# --------------------------------------------------------------------------- encoding a file


def encode_file(path: str | os.PathLike) -> list[str]:
    """Rewrite a bank file with its secret fields encoded; return what was encoded.

    The file is edited in place: comments and layout survive
    (:func:`~namlib.exercises.toml_writer.encode_toml_text`).
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    changed = plain_secrets(tomllib.loads(text))
    path.write_text(encode_toml_text(text, name=str(path)), encoding="utf-8")
    return changed


# --------------------------------------------------------------------------- checking an [[exercise]] table


def spec_from_dict(data: dict, file: str = "<dict>") -> ExerciseSpec:
    """Check one ``[[exercise]]`` table and turn it into an :class:`ExerciseSpec`.

    The table is checked against its kind's JSON Schema (``namlib/exercises/schemas/``), with
    the secret fields decoded, then by the kind's :meth:`~namlib.exercises.kinds.Kind.check_fields`.
    Raises :class:`BankError` naming the file, the exercise and the field at fault.

    Example:
        >>> spec = spec_from_dict({"id": "00.1", "kind": "number", "title": "Sum", "question": "2 + 2?",
        ...                        "answer": encode(4), "solution": "answer = 2 + 2", "explanation": "Four."})
        >>> spec.kind, spec.secret("answer")
        ('number', 4)
        >>> spec_from_dict({"id": "00.1", "kind": "number", "title": "t", "question": "q", "tolerence": 1})
        Traceback (most recent call last):
        ...
        namlib.exercises.errors.BankError: <dict>, exercise '00.1': unknown field 'tolerence'. Did you mean 'tolerance'?
    """
    if not isinstance(data, dict):
        raise BankError(f"{file}: each [[exercise]] must be a table.")
    table = BankTable(data, {}, f"{file}, exercise {data.get('id')!r}")
    kind = _kind(table)
    view = _decoded(table)
    schema, known, settings = _schema_of(kind)
    for key in data:
        if key not in known:
            raise table.problem(_unknown_field(key, kind.name, known))
    problem = bank_schema.first_problem(schema, view, kind=kind.name)
    if problem:
        raise table.problem(problem)
    kind.check_fields(table)
    return ExerciseSpec(
        id=data["id"],
        kind=data["kind"],
        title=data["title"].strip(),
        question=data["question"].strip(),
        hints=tuple(h.strip() for h in data.get("hints", [])),
        explanation=data.get("explanation", "").strip(),
        options=tuple(o.strip() for o in data.get("options", [])),
        setup=data.get("setup"),
        settings={key: data[key] for key in settings if key in data},
        feedback=tuple(data.get("feedback", [])),
        raw=dict(data),
        file=file,
        starter=data.get("starter", NO_STARTER),
    )


_SCHEMAS: dict[type[Kind], tuple[dict, list[str], tuple[str, ...]]] = {}


def _schema_of(kind: type[Kind]) -> tuple[dict, list[str], tuple[str, ...]]:
    """A kind's schema, the fields it allows, and its settings: the plain fields it adds (tolerance...)."""
    if kind not in _SCHEMAS:
        schema = kind.schema()
        own = bank_schema.fields(schema, inherited=False)
        settings = tuple(key for key in own if key not in SECRET_KEYS and key != "kind")
        _SCHEMAS[kind] = schema, list(bank_schema.fields(schema)), settings
    return _SCHEMAS[kind]


def _kind(table: BankTable) -> type[Kind]:
    """The exercise's kind, from the registry (namlib/exercises/kinds/); a typo gets a "did you mean"."""
    name = table.data.get("kind")
    if isinstance(name, str) and name in KIND_CLASSES:
        return kind_of(name)
    close = difflib.get_close_matches(str(name), list(KIND_CLASSES), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise table.problem(f"kind must be one of {', '.join(KIND_CLASSES)}; it is {name!r}.{hint}")


def _decoded(table: BankTable) -> dict:
    """The table with its secret fields decoded (also in feedback entries), as the schema checks it.

    Sets ``table.decoded`` (the decoded top-level secrets, for :meth:`Kind.check_fields`).
    """
    data = table.data
    for key in SECRET_KEYS:
        try:
            if key in data:
                table.decoded[key] = decode(data[key])
        except BankError as err:
            raise table.problem(f"{key}: {err}") from None
    view = {**data, **table.decoded}
    if isinstance(data.get("feedback"), list):
        view["feedback"] = [_decoded_entry(table, number, entry) for number, entry in enumerate(data["feedback"], 1)]
    return view


def _decoded_entry(table: BankTable, number: int, entry: Any) -> Any:
    if not isinstance(entry, dict):
        return entry
    try:
        return {key: decode(value) if key in SECRET_KEYS else value for key, value in entry.items()}
    except BankError as err:
        raise table.problem(f"feedback {number}: {err}") from None


def _unknown_field(key: str, kind: str, known: list[str]) -> str:
    """A field this kind's schema does not allow: a field of other kinds, or a typo ("did you mean")."""
    fields = {name: bank_schema.fields(other.schema()) for name, other in KIND_CLASSES.items()}
    others = [name for name, names in fields.items() if key in names]
    graded = [name for name, other in KIND_CLASSES.items() if other.graded]
    if others:
        which = "graded" if others == graded else _join(others)
        return f"{key!r} is not a field of {_a(kind)} exercise: only {which} exercises have it."
    close = difflib.get_close_matches(key, known, n=1)
    every = sorted({name for names in fields.values() for name in names})
    return bank_schema.unknown_field(key, known if close else every)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


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
    """Parse and check one bank file (``bank.schema.json``, then each exercise against its kind's schema)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise BankError(f"{path.name} is not valid TOML: {err}") from None
    schema = bank_schema.load_schema("bank.schema.json")
    known = list(bank_schema.fields(schema))
    unknown = [key for key in data if key not in known]
    problem = bank_schema.first_problem(schema, data)
    if unknown or problem:
        raise BankError(f"{path.name}: " + (bank_schema.unknown_field(unknown[0], known) if unknown else str(problem)))
    specs = [spec_from_dict(item, file=path.name) for item in data.get("exercise", [])]
    stem = re.match(r"^(\d{2})", path.stem)
    if stem and data.get("lesson", stem.group(1)) != stem.group(1):
        raise BankError(f"{path.name}: lesson is {data['lesson']!r}, but the file is lesson {stem.group(1)!r}.")
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
    return _specs(bank_files(bank))


def _specs(files: list[Path]) -> dict[str, ExerciseSpec]:
    """The exercises of these bank files, by id, in lesson and number order; an id used twice is an error."""
    specs: dict[str, ExerciseSpec] = {}
    for path in files:
        stat = path.stat()
        for spec in _read_cached(str(path), stat.st_mtime_ns, stat.st_size):
            if spec.id in specs:
                raise BankError(f"Exercise {spec.id!r} is defined twice ({specs[spec.id].file} and {spec.file}).")
            specs[spec.id] = spec
    return dict(sorted(specs.items(), key=lambda item: sort_key(item[0])))


@lru_cache(maxsize=64)
def _read_cached(path: str, _mtime_ns: int, _size: int) -> tuple[ExerciseSpec, ...]:
    # Keyed on the file's time and size: a file a teacher has just edited is read again.
    return tuple(read_bank_file(path))


def _lesson_files(lesson: str, files: list[Path]) -> list[Path]:
    """The files that can hold an exercise of ``lesson``: its own (``06.toml``) and any not named for a lesson."""
    return [p for p in files if p.stem[:2] == lesson or not re.match(r"^\d{2}", p.stem)]


def get_spec(exercise_id: Any, bank: str | os.PathLike | None = None) -> ExerciseSpec:
    """The spec of one exercise, or :class:`UnknownExerciseError` with the closest ids.

    Only the files of the exercise's lesson are read (an id in ``06.toml`` must start with
    ``06``): a lesson's first exercise card does not check the whole bank, and a broken file
    of another lesson does not stop this one.
    """
    key = normalise_id(exercise_id)
    files = bank_files(bank)
    if key is not None:
        specs = _specs(_lesson_files(key.split(".")[0], files))
        if key in specs:
            return specs[key]
    raise UnknownExerciseError(exercise_id, list(_specs(files)))


__all__ = [
    "BANK_ENV",
    "ENC_PREFIX",
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
