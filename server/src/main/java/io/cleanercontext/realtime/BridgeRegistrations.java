package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The registrations of one TCP bridge connection, by address: plain consumers, or {@link
 * BridgeResume}s for a REGISTER with {@code since}. A REGISTER of an address already registered
 * replaces the earlier registration; every one that took effect is confirmed ({@link
 * BridgeConfirmations}) once known cluster-wide.
 */
final class BridgeRegistrations {
  private final TcpBridge.Services services;
  private final TcpBridgeConnection connection;
  private final NetSocket socket;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();
  private final Map<String, BridgeResume> resumes = new HashMap<>();

  BridgeRegistrations(
      TcpBridge.Services services, TcpBridgeConnection connection, NetSocket socket) {
    this.services = services;
    this.connection = connection;
    this.socket = socket;
  }

  /** A plain REGISTER the guard allowed. */
  void register(String address) {
    unregister(address);
    MessageConsumer<Object> consumer =
        services
            .vertx()
            .eventBus()
            .consumer(address, m -> connection.write(BridgeRequests.delivered(m)));
    consumers.put(address, consumer);
    // Confirmed once the subscription is known cluster-wide: a turn the client sends after
    // reading the confirmation is delivered to it.
    consumer
        .completion()
        .onSuccess(
            v -> {
              if (consumers.get(address) == consumer) {
                connection.write(
                    BridgeFrames.message(address, BridgeConfirmations.registered(address, -1)));
              }
            });
  }

  /**
   * REGISTER with {@code since}: authorised like any REGISTER, then served by a {@link
   * BridgeResume} (which confirms it) instead of a plain consumer.
   */
  void resume(JsonObject msg, String address, long since) {
    String conversationId = Addresses.conversationIdOf(address);
    if (since < 0 || conversationId == null || services.turns() == null) {
      connection.write(
          BridgeFrames.err(
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
    services
        .guard()
        .check(socket, BridgeEventType.REGISTER, msg)
        .compose(ok -> services.authenticator().authenticate(token))
        .compose(
            principal -> {
              if (connection.closed()) {
                return Future.failedFuture("the connection closed");
              }
              connection.authenticated();
              unregister(address);
              BridgeResume resume =
                  new BridgeResume(
                      services.vertx(),
                      services.turns(),
                      socket,
                      address,
                      principal.tenant(),
                      UUID.fromString(conversationId),
                      since,
                      services.maxBuffered());
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
              if (!connection.closed()) {
                connection.write(BridgeGuard.denial(msg, e));
              }
            });
  }

  /** Ends the registration of the address (plain or resuming); false when there was none. */
  boolean unregister(String address) {
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

  /** The connection closed. */
  void stopAll() {
    consumers.values().forEach(MessageConsumer::unregister);
    consumers.clear();
    resumes.values().forEach(BridgeResume::stop);
    resumes.clear();
  }
}
