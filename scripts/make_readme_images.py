"""Render the README's example pictures: one PNG per plot function in namlib.plots.

    .venv/bin/python scripts/make_readme_images.py          # (re)write docs/images/*.png
    .venv/bin/python scripts/make_readme_images.py --check  # exit 1 if a picture is out of date

Deterministic: the Agg backend, a fixed dpi, and PNG metadata without software version or
date, so the same data and library versions give the same bytes. Images are generated,
never edited by hand; docs/plots.md links them.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from namlib import plots  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"
DPI = 100

#: file name -> (function, keyword arguments); one picture per plot function (two for the timeline)
PICTURES = {
    "timeline.png": (plots.timeline, {}),
    "timeline_2019_2024.png": (plots.timeline, {"start": 2019, "end": 2024}),
    "membership_growth.png": (plots.membership_growth, {}),
    "members_by_region.png": (plots.members_by_region, {}),
    "world_map.png": (plots.world_map, {}),
    "chair_periods.png": (plots.chair_periods, {}),
    "attendance.png": (plots.attendance, {"event_id": "2019-10-25-baku-summit"}),
}


def render(function, kwargs: dict) -> bytes:
    ax = function(**kwargs)
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(ax.figure)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files in docs/images")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, (function, kwargs) in PICTURES.items():
        data = render(function, kwargs)
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
            continue
        path.write_bytes(data)
        print(f"{path.relative_to(args.out.parents[1]) if args.out == OUT else path}: {len(data) // 1024} KB")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/make_readme_images.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
