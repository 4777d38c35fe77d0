package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The SockJS bridge's registrations with {@code since} ({@link SockJsResume}), per socket and
 * address. A REGISTER with {@code since} (a field of the frame or a header, as on the TCP bridge)
 * is authorised like any other; the bridge then registers its consumer as usual, and each of its
 * deliveries to that socket and address (a RECEIVE bridge event) is taken from it and handed to the
 * resume, which buffers it while the stored turns are replayed. Sockets without such a registration
 * cost nothing here. Confined to the event loop of the bridge's verticle.
 */
final class SockJsResumes {
  private final Vertx vertx;
  private final BridgeGuard guard;
  private final Authenticator authenticator;
  private final TurnStore turns;
  private final int maxBuffered;
  private final SockJsOutbound outbound;
  private final Map<SockJSSocket, Map<String, SockJsResume>> bySocket = new HashMap<>();

  SockJsResumes(
      Vertx vertx,
      BridgeGuard guard,
      Authenticator authenticator,
      TurnStore turns,
      int maxBuffered,
      SockJsOutbound outbound) {
    this.vertx = vertx;
    this.outbound = outbound;
    this.guard = guard;
    this.authenticator = authenticator;
    this.turns = turns;
    this.maxBuffered = maxBuffered;
  }

  /** A REGISTER: handled here (true) when it has a since, else left to the caller (false). */
  boolean register(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    long since = ResumePoint.of(raw);
    if (since == ResumePoint.ABSENT) {
      return false;
    }
    SockJSSocket socket = event.socket();
    String address = raw.getString("address");
    String conversationId = address == null ? null : Addresses.conversationIdOf(address);
    if (since < 0 || conversationId == null) {
      socket.write(
          new JsonObject()
              .put("type", EventTypes.ERR)
              .put("address", address)
              .put(
                  "body",
                  since < 0
                      ? "since must be a non-negative integer"
                      : "since is only for conversation addresses")
              .encode());
      event.complete(false);
      return true;
    }
    guard
        .check(socket, BridgeEventType.REGISTER, raw)
        .compose(
            ok -> authenticator.authenticate(frameToken(raw, EventBusBridgeRoutes.tokenOf(socket))))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                socket.write(BridgeGuard.denial(raw, ar.cause()).encode());
                event.complete(false);
                return;
              }
              stop(socket, address);
              bySocket
                  .computeIfAbsent(socket, s -> new HashMap<>())
                  .put(
                      address,
                      new SockJsResume(
                          turns,
                          outbound,
                          socket,
                          address,
                          ar.result().tenant(),
                          UUID.fromString(conversationId),
                          since,
                          maxBuffered));
              event.complete(true);
            });
    return true;
  }

  /**
   * The bridge's consumer is registered: once a probe there is known cluster-wide (so is the
   * consumer), the resume confirms and replays. False when the address has no resume.
   */
  boolean registered(SockJSSocket socket, String address) {
    SockJsResume resume = find(socket, address);
    if (resume == null) {
      return false;
    }
    MessageConsumer<Object> probe = vertx.eventBus().consumer(address, msg -> {});
    probe
        .completion()
        .onComplete(
            ar -> {
              probe.unregister();
              if (find(socket, address) == resume) {
                resume.registered();
              }
            });
    return true;
  }

  /**
   * A delivery of the bridge to a socket: taken (true) and given to the address's resume if it has
   * one.
   */
  boolean received(BridgeEvent event) {
    if (bySocket.isEmpty()) {
      return false;
    }
    JsonObject envelope = event.getRawMessage();
    SockJsResume resume =
        envelope == null ? null : find(event.socket(), envelope.getString("address"));
    if (resume == null || !(envelope.getValue("body") instanceof JsonObject body)) {
      return false;
    }
    event.complete(false);
    resume.onEvent(body, null);
    return true;
  }

  /** An UNREGISTER (or a replacing REGISTER) of the address. */
  void stop(SockJSSocket socket, String address) {
    Map<String, SockJsResume> resumes = bySocket.get(socket);
    SockJsResume resume = resumes == null ? null : resumes.remove(address);
    if (resume != null) {
      resume.stop();
      if (resumes.isEmpty()) {
        bySocket.remove(socket);
      }
    }
  }

  /** The socket closed. */
  void closed(SockJSSocket socket) {
    Map<String, SockJsResume> resumes = bySocket.remove(socket);
    if (resumes != null) {
      resumes.values().forEach(SockJsResume::stop);
    }
  }

  private SockJsResume find(SockJSSocket socket, String address) {
    Map<String, SockJsResume> resumes = bySocket.get(socket);
    return resumes == null || address == null ? null : resumes.get(address);
  }

  /** The frame's bearer token, else the one the socket was opened with. */
  private static String frameToken(JsonObject raw, String socketToken) {
    JsonObject headers = raw.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    Object authorization = headers.getValue("authorization", headers.getValue("Authorization"));
    String token = authorization instanceof String text ? Authenticator.bearer(text) : null;
    return token != null ? token : socketToken;
  }
}
