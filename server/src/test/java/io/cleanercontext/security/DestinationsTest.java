package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationsTest {
  private final Destinations strict = new Destinations(false);
  private final Destinations lenient = new Destinations(true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "64:ff9b::a00:1"
      })
  void refusesNonPublicAddressesUnlessAllowed(String address) throws Exception {
    InetAddress a = InetAddress.getByName(address);
    assertThat(strict.refusal(a)).contains("not a public address");
    assertThat(lenient.refusal(a)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "1.1.1.1"})
  void acceptsPublicAddresses(String address) throws Exception {
    assertThat(strict.refusal(InetAddress.getByName(address))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/x",
        "http:///nohost",
        "https://user:pw@example.com/",
        "nonsense"
      })
  void refusesUrlsThatAreNotPlainHttp(String url) {
    assertThatThrownBy(() -> Destinations.parse(url)).isInstanceOf(IllegalArgumentException.class);
  }
}
