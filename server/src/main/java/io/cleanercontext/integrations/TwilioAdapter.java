package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio Real-Time Transcription callbacks, {@code <Start><Transcription statusCallbackUrl=...>}
 * (schema: https://www.twilio.com/docs/voice/twiml/transcription#statuscallbackurl): form-encoded
 * parameters; {@code TranscriptionEvent=transcription-content} carries {@code TranscriptionData}
 * (JSON: {@code transcript}, {@code confidence}), {@code Final}, {@code Track} (inbound_track or
 * outbound_track), {@code CallSid}, {@code TranscriptionSid} and {@code SequenceId}, which
 * identifies the callback. Other events (started, stopped, error) are ignored. Twilio gives one
 * confidence per utterance: each word of it carries that confidence, without timings.
 *
 * <p>{@code X-Twilio-Signature} is the base64 HMAC-SHA1, keyed by the account's auth token, of the
 * URL Twilio called followed by every POST parameter's name and value, sorted by name
 * (https://www.twilio.com/docs/usage/security#validating-requests).
 */
final class TwilioAdapter implements Adapter {
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  @Override
  public void verify(HookRequest request, String secret) {
    String given = request.headers().get(SIGNATURE_HEADER);
    if (given == null) {
      throw Signatures.unauthorized("the " + SIGNATURE_HEADER + " header is required");
    }
    String expected =
        sign(request.url(), form(request.body().toString(StandardCharsets.UTF_8)), secret);
    if (!Signatures.same(expected, given.strip())) {
      throw Signatures.unauthorized(
          SIGNATURE_HEADER + " does not match the URL and parameters (check the URL configured)");
    }
  }

  /**
   * Twilio's signature of a request to {@code url} with these POST parameters; a repeated
   * parameter's distinct values in sorted order, as Twilio's helper libraries compute it.
   */
  static String sign(String url, Map<String, List<String>> params, String authToken) {
    StringBuilder data = new StringBuilder(url);
    params.forEach(
        (name, values) ->
            values.stream().distinct().sorted().forEach(v -> data.append(name).append(v)));
    return Signatures.hmacSha1Base64(authToken, data.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The form's parameters by name, sorted by name, each with its values in order. */
  static Map<String, List<String>> form(String body) {
    Map<String, List<String>> params = new TreeMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw Payloads.bad(
            "the body is not form-encoded (application/x-www-form-urlencoded)", null);
      }
    }
    return params;
  }

  @Override
  public PlatformMessage parse(HookRequest request) {
    Map<String, List<String>> params = form(request.body().toString(StandardCharsets.UTF_8));
    String event = required(params, "TranscriptionEvent");
    if (!event.equals("transcription-content")) {
      return PlatformMessage.ignored(event);
    }
    String callId = required(params, "CallSid");
    String track = required(params, "Track");
    String sequence = required(params, "SequenceId");
    String transcription = required(params, "TranscriptionSid");
    String isFinal = first(params, "Final");
    if (isFinal != null && !isFinal.equals("true") && !isFinal.equals("false")) {
      throw Payloads.bad("Final must be true or false", "Final");
    }
    JsonObject data;
    try {
      data = new JsonObject(required(params, "TranscriptionData"));
    } catch (DecodeException | ClassCastException e) {
      throw Payloads.bad("TranscriptionData must be a JSON object", "TranscriptionData");
    }
    String text = Payloads.string(data, "transcript", "TranscriptionData.transcript");
    Double confidence = Payloads.number(data, "confidence", "TranscriptionData.confidence", false);
    if (text.isBlank()) {
      return PlatformMessage.turns(event, callId, List.of());
    }
    List<RecognizedWord> words = new ArrayList<>();
    for (String word : text.strip().split("\\s+")) {
      words.add(new RecognizedWord(word, confidence, null, null));
    }
    return PlatformMessage.turns(
        event,
        callId,
        List.of(
            new PlatformTurn(
                track, text, "true".equals(isFinal), words, transcription + ":" + sequence)));
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String required(Map<String, List<String>> params, String name) {
    String value = first(params, name);
    if (value == null || value.isBlank()) {
      throw Payloads.bad(name + " is required", name);
    }
    return value;
  }
}
