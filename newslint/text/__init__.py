"""Language helpers shared by rules: words, sentences, lexicons. Computed once per document."""
