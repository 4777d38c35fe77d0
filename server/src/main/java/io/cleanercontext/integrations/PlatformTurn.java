package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import java.util.List;

/**
 * One utterance of a platform's payload, normalised, or one final segment of an utterance the
 * platform sends in pieces (Deepgram).
 *
 * @param speakerKey the platform's name for who spoke ({@code user}, {@code agent}, {@code
 *     channel:1}, {@code inbound_track}, ...), mapped to a speaker label by {@link SpeakerMap}
 * @param text what was said
 * @param isFinal whether the recogniser will not revise it (only final turns are stored)
 * @param words the recognised words with their confidence and timings, empty when not given
 * @param messageId the platform's identity of this utterance (or segment) within the call: a retry
 *     carries the same one, so it makes the retry harmless
 * @param segment where a final segment belongs, or null when this is a whole utterance: a segment
 *     is held until its utterance ends ({@link PlatformMessage#utteranceEnds()}) and joined with
 *     the others of its line into one turn
 */
public record PlatformTurn(
    String speakerKey,
    String text,
    boolean isFinal,
    List<RecognizedWord> words,
    String messageId,
    Segment segment) {
  public PlatformTurn {
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** A whole utterance (or a partial one). */
  public PlatformTurn(
      String speakerKey,
      String text,
      boolean isFinal,
      List<RecognizedWord> words,
      String messageId) {
    this(speakerKey, text, isFinal, words, messageId, null);
  }

  /**
   * Where a segment belongs.
   *
   * @param line the audio line it was heard on ({@code channel:0}): an utterance is one line's
   * @param start when its audio starts, seconds from the start of the stream (orders the segments)
   */
  public record Segment(String line, double start) {}
}
