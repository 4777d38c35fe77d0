package io.cleanercontext.realtime;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;

/**
 * The frames the TCP bridge writes (the wire format of vertx-tcp-eventbus-bridge): a 4-byte
 * big-endian length, then that many bytes of JSON. {@link FrameReader} reads the other way.
 */
final class BridgeFrames {
  private BridgeFrames() {}

  static Buffer encode(JsonObject frame) {
    byte[] data = frame.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(data.length + 4).appendInt(data.length).appendBytes(data);
  }

  static Future<Void> write(NetSocket socket, JsonObject frame) {
    return socket.write(encode(frame));
  }

  /** A published message on {@code address}, as the bridge delivers it to a registration. */
  static JsonObject message(String address, Object body) {
    return message(address, new JsonObject(), false, body);
  }

  static JsonObject message(String address, JsonObject headers, boolean send, Object body) {
    return new JsonObject()
        .put("type", EventTypes.MESSAGE)
        .put("address", address)
        .put("headers", headers)
        .put("send", send)
        .put("body", body);
  }

  /** A refused frame: its status and failure code, the address at fault (or null), why. */
  static JsonObject err(ErrorCode code, String address, String message) {
    return new JsonObject()
        .put("type", EventTypes.ERR)
        .put("status", code.httpStatus())
        .put("failureCode", code.code())
        .put("address", address)
        .put("message", message);
  }
}
