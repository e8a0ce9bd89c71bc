"""Training the block-role model (pagemill/stages/roles.py) from the bench corpus: ``make train``.

    labels.py   the truth's blocks and their roles; a pagemill block's role by aligning its text
    dataset.py  every corpus document read by pagemill, its blocks' features and labels (cached)
    fit.py      gradient-boosted trees (scikit-learn, training only), exported for numpy; the report
"""
