package io.cleanercontext.security;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.config.SecuritySettings;
import io.vertx.core.Vertx;

/**
 * The per-client limits of one process, built once by the main verticle and handed to the API
 * instances (turn rate, HTTP connections, WebSockets) and the TCP bridge, so that all instances of
 * the process count together. The turn rate and WebSockets are also counted in Redis when the
 * deployment shares one ({@link RedisLimits#forDeployment}).
 */
public record ClientLimits(
    TenantRateLimiter turnRate,
    ConnectionLimiter webSockets,
    ConnectionLimiter httpConnections,
    ConnectionLimiter bridgeConnections) {

  /**
   * @param security the limits
   * @param queue the queue as running: its Redis, when it has one, also counts the limits
   */
  public static ClientLimits create(Vertx vertx, SecuritySettings security, QueueSettings queue) {
    RedisLimits shared = RedisLimits.forDeployment(vertx, security, queue);
    return new ClientLimits(
        new TenantRateLimiter(security.turnsPerSecond(), security.turnBurst(), shared),
        new ConnectionLimiter(security.maxWebSocketsPerClient(), shared),
        new ConnectionLimiter(security.maxHttpConnectionsPerAddress()),
        new ConnectionLimiter(security.maxBridgeConnectionsPerAddress()));
  }
}
