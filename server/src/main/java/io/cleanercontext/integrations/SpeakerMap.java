package io.cleanercontext.integrations;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import java.util.HashMap;
import java.util.Map;

/**
 * Who a platform's speaker is in the product's words: the integration's own mapping (e.g. {@code
 * {"channel:0": "Customer", "channel:1": "Agent"}} for a two-channel Deepgram stream) over the
 * source's defaults; {@value #ANY} maps every speaker the others do not name.
 */
public final class SpeakerMap {
  /** The key that maps every speaker not named otherwise. */
  public static final String ANY = "*";

  private final Map<String, String> labels;

  private SpeakerMap(Map<String, String> labels) {
    this.labels = labels;
  }

  /**
   * The source's defaults with the integration's mapping over them; fails with 400 naming the key
   * when a label is not one the product knows.
   */
  public static SpeakerMap of(Source source, Map<String, String> configured) {
    Map<String, String> labels = new HashMap<>(source.defaultSpeakers());
    configured.forEach(
        (key, label) -> {
          if (Speaker.fromLabel(label).isEmpty()) {
            throw new ServiceException(
                ErrorCode.BAD_REQUEST,
                "speakers."
                    + key
                    + ": '"
                    + label
                    + "' is not a speaker label; use one of "
                    + Speaker.labels(),
                "speakers." + key);
          }
          labels.put(key, label);
        });
    return new SpeakerMap(Map.copyOf(labels));
  }

  /** The label of a platform's speaker; fails with 400 when the mapping does not name it. */
  public String labelOf(String speakerKey) {
    String label = labels.getOrDefault(speakerKey, labels.get(ANY));
    if (label == null) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          "speaker '"
              + speakerKey
              + "' has no label: add it to the integration's speakers (or map '*')",
          "speakers");
    }
    return label;
  }
}
