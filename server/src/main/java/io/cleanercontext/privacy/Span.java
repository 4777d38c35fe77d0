package io.cleanercontext.privacy;

/** A value found in a turn: its type and its character range in the turn as given. */
record Span(PiiType type, int start, int end) {}
