"""Built-in rules: one module a rule, each a plain pluggy plugin like any outside one."""

BUILTIN_RULE_MODULES = (
    "newslint.rules.duplicate_paragraph",
    "newslint.rules.debris",
    "newslint.rules.trailing_whitespace",
    "newslint.rules.doubled_space",
    "newslint.rules.repeated_attribution",
)
