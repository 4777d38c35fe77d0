package io.cleanercontext.security;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes of a token's claims that we decide ourselves instead of leaving them to the JWT
 * library: the time claims ({@code exp}, {@code nbf}, {@code iat}), which vertx-auth-jwt reads with
 * an unchecked cast (a string or null there threw inside it: a 500 on REST, a replayed frame on the
 * TCP bridge), and the scopes, where a claim of an unexpected type must refuse, never fall back to
 * the default. Every refusal is a {@code ServiceException} UNAUTHORIZED (401) naming the claim.
 */
final class TokenClaims {
  /**
   * The last second of year 9999: a NumericDate above it is refused, so {@code exp * 1000} never
   * overflows and every interface reads the same expiry.
   */
  static final long MAX_NUMERIC_DATE = 253_402_300_799L;

  /** The claims that may carry scopes, in the order IdPs commonly use them. */
  static final List<String> SCOPE_CLAIMS = List.of("scope", "scp", "scopes");

  private static final Pattern SCOPE_WORD = Pattern.compile("[\\x21-\\x7E]{1,64}");
  private static final int MAX_SCOPES = 64;

  private TokenClaims() {}

  /**
   * The token's payload, decoded without verifying anything, or null when it is not a JWS with a
   * JSON object payload (the JWT library then refuses it with its own reason).
   */
  static JsonObject unverifiedPayload(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(parts[1]);
      return new JsonObject(Buffer.buffer(json));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Refuses a payload whose time claims the JWT library would choke on or misread, and says "not
   * yet valid" for a future {@code nbf} (the library calls that "expired"). Checked before the
   * signature: these checks reveal nothing about the key, and the library is never handed them.
   *
   * @return null when the times are acceptable, else why not
   */
  static String timeProblem(JsonObject payload, long nowSeconds, int leewaySeconds) {
    for (String claim : List.of("exp", "nbf", "iat")) {
      if (!payload.containsKey(claim)) {
        continue;
      }
      Object value = payload.getValue(claim);
      if (!isNumericDate(value)) {
        return "the "
            + claim
            + " claim must be a number of seconds since 1970 between 0 and "
            + MAX_NUMERIC_DATE
            + " (year 9999)";
      }
    }
    if (payload.getValue("nbf") instanceof Number nbf
        && nbf.longValue() > nowSeconds + leewaySeconds) {
      return "the token is not yet valid (nbf is in the future)";
    }
    if (payload.getValue("iat") instanceof Number iat
        && iat.longValue() > nowSeconds + leewaySeconds) {
      return "the token was issued in the future (iat)";
    }
    return null;
  }

  private static boolean isNumericDate(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long v = ((Number) value).longValue();
      return v >= 0 && v <= MAX_NUMERIC_DATE;
    }
    if (value instanceof Double || value instanceof Float) {
      double v = ((Number) value).doubleValue();
      return Double.isFinite(v) && v >= 0 && v <= MAX_NUMERIC_DATE;
    }
    if (value instanceof BigInteger || value instanceof BigDecimal) {
      BigDecimal v = new BigDecimal(value.toString());
      return v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(MAX_NUMERIC_DATE)) <= 0;
    }
    return false;
  }

  /**
   * The scopes a verified token grants. Exactly one of {@code scope}, {@code scp}, {@code scopes}
   * may be present, as a space-separated string (RFC 8693) or a list of strings (what several
   * identity providers send); none present is {@code read write}, the documented default. Anything
   * else (a number, an object, null, a list holding a non-string or a blank, two scope claims)
   * refuses the token: a malformed claim never widens what a token may do.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Set<String> scopesOf(JsonObject claims) {
    String present = null;
    for (String name : SCOPE_CLAIMS) {
      if (claims.containsKey(name)) {
        if (present != null) {
          throw new IllegalArgumentException(
              "the token has both a " + present + " and a " + name + " claim: send one");
        }
        present = name;
      }
    }
    if (present == null) {
      return Set.of(Principal.READ, Principal.WRITE);
    }
    Object value = claims.getValue(present);
    Set<String> scopes = new HashSet<>();
    if (value instanceof String text) {
      if (!text.isBlank()) {
        for (String word : text.strip().split(" +")) {
          add(scopes, word, present);
        }
      }
    } else if (value instanceof JsonArray list) {
      for (Object word : list) {
        if (!(word instanceof String s)) {
          throw new IllegalArgumentException(
              "the " + present + " claim must list strings, one scope each");
        }
        add(scopes, s, present);
      }
    } else {
      throw new IllegalArgumentException(
          "the "
              + present
              + " claim must be a space-separated string or a list of strings, not "
              + kind(value));
    }
    return Set.copyOf(scopes);
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    return value instanceof Boolean ? "a boolean" : "a number";
  }

  private static void add(Set<String> scopes, String word, String claim) {
    if (!SCOPE_WORD.matcher(word).matches()) {
      throw new IllegalArgumentException(
          "the " + claim + " claim holds an invalid scope (1 to 64 printable ASCII characters)");
    }
    if (scopes.size() >= MAX_SCOPES) {
      throw new IllegalArgumentException(
          "the " + claim + " claim holds more than " + MAX_SCOPES + " scopes");
    }
    scopes.add(word);
  }
}
