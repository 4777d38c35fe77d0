package io.cleanercontext.cleaner.engine;

/**
 * A phrase of the user's turn ({@code start}, {@code len} words) that matches a term, with the
 * score that ranks it against overlapping matches; {@code replacement} null means "keep as said,
 * but lock these words".
 */
record TermMatch(
    int start,
    int len,
    Term term,
    double score,
    String replacement,
    Confidence confidence,
    String reason) {}
