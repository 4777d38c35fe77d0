package io.cleanercontext.security;

import io.cleanercontext.config.SecuritySettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Mints an HS256 token for local use with the secret in {@code CC_JWT_SECRET}: {@code java -cp
 * cleanercontext-server.jar io.cleanercontext.security.TokenTool --tenant acme --ttl 3600 [--scope
 * "read write admin"] [--conversations id1,id2] [--subject me] [--issuer x] [--audience y]}. Prints
 * the token alone on standard output (it is the tool's output, not a log line).
 */
public final class TokenTool {
  private TokenTool() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      out.println(mint(args, System.getenv("CC_JWT_SECRET")));
    } catch (IllegalArgumentException e) {
      err.println("token: " + e.getMessage());
      err.println(
          "usage: token --tenant NAME [--ttl SECONDS] [--scope \"read write admin\"] [--conversations ID,ID] "
              + "[--subject NAME] [--issuer ISS] [--audience AUD]   (CC_JWT_SECRET must be set)");
      System.exit(2);
    }
  }

  static String mint(String[] args, String secret) {
    if (secret == null
        || secret.getBytes(StandardCharsets.UTF_8).length < SecuritySettings.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "CC_JWT_SECRET must be set to at least " + SecuritySettings.MIN_SECRET_BYTES + " bytes");
    }
    String tenant = null;
    String subject = null;
    String scope = "read write";
    String conversations = null;
    String issuer = null;
    String audience = null;
    int ttl = 3600;
    List<String> list = Arrays.asList(args);
    for (int i = 0; i < list.size(); i++) {
      String name = list.get(i);
      if (i + 1 >= list.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = list.get(++i);
      switch (name) {
        case "--tenant" -> tenant = value;
        case "--subject" -> subject = value;
        case "--scope" -> scope = value;
        case "--conversations" -> conversations = value;
        case "--issuer" -> issuer = value;
        case "--audience" -> audience = value;
        case "--ttl" -> {
          try {
            ttl = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ttl must be a number of seconds");
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (tenant == null) {
      throw new IllegalArgumentException("--tenant is required");
    }
    if (ttl <= 0) {
      throw new IllegalArgumentException("--ttl must be positive");
    }
    JsonObject claims = new JsonObject().put("tenant", tenant).put("scope", scope.strip());
    if (conversations != null) {
      claims.put(
          "conversations",
          new JsonArray(Arrays.stream(conversations.split(",")).map(String::strip).toList()));
    }
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("HS256")
            .setExpiresInSeconds(ttl)
            .setSubject(subject == null ? tenant + "-cli" : subject);
    if (issuer != null) {
      options.setIssuer(issuer);
    }
    if (audience != null) {
      options.addAudience(audience);
    }
    Vertx vertx = Vertx.vertx();
    try {
      JWTAuth auth =
          JWTAuth.create(
              vertx,
              new JWTAuthOptions()
                  .addPubSecKey(
                      new PubSecKeyOptions()
                          .setAlgorithm("HS256")
                          .setBuffer(Buffer.buffer(secret))));
      return auth.generateToken(claims, options);
    } finally {
      vertx.close();
    }
  }
}
