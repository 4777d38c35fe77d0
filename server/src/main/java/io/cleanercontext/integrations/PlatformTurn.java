package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import java.util.List;

/**
 * One utterance of a platform's payload, normalised.
 *
 * @param speakerKey the platform's name for who spoke ({@code user}, {@code agent}, {@code
 *     channel:1}, {@code inbound_track}, ...), mapped to a speaker label by {@link SpeakerMap}
 * @param text what was said
 * @param isFinal whether the recogniser will not revise it (only final turns are stored)
 * @param words the recognised words with their confidence and timings, empty when not given
 * @param messageId the platform's identity of this utterance within the call: a retry carries the
 *     same one, so it makes the retry harmless
 */
public record PlatformTurn(
    String speakerKey, String text, boolean isFinal, List<RecognizedWord> words, String messageId) {
  public PlatformTurn {
    words = words == null ? List.of() : List.copyOf(words);
  }
}
