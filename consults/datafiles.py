"""Where the queue's data files are (``consults/data/*.yaml``).

Each file holds words the code reads (the words a consult is stored as, how staff write a
school's name, what looks like a child's name); each is read once with
``directory.yamlfile.load_data_file``, so a wrong file stops the start with every problem at
its file:line (``DataFileInvalid``), never a wrong answer later.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
