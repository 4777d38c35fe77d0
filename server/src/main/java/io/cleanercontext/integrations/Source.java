package io.cleanercontext.integrations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The voice pipelines whose payloads the server takes as they are sent, each with its adapter and
 * the speaker labels its own speaker names map to unless the integration says otherwise.
 */
public enum Source {
  DEEPGRAM(new DeepgramAdapter(), Map.of(SpeakerMap.ANY, "User")),
  ASSEMBLYAI(new AssemblyAiAdapter(), Map.of(SpeakerMap.ANY, "User")),
  VAPI(new VapiAdapter(), Map.of("user", "User", "assistant", "AI", "bot", "AI")),
  RETELL(new RetellAdapter(), Map.of("user", "User", "agent", "AI")),
  // A voice-AI call through Twilio: the caller is the inbound track, the agent the outbound one.
  TWILIO(new TwilioAdapter(), Map.of("inbound_track", "User", "outbound_track", "AI"));

  private final Adapter adapter;
  private final Map<String, String> defaultSpeakers;

  Source(Adapter adapter, Map<String, String> defaultSpeakers) {
    this.adapter = adapter;
    this.defaultSpeakers = defaultSpeakers;
  }

  public Adapter adapter() {
    return adapter;
  }

  /** The platform's speaker names and the labels they map to when the integration sets none. */
  public Map<String, String> defaultSpeakers() {
    return defaultSpeakers;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Source> fromWire(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }

  /** The wire names, for error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Source::wireName).toList());
  }
}
