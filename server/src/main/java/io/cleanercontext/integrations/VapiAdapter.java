package io.cleanercontext.integrations;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Vapi server-URL messages (schema: https://docs.vapi.ai/server-url/events and
 * https://docs.vapi.ai/server-url/server-authentication): {@code {"message": {...}}} with {@code
 * type} {@code transcript} ({@code role} user or assistant, {@code transcriptType} partial or
 * final, {@code transcript}) and {@code end-of-call-report}, which ends the call; every other type
 * is acknowledged and ignored. Vapi sends the secret configured on the assistant in {@code
 * x-vapi-secret}. A transcript message carries no id of its own: its call, role, type, timestamp
 * and text identify it, so a retry of the same message is recognised.
 */
final class VapiAdapter implements Adapter {
  static final String SECRET_HEADER = "x-vapi-secret";

  @Override
  public void verify(HookRequest request, String secret) {
    String given = request.headers().get(SECRET_HEADER);
    if (given == null) {
      throw Signatures.unauthorized("the " + SECRET_HEADER + " header is required");
    }
    if (!Signatures.same(secret, given)) {
      throw Signatures.unauthorized(
          "the " + SECRET_HEADER + " header does not match the integration's secret");
    }
  }

  @Override
  public PlatformMessage parse(HookRequest request) {
    JsonObject message = Payloads.object(Payloads.json(request.body()), "message", "message");
    String type = Payloads.string(message, "type", "message.type");
    boolean transcript = type.equals("transcript") || type.startsWith("transcript[");
    boolean ended = type.equals("end-of-call-report");
    if (!transcript && !ended) {
      return PlatformMessage.ignored(type);
    }
    String callId =
        Payloads.nonBlank(
            Payloads.object(message, "call", "message.call"), "id", "message.call.id");
    if (ended) {
      return PlatformMessage.ended(type, callId, List.of());
    }
    String role = Payloads.nonBlank(message, "role", "message.role");
    String kind = Payloads.string(message, "transcriptType", "message.transcriptType");
    if (!kind.equals("partial") && !kind.equals("final")) {
      throw Payloads.bad(
          "message.transcriptType must be partial or final", "message.transcriptType");
    }
    String text = Payloads.string(message, "transcript", "message.transcript");
    Double timestamp = Payloads.number(message, "timestamp", "message.timestamp", false);
    if (text.isBlank()) {
      return PlatformMessage.turns(type, callId, List.of());
    }
    String messageId = "transcript:" + digest(role, kind, String.valueOf(timestamp), text);
    return PlatformMessage.turns(
        type,
        callId,
        List.of(new PlatformTurn(role, text, kind.equals("final"), List.of(), messageId)));
  }

  private static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
