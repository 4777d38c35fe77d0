package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retell webhook events (schema: https://docs.retellai.com/features/webhook-overview; signature:
 * https://docs.retellai.com/features/secure-webhook): {@code {"event": ..., "call": {...}}}. {@code
 * call_started} opens the call's conversation; {@code call_ended} and {@code call_analyzed} carry
 * the whole {@code transcript_object} (utterances with {@code role} agent or user, {@code content}
 * and {@code words}), whose utterances are final turns identified by their position, so the second
 * event stores nothing new; {@code call_ended} ends the call. Other events are ignored.
 *
 * <p>{@code x-retell-signature} is {@code v=<unix ms>,d=<hex HMAC-SHA256 of body + unix ms>} keyed
 * by the Retell API key, as Retell's SDKs compute and check it, with their five-minute window.
 */
final class RetellAdapter implements Adapter {
  static final String SIGNATURE_HEADER = "x-retell-signature";
  static final long WINDOW_MS = 5 * 60 * 1000L;
  private static final Pattern SIGNATURE = Pattern.compile("v=(\\d{1,19}),d=([0-9a-fA-F]+)");

  @Override
  public void verify(HookRequest request, String secret) {
    String header = request.headers().get(SIGNATURE_HEADER);
    if (header == null) {
      throw Signatures.unauthorized("the " + SIGNATURE_HEADER + " header is required");
    }
    Matcher m = SIGNATURE.matcher(header.strip());
    if (!m.matches()) {
      throw Signatures.unauthorized(SIGNATURE_HEADER + " is not v=<timestamp>,d=<digest>");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw Signatures.unauthorized(SIGNATURE_HEADER + " has no valid timestamp");
    }
    if (Math.abs(request.nowMs() - timestamp) > WINDOW_MS) {
      throw Signatures.unauthorized(SIGNATURE_HEADER + " is older than five minutes");
    }
    byte[] signed =
        (request.body().toString(StandardCharsets.UTF_8) + m.group(1))
            .getBytes(StandardCharsets.UTF_8);
    if (!Signatures.same(Signatures.hmacSha256Hex(secret, signed), m.group(2).toLowerCase())) {
      throw Signatures.unauthorized(SIGNATURE_HEADER + " does not match the body");
    }
  }

  /** The header Retell would send for this body at this time (tests and the README example). */
  static String sign(String body, String secret, long timestampMs) {
    String digest =
        Signatures.hmacSha256Hex(secret, (body + timestampMs).getBytes(StandardCharsets.UTF_8));
    return "v=" + timestampMs + ",d=" + digest;
  }

  @Override
  public PlatformMessage parse(HookRequest request) {
    JsonObject body = Payloads.json(request.body());
    String event = Payloads.string(body, "event", "event");
    if (!List.of("call_started", "call_ended", "call_analyzed").contains(event)) {
      return PlatformMessage.ignored(event);
    }
    JsonObject call = Payloads.object(body, "call", "call");
    String callId = Payloads.nonBlank(call, "call_id", "call.call_id");
    if (event.equals("call_started")) {
      return PlatformMessage.turns(event, callId, List.of());
    }
    JsonArray utterances =
        Payloads.optionalArray(call, "transcript_object", "call.transcript_object");
    List<PlatformTurn> turns = new ArrayList<>(utterances.size());
    for (int i = 0; i < utterances.size(); i++) {
      JsonObject utterance = Payloads.element(utterances, i, "call.transcript_object");
      String path = "call.transcript_object[" + i + "]";
      String role = Payloads.nonBlank(utterance, "role", path + ".role");
      String content = Payloads.string(utterance, "content", path + ".content");
      List<RecognizedWord> words = words(utterance, path);
      if (!content.isBlank()) {
        turns.add(new PlatformTurn(role, content, true, words, "utterance:" + i));
      }
    }
    return event.equals("call_ended")
        ? PlatformMessage.ended(event, callId, turns)
        : PlatformMessage.turns(event, callId, turns);
  }

  private static List<RecognizedWord> words(JsonObject utterance, String path) {
    JsonArray array = Payloads.optionalArray(utterance, "words", path + ".words");
    List<RecognizedWord> words = new ArrayList<>(array.size());
    for (int w = 0; w < array.size(); w++) {
      JsonObject word = Payloads.element(array, w, path + ".words");
      String at = path + ".words[" + w + "]";
      words.add(
          new RecognizedWord(
              Payloads.string(word, "word", at + ".word"),
              Payloads.number(word, "confidence", at + ".confidence", false),
              Payloads.number(word, "start", at + ".start", false),
              Payloads.number(word, "end", at + ".end", false)));
    }
    return words;
  }
}
