package io.cleanercontext.integrations;

import java.util.List;

/**
 * What one platform payload says about a call.
 *
 * @param event the platform's name for the payload ({@code Results}, {@code call_ended}, ...)
 * @param callId the platform's call identifier, or null for a payload about no call
 * @param turns its utterances in order, final or partial
 * @param callEnded whether the payload says the call is over
 * @param ignored whether the payload is of a kind the server has no use for (answered 2xx, so the
 *     platform does not retry it)
 */
public record PlatformMessage(
    String event, String callId, List<PlatformTurn> turns, boolean callEnded, boolean ignored) {
  public PlatformMessage {
    turns = List.copyOf(turns);
  }

  static PlatformMessage turns(String event, String callId, List<PlatformTurn> turns) {
    return new PlatformMessage(event, callId, turns, false, false);
  }

  static PlatformMessage ended(String event, String callId, List<PlatformTurn> turns) {
    return new PlatformMessage(event, callId, turns, true, false);
  }

  static PlatformMessage ignored(String event) {
    return new PlatformMessage(event, null, List.of(), false, true);
  }
}
