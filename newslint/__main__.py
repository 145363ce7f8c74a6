"""The ``newslint`` command: the console script's entry point and ``python -m newslint``.

A single-file run is short, so what the interpreter does around it counts (issue 13: start-up
at most 5x a bare ``python -c pass``). Three things about the cyclic garbage collector, which
only the command may decide (a program importing ``newslint``, or this module, keeps its own
settings and its own heap's collections):

- It is off while the command's modules are imported: importing builds a great many objects
  and frees almost none, so the collections it sets off find nothing (a few ms). It is then
  as it was before (on, for the command).
- What was built before the command runs (the imports) is frozen (``gc.freeze``) when it
  starts: it lives as long as the process, and the first collection would otherwise walk all
  of it. The run itself collects at the thresholds ``newslint.cli.main`` sets, its own
  garbage included, also in a program that runs the command in its own process.
- Everything is frozen again by an exit handler, so the interpreter's last collection at
  exit does not walk the whole heap only to free memory the process is about to give back
  (some 15 ms). Files and streams are closed by then (``writing.py``), and the other exit
  handlers still run.
"""

import atexit
import gc

_collecting = gc.isenabled()
gc.disable()
try:
    from newslint.cli import main as _command
finally:
    if _collecting:
        gc.enable()


def main() -> None:
    gc.freeze()
    atexit.register(gc.freeze)
    _command()


if __name__ == "__main__":
    main()
