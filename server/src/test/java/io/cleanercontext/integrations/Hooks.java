package io.cleanercontext.integrations;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.AbstractThrowableAssert;

/** Building platform requests and checking adapters' refusals in the adapters' unit tests. */
final class Hooks {
  static final long NOW = 1_780_000_000_000L;

  private Hooks() {}

  static HookRequest request(String body, String... headers) {
    return request(body, null, new JsonObject(), headers);
  }

  static HookRequest request(String body, String callId, JsonObject options, String... headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    return new HookRequest(
        "https://cc.example.com/api/v1/integrations/x/y",
        map,
        Buffer.buffer(body),
        callId,
        options,
        NOW);
  }

  static HookRequest at(String url, String body, String... headers) {
    HookRequest r = request(body, headers);
    return new HookRequest(url, r.headers(), r.body(), null, r.options(), NOW);
  }

  /** The call fails with a 4xx problem naming {@code field}. */
  static AbstractThrowableAssert<?, ?> badField(Runnable call, String field) {
    return assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field);
            });
  }

  /** The call fails with 401. */
  static AbstractThrowableAssert<?, ?> unauthorized(Runnable call) {
    return assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ServiceException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .isEqualTo(ErrorCode.UNAUTHORIZED));
  }
}
