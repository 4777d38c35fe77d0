package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every shape of the claims a signed token may carry, through the one {@link Authenticator} that
 * REST, the WebSocket upgrade and both bridges use: a malformed claim is a 401 naming it (never an
 * exception out of {@code authenticate}, never a wider scope than the token says).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenClaimShapesTest {
  private Vertx vertx;
  private Authenticator authenticator;
  private JWTAuth signer;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    SecuritySettings settings =
        SecuritySettings.from(new JsonObject().put("auth", "jwt").put("jwt_secret", Tokens.SECRET));
    authenticator = Authenticator.create(vertx, settings, InternalKey.random());
    signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm("HS256")
                        .setBuffer(Buffer.buffer(Tokens.SECRET))));
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** A signed token of exactly these claims (no iat or exp added). */
  private String signed(JsonObject claims) {
    return signer.generateToken(claims, new JWTOptions().setNoTimestamp(true));
  }

  private static JsonObject valid() {
    return new JsonObject().put("tenant", "acme").put("sub", "u1").put("exp", now() + 600);
  }

  /** Authenticates; the failure, or null when the token was accepted (never a thrown exception). */
  private Throwable failure(JsonObject claims) {
    String token = signed(claims);
    Future<Principal> result;
    try {
      result = authenticator.authenticate(token);
    } catch (RuntimeException e) {
      throw new AssertionError("authenticate threw for " + claims.encode(), e);
    }
    return result.toCompletionStage().toCompletableFuture().handle((p, e) -> e).join();
  }

  private String refusal(JsonObject claims) {
    Throwable cause = failure(claims);
    assertThat(cause).as("refused: " + claims.encode()).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) cause).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    return cause.getMessage();
  }

  private Set<String> scopes(JsonObject claims) {
    return authenticator.authenticate(signed(claims)).await().scopes();
  }

  @Test
  void timeClaimsOfEveryWrongTypeAreA401NamingTheClaim() {
    Object[] wrong = {
      null,
      "1900000000",
      new JsonArray().add(1),
      new JsonObject().put("a", 1),
      true,
      -5,
      1e300,
      9.3e15,
      new BigInteger("123456789012345678901234567890"),
      Long.MAX_VALUE
    };
    for (String claim : new String[] {"exp", "nbf", "iat"}) {
      for (Object value : wrong) {
        JsonObject claims = valid().put(claim, value);
        assertThat(refusal(claims))
            .as(claim + " = " + value)
            .contains("the " + claim + " claim must be a number");
      }
    }
  }

  @Test
  void aFutureNbfIsNotYetValidNotExpired() {
    assertThat(refusal(valid().put("nbf", now() + 3600))).contains("not yet valid");
    assertThat(refusal(valid().put("iat", now() + 3600))).contains("issued in the future");
    assertThat(refusal(valid().put("exp", now() - 3600))).contains("expired");
  }

  @Test
  void theLargestExpIsReadTheSameEverywhere() {
    Principal p = authenticator.authenticate(signed(valid().put("exp", 253_402_300_799L))).await();
    assertThat(p.expiresAtMs()).isEqualTo(253_402_300_799_000L);
    assertThat(refusal(valid().put("exp", 253_402_300_800L))).contains("exp");
  }

  @Test
  void scopesAsAStringOrAListOfStringsAreReadExactly() {
    assertThat(scopes(valid().put("scope", "read"))).containsExactly("read");
    assertThat(scopes(valid().put("scope", "read write")))
        .containsExactlyInAnyOrder("read", "write");
    assertThat(scopes(valid().put("scope", new JsonArray().add("read")))).containsExactly("read");
    assertThat(scopes(valid().put("scope", new JsonArray().add("read").add("write"))))
        .containsExactlyInAnyOrder("read", "write");
    assertThat(scopes(valid().put("scp", new JsonArray().add("read")))).containsExactly("read");
    assertThat(scopes(valid().put("scp", "read"))).containsExactly("read");
    assertThat(scopes(valid().put("scopes", "read"))).containsExactly("read");
    assertThat(scopes(valid().put("scopes", new JsonArray().add("admin"))))
        .containsExactly("admin");
    assertThat(scopes(valid().put("scope", ""))).isEmpty();
    assertThat(scopes(valid().put("scope", new JsonArray()))).isEmpty();
    assertThat(scopes(valid()))
        .as("no scope claim: the documented default")
        .containsExactlyInAnyOrder("read", "write");
  }

  @Test
  void aScopeClaimOfAnyOtherShapeRefusesInsteadOfWidening() {
    Object[] wrong = {
      5,
      new JsonObject(),
      new JsonObject().put("read", true),
      null,
      true,
      new JsonArray().add(5),
      new JsonArray().add("read write"),
      new JsonArray().add(""),
      new JsonArray().add(new JsonArray().add("write")),
      "read\twrite"
    };
    for (String claim : new String[] {"scope", "scp", "scopes"}) {
      for (Object value : wrong) {
        assertThat(refusal(valid().put(claim, value)))
            .as(claim + " = " + value)
            .contains("the " + claim + " claim");
      }
    }
    assertThat(refusal(valid().put("scope", "read").put("scp", new JsonArray().add("write"))))
        .contains("both");
  }

  @Test
  void otherClaimsOfTheWrongTypeAreA401() {
    assertThat(refusal(valid().put("sub", 5))).contains("sub");
    assertThat(refusal(valid().put("tenant", new JsonArray().add("acme")))).contains("tenant");
    assertThat(refusal(valid().put("conversations", "x"))).contains("conversations");
  }

  @Test
  void outcomesNeverThrow() {
    // every registered claim in every shape at once: a failed future, not an exception
    for (String claim : new String[] {"exp", "nbf", "iat", "iss", "aud", "sub", "jti"}) {
      for (Object value : new Object[] {null, "x", new JsonArray(), new JsonObject(), -1, 1e300}) {
        Throwable cause = failure(valid().put(claim, value));
        assertThat(cause == null || cause instanceof ServiceException)
            .as(claim + " = " + value + ": " + cause)
            .isTrue();
      }
    }
  }
}
