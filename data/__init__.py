"""The dataset's CSV files and datapackage.json, shipped inside namlib as ``namlib.data``.

Edit the files here: pyproject.toml maps this folder into the package, so there is
no second copy. Load them with ``namlib.load(name)``.
"""
