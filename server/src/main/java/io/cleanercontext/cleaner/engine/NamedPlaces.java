package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The places a call has named (in the turns of its window, its keyterms and the turn being
 * cleaned), read once per turn and only when asked: whether a place nobody said lies near one of
 * them is context evidence for hearing it. A caller who covers "Leeds, Horsforth, Otley" and gets
 * work "from harrow gate" means Harrogate, 22 km away; "from oak hollow" in a call that named no
 * place is no evidence for Waikoloa.
 */
final class NamedPlaces {

  /** A place within this distance of a named one is near it (the area a local business covers). */
  static final double NEAR_KM = 100;

  private static final double EARTH_KM = 6371;
  private static final int MAX_WORDS = 4;

  private final ConversationContext conversation;
  private final String turn;
  private List<String> named;

  /**
   * @param conversation the call so far (null: none)
   * @param turn the text of the turn being cleaned
   */
  NamedPlaces(ConversationContext conversation, String turn) {
    this.conversation = conversation;
    this.turn = turn;
  }

  /**
   * 1 when some place named {@code place} lies within {@link #NEAR_KM} of a place the call named
   * (another name than its own), else 0. A name the call said is the best-known place of that name
   * (the most people): "Bristol" in a call is the English city, not one of the American towns.
   */
  double near(String place) {
    KnownNames names = KnownNames.get();
    float[] here = names.coordinates(place);
    if (here == null) {
      return 0;
    }
    for (String other : named()) {
      float[] there = names.coordinates(other);
      if (!other.equals(place) && there != null && within(here, bestKnown(there))) {
        return 1;
      }
    }
    return 0;
  }

  /** The places of a name with the most people (all of them when no population is known). */
  private static float[] bestKnown(float[] places) {
    int best = 0;
    for (int i = 3; i < places.length; i += 3) {
      best = places[i + 2] > places[best + 2] ? i : best;
    }
    return places[best + 2] > 0 ? java.util.Arrays.copyOfRange(places, best, best + 3) : places;
  }

  private List<String> named() {
    if (named == null) {
      named = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      texts.add(turn);
      if (conversation != null) {
        texts.addAll(conversation.keyterms());
        conversation.window().forEach(t -> texts.add(t.cleanedText()));
      }
      texts.forEach(this::collect);
    }
    return named;
  }

  /** The places a text names with capitals: "San Antonio", "Leeds", "Weston-super-Mare". */
  private void collect(String text) {
    List<Tokens.Token> tokens = Tokens.split(text);
    KnownNames names = KnownNames.get();
    for (int i = 0; i < tokens.size(); i++) {
      if (!capitalised(tokens.get(i))) {
        continue;
      }
      int found = 0;
      for (int len = Math.min(MAX_WORDS, tokens.size() - i); len >= 2 && found == 0; len--) {
        String place = names.place(phrase(tokens, i, len));
        if (place != null) {
          named.add(place);
          found = len;
        }
      }
      String core = tokens.get(i).core();
      if (found == 0 && names.isPlace(core)) {
        named.add(core);
      }
      i += Math.max(found - 1, 0);
    }
  }

  /** The lower-case words of a run of capitalised words with no punctuation inside, or "". */
  private static String phrase(List<Tokens.Token> tokens, int start, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < start + len; i++) {
      Tokens.Token t = tokens.get(i);
      if (!capitalised(t) || (i < start + len - 1 && !t.trail().isEmpty())) {
        return "";
      }
      sb.append(i > start ? " " : "").append(t.core().toLowerCase(Locale.ROOT).replace('-', ' '));
    }
    return sb.toString();
  }

  private static boolean capitalised(Tokens.Token t) {
    return !t.core().isEmpty() && Character.isUpperCase(t.core().charAt(0));
  }

  /** Whether some place of the first list lies within {@link #NEAR_KM} of one of the second. */
  private static boolean within(float[] a, float[] b) {
    for (int i = 0; i < a.length; i += 3) {
      for (int j = 0; j < b.length; j += 3) {
        if (km(a[i], a[i + 1], b[j], b[j + 1]) <= NEAR_KM) {
          return true;
        }
      }
    }
    return false;
  }

  /** Great-circle distance (haversine). */
  static double km(double lat1, double lng1, double lat2, double lng2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLng = Math.toRadians(lng2 - lng1);
    double h =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.pow(Math.sin(dLng / 2), 2);
    return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
  }
}
