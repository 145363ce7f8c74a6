"""The ``newslint`` command: the console script's entry point and ``python -m newslint``.

A single-file run is short, so what the interpreter does around it counts (issue 13: start-up
at most 5x a bare ``python -c pass``). Two things about the cyclic garbage collector, which
only the command may decide (a program importing ``newslint`` keeps its own settings):

- It is off while the command's modules are imported: importing builds a great many objects
  and frees almost none, so the collections it sets off find nothing (a few ms). What the
  imports built is then frozen (``gc.freeze``): it lives as long as the process, and the
  first collection after turning the collector back on would otherwise walk all of it. The
  run itself collects at the thresholds ``newslint.cli.main`` sets.
- Everything is frozen (``gc.freeze``) when the command ends, so the interpreter's last
  collection at exit does not walk the whole heap only to free memory the process is about
  to give back (some 15 ms). Files and streams are closed by then (``writing.py``), and the
  exit handlers still run.
"""

import gc

gc.disable()
try:
    from newslint.cli import main as _command
finally:
    gc.freeze()
    gc.enable()


def main() -> None:
    try:
        _command()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
