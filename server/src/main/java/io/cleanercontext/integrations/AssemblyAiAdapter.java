package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * AssemblyAI Universal-Streaming {@code Turn} messages, as a relay forwards them from AssemblyAI's
 * WebSocket (schema:
 * https://www.assemblyai.com/docs/api-reference/streaming-api/universal-streaming and
 * https://www.assemblyai.com/docs/streaming/universal-streaming/message-sequence). A turn is final
 * at {@code end_of_turn}; a session with {@code format_turns} sends it twice, unformatted then
 * formatted, so with the integration's {@code format_turns} option (the default) only the formatted
 * one is final and the other is published as partial. Word times are milliseconds in the payload
 * and seconds once read. The messages name no session, so the relay names the call with {@code
 * call_id}; {@code turn_order} identifies the turn.
 */
final class AssemblyAiAdapter implements Adapter {

  @Override
  public void verify(HookRequest request, String secret) {
    Signatures.sharedSecret(request, secret);
  }

  @Override
  public PlatformMessage parse(HookRequest request) {
    JsonObject body = Payloads.json(request.body());
    String type = Payloads.string(body, "type", "type");
    if (!"Turn".equals(type)) {
      return PlatformMessage.ignored(type); // Begin, SpeechStarted, Termination
    }
    if (request.callId() == null || request.callId().isBlank()) {
      throw Payloads.bad(
          "call_id (query parameter) is required: AssemblyAI's Turn messages name no session",
          "call_id");
    }
    Double order = Payloads.number(body, "turn_order", "turn_order", true);
    String transcript = Payloads.string(body, "transcript", "transcript");
    boolean endOfTurn = Payloads.bool(body, "end_of_turn", "end_of_turn", null);
    boolean formatted = Payloads.bool(body, "turn_is_formatted", "turn_is_formatted", false);
    boolean waitForFormatted = request.options().getBoolean("format_turns", true);
    boolean isFinal = endOfTurn && (formatted || !waitForFormatted);
    JsonArray wordArray = Payloads.optionalArray(body, "words", "words");
    List<RecognizedWord> words = new ArrayList<>(wordArray.size());
    for (int i = 0; i < wordArray.size(); i++) {
      JsonObject word = Payloads.element(wordArray, i, "words");
      String path = "words[" + i + "]";
      words.add(
          new RecognizedWord(
              Payloads.string(word, "text", path + ".text"),
              Payloads.number(word, "confidence", path + ".confidence", false),
              seconds(Payloads.number(word, "start", path + ".start", false)),
              seconds(Payloads.number(word, "end", path + ".end", false))));
    }
    if (transcript.isBlank()) {
      return PlatformMessage.turns(type, request.callId(), List.of());
    }
    String messageId = "turn:" + order.longValue() + (formatted ? ":formatted" : "");
    return PlatformMessage.turns(
        type,
        request.callId(),
        List.of(new PlatformTurn("stream", transcript, isFinal, words, messageId)));
  }

  private static Double seconds(Double millis) {
    return millis == null ? null : millis / 1000.0;
  }
}
