package io.cleanercontext.http;

import io.cleanercontext.security.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/**
 * Endpoints that another package serves on the HTTP port (the realtime package's WebSocket and
 * SockJS routes), so a browser needs one origin while the HTTP verticle knows nothing of what they
 * do. The main verticle hands one to the API verticle; each API instance mounts it on its own
 * router from its {@code start()}, on its event loop, with what it shares with them.
 */
@FunctionalInterface
public interface HttpEndpoints {
  /**
   * Mounts the endpoints; completes when they are ready (their own event-bus consumers registered).
   *
   * @param pool the API instance's PostgreSQL pool
   * @param authenticator the API instance's token verifier
   */
  Future<Void> mount(Vertx vertx, Router router, Pool pool, Authenticator authenticator);
}
