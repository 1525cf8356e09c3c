"""``<column>__words``: the word-start matching of Pustaka search, fast on PostgreSQL.

A stemmed search column (``search_text``, ``search_primary``) holds lower-case
alphanumeric words between single spaces (``search.index_text``). The lookup's
value is a list of *groups*; a row matches when, for every group, the column
holds one of the group's forms. A form ending in ``*`` matches a word starting
with it, any other form the whole word::

    search_text__words=[("rencana*",), ("tani*", "pertanian*")]

Everywhere this is ``LIKE '% rencana%'`` (or ``'% rencana %'``). On PostgreSQL
the same test reads a ``tsvector`` of the column that migration 0004 stores
beside it (``<column>_vector``, the ``simple`` configuration, so its lexemes are
exactly the column's words) as one ``@@`` query: the GIN index on
``search_text_vector`` finds the matching documents without reading every
document's text, and testing a stored vector is cheaper than ``LIKE`` when
ranking thousands of matches. Both give the same answers (tested on both).
"""

import re

from django.db.models import Expression, F, IntegerField, Lookup

# What search.words() yields: nothing a tsquery or a LIKE pattern treats specially.
FORM_RE = re.compile(r"[0-9a-z]+\*?")


def _forms(groups):
    groups = [tuple(group) for group in groups]
    if not groups or not all(groups):
        raise ValueError("__words needs at least one form in every group.")
    for form in (form for group in groups for form in group):
        if not FORM_RE.fullmatch(form):
            raise ValueError(f"Not a search form: {form!r}")
    return groups


class Words(Lookup):
    """Every group of forms has a word in the column (see the module docstring)."""

    lookup_name = "words"
    prepare_rhs = False

    def get_prep_lookup(self):
        return _forms(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        clauses, params = [], []
        for group in self.rhs:
            alternatives = []
            for form in group:
                word = form.rstrip("*")
                alternatives.append(f"{lhs} LIKE %s")
                params += [
                    *lhs_params,
                    f"% {word}%" if form[-1] == "*" else f"% {word} %",
                ]
            clauses.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(clauses), params

    def as_postgresql(self, compiler, connection):
        column = self.lhs.target.column
        vector = connection.ops.quote_name(f"{column}_vector")
        alias = compiler.quote_name_unless_alias(self.lhs.alias)
        query = " & ".join(
            "(" + " | ".join(_lexeme(form) for form in group) + ")"
            for group in self.rhs
        )
        return f"{alias}.{vector} @@ to_tsquery('simple', %s)", [query]


def _lexeme(form):
    """``rencana*`` → ``'rencana':*``; ``rencana`` → ``'rencana'``."""
    if form.endswith("*"):
        return f"'{form[:-1]}':*"
    return f"'{form}'"


class WordStartScore(Expression):
    """The ranking points a stemmed column gives a query's terms, in one piece.

    For each term ``(starts, word)``: 2 when the column holds a word starting
    with one of ``starts`` (``__words``), 3 when it also holds ``word`` itself
    (a whole word is also a word start, so the second test only runs after
    the first). The same SQL as a ``Case(When(<column>__words=...))`` per test,
    without building and compiling a tree of expressions on every request.
    """

    output_field = IntegerField()

    def __init__(self, column, terms):
        super().__init__()
        self.column = F(column) if isinstance(column, str) else column
        self.terms = [
            (
                _forms([tuple(f"{start}*" for start in starts)])[0],
                _forms([(word,)])[0][0],
            )
            for starts, word in terms
        ]
        if not self.terms:
            raise ValueError("WordStartScore needs at least one term.")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def _sql(self, test, params_of):
        parts, params = [], []
        for starts, word in self.terms:
            parts.append(
                f"CASE WHEN {test(len(starts))} THEN "
                f"(CASE WHEN {test(1)} THEN 3 ELSE 2 END) ELSE 0 END"
            )
            params += [*params_of(starts), *params_of((word,))]
        return "(" + " + ".join(parts) + ")", params

    def as_sql(self, compiler, connection):
        lhs, lhs_params = compiler.compile(self.column)

        def test(count):
            return "(" + " OR ".join([f"{lhs} LIKE %s"] * count) + ")"

        def params_of(forms):
            return [
                param
                for form in forms
                for param in (
                    *lhs_params,
                    f"% {form[:-1]}%" if form[-1] == "*" else f"% {form} %",
                )
            ]

        return self._sql(test, params_of)

    def as_postgresql(self, compiler, connection):
        column = self.column.target.column
        vector = connection.ops.quote_name(f"{column}_vector")
        alias = compiler.quote_name_unless_alias(self.column.alias)

        def test(_count):
            return f"{alias}.{vector} @@ to_tsquery('simple', %s)"

        def params_of(forms):
            return ["(" + " | ".join(_lexeme(form) for form in forms) + ")"]

        return self._sql(test, params_of)
