"""Write bank files with `tomlkit <https://pypi.org/project/tomlkit/>`_: the one TOML writer of the project.

``python -m namlib exercises encode`` rewrites a bank file with its secret fields encoded
(:func:`encode_toml_text`): the file is edited in place as a tomlkit document, so the
authors' comments, blank lines and string styles survive, and only the secret values change.
The parsed result is checked to be the encoded original before anything is written.
:func:`dumps_toml` writes a new file from parsed data (the tests use it).

Example:
    >>> print(dumps_toml({"exercise": [{"id": "00.1", "kind": "number", "hints": ["one", "two"]}]}))
    [[exercise]]
    id = "00.1"
    kind = "number"
    hints = ["one", "two"]
    <BLANKLINE>
"""

from __future__ import annotations

import tomllib

from namlib.exercises.encoding import encode_secrets, encode_table
from namlib.exercises.errors import BankError


def dumps_toml(data: dict) -> str:
    """Write a bank file (a dict as ``tomllib`` returns it) as TOML text; ``tomllib.loads`` gives ``data`` back.

    Example:
        >>> text = dumps_toml({"exercise": [{"id": "00.1", "feedback": [{"answer": 3, "message": "Off by one."}]}]})
        >>> print(text)
        [[exercise]]
        id = "00.1"
        <BLANKLINE>
        [[exercise.feedback]]
        answer = 3
        message = "Off by one."
        <BLANKLINE>
        >>> tomllib.loads(text)["exercise"][0]["feedback"][0]["answer"]
        3
    """
    import tomlkit  # imported when a file is written, not with namlib

    return tomlkit.dumps(data)


def encode_toml_text(text: str, name: str = "the file") -> str:
    """The text of a bank file with every secret field encoded, everything else as it was.

    Raises :class:`BankError` if the result would not parse to the same content as the
    encoded original (``name`` is the file, for that message).

    Example:
        >>> out = encode_toml_text('# the answer is kept secret\\n[[exercise]]\\nid = "00.1"\\nanswer = 4\\n')
        >>> out.startswith('# the answer is kept secret\\n[[exercise]]\\nid = "00.1"\\nanswer = "enc:')
        True
    """
    import tomlkit

    expected = encode_table(tomllib.loads(text))
    document = tomlkit.parse(text)
    for item in document.get("exercise", []):
        encode_secrets(item)
        for entry in item.get("feedback", []) or []:
            if hasattr(entry, "keys"):  # a table; anything else is the bank checks' to report
                encode_secrets(entry)
    out = tomlkit.dumps(document)
    if tomllib.loads(out) != expected:  # pragma: no cover - a bug in tomlkit or in encode_secrets
        raise BankError(f"Writing {name} would change its content; nothing written.")
    return out
