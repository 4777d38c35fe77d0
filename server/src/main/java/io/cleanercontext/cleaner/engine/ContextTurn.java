package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.Speaker;

/**
 * A cleaned turn as kept in a conversation's context window.
 *
 * @param speaker who said it
 * @param cleanedText the cleaned text (never empty: skipped turns are not kept)
 */
public record ContextTurn(Speaker speaker, String cleanedText) {}
