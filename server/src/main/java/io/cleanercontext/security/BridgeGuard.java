package io.cleanercontext.security;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BaseBridgeEvent;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Authorization of every frame of both event-bus bridges (SockJS and TCP), on top of the address
 * permissions ({@code BridgePermissions}). A frame's token is its {@code authorization} header
 * ({@code Bearer ...}), else the one given when the socket opened (SockJS: header or {@code
 * ?access_token=}). REGISTER needs {@code read} and, for a conversation, that it is the tenant's
 * own (checked in PostgreSQL, remembered per socket for a few seconds); SEND of a turn needs {@code
 * write} and is stamped with the caller's tenant; diagnostics need {@code admin}; PUBLISH from
 * clients is refused. Subscriptions per socket and address length are bounded.
 */
public final class BridgeGuard {
  /** Headers stamped on a SEND by the guard (client values are dropped): who sent it. */
  public static final String TENANT_HEADER = "cc-tenant";

  public static final String SUBJECT_HEADER = "cc-subject";

  /** Comma-separated conversation ids the token is limited to; absent = all of the tenant's. */
  public static final String CONVERSATIONS_HEADER = "cc-conversations";

  private final Authenticator authenticator;
  private final SecuritySettings settings;
  private final BiFunction<String, UUID, Future<Boolean>> owns;
  private final Map<Object, SocketState> sockets = new ConcurrentHashMap<>();

  /**
   * @param owns (tenant, conversation id) -> whether the tenant owns that conversation
   */
  public BridgeGuard(Authenticator authenticator, BiFunction<String, UUID, Future<Boolean>> owns) {
    this.authenticator = authenticator;
    this.settings = authenticator.settings();
    this.owns = owns;
  }

  private static final class SocketState {
    /** The token given when the socket opened (SockJS), verified again on every frame. */
    String token;

    final Map<String, Long> owned = new HashMap<>();
    final Set<String> registered = new HashSet<>();

    /** When the earliest token that granted one of its subscriptions expires, and its timer. */
    long expiresAtMs = Long.MAX_VALUE;

    long expiryTimer = -1;
  }

  private Vertx vertx;
  private BiConsumer<Object, String> closeExpired;

  /**
   * Closes a socket (with the given reason) when the token that granted one of its subscriptions
   * expires, so a subscription never outlives its token.
   */
  public BridgeGuard closeOnExpiry(Vertx vertx, BiConsumer<Object, String> close) {
    this.vertx = vertx;
    this.closeExpired = close;
    return this;
  }

  private void expireWith(Object socket, SocketState state, Principal principal) {
    if (vertx == null || principal.expiresAtMs() >= state.expiresAtMs) {
      return;
    }
    if (state.expiryTimer >= 0) {
      vertx.cancelTimer(state.expiryTimer);
    }
    state.expiresAtMs = principal.expiresAtMs();
    state.expiryTimer =
        vertx.setTimer(
            Math.max(1, principal.expiresAtMs() - System.currentTimeMillis()),
            t -> {
              if (sockets.get(socket) == state) {
                closeExpired.accept(socket, "the token expired: reconnect with a fresh one");
              }
            });
  }

  /** A socket opened; with a token it is verified now (a bad one refuses the socket). */
  public Future<Void> opened(Object socket, String token) {
    SocketState state = new SocketState();
    sockets.put(socket, state);
    if (token == null || !authenticator.enabled()) {
      return Future.succeededFuture();
    }
    return authenticator
        .authenticate(token)
        .map(
            p -> {
              state.token = token;
              return null;
            });
  }

  /** A socket closed; true if the guard knew it (it had been opened and not closed yet). */
  public boolean closed(Object socket) {
    SocketState state = sockets.remove(socket);
    if (state != null && state.expiryTimer >= 0 && vertx != null) {
      vertx.cancelTimer(state.expiryTimer);
    }
    return state != null;
  }

  /** Every socket currently open, e.g. to close them at shutdown. */
  public Set<Object> openSockets() {
    return sockets.keySet();
  }

  /**
   * Checks one frame: the raw message to forward (possibly rewritten), or a failure whose message
   * says why it was refused.
   */
  public Future<JsonObject> check(Object socket, BridgeEventType type, JsonObject raw) {
    SocketState state = sockets.computeIfAbsent(socket, s -> new SocketState());
    if (type == BridgeEventType.UNREGISTER) {
      state.registered.remove(raw == null ? null : raw.getString("address"));
      return Future.succeededFuture(raw);
    }
    if (type == BridgeEventType.PUBLISH) {
      return Future.failedFuture(
          new ServiceException(
              ErrorCode.FORBIDDEN, "publish is not allowed from clients; use send"));
    }
    if (type != BridgeEventType.REGISTER && type != BridgeEventType.SEND) {
      return Future.succeededFuture(raw);
    }
    String address = raw == null ? null : raw.getString("address");
    if (address == null) {
      return Future.succeededFuture(raw); // the bridge answers missing_address
    }
    if (address.length() > settings.maxAddressLength()) {
      return Future.failedFuture(
          new ServiceException(
              ErrorCode.BAD_REQUEST,
              "the address is longer than " + settings.maxAddressLength() + " characters"));
    }
    return principalOf(state, raw)
        .compose(
            principal ->
                type == BridgeEventType.REGISTER
                    ? register(state, principal, raw, address)
                        .onSuccess(ok -> expireWith(socket, state, principal))
                    : send(principal, raw, address));
  }

  private Future<Principal> principalOf(SocketState state, JsonObject raw) {
    JsonObject headers = raw.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    Object authorization = headers.getValue("authorization", headers.getValue("Authorization"));
    String token = authorization instanceof String s ? Authenticator.bearer(s) : null;
    return authenticator.authenticate(token != null ? token : state.token);
  }

  private Future<JsonObject> register(
      SocketState state, Principal principal, JsonObject raw, String address) {
    if (!state.registered.contains(address)
        && state.registered.size() >= settings.maxSubscriptionsPerSocket()) {
      return Future.failedFuture(
          new ServiceException(
              ErrorCode.TOO_MANY_REQUESTS,
              "at most " + settings.maxSubscriptionsPerSocket() + " subscriptions per socket"));
    }
    String scope =
        Addresses.DIAGNOSTICS_PROGRESS.equals(address) ? Principal.ADMIN : Principal.READ;
    if (!principal.has(scope)) {
      return Future.failedFuture(
          Authenticator.forbidden(
              "subscribing to " + address + " needs the '" + scope + "' scope"));
    }
    String conversationId = Addresses.conversationIdOf(address);
    if (conversationId == null) {
      state.registered.add(address);
      return Future.succeededFuture(raw); // not a conversation: the permissions decide
    }
    UUID id = uuid(conversationId); // null for 36 zeros: refused, never registered unchecked
    if (id == null) {
      return Future.failedFuture(
          new ServiceException(ErrorCode.BAD_REQUEST, "the address names no conversation id"));
    }
    return owned(state, principal, id)
        .map(
            ok -> {
              if (!ok) {
                throw new ServiceException(
                    ErrorCode.NOT_FOUND, "conversation " + id + " not found");
              }
              state.registered.add(address);
              return raw;
            });
  }

  private Future<JsonObject> send(Principal principal, JsonObject raw, String address) {
    boolean diagnostics =
        Addresses.DIAGNOSTICS_RUN.equals(address) || Addresses.DIAGNOSTICS_LAST.equals(address);
    String scope = diagnostics ? Principal.ADMIN : Principal.WRITE;
    if (!principal.has(scope)) {
      return Future.failedFuture(
          Authenticator.forbidden("sending to " + address + " needs the '" + scope + "' scope"));
    }
    JsonObject headers =
        new JsonObject()
            .put(TENANT_HEADER, principal.tenant())
            .put(SUBJECT_HEADER, principal.subject());
    if (principal.conversations() != null) {
      headers.put(CONVERSATIONS_HEADER, String.join(",", principal.conversations()));
    }
    return Future.succeededFuture(raw.copy().put("headers", headers));
  }

  private Future<Boolean> owned(SocketState state, Principal principal, UUID id) {
    if (!principal.covers(id.toString())) {
      return Future.succeededFuture(false);
    }
    String key = principal.tenant() + "/" + id;
    Long until = state.owned.get(key);
    long now = System.currentTimeMillis();
    if (until != null && until > now) {
      return Future.succeededFuture(true);
    }
    return owns.apply(principal.tenant(), id)
        .onSuccess(
            ok -> {
              if (ok) {
                if (state.owned.size() > 1000) {
                  state.owned.clear();
                }
                state.owned.put(key, now + settings.ownershipCacheMs());
              }
            });
  }

  private static UUID uuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equals(text) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Decides one frame of either bridge: lets it through (with the guard's rewrite of its headers)
   * or refuses it, handing the reason as an err frame to {@code writeDenial}, which knows the
   * bridge's framing.
   */
  public void decide(Object socket, BaseBridgeEvent event, Consumer<JsonObject> writeDenial) {
    Future<JsonObject> checked;
    try {
      checked = check(socket, event.type(), event.getRawMessage());
    } catch (RuntimeException e) {
      // never leave the event uncompleted: the SockJS socket would wait for it forever
      checked = Future.failedFuture(e);
    }
    checked.onComplete(
        ar -> {
          if (ar.succeeded()) {
            if (ar.result() != null && ar.result() != event.getRawMessage()) {
              event.setRawMessage(ar.result());
            }
            event.complete(true);
          } else {
            writeDenial.accept(denial(event.getRawMessage(), ar.cause()));
            event.complete(false);
          }
        });
  }

  /** The reason a frame was refused, as an err frame the client can read. */
  public static JsonObject denial(JsonObject raw, Throwable cause) {
    int status = cause instanceof ServiceException se ? se.code().httpStatus() : 500;
    int code = cause instanceof ServiceException se ? se.code().code() : ErrorCode.INTERNAL.code();
    return new JsonObject()
        .put("type", EventTypes.ERR)
        .put("status", status)
        .put("failureCode", code)
        .put(
            "address", raw == null ? null : raw.getString("replyAddress", raw.getString("address")))
        .put("message", cause.getMessage());
  }
}
