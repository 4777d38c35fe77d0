package io.cleanercontext.integrations;

import java.util.List;

/**
 * What one platform payload says about a call.
 *
 * @param event the platform's name for the payload ({@code Results}, {@code call_ended}, ...)
 * @param callId the platform's call identifier, or null for a payload about no call
 * @param turns its utterances (or segments of utterances) in order, final or partial
 * @param utteranceEnds the utterances it ends, after its turns are taken: their held segments
 *     become turns
 * @param callEnded whether the payload says the call is over
 * @param ignored whether the payload is of a kind the server has no use for (answered 2xx, so the
 *     platform does not retry it)
 */
public record PlatformMessage(
    String event,
    String callId,
    List<PlatformTurn> turns,
    List<UtteranceEnd> utteranceEnds,
    boolean callEnded,
    boolean ignored) {
  public PlatformMessage {
    turns = List.copyOf(turns);
    utteranceEnds = List.copyOf(utteranceEnds);
  }

  /**
   * The end of the utterance on a line: its held segments that start at or before {@code through}
   * are joined into turns.
   *
   * @param line the audio line ({@code channel:0}), or null for every line of the call
   * @param through the start of the utterance's last segment, or null for every held segment
   */
  public record UtteranceEnd(String line, Double through) {}

  static PlatformMessage turns(String event, String callId, List<PlatformTurn> turns) {
    return new PlatformMessage(event, callId, turns, List.of(), false, false);
  }

  static PlatformMessage ended(String event, String callId, List<PlatformTurn> turns) {
    return new PlatformMessage(event, callId, turns, List.of(), true, false);
  }

  static PlatformMessage segments(
      String event, String callId, List<PlatformTurn> turns, List<UtteranceEnd> ends) {
    return new PlatformMessage(event, callId, turns, ends, false, false);
  }

  static PlatformMessage ignored(String event) {
    return new PlatformMessage(event, null, List.of(), List.of(), false, true);
  }
}
