"""newslint-languagetool: LanguageTool's grammar, spelling and style checks in newslint.

Installed next to newslint, it is found through the ``newslint`` entry-point group
(``newslint_languagetool.plugin``). Nothing is imported or contacted until a run
names a LanguageTool server; see README.md.
"""

__version__ = "0.4.0"
