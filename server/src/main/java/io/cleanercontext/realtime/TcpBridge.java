package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.StrictJson;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge (the wire protocol of vertx-tcp-eventbus-bridge: a 4-byte big-endian
 * length, then that many bytes of JSON), served by us rather than by that library because a bridge
 * open to the network must refuse before it buffers: the length prefix is checked against {@code
 * max_bridge_frame_bytes} before any body is read; a connection that has not sent an accepted,
 * authenticated frame within {@code bridge_unauthenticated_timeout_ms} or {@code
 * bridge_unauthenticated_max_bytes} is closed; connections per client address are capped. Every
 * refused frame gets exactly one {@code err} frame naming the reason; frames are never logged
 * (their headers carry bearer tokens). Authorization is the {@link BridgeGuard}'s.
 *
 * <p>Every REGISTER that took effect is confirmed with a {@code message} frame on the address whose
 * body is {@code {type: registered}} ({@link BridgeConfirmations}), sent once the subscription is
 * known cluster-wide. A REGISTER with {@code since} (a field of the frame or a header) on a
 * conversation address is served by a {@link BridgeResume}: stored turns after {@code since}, then
 * live ones, each once.
 */
final class TcpBridge {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridge.class);
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

  /** The limits of one bridge; see docs/SECURITY.md. */
  record Limits(int maxFrameBytes, long unauthenticatedTimeoutMs, long unauthenticatedMaxBytes) {}

  private final Vertx vertx;
  private final BridgeGuard guard;
  private final Limits limits;
  private final ConnectionLimiter perAddress;
  private final List<PermittedOptions> inbound;
  private final List<PermittedOptions> outbound;
  private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();
  private NetServer server;

  /** For REGISTER with {@code since}; null: such a REGISTER is refused. */
  private Authenticator authenticator;

  private TurnStore turns;
  private int maxBuffered;

  TcpBridge(
      Vertx vertx,
      BridgeOptions permissions,
      BridgeGuard guard,
      Limits limits,
      ConnectionLimiter perAddress) {
    this.vertx = vertx;
    this.guard = guard;
    this.limits = limits;
    this.perAddress = perAddress;
    this.inbound = permissions.getInboundPermitteds();
    this.outbound = permissions.getOutboundPermitteds();
  }

  /** Serves REGISTER with {@code since} from the stored turns ({@link BridgeResume}). */
  TcpBridge withResume(Authenticator authenticator, TurnStore turns, int maxBuffered) {
    this.authenticator = authenticator;
    this.turns = turns;
    this.maxBuffered = maxBuffered;
    return this;
  }

  Future<NetServer> listen(NetServerOptions options) {
    server = vertx.createNetServer(options).connectHandler(this::connected);
    return server.listen();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void connected(NetSocket socket) {
    ConnectionLimiter.Lease lease = perAddress.tryOpen(socket.remoteAddress().hostAddress());
    if (lease == null) {
      writeFrame(
          socket,
          err(
              ErrorCode.TOO_MANY_REQUESTS,
              null,
              "too many bridge connections from this address (at most " + perAddress.max() + ")"));
      socket.close();
      return;
    }
    new Connection(socket, lease).start();
  }

  static Future<Void> writeFrame(NetSocket socket, JsonObject frame) {
    byte[] data = frame.encode().getBytes(StandardCharsets.UTF_8);
    return socket.write(Buffer.buffer(data.length + 4).appendInt(data.length).appendBytes(data));
  }

  static JsonObject err(ErrorCode code, String address, String message) {
    return new JsonObject()
        .put("type", "err")
        .put("status", code.httpStatus())
        .put("failureCode", code.code())
        .put("address", address)
        .put("message", message);
  }

  /** One client connection: its framing state, its subscriptions, its limits. */
  private final class Connection {
    private final NetSocket socket;
    private final ConnectionLimiter.Lease lease;
    private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();

    /**
     * Registrations with {@code since}, per address; replace the plain consumer of that address.
     */
    private final Map<String, BridgeResume> resumes = new HashMap<>();

    private Buffer pending = Buffer.buffer();

    /** Length of the frame being read, or -1 while reading its length prefix. */
    private int expected = -1;

    private long unauthenticatedBytes;
    private boolean authenticated;
    private long deadline;
    private boolean closed;

    Connection(NetSocket socket, ConnectionLimiter.Lease lease) {
      this.socket = socket;
      this.lease = lease;
    }

    void start() {
      guard.opened(socket, null);
      socket.handler(this::received);
      socket.exceptionHandler(
          e -> {
            LOG.debug("TCP bridge connection from {}: {}", socket.remoteAddress(), e.toString());
            socket.close();
          });
      socket.closeHandler(v -> cleanUp());
      deadline =
          vertx.setTimer(
              limits.unauthenticatedTimeoutMs(),
              t -> {
                if (!authenticated) {
                  refuseAndClose(
                      ErrorCode.UNAUTHORIZED,
                      "no authenticated frame within "
                          + limits.unauthenticatedTimeoutMs()
                          + " ms of connecting");
                }
              });
    }

    private void received(Buffer data) {
      if (closed) {
        return;
      }
      if (!authenticated) {
        unauthenticatedBytes += data.length();
        if (unauthenticatedBytes > limits.unauthenticatedMaxBytes()) {
          refuseAndClose(
              ErrorCode.UNAUTHORIZED,
              "more than "
                  + limits.unauthenticatedMaxBytes()
                  + " bytes before an authenticated frame");
          return;
        }
      }
      pending = pending.length() == 0 ? data : pending.appendBuffer(data);
      int at = 0;
      while (!closed) {
        if (expected < 0) {
          if (pending.length() - at < 4) {
            break;
          }
          expected = pending.getInt(at);
          at += 4;
          if (expected < 0 || expected > limits.maxFrameBytes()) {
            refuseAndClose(
                ErrorCode.PAYLOAD_TOO_LARGE,
                expected < 0
                    ? "invalid frame length " + expected
                    : "a frame of "
                        + expected
                        + " bytes is over the limit of "
                        + limits.maxFrameBytes()
                        + " bytes");
            return;
          }
        }
        if (pending.length() - at < expected) {
          break;
        }
        byte[] frame = pending.getBytes(at, at + expected);
        at += expected;
        expected = -1;
        frame(frame);
      }
      pending = at == pending.length() ? Buffer.buffer() : pending.getBuffer(at, pending.length());
    }

    private void frame(byte[] bytes) {
      Object parsed;
      try {
        parsed = StrictJson.parse(bytes);
      } catch (StrictJson.Invalid e) {
        write(err(ErrorCode.BAD_REQUEST, null, "the frame is " + e.getMessage()));
        return;
      }
      if (!(parsed instanceof JsonObject msg)) {
        write(err(ErrorCode.BAD_REQUEST, null, "the frame must be a JSON object"));
        return;
      }
      Object typeValue = msg.getValue("type");
      BridgeEventType type = typeValue instanceof String s ? TYPES.get(s) : null;
      if (type == null) {
        write(
            err(
                ErrorCode.BAD_REQUEST,
                null,
                typeValue == null
                    ? "the frame has no type"
                    : "unknown frame type: type must be one of send, publish, register, unregister, ping"));
        return;
      }
      if (type == BridgeEventType.SOCKET_PING) {
        write(new JsonObject().put("type", "pong"));
        return;
      }
      Object addressValue = msg.getValue("address");
      if (!(addressValue instanceof String address) || address.isEmpty()) {
        write(err(ErrorCode.BAD_REQUEST, null, "the frame has no address (a non-empty string)"));
        return;
      }
      Object replyValue = msg.getValue("replyAddress");
      if (replyValue != null && !(replyValue instanceof String)) {
        write(err(ErrorCode.BAD_REQUEST, null, "replyAddress must be a string"));
        return;
      }
      String replyAddress = (String) replyValue;
      if (msg.getValue("headers") != null && !(msg.getValue("headers") instanceof JsonObject)) {
        write(err(ErrorCode.BAD_REQUEST, replyAddress, "headers must be a JSON object"));
        return;
      }
      boolean permitted =
          type == BridgeEventType.UNREGISTER
              || permitted(type == BridgeEventType.REGISTER ? outbound : inbound, address);
      if (!permitted) {
        // the wire message of vertx-tcp-eventbus-bridge, which clients match on
        write(
            err(
                ErrorCode.FORBIDDEN,
                replyAddress != null ? replyAddress : address,
                "access_denied"));
        return;
      }
      if (type == BridgeEventType.REGISTER
          && (msg.containsKey("since") || sinceHeader(msg) != null)) {
        resume(msg, address);
        return;
      }
      guard
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
                  authenticate();
                }
                act(type, address, replyAddress, ar.result());
              });
    }

    /**
     * REGISTER with {@code since}: authorised like any REGISTER, then served by a {@link
     * BridgeResume} (which confirms it) instead of a plain consumer.
     */
    private void resume(JsonObject msg, String address) {
      long since = parseSince(msg.containsKey("since") ? msg.getValue("since") : sinceHeader(msg));
      String conversationId = Addresses.conversationIdOf(address);
      if (since < 0 || conversationId == null || turns == null) {
        write(
            err(
                ErrorCode.BAD_REQUEST,
                address,
                since < 0
                    ? "since must be a non-negative integer"
                    : conversationId == null
                        ? "since is only for conversation addresses"
                        : "since is not served by this bridge"));
        return;
      }
      JsonObject headers = msg.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
      Object authorization = headers.getValue("authorization", headers.getValue("Authorization"));
      String token = authorization instanceof String text ? Authenticator.bearer(text) : null;
      guard
          .check(socket, BridgeEventType.REGISTER, msg)
          .compose(ok -> authenticator.authenticate(token))
          .compose(
              principal -> {
                if (closed) {
                  return Future.failedFuture("the connection closed");
                }
                authenticate();
                stopRegistration(address);
                BridgeResume resume =
                    new BridgeResume(
                        vertx,
                        turns,
                        socket,
                        address,
                        principal.tenant(),
                        UUID.fromString(conversationId),
                        since,
                        maxBuffered);
                resumes.put(address, resume);
                return resume
                    .start()
                    .onFailure(
                        e -> {
                          if (resumes.get(address) == resume) {
                            resumes.remove(address);
                          }
                          resume.stop();
                        });
              })
          .onFailure(
              e -> {
                if (!closed) {
                  write(BridgeGuard.denial(msg, e));
                }
              });
    }

    /**
     * Ends this connection's registration of the address (plain or resuming); false when there was
     * none.
     */
    private boolean stopRegistration(String address) {
      MessageConsumer<Object> consumer = consumers.remove(address);
      if (consumer != null) {
        consumer.unregister();
      }
      BridgeResume resume = resumes.remove(address);
      if (resume != null) {
        resume.stop();
      }
      return consumer != null || resume != null;
    }

    private void authenticate() {
      if (!authenticated) {
        authenticated = true;
        vertx.cancelTimer(deadline);
      }
    }

    private void act(BridgeEventType type, String address, String replyAddress, JsonObject msg) {
      switch (type) {
        case SEND -> send(address, replyAddress, msg);
        case REGISTER -> {
          stopRegistration(address);
          MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, m -> deliver(m));
          consumers.put(address, consumer);
          // Confirmed once the subscription is known cluster-wide: a turn the client sends after
          // reading the confirmation is delivered to it.
          consumer
              .completion()
              .onSuccess(
                  v -> {
                    if (consumers.get(address) == consumer) {
                      write(BridgeConfirmations.registeredMessage(address, -1));
                    }
                  });
        }
        case UNREGISTER -> {
          if (!stopRegistration(address)) {
            write(err(ErrorCode.NOT_FOUND, address, "not registered to " + address));
          }
        }
        default -> write(err(ErrorCode.FORBIDDEN, address, type + " is not allowed"));
      }
    }

    private void send(String address, String replyAddress, JsonObject msg) {
      DeliveryOptions options = new DeliveryOptions();
      JsonObject headers = msg.getJsonObject("headers");
      if (headers != null) {
        headers.forEach(e -> options.addHeader(e.getKey(), String.valueOf(e.getValue())));
      }
      Object body = msg.getValue("body");
      if (replyAddress == null) {
        vertx.eventBus().send(address, body, options);
        return;
      }
      vertx
          .eventBus()
          .request(address, body, options)
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  write(
                      new JsonObject()
                          .put("type", "message")
                          .put("address", replyAddress)
                          .put("headers", headersOf(ar.result()))
                          .put("send", true)
                          .put("body", ar.result().body()));
                } else if (ar.cause() instanceof ReplyException re) {
                  int status = ErrorCode.httpStatusOf(re);
                  write(
                      new JsonObject()
                          .put("type", "err")
                          .put("address", replyAddress)
                          .put("sourceAddress", address)
                          .put("status", status)
                          .put("failureCode", re.failureCode())
                          .put("failureType", re.failureType().name())
                          .put("message", re.getMessage()));
                } else {
                  write(
                      err(
                          ErrorCode.UNAVAILABLE,
                          replyAddress,
                          "the request failed: " + ar.cause().getMessage()));
                }
              });
    }

    private void deliver(Message<Object> m) {
      write(
          new JsonObject()
              .put("type", "message")
              .put("address", m.address())
              .put("headers", headersOf(m))
              .put("send", m.isSend())
              .put("body", m.body()));
    }

    private JsonObject headersOf(Message<?> m) {
      JsonObject headers = new JsonObject();
      m.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
      return headers;
    }

    private void write(JsonObject frame) {
      if (closed) {
        return;
      }
      if (socket.writeQueueFull()) {
        // A client that does not read: stop queuing for it rather than grow the heap.
        closed = true;
        socket.close();
        return;
      }
      writeFrame(socket, frame);
    }

    private void refuseAndClose(ErrorCode code, String reason) {
      if (closed) {
        return;
      }
      closed = true;
      writeFrame(socket, err(code, null, reason)).eventually(socket::close);
    }

    private void cleanUp() {
      closed = true;
      vertx.cancelTimer(deadline);
      consumers.values().forEach(MessageConsumer::unregister);
      consumers.clear();
      resumes.values().forEach(BridgeResume::stop);
      resumes.clear();
      pending = Buffer.buffer();
      guard.closed(socket);
      lease.release();
    }
  }

  private static Object sinceHeader(JsonObject msg) {
    return msg.getValue("headers") instanceof JsonObject h ? h.getValue("since") : null;
  }

  /** A non-negative integer (a JSON number or its decimal text), else -1. */
  static long parseSince(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue() == n.longValue() && n.longValue() >= 0 ? n.longValue() : -1;
    }
    try {
      long since = Long.parseLong(String.valueOf(value).strip());
      return since >= 0 ? since : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean permitted(List<PermittedOptions> permitteds, String address) {
    for (PermittedOptions p : permitteds) {
      if (p.getAddress() != null
          ? p.getAddress().equals(address)
          : p.getAddressRegex() == null
              || patterns
                  .computeIfAbsent(p.getAddressRegex(), Pattern::compile)
                  .matcher(address)
                  .matches()) {
        return true;
      }
    }
    return false;
  }
}
