"""Built-in rules: one module a rule, each a plain pluggy plugin like any outside one."""

BUILTIN_RULE_MODULES = (
    "newslint.rules.duplicate_paragraph",
    "newslint.rules.duplicate_across_stories",
    "newslint.rules.debris",
    "newslint.rules.trailing_whitespace",
    "newslint.rules.doubled_space",
    "newslint.rules.missing_verb",
    "newslint.rules.article_before_possessive",
    "newslint.rules.doubled_word",
    "newslint.rules.a_an",
    "newslint.rules.invalid_suppression",
    "newslint.rules.repeated_attribution",
    "newslint.rules.inconsistent_naming",
    "newslint.rules.spelling",
)
