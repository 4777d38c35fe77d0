package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The well-known names of {@link KnownNames}' lists (brands, places, first names) by how they
 * sound, so that a run of everyday words heard where a name would stand can be compared with the
 * names it sounds like: "harrow gate" with Harrogate, "western super mare" with Weston-super-Mare,
 * "call fax" with Colfax. Nobody in the call said these names, so the run must sound like one
 * phoneme by phoneme ({@link Phones#alikeAlignment}: a vowel for a vowel, a voiced consonant for
 * its twin, a weak sound dropped), never with a consonant heard as an unlike one.
 *
 * <p>Each name is indexed under a coarse sound key (every vowel one class, a voiced consonant with
 * its voiceless twin, m/n/ng one class, r, l, h, w, y left out) and under each key with one class
 * left out, so that a run whose key is the name's, or one class inserted, left out or changed away,
 * finds it; each name found is kept only when its phonemes align with the run's (at most {@link
 * TermSounds#MAX_COST_PER_PHONE} per phoneme of the name). About 20,600 names (of five phonemes or
 * more) in one sorted array of about 266,000 longs (2 MB) with a bucket directory; a look-up reads
 * about twenty buckets.
 */
final class NameSounds {

  /** A listed name, how it sounds, and which lists have it ({@link KnownNames#PLACE}...). */
  record Name(String spelling, int kinds, byte[] phones, String[] lower, String joinedKey) {}

  /** One listed name a heard run sounds like. */
  record Match(Name name, double cost) {}

  /** Names of fewer phonemes match too many everyday runs ("Ayr", "Bude"). */
  static final int MIN_PHONES = 5;

  private static final char DROPPED = 0;
  private static final char[] CLASS_OF = new char[Phones.ALL.size()];

  static {
    for (int i = 0; i < Phones.ALL.size(); i++) {
      char c = Phones.keyClass(i); // cleaning/phones.txt
      CLASS_OF[i] = c == '-' ? DROPPED : c;
    }
  }

  private static final class Holder {
    static final NameSounds INSTANCE = new NameSounds(KnownNames.get(), Pronunciations.get());
  }

  private final Name[] names;

  /**
   * Sorted entries, each a {@value #HASH_BITS}-bit hash of a key in its high bits and the name's
   * index in its low {@value #INDEX_BITS}: every name under its key and under each key with one
   * class left out.
   */
  private final long[] entries;

  private static final int INDEX_BITS = 24;

  /**
   * Where each run of entries sharing their top {@value #BUCKET_BITS} bits starts: a look-up reads
   * a handful of neighbouring entries instead of binary-searching 3 MB (a cache miss a step).
   */
  private final int[] buckets;

  private static final int BUCKET_BITS = 18;

  /** Bits of a key's hash: with the index, 63 bits, so that entries sort as unsigned numbers. */
  private static final int HASH_BITS = 39;

  private NameSounds(KnownNames lists, Pronunciations dictionary) {
    List<Name> all = new ArrayList<>();
    lists.forEachListed(
        (spelling, kinds) -> {
          byte[] phones = TermSounds.pronounce(spelling, dictionary);
          if (phones.length >= MIN_PHONES) {
            String[] words = spelling.toLowerCase(Locale.ROOT).split("[\\s\\-]+");
            all.add(new Name(spelling, kinds, phones, words, Tokens.joinedKey(spelling)));
          }
        });
    all.sort(java.util.Comparator.comparing(Name::spelling)); // one order, whatever the map's
    names = all.toArray(new Name[0]);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      String key = key(names[i].phones());
      out.add(hash(EXACT + key) << INDEX_BITS | i);
      for (int d = 0; d < key.length(); d++) {
        String shorter = without(key, d);
        out.add(hash(ANY_DROPPED + shorter) << INDEX_BITS | i);
        out.add(hash(d + DROPPED_AT + shorter) << INDEX_BITS | i);
      }
    }
    entries = out.stream().mapToLong(Long::longValue).sorted().toArray();
    buckets = new int[(1 << BUCKET_BITS) + 1];
    for (long e : entries) {
      buckets[(int) (e >>> (INDEX_BITS + HASH_BITS - BUCKET_BITS)) + 1]++;
    }
    for (int b = 0; b < 1 << BUCKET_BITS; b++) {
      buckets[b + 1] += buckets[b];
    }
  }

  /** The process's one index, built on first use. */
  static NameSounds get() {
    return Holder.INSTANCE;
  }

  /**
   * The names of any of {@code kinds} whose phonemes align with {@code heard} within {@link
   * TermSounds#MAX_COST_PER_PHONE} per phoneme of the name.
   */
  List<Match> matches(byte[] heard, int kinds) {
    List<Match> out = new ArrayList<>();
    String key = key(heard);
    if (key.length() < 3) {
      return out;
    }
    // the same key; the run a class short of the name; a class more; one class changed
    List<String> probes = new ArrayList<>(2 * key.length() + 2);
    probes.add(EXACT + key);
    probes.add(ANY_DROPPED + key);
    for (int d = 0; d < key.length(); d++) {
      String shorter = without(key, d);
      probes.add(EXACT + shorter);
      probes.add(d + DROPPED_AT + shorter);
    }
    Set<Integer> seen = new HashSet<>();
    for (String k : probes) {
      long h = hash(k);
      int b = (int) (h >>> (HASH_BITS - BUCKET_BITS));
      for (int e = buckets[b]; e < buckets[b + 1]; e++) {
        if (entries[e] >>> INDEX_BITS != h) {
          continue;
        }
        int index = (int) (entries[e] & ((1L << INDEX_BITS) - 1));
        Name n = names[index];
        byte[] said = n.phones();
        double max = TermSounds.MAX_COST_PER_PHONE * said.length;
        // the cheap tests first: a phoneme more or fewer costs at least a weak sound's drop, and
        // a name is heard from its first sounds (as the call's names are, TermSounds)
        if ((n.kinds() & kinds) == 0
            || Math.abs(heard.length - said.length) * Phones.ALIKE_STEP > max
            || !(Phones.similar(heard[0], said[0]) || Phones.similar(heard[1], said[1]))
            || !seen.add(index)) {
          continue;
        }
        double cost = Phones.alikeAlignment(heard, said, max);
        if (cost <= max) {
          out.add(new Match(n, cost));
        }
      }
    }
    return out;
  }

  private static final String EXACT = "=";
  private static final String ANY_DROPPED = "-";
  private static final String DROPPED_AT = "@";

  /** The key with the class at {@code d} left out, a vowel run so made counted as one vowel. */
  private static String without(String key, int d) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int j = 0; j < key.length(); j++) {
      char c = key.charAt(j);
      if (j != d && !(c == 'a' && sb.length() > 0 && sb.charAt(sb.length() - 1) == 'a')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A {@value #HASH_BITS}-bit FNV-1a hash of the key (a collision only costs an alignment). */
  private static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    return h >>> (64 - HASH_BITS);
  }

  /** The coarse sound key: classes in order, weak consonants left out, a vowel run as one. */
  static String key(byte[] phones) {
    StringBuilder sb = new StringBuilder(phones.length);
    for (byte p : phones) {
      char c = CLASS_OF[p];
      if (c != DROPPED && !(c == 'a' && sb.length() > 0 && sb.charAt(sb.length() - 1) == 'a')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
