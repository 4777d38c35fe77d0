package io.cleanercontext.realtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * What a TCP bridge client is told when its REGISTER took effect: a {@code message} frame on the
 * registered address whose body is {@code {type: "registered", address, resume_from}}. A client
 * that sends turns after reading it receives them (the example clients in {@code
 * scripts/bridge-clients} wait for it).
 */
final class BridgeConfirmations {
  static final String REGISTERED = "registered";

  private BridgeConfirmations() {}

  /**
   * The confirmation's body; {@code resumeFrom} is the since of a resuming registration, else -1.
   */
  static JsonObject registered(String address, long resumeFrom) {
    return new JsonObject()
        .put("type", REGISTERED)
        .put("address", address)
        .put("resume_from", resumeFrom >= 0 ? resumeFrom : null);
  }

  /** A frame of the TCP bridge's protocol: 4-byte big-endian length, then the JSON. */
  static Buffer frame(JsonObject json) {
    byte[] bytes = json.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(bytes.length + 4).appendInt(bytes.length).appendBytes(bytes);
  }

  /** The confirmation as a bridge {@code message} frame. */
  static Buffer registeredFrame(String address, long resumeFrom) {
    return frame(registeredMessage(address, resumeFrom));
  }

  /** The confirmation's {@code message} frame, as JSON. */
  static JsonObject registeredMessage(String address, long resumeFrom) {
    return new JsonObject()
        .put("type", "message")
        .put("address", address)
        .put("headers", new JsonObject())
        .put("send", false)
        .put("body", registered(address, resumeFrom));
  }
}
