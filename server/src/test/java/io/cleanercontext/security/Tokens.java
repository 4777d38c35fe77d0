package io.cleanercontext.security;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/** Tokens for tests: good ones, expired ones, and ones signed with the wrong key. */
final class Tokens {
  static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
  static final String WRONG_SECRET = "not-the-secret-0123456789-abcdefghijklm";

  private final JWTAuth good;
  private final JWTAuth wrong;

  Tokens(Vertx vertx) {
    good =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
    wrong =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm("HS256")
                        .setBuffer(Buffer.buffer(WRONG_SECRET))));
  }

  String of(String tenant, String scope) {
    return good.generateToken(
        new JsonObject().put("tenant", tenant).put("scope", scope),
        new JWTOptions().setExpiresInSeconds(600).setSubject(tenant + "-user"));
  }

  String expiringIn(String tenant, int seconds) {
    return good.generateToken(
        new JsonObject().put("tenant", tenant).put("scope", "read write"),
        new JWTOptions().setExpiresInSeconds(seconds).setSubject(tenant + "-brief"));
  }

  String limitedTo(String tenant, List<String> conversations) {
    return good.generateToken(
        new JsonObject().put("tenant", tenant).put("conversations", new JsonArray(conversations)),
        new JWTOptions().setExpiresInSeconds(600).setSubject(tenant + "-limited"));
  }

  String expired(String tenant) {
    long now = System.currentTimeMillis() / 1000;
    return good.generateToken(
        new JsonObject().put("tenant", tenant).put("iat", now - 3600).put("exp", now - 600),
        new JWTOptions().setSubject(tenant + "-user"));
  }

  /** A token of exactly these claims, correctly signed (no exp or iat added). */
  String signed(JsonObject claims) {
    return good.generateToken(claims, new JWTOptions().setNoTimestamp(true));
  }

  String forged(String tenant) {
    return wrong.generateToken(
        new JsonObject().put("tenant", tenant).put("scope", "read write admin"),
        new JWTOptions().setExpiresInSeconds(600));
  }
}
