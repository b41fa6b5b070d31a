"""Tools that make the project's inputs (not part of the ETL): the PDF writer of the corpus, the held-out
sets, the test fixtures and the benchmark."""
