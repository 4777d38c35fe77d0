package io.cleanercontext.cleaner.engine;

/** A cleaned turn of the sliding window. */
public record ContextTurn(Speaker speaker, String cleanedText) {
}
