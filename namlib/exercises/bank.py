"""The exercise bank: one TOML file per lesson, with the expected answers encoded.

Each lesson has a file ``namlib/exercises/bank/NN.toml`` holding ``[[exercise]]``
tables (see ``docs/exercises.md`` for every field). The fields that would give an
answer away (``answer``, ``accept``, ``solution``, ``model_answer`` and ``notes``)
are stored as ``"enc:"`` + base64(zlib(JSON)): not readable at a glance, decoded
only by the checker. Authors write them in plain TOML and run
``python -m namlib exercises encode bank/NN.toml``, which rewrites the file with
those fields encoded (comments in the file do not survive the rewrite).

Set the environment variable ``NAMLIB_EXERCISE_BANK`` to a folder to read
another bank (the tests use ``tests/fixtures/bank``).

Example:
    >>> secret = encode(["Baku", 2019])
    >>> secret.startswith("enc:") and "Baku" not in secret
    True
    >>> decode(secret)
    ['Baku', 2019]
    >>> decode("a plain draft value")  # plain values pass through (drafts only)
    'a plain draft value'
    >>> print(dumps_toml({"exercise": [{"id": "00.1", "kind": "number", "hints": ["one", "two"]}]}))
    [[exercise]]
    id = "00.1"
    kind = "number"
    hints = ["one", "two"]
    <BLANKLINE>
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import json
import math
import os
import re
import tomllib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from namlib.errors import NamlibError

BANK_ENV = "NAMLIB_EXERCISE_BANK"
ENC_PREFIX = "enc:"
SECRET_KEYS = ("answer", "accept", "solution", "model_answer", "notes")
KINDS = ("number", "text", "date", "month", "choice", "set", "list", "order", "series", "frame", "open")
# A number exercise may say what it counts; "days" also accepts a Timedelta (end - start).
UNITS = ("days",)
ID_PATTERN = re.compile(r"^(\d{2})\.(\d{1,3})$")

# Every field an [[exercise]] table may have; a typo gets a "did you mean".
EXERCISE_KEYS = frozenset(
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
        "tolerance",
        "direction",
        "integer",
        "setup",
        "starter",
        "feedback",
        "model_answer",
        "notes",
        "criteria",
        "ignore_index",
        "ignore_row_order",
        "ignore_column_order",
        "check_dtype",
        "check_names",
        "unit",
    }
)
FEEDBACK_KEYS = frozenset({"answer", "solution", "message"})
FILE_KEYS = frozenset({"exercise", "lesson", "title"})
_NO_STARTER = object()


class ExerciseError(NamlibError):
    """Base class for errors about exercises."""


class UnknownExerciseError(ExerciseError, KeyError):
    """An exercise id that is not in the bank; names the closest ids.

    Example:
        >>> print(UnknownExerciseError("03.9", ["03.1", "03.2", "05.1"]))
        There is no exercise '03.9'. Did you mean '03.1' or '03.2'?
        Exercise ids look like '03.2' (lesson 03, exercise 2).
    """

    def __init__(self, exercise_id: object, known: list[str]):
        self.exercise_id = exercise_id
        self.known = list(known)
        if isinstance(exercise_id, bool) or not isinstance(exercise_id, str | int | float):
            super().__init__(
                f"An exercise id is a string such as '03.2'; you gave {_article(type(exercise_id).__name__)}."
            )
            return
        shown = str(exercise_id).strip()
        if not self.known:
            message = f"There is no exercise {shown!r}: the exercise bank is empty."
        else:
            lesson = shown.split(".")[0].zfill(2)
            close = [k for k in self.known if k.split(".")[0] == lesson] or difflib.get_close_matches(
                shown, self.known, n=3, cutoff=0.5
            )
            close = close[:3]
            if close:
                quoted = [repr(c) for c in close]
                choices = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
                message = f"There is no exercise {shown!r}. Did you mean {choices}?"
            else:
                message = f"There is no exercise {shown!r}."
            message += " Exercise ids look like '03.2' (lesson 03, exercise 2)."
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0])


def _article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


class BankError(ExerciseError, ValueError):
    """A bank file that is not written as the format says (for authors)."""


# --------------------------------------------------------------------------- encoding


def encode(value: Any) -> str:
    """Encode a JSON-able value as ``"enc:" + base64(zlib(json))``.

    Dates (from unquoted TOML dates) become ISO strings. Encoding is
    deterministic, so re-encoding a file changes nothing.

    Example:
        >>> decode(encode({"b": 1, "a": [1.5, None]}))
        {'a': [1.5, None], 'b': 1}
    """
    raw = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True, allow_nan=True)
    return ENC_PREFIX + base64.b64encode(zlib.compress(raw.encode("utf-8"), 9)).decode("ascii")


def decode(value: Any) -> Any:
    """Decode a value written by :func:`encode`; any other value is returned as it is."""
    if isinstance(value, str) and value.startswith(ENC_PREFIX):
        try:
            raw = zlib.decompress(base64.b64decode(value[len(ENC_PREFIX) :], validate=True))
            return json.loads(raw.decode("utf-8"))
        except (ValueError, zlib.error) as err:
            raise BankError(f"A value starting with {ENC_PREFIX!r} could not be decoded ({err}).") from None
    return value


def is_encoded(value: Any) -> bool:
    """True when ``value`` is a string written by :func:`encode`.

    Example:
        >>> is_encoded(encode(1)), is_encoded("1")
        (True, False)
    """
    if not (isinstance(value, str) and value.startswith(ENC_PREFIX)):
        return False
    try:
        decode(value)
    except BankError:
        return False
    return True


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def encode_table(data: dict) -> dict:
    """Return a copy of a parsed bank file with every secret field encoded.

    Already encoded values are kept as they are.

    Example:
        >>> out = encode_table({"exercise": [{"id": "00.1", "answer": 4, "feedback": [{"answer": 5, "message": "m"}]}]})
        >>> is_encoded(out["exercise"][0]["answer"]), is_encoded(out["exercise"][0]["feedback"][0]["answer"])
        (True, True)
    """
    out = dict(data)
    exercises = []
    for item in data.get("exercise", []):
        item = dict(item)
        _encode_secrets(item)
        if isinstance(item.get("feedback"), list):
            entries = []
            for entry in item["feedback"]:
                entry = dict(entry) if isinstance(entry, dict) else entry
                if isinstance(entry, dict):
                    _encode_secrets(entry)
                entries.append(entry)
            item["feedback"] = entries
        exercises.append(item)
    if "exercise" in data:
        out["exercise"] = exercises
    return out


def _encode_secrets(table: dict) -> None:
    for key in SECRET_KEYS:
        if key in table and not is_encoded(table[key]):
            table[key] = encode(table[key])


def plain_secrets(data: dict) -> list[str]:
    """Where a parsed bank file still holds a secret field in plain text (``"03.2 answer"``).

    Example:
        >>> plain_secrets({"exercise": [{"id": "00.1", "answer": 4, "solution": encode("answer = 4")}]})
        ['00.1 answer']
    """
    found = []
    for item in data.get("exercise", []):
        name = str(item.get("id", "?"))
        found += [f"{name} {key}" for key in SECRET_KEYS if key in item and not is_encoded(item[key])]
        for number, entry in enumerate(item.get("feedback", []) or [], start=1):
            if isinstance(entry, dict):
                found += [
                    f"{name} feedback {number} {key}"
                    for key in SECRET_KEYS
                    if key in entry and not is_encoded(entry[key])
                ]
    return found


def encode_file(path: str | os.PathLike) -> list[str]:
    """Rewrite a bank file with its secret fields encoded; return what was encoded.

    The file is parsed and written again by :func:`dumps_toml`: values and their
    order survive, comments and blank-line layout do not.
    """
    path = Path(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    changed = plain_secrets(data)
    text = dumps_toml(encode_table(data))
    if tomllib.loads(text) != encode_table(data):  # pragma: no cover - a bug in the emitter
        raise BankError(f"Writing {path} would change its content; nothing written.")
    path.write_text(text, encoding="utf-8")
    return changed


# --------------------------------------------------------------------------- TOML emitter

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _basic_string(key)


def _basic_string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _multiline_string(text: str) -> str:
    controls = any((ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F for c in text)
    if not controls and "'''" not in text and not text.endswith("'") and "\r" not in text:
        return "'''\n" + text + "'''"  # literal: no escapes, reads like the code it holds
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == "\n" or char == "\t":
            out.append(char)
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    body = "".join(out).replace('"""', '""\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    return '"""\n' + body + '"""'


def _value(value: Any, indent: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _multiline_string(value) if "\n" in value else _basic_string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_value(v, indent)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        items = [_value(v, indent + "    ") for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= 100 and not any("\n" in item for item in items):
            return one_line
        inner = indent + "    "
        return "[\n" + "".join(f"{inner}{item},\n" for item in items) + indent + "]"
    raise BankError(f"Cannot write a {type(value).__name__} value in a bank file.")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit_table(table: dict, path: list[str], lines: list[str]) -> None:
    for key, value in table.items():
        if isinstance(value, dict) or _is_table_array(value):
            continue
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        sub = [*path, _key(key)]
        if isinstance(value, dict):
            lines += ["", f"[{'.'.join(sub)}]"]
            _emit_table(value, sub, lines)
        elif _is_table_array(value):
            for item in value:
                lines += ["", f"[[{'.'.join(sub)}]]"]
                _emit_table(item, sub, lines)


def dumps_toml(data: dict) -> str:
    """Write a bank file (a dict as ``tomllib`` returns it) as TOML text.

    Handles what bank files hold: strings (multi-line ones as literal or basic
    multi-line strings), integers, floats, booleans, dates, lists, inline tables,
    tables and arrays of tables such as ``[[exercise]]`` and
    ``[[exercise.feedback]]``. ``tomllib.loads(dumps_toml(d)) == d`` for such data.

    Example:
        >>> text = dumps_toml({"exercise": [{"id": "00.1", "setup": "x = 1\\ny = 2\\n",
        ...                                   "feedback": [{"answer": 3, "message": "Off by one."}]}]})
        >>> print(text)
        [[exercise]]
        id = "00.1"
        setup = '''
        x = 1
        y = 2
        '''
        <BLANKLINE>
        [[exercise.feedback]]
        answer = 3
        message = "Off by one."
        <BLANKLINE>
        >>> tomllib.loads(text)["exercise"][0]["setup"]
        'x = 1\\ny = 2\\n'
    """
    lines: list[str] = []
    _emit_table(data, [], lines)
    while lines and lines[0] == "":
        lines.pop(0)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the registry


@dataclass(eq=False)
class ExerciseSpec:
    """One exercise as the bank describes it; secret fields stay encoded until asked for."""

    id: str
    kind: str
    title: str
    question: str
    hints: tuple[str, ...] = ()
    explanation: str = ""
    options: tuple[str, ...] = ()
    setup: str | None = None
    settings: dict = field(default_factory=dict)
    feedback: tuple[dict, ...] = ()
    raw: dict = field(default_factory=dict)
    file: str = "<dict>"
    starter: Any = _NO_STARTER

    def secret(self, key: str, default: Any = None) -> Any:
        """The decoded value of a secret field (``answer``, ``solution``...)."""
        if key not in self.raw:
            return default
        return decode(self.raw[key])

    def has(self, key: str) -> bool:
        return key in self.raw

    @property
    def has_starter(self) -> bool:
        return self.starter is not _NO_STARTER

    @property
    def lesson(self) -> str:
        return self.id.split(".")[0]

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)


def normalise_id(exercise_id: Any) -> str | None:
    """The canonical form of an exercise id (``3.2`` and ``"3.2"`` become ``"03.2"``).

    Example:
        >>> normalise_id("3.2"), normalise_id(" 03.10 "), normalise_id("x")
        ('03.2', '03.10', None)
    """
    if isinstance(exercise_id, bool) or not isinstance(exercise_id, str | int | float):
        return None
    text = str(exercise_id).strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,3})", text)
    if not match:
        return None
    return f"{int(match.group(1)):02d}.{int(match.group(2))}"


def _sort_key(exercise_id: str) -> tuple[int, int]:
    lesson, number = exercise_id.split(".")
    return int(lesson), int(number)


def _problem(where: str, message: str) -> BankError:
    return BankError(f"{where}: {message}")


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
    raw_id = data.get("id")
    where = f"{file}, exercise {raw_id!r}"
    if not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id):
        raise _problem(where, "the id must be a string like '03.2' (two-digit lesson, dot, number).")
    for key in data:
        if key not in EXERCISE_KEYS:
            close = difflib.get_close_matches(key, sorted(EXERCISE_KEYS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise _problem(where, f"unknown field {key!r}.{hint}")
    kind = data.get("kind")
    if kind not in KINDS:
        raise _problem(where, f"kind must be one of {', '.join(KINDS)}; it is {kind!r}.")
    for key in ("title", "question"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _problem(where, f"{key} must be a non-empty string.")
    for key in ("explanation", "setup"):
        if key in data and not isinstance(data[key], str):
            raise _problem(where, f"{key} must be a string.")
    hints = data.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
        raise _problem(where, "hints must be a list of non-empty strings.")
    options = data.get("options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) and o.strip() for o in options):
        raise _problem(where, "options must be a list of non-empty strings.")
    for key in ("direction", "integer", "ignore_index", "ignore_row_order", "ignore_column_order"):
        if key in data and not isinstance(data[key], bool):
            raise _problem(where, f"{key} must be true or false.")
    for key in ("check_dtype", "check_names"):
        if key in data and not isinstance(data[key], bool):
            raise _problem(where, f"{key} must be true or false.")
    if "tolerance" in data and (
        isinstance(data["tolerance"], bool) or not isinstance(data["tolerance"], int | float) or data["tolerance"] < 0
    ):
        raise _problem(where, "tolerance must be a number >= 0.")
    if "unit" in data and data["unit"] not in UNITS:
        raise _problem(where, f"unit must be one of {', '.join(UNITS)}; it is {data['unit']!r}.")

    try:
        decoded = {key: decode(data[key]) for key in SECRET_KEYS if key in data}
    except BankError as err:
        raise _problem(where, str(err)) from None
    graded = kind != "open"
    if graded:
        if "solution" not in data:
            raise _problem(where, "every graded exercise needs a worked `solution` (code that sets `answer`).")
        if not isinstance(decoded["solution"], str) or not re.search(r"^\s*answer\s*=", decoded["solution"], re.M):
            raise _problem(where, "the solution must be code that assigns `answer = ...`.")
        if not data.get("explanation", "").strip():
            raise _problem(where, "every graded exercise needs an `explanation` shown when the answer is right.")
    elif "model_answer" not in data:
        raise _problem(where, "an open question needs a `model_answer` for the teacher.")
    criteria = data.get("criteria", [])
    if not isinstance(criteria, list) or not all(isinstance(c, str) and c.strip() for c in criteria):
        raise _problem(where, "criteria must be a list of short texts (what a good answer covers).")
    if criteria and graded:
        raise _problem(where, "only open questions have `criteria`; a graded exercise has feedback and hints.")
    if kind in ("series", "frame") and "answer" in data:
        raise _problem(where, f"a {kind} exercise has no `answer`: its solution code computes it.")
    if kind in ("choice", "order"):
        if len(options) < 2 or len(options) > 26:
            raise _problem(where, f"a {kind} exercise needs between 2 and 26 options.")
        if "answer" not in data:
            raise _problem(where, f"a {kind} exercise needs an `answer`.")
        _check_option_answer(kind, decoded["answer"], options, where)
    if kind == "date" and "answer" in data:
        if not isinstance(decoded["answer"], str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", decoded["answer"]):
            raise _problem(where, "a date answer is written 'YYYY-MM-DD'.")
    if kind == "month" and "answer" in data:
        if not isinstance(decoded["answer"], str) or not re.fullmatch(r"\d{4}-\d{2}", decoded["answer"]):
            raise _problem(where, "a month answer is written 'YYYY-MM'.")
    if kind == "number" and "answer" in data:
        value = decoded["answer"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _problem(where, "a number answer must be a number.")
    if kind == "text" and "answer" in data and not isinstance(decoded["answer"], str):
        raise _problem(where, "a text answer must be a string.")
    if kind in ("set", "list") and "answer" in data and not isinstance(decoded["answer"], list):
        raise _problem(where, f"a {kind} answer must be a list.")
    if "accept" in data and not isinstance(decoded["accept"], list):
        raise _problem(where, "accept must be a list of other accepted answers.")

    entries = data.get("feedback", [])
    if not isinstance(entries, list):
        raise _problem(where, "feedback must be [[exercise.feedback]] tables.")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise _problem(where, f"feedback {number} must be a table.")
        bad = set(entry) - FEEDBACK_KEYS
        if bad:
            raise _problem(where, f"feedback {number} has unknown field(s) {', '.join(sorted(bad))}.")
        if not isinstance(entry.get("message"), str) or not entry["message"].strip():
            raise _problem(where, f"feedback {number} needs a message.")
        if ("answer" in entry) == ("solution" in entry):
            raise _problem(where, f"feedback {number} needs either an `answer` or a `solution` (code), not both.")
        try:
            for key in ("answer", "solution"):
                if key in entry:
                    decode(entry[key])
        except BankError as err:
            raise _problem(where, f"feedback {number}: {err}") from None

    settings = {
        key: data[key]
        for key in (
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
        if key in data
    }
    return ExerciseSpec(
        id=raw_id,
        kind=kind,
        title=data["title"].strip(),
        question=data["question"].strip(),
        hints=tuple(h.strip() for h in hints),
        explanation=data.get("explanation", "").strip(),
        options=tuple(o.strip() for o in options),
        setup=data.get("setup"),
        settings=settings,
        feedback=tuple(entries),
        raw=dict(data),
        file=file,
        starter=data.get("starter", _NO_STARTER),
    )


def _check_option_answer(kind: str, answer: Any, options: list[str], where: str) -> None:
    from namlib.exercises.checking import AnswerTypeError, option_letter, order_letters

    try:
        if kind == "choice":
            option_letter(answer, tuple(options))
        else:
            order_letters(answer, tuple(options))
    except AnswerTypeError as err:
        raise _problem(where, f"the answer does not name the options: {err}") from None


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
    return tuple(sorted(specs.items(), key=lambda item: _sort_key(item[0])))


def get_spec(exercise_id: Any, bank: str | os.PathLike | None = None) -> ExerciseSpec:
    """The spec of one exercise, or :class:`UnknownExerciseError` with the closest ids."""
    specs = load_bank(bank)
    key = normalise_id(exercise_id)
    if key is None or key not in specs:
        raise UnknownExerciseError(exercise_id, list(specs))
    return specs[key]
