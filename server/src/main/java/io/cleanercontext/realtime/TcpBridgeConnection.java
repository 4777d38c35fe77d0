package io.cleanercontext.realtime;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.StrictJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP bridge client connection: its framing, its authentication deadline, the checks of each
 * frame before the {@link BridgeGuard} and then the action (send, register, unregister, ping).
 */
final class TcpBridgeConnection {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeConnection.class);
  private static final Map<String, BridgeEventType> TYPES =
      Map.of(
          "send",
          BridgeEventType.SEND,
          "publish",
          BridgeEventType.PUBLISH,
          "register",
          BridgeEventType.REGISTER,
          "unregister",
          BridgeEventType.UNREGISTER,
          "ping",
          BridgeEventType.SOCKET_PING);

  private final TcpBridge.Services services;
  private final NetSocket socket;
  private final ConnectionLimiter.Lease lease;
  private final FrameReader reader;
  private final BridgeRegistrations registrations;

  private long unauthenticatedBytes;
  private boolean authenticated;
  private long deadline;
  private boolean closed;

  TcpBridgeConnection(
      TcpBridge.Services services, NetSocket socket, ConnectionLimiter.Lease lease) {
    this.services = services;
    this.socket = socket;
    this.lease = lease;
    this.reader = new FrameReader(services.limits().maxFrameBytes());
    this.registrations = new BridgeRegistrations(services, this, socket);
  }

  void start() {
    services.guard().opened(socket, null);
    socket.handler(this::received);
    socket.exceptionHandler(
        e -> {
          LOG.debug("TCP bridge connection from {}: {}", socket.remoteAddress(), e.toString());
          socket.close();
        });
    socket.closeHandler(v -> cleanUp());
    long timeout = services.limits().unauthenticatedTimeoutMs();
    deadline =
        services
            .vertx()
            .setTimer(
                timeout,
                t -> {
                  if (!authenticated) {
                    refuseAndClose(
                        ErrorCode.UNAUTHORIZED,
                        "no authenticated frame within " + timeout + " ms of connecting");
                  }
                });
  }

  boolean closed() {
    return closed;
  }

  /** The client sent an accepted, authenticated frame: the deadline no longer applies. */
  void authenticated() {
    if (!authenticated) {
      authenticated = true;
      services.vertx().cancelTimer(deadline);
    }
  }

  void write(JsonObject frame) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      // A client that does not read: stop queuing for it rather than grow the heap.
      closed = true;
      socket.close();
      return;
    }
    BridgeFrames.write(socket, frame);
  }

  private void received(Buffer data) {
    if (closed) {
      return;
    }
    long maxBytes = services.limits().unauthenticatedMaxBytes();
    if (!authenticated) {
      unauthenticatedBytes += data.length();
      if (unauthenticatedBytes > maxBytes) {
        refuseAndClose(
            ErrorCode.UNAUTHORIZED,
            "more than " + maxBytes + " bytes before an authenticated frame");
        return;
      }
    }
    String refused;
    try {
      refused = reader.read(data, this::frame, () -> closed);
    } catch (RuntimeException e) {
      // A bug of ours in a frame's handling: end this connection cleanly rather than go on with a
      // state nobody checked. The frame is not logged (its headers carry tokens).
      LOG.warn("TCP bridge frame from {} failed: {}", socket.remoteAddress(), e.toString());
      refuseAndClose(ErrorCode.INTERNAL, "the frame could not be handled; closing the connection");
      return;
    }
    if (refused != null) {
      refuseAndClose(ErrorCode.PAYLOAD_TOO_LARGE, refused);
    }
  }

  private void frame(byte[] bytes) {
    Object parsed;
    try {
      parsed = StrictJson.parse(bytes);
    } catch (StrictJson.Invalid e) {
      write(BridgeFrames.err(ErrorCode.BAD_REQUEST, null, "invalid frame: " + e.getMessage()));
      return;
    }
    if (!(parsed instanceof JsonObject msg)) {
      write(BridgeFrames.err(ErrorCode.BAD_REQUEST, null, "the frame must be a JSON object"));
      return;
    }
    Object typeValue = msg.getValue("type");
    BridgeEventType type = typeValue instanceof String s ? TYPES.get(s) : null;
    if (type == null) {
      write(
          BridgeFrames.err(
              ErrorCode.BAD_REQUEST,
              null,
              typeValue == null
                  ? "the frame has no type"
                  : "unknown frame type: type must be one of send, publish, register, unregister, ping"));
      return;
    }
    if (type == BridgeEventType.SOCKET_PING) {
      write(new JsonObject().put("type", EventTypes.PONG));
      return;
    }
    Object addressValue = msg.getValue("address");
    if (!(addressValue instanceof String address) || address.isEmpty()) {
      write(
          BridgeFrames.err(
              ErrorCode.BAD_REQUEST, null, "the frame has no address (a non-empty string)"));
      return;
    }
    Object replyValue = msg.getValue("replyAddress");
    if (replyValue != null && !(replyValue instanceof String)) {
      write(BridgeFrames.err(ErrorCode.BAD_REQUEST, null, "replyAddress must be a string"));
      return;
    }
    String replyAddress = (String) replyValue;
    if (msg.getValue("headers") != null && !(msg.getValue("headers") instanceof JsonObject)) {
      write(BridgeFrames.err(ErrorCode.BAD_REQUEST, replyAddress, "headers must be a JSON object"));
      return;
    }
    AddressPermissions permissions = services.permissions();
    boolean permitted =
        type == BridgeEventType.UNREGISTER
            || (type == BridgeEventType.REGISTER
                ? permissions.outbound(address)
                : permissions.inbound(address));
    if (!permitted) {
      // the wire message of vertx-tcp-eventbus-bridge, which clients match on
      write(
          BridgeFrames.err(
              ErrorCode.FORBIDDEN, replyAddress != null ? replyAddress : address, "access_denied"));
      return;
    }
    long since = type == BridgeEventType.REGISTER ? ResumePoint.of(msg) : ResumePoint.ABSENT;
    if (since != ResumePoint.ABSENT) {
      registrations.resume(msg, address, since);
      return;
    }
    services
        .guard()
        .check(socket, type, msg)
        .onComplete(
            ar -> {
              if (closed) {
                return;
              }
              if (ar.failed()) {
                write(BridgeGuard.denial(msg, ar.cause()));
                return;
              }
              if (type == BridgeEventType.REGISTER || type == BridgeEventType.SEND) {
                authenticated();
              }
              act(type, address, replyAddress, ar.result());
            });
  }

  private void act(BridgeEventType type, String address, String replyAddress, JsonObject msg) {
    switch (type) {
      case SEND -> BridgeRequests.send(services.vertx(), address, replyAddress, msg, this::write);
      case REGISTER -> registrations.register(address);
      case UNREGISTER -> {
        if (!registrations.unregister(address)) {
          write(BridgeFrames.err(ErrorCode.NOT_FOUND, address, "not registered to " + address));
        }
      }
      default -> write(BridgeFrames.err(ErrorCode.FORBIDDEN, address, type + " is not allowed"));
    }
  }

  private void refuseAndClose(ErrorCode code, String reason) {
    if (closed) {
      return;
    }
    closed = true;
    BridgeFrames.write(socket, BridgeFrames.err(code, null, reason)).eventually(socket::close);
  }

  private void cleanUp() {
    closed = true;
    services.vertx().cancelTimer(deadline);
    registrations.stopAll();
    reader.clear();
    services.guard().closed(socket);
    lease.release();
  }
}
