package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.store.UtteranceSegments;
import java.util.ArrayList;
import java.util.List;

/**
 * One turn made of an utterance's held segments: their texts joined with a space, their words
 * concatenated (so the turn starts at its first word and ends at its last). A diarized line whose
 * speaker changes within the utterance gives one turn per run of one speaker, and an utterance
 * longer than a turn may be is cut between segments (each segment alone fits: it was checked when
 * it arrived).
 *
 * @param speakerKey the platform's speaker of the run
 * @param messageId the turn's identity within the call: the utterance's key (the id of its last
 *     segment), with {@code #n} for the n-th run after the first; the same segments give the same
 *     ids, so submitting them again is harmless
 * @param segments how many segments it joins
 */
public record JoinedUtterance(
    String speakerKey, String text, List<RecognizedWord> words, String messageId, int segments) {
  public JoinedUtterance {
    words = List.copyOf(words);
  }

  /**
   * The turns of one claimed utterance, in order; segments without text add nothing.
   *
   * @param maxChars the longest text of a turn
   */
  public static List<JoinedUtterance> join(
      String utteranceKey, List<UtteranceSegments.Claimed> segments, int maxChars) {
    List<JoinedUtterance> turns = new ArrayList<>();
    String speaker = null;
    StringBuilder text = new StringBuilder();
    List<RecognizedWord> words = new ArrayList<>();
    int count = 0;
    for (UtteranceSegments.Claimed segment : segments) {
      String part = segment.text().strip();
      if (part.isEmpty()) {
        continue;
      }
      boolean tooLong = text.length() + 1 + part.length() > maxChars;
      if (speaker != null && (tooLong || !speaker.equals(segment.speakerKey()))) {
        turns.add(run(utteranceKey, turns.size(), speaker, text, words, count));
        text.setLength(0);
        words = new ArrayList<>();
        count = 0;
      }
      speaker = segment.speakerKey();
      text.append(text.isEmpty() ? "" : " ").append(part);
      words.addAll(RecognizedWord.fromJson(segment.words()));
      count++;
    }
    if (speaker != null) {
      turns.add(run(utteranceKey, turns.size(), speaker, text, words, count));
    }
    return turns;
  }

  private static JoinedUtterance run(
      String key,
      int index,
      String speaker,
      StringBuilder text,
      List<RecognizedWord> words,
      int n) {
    return new JoinedUtterance(
        speaker, text.toString(), words, index == 0 ? key : key + "#" + index, n);
  }
}
