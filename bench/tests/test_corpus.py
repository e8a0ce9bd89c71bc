"""The corpus generator: deterministic, big enough, and its ground truth readable by the scorers."""

from bench.corpus.generate import build, recipes
from bench.corpus.model import Cell, Document, Heading, Math, Para, Table, latex_rows, truth_markdown
from bench.score import score_document
from bench.score.markdown import display_math, headings, tables


def test_at_least_sixty_documents_with_every_language():
    all_recipes = recipes()
    assert len(all_recipes) + sum(len(r.scans) for r in all_recipes) >= 60
    assert {r.lang for r in all_recipes} >= {"en", "de", "fr", "ru", "el", "zh", "ja", "ar", "he"}
    assert {r.columns for r in all_recipes} == {1, 2}
    assert len({r.name for r in all_recipes}) == len(all_recipes)


def test_build_is_deterministic():
    recipe = recipes()[1]
    assert truth_markdown(build(recipe)) == truth_markdown(build(recipe))


def test_ground_truth_round_trips_through_the_scorer():
    for recipe in recipes():
        doc = build(recipe)
        truth = truth_markdown(doc)
        assert len(tables(truth)) == sum(isinstance(b, Table) for b in doc.blocks), recipe.name
        assert len(display_math(truth)) == sum(isinstance(b, Math) for b in doc.blocks), recipe.name
        assert len(headings(truth)) == sum(isinstance(b, Heading) for b in doc.blocks), recipe.name
        kinds = [{"ruled": b.ruled, "merged": b.merged} for b in doc.blocks if isinstance(b, Table)]
        scores = score_document(truth, {"tables": kinds, "scanned": True}, truth)
        assert scores["text"] == 1.0 and scores["cer"] == 0.0, recipe.name
        assert all(t["teds"] == 1.0 for t in scores["tables"]), recipe.name


def test_merged_table_truth_is_html_with_spans():
    table = Table(
        [[Cell("A", rowspan=2), Cell("B", colspan=2)], [Cell("b1"), Cell("b2")], [Cell("1"), Cell("2"), Cell("3")]],
        header_rows=2,
        ruled=True,
        caption="Spans",
        number=1,
    )
    truth = truth_markdown(Document([Para("Intro."), table]))
    assert '<th rowspan="2">A</th><th colspan="2">B</th>' in truth
    assert "Table 1: Spans" in truth


def test_latex_rows_leave_room_under_a_rowspan():
    table = Table([[Cell("A", rowspan=2), Cell("B")], [Cell("b")]], header_rows=1, ruled=True, caption="c")
    rows = latex_rows(table)
    assert rows[0] == (r"\multirow{2}{*}{A} & B", r"\cline{2-2}")
    assert rows[1] == (" & b", r"\hline")


def test_numbered_headings_carry_their_numbers():
    doc = Document([Heading(1, "One"), Heading(2, "Sub"), Heading(1, "Two")], numbered=True)
    assert headings(truth_markdown(doc)) == [(1, "1 One"), (2, "1.1 Sub"), (1, "2 Two")]
