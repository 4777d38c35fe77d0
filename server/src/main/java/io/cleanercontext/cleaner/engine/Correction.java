package io.cleanercontext.cleaner.engine;

/** One change a stage made to a turn, with why. */
public record Correction(String original, String corrected, Confidence confidence, String reason) {
}
