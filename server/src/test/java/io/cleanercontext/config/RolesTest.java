package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

class RolesTest {

  @Test
  void everyRoleByDefault() {
    assertThat(Roles.from(null).names()).containsExactlyInAnyOrderElementsOf(Roles.ALL);
    assertThat(Roles.from(new JsonArray()).names()).containsExactlyInAnyOrderElementsOf(Roles.ALL);
    assertThat(Roles.from(null).runsShards()).isTrue();
  }

  @Test
  void someRolesInTheirOrder() {
    Roles roles = Roles.from(new JsonArray().add("realtime").add("api"));
    assertThat(roles.names()).containsExactly("realtime", "api");
    assertThat(roles.has("api")).isTrue();
    assertThat(roles.has("metrics")).isFalse();
    assertThat(roles.runsShards()).isFalse();
    assertThat(roles.toJson()).isEqualTo(new JsonArray().add("realtime").add("api"));
  }

  @Test
  void badRolesAreNamed() {
    assertThatThrownBy(() -> Roles.from("api"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("roles must be a list of " + Roles.ALL);
    assertThatThrownBy(() -> Roles.from(new JsonArray().add("ingest")))
        .hasMessage("unknown role 'ingest' (roles, CC_ROLES): expected some of " + Roles.ALL);
    assertThatThrownBy(() -> Roles.from(new JsonArray().add("worker")))
        .hasMessageStartingWith("roles 'cleaner' and 'worker' go together");
  }
}
