package io.cleanercontext.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code security} section of the configuration: authentication mode and keys, the origin
 * allow-list and the abuse limits. Validated at start-up: a bad value, or auth off on an address
 * other than loopback, stops the server with a one-line reason.
 */
public record SecuritySettings(
    boolean authEnabled,
    String algorithm,
    String secret,
    String publicKeyFile,
    String issuer,
    String audience,
    List<String> allowedOrigins,
    double turnsPerSecond,
    double turnBurst,
    int maxWebSocketsPerClient,
    int maxSubscriptionsPerSocket,
    int maxAddressLength,
    long ownershipCacheMs,
    long shutdownDrainMs,
    int maxBridgeFrameBytes,
    long bridgeAuthTimeoutMs,
    long bridgeUnauthenticatedMaxBytes,
    int maxBridgeConnectionsPerAddress,
    long httpIdleTimeoutMs,
    long httpHeaderReadTimeoutMs,
    int maxHttpConnectionsPerAddress,
    String clusterLimits,
    long connectionLeaseMs,
    boolean http2Cleartext,
    int maxConversationsPerTenant) {

  /** Shortest HS256 secret accepted: 256 bits, as RFC 7518 requires. */
  public static final int MIN_SECRET_BYTES = 32;

  /** The variable holding the secret unless {@code security.jwt_secret_env} names another. */
  public static final String DEFAULT_SECRET_ENV = "CC_JWT_SECRET";

  /**
   * The {@code security} section read, checked value by value ({@link #validate} does the rest).
   */
  public static SecuritySettings from(JsonObject section) {
    JsonObject s = section == null ? new JsonObject() : section;
    String mode = s.getString("auth", "off");
    if (!mode.equals("off") && !mode.equals("jwt")) {
      throw new ConfigException(
          "security.auth (CC_AUTH) must be 'off' or 'jwt', not '" + mode + "'");
    }
    String algorithm = s.getString("jwt_algorithm", "HS256");
    if (!Set.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256")
        .contains(algorithm)) {
      throw new ConfigException(
          "security.jwt_algorithm must be HS256/384/512, RS256/384/512 or ES256, not '"
              + algorithm
              + "'");
    }
    String clusterLimits = s.getString("cluster_limits", "auto");
    if (!Set.of("auto", "redis", "local").contains(clusterLimits)) {
      throw new ConfigException(
          "security.cluster_limits must be 'auto', 'redis' or 'local', not '"
              + clusterLimits
              + "'");
    }
    JsonArray origins = s.getJsonArray("allowed_origins", new JsonArray());
    return new SecuritySettings(
        mode.equals("jwt"),
        algorithm,
        s.getString("jwt_secret"),
        s.getString("jwt_public_key_file"),
        s.getString("jwt_issuer"),
        s.getString("jwt_audience"),
        origins.stream().map(String::valueOf).toList(),
        number(s, "turns_per_second_per_tenant", 200),
        number(s, "turn_burst_per_tenant", 400),
        (int) number(s, "max_websockets_per_client", 200),
        (int) number(s, "max_subscriptions_per_bridge_socket", 100),
        (int) number(s, "max_bridge_address_length", 200),
        (long) number(s, "ownership_cache_ms", 5000),
        (long) number(s, "shutdown_drain_ms", 30_000),
        (int) number(s, "max_bridge_frame_bytes", 65_536),
        (long) number(s, "bridge_auth_timeout_ms", 10_000),
        (long) number(s, "bridge_unauthenticated_max_bytes", 65_536),
        (int) number(s, "max_bridge_connections_per_address", 100),
        (long) number(s, "http_idle_timeout_ms", 120_000),
        (long) number(s, "http_header_read_timeout_ms", 10_000),
        (int) number(s, "max_http_connections_per_address", 0),
        clusterLimits,
        (long) number(s, "connection_lease_ms", 15_000),
        bool(s, "http2_cleartext"),
        (int) number(s, "max_conversations_per_tenant", 100_000));
  }

  /**
   * Throws a {@link ConfigException} with a one-line reason when the settings cannot be run safely.
   */
  public static SecuritySettings validate(JsonObject section, String host) {
    SecuritySettings settings = from(section);
    if (!settings.authEnabled() && !isLoopback(host)) {
      throw new ConfigException(
          "security.auth is 'off' but http.host "
              + host
              + " is not a loopback address: "
              + "set CC_AUTH=jwt with CC_JWT_SECRET (or a public key file), or bind to 127.0.0.1");
    }
    if (settings.authEnabled()) {
      if (settings.algorithm().startsWith("HS")) {
        if (settings.secret() == null || settings.secret().isBlank()) {
          throw new ConfigException(
              "security.auth is 'jwt' with "
                  + settings.algorithm()
                  + " but no secret: set "
                  + section.getString("jwt_secret_env", DEFAULT_SECRET_ENV));
        }
        if (settings.secret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
          throw new ConfigException(
              "the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
      } else if (settings.publicKeyFile() == null
          || !Files.isReadable(Path.of(settings.publicKeyFile()))) {
        throw new ConfigException(
            "security.auth is 'jwt' with "
                + settings.algorithm()
                + " but security.jwt_public_key_file (CC_JWT_PUBLIC_KEY_FILE) is not a readable PEM file: "
                + settings.publicKeyFile());
      }
    }
    if (settings.turnsPerSecond() < 0
        || settings.turnBurst() < 0
        || settings.maxWebSocketsPerClient() < 1
        || settings.maxSubscriptionsPerSocket() < 1
        || settings.maxAddressLength() < 16
        || settings.connectionLeaseMs() < 1000) {
      throw new ConfigException(
          "security limits must be positive (turns_per_second_per_tenant >= 0, 0 = unlimited; connection_lease_ms >= 1000)");
    }
    if (settings.maxBridgeFrameBytes() < 1024
        || settings.bridgeAuthTimeoutMs() < 100
        || settings.bridgeUnauthenticatedMaxBytes() < 1024
        || settings.maxBridgeConnectionsPerAddress() < 1
        || settings.httpIdleTimeoutMs() < 1000
        || settings.httpHeaderReadTimeoutMs() < 100
        || settings.maxHttpConnectionsPerAddress() < 0
        || settings.maxConversationsPerTenant() < 0) {
      throw new ConfigException(
          "security: max_bridge_frame_bytes and bridge_unauthenticated_max_bytes must be at least 1024, "
              + "bridge_auth_timeout_ms and http_header_read_timeout_ms at least 100, http_idle_timeout_ms at least 1000, "
              + "max_bridge_connections_per_address at least 1, max_http_connections_per_address and max_conversations_per_tenant at least 0 (0 = unlimited)");
    }
    return settings;
  }

  /** The start-up line that says how callers are authenticated (a WARN when they are not). */
  public void logMode(String host) {
    Logger log = LoggerFactory.getLogger(SecuritySettings.class);
    if (authEnabled) {
      log.info(
          "Authentication: JWT bearer tokens ({}) on the API, WebSockets and both event-bus bridges",
          algorithm);
    } else {
      log.warn(
          "Authentication is OFF (security.auth=off): every caller is tenant 'default' with every scope; "
              + "allowed only because the server binds to loopback ({}). Set CC_AUTH=jwt and CC_JWT_SECRET to require tokens.",
          host);
    }
  }

  /** True for 127.0.0.0/8, ::1 and "localhost"; a name is resolved once. */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean bool(JsonObject s, String key) {
    Object value = s.getValue(key);
    if (value != null && !(value instanceof Boolean)) {
      throw new ConfigException("security." + key + " must be true or false, not " + value);
    }
    return Boolean.TRUE.equals(value);
  }

  private static double number(JsonObject s, String key, double defaultValue) {
    Object value = s.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number n)) {
      throw new ConfigException("security." + key + " must be a number, not " + value);
    }
    return n.doubleValue();
  }
}
