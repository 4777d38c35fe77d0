package io.cleanercontext.security;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a bearer token into a {@link Principal}: the signature is verified (vertx-auth-jwt), then
 * expiry, issuer and audience, then the product's claims ({@code tenant}, {@code conversations},
 * {@code scope}). With auth off every caller is {@link Principal#LOCAL}.
 *
 * <p>Besides the configured key, each process has a random internal HS256 key ({@link InternalKey})
 * (key id {@value #INTERNAL_KID}) so that the built-in diagnostics can call the product's own API;
 * it never leaves the process.
 */
public final class Authenticator {
  public static final String INTERNAL_KID = "cc-internal";
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F-]{36}");
  private static final int MAX_CONVERSATION_CLAIMS = 1000;
  private static final int LEEWAY_SECONDS = 5;

  private final SecuritySettings settings;
  private final JWTAuth jwt;
  private final JWTAuth internal;

  private Authenticator(SecuritySettings settings, JWTAuth jwt, JWTAuth internal) {
    this.settings = settings;
    this.jwt = jwt;
    this.internal = internal;
  }

  public static Authenticator create(
      Vertx vertx, SecuritySettings settings, InternalKey internalKey) {
    JWTAuth internal =
        JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(internalKey.options()));
    if (!settings.authEnabled()) {
      return new Authenticator(settings, null, internal);
    }
    JWTOptions verify = new JWTOptions().setLeeway(LEEWAY_SECONDS);
    if (settings.issuer() != null) {
      verify.setIssuer(settings.issuer());
    }
    if (settings.audience() != null) {
      verify.addAudience(settings.audience());
    }
    JWTAuthOptions options =
        new JWTAuthOptions().setJWTOptions(verify).addPubSecKey(configuredKey(settings));
    return new Authenticator(settings, JWTAuth.create(vertx, options), internal);
  }

  public boolean enabled() {
    return jwt != null;
  }

  public SecuritySettings settings() {
    return settings;
  }

  /** Verifies the token; fails with 401 (missing, expired, forged, malformed). */
  public Future<Principal> authenticate(String token) {
    if (jwt == null) {
      return Future.succeededFuture(Principal.LOCAL);
    }
    if (token == null || token.isBlank()) {
      return Future.failedFuture(unauthorized("a bearer token is required"));
    }
    if (token.length() > 8192) {
      return Future.failedFuture(unauthorized("the token is too long"));
    }
    JsonObject payload = TokenClaims.unverifiedPayload(token);
    String timeProblem =
        payload == null
            ? null
            : TokenClaims.timeProblem(payload, System.currentTimeMillis() / 1000, LEEWAY_SECONDS);
    if (timeProblem != null) {
      return Future.failedFuture(unauthorized("invalid token: " + timeProblem));
    }
    JWTAuth verifier = INTERNAL_KID.equals(kidOf(token)) ? internal : jwt;
    Future<User> verified;
    try {
      verified = verifier.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      // The library reads claims with unchecked casts; whatever it still throws is a bad token.
      verified = Future.failedFuture(e);
    }
    return verified
        .recover(e -> Future.failedFuture(unauthorized("invalid token: " + reason(e))))
        .compose(
            user -> {
              try {
                // vertx-auth-jwt keeps the verified claims in the user's attributes
                // ("accessToken").
                JsonObject claims =
                    user.attributes().getJsonObject("accessToken", user.principal());
                return Future.succeededFuture(principalOf(claims));
              } catch (ServiceException e) {
                return Future.failedFuture(e);
              }
            });
  }

  /** A short-lived token signed with this process's internal key (built-in diagnostics). */
  public static String internalToken(
      Vertx vertx, InternalKey key, String tenant, Set<String> scopes, int ttlSeconds) {
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key.options()));
    return auth.generateToken(
        new JsonObject().put("tenant", tenant).put("scope", String.join(" ", scopes)),
        new JWTOptions()
            .setAlgorithm("HS256")
            .setExpiresInSeconds(ttlSeconds)
            .setSubject("internal:" + tenant)
            .setHeader(new JsonObject().put("kid", INTERNAL_KID)));
  }

  /** The token of an {@code Authorization: Bearer ...} header, or null. */
  public static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
  }

  /** Header first; then {@code ?access_token=} (browsers cannot set headers on a WebSocket). */
  public static String tokenOf(MultiMap headers, MultiMap query) {
    String token = bearer(headers.get("Authorization"));
    if (token == null && query != null) {
      token = query.get("access_token");
    }
    return token;
  }

  static Principal principalOf(JsonObject claims) {
    if (claims.getValue("exp") == null) {
      throw unauthorized("the token has no exp claim");
    }
    Object tenant = claims.getValue("tenant");
    if (!(tenant instanceof String t) || !TENANT.matcher(t).matches()) {
      throw unauthorized("the token has no valid tenant claim");
    }
    Set<String> conversations = null;
    Object named = claims.getValue("conversations");
    if (named != null) {
      if (!(named instanceof JsonArray array) || array.size() > MAX_CONVERSATION_CLAIMS) {
        throw unauthorized(
            "the conversations claim must be a list of at most "
                + MAX_CONVERSATION_CLAIMS
                + " ids");
      }
      conversations = new HashSet<>();
      for (Object id : array) {
        if (!(id instanceof String s) || !UUID_TEXT.matcher(s).matches()) {
          throw unauthorized("the conversations claim must list conversation ids");
        }
        conversations.add(s.toLowerCase(Locale.ROOT));
      }
    }
    Set<String> scopes;
    try {
      scopes = TokenClaims.scopesOf(claims);
    } catch (IllegalArgumentException e) {
      throw unauthorized(e.getMessage());
    }
    Object sub = claims.getValue("sub");
    if (sub != null && !(sub instanceof String)) {
      throw unauthorized("the sub claim must be a string");
    }
    String subject = sub == null ? "anonymous" : (String) sub;
    if (!(claims.getValue("exp") instanceof Number exp)) {
      throw unauthorized("the token has no numeric exp claim");
    }
    // at most TokenClaims.MAX_NUMERIC_DATE seconds (checked before the signature): no overflow
    long expiresAtMs = Math.multiplyExact(exp.longValue(), 1000L);
    return new Principal(subject, (String) tenant, conversations, scopes, expiresAtMs);
  }

  public static ServiceException unauthorized(String detail) {
    return new ServiceException(ErrorCode.UNAUTHORIZED, detail);
  }

  public static ServiceException forbidden(String detail) {
    return new ServiceException(ErrorCode.FORBIDDEN, detail);
  }

  private static PubSecKeyOptions configuredKey(SecuritySettings settings) {
    if (settings.algorithm().startsWith("HS")) {
      return new PubSecKeyOptions()
          .setAlgorithm(settings.algorithm())
          .setBuffer(Buffer.buffer(settings.secret()));
    }
    try {
      return new PubSecKeyOptions()
          .setAlgorithm(settings.algorithm())
          .setBuffer(Buffer.buffer(Files.readString(Path.of(settings.publicKeyFile()))));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + settings.publicKeyFile() + ": " + e.getMessage(), e);
    }
  }

  private static String kidOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
      return new JsonObject(Buffer.buffer(header)).getString("kid");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof ClassCastException || e instanceof NullPointerException) {
      return "a registered claim (exp, nbf, iat, iss, aud) has the wrong type";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.toLowerCase(Locale.ROOT);
    if (message.contains("expired")) {
      return "expired";
    }
    if (message.contains("signature")) {
      return "bad signature";
    }
    return message.length() > 120 ? message.substring(0, 120) : message;
  }
}
