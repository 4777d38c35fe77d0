package io.cleanercontext.cleaner.engine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A back-off trigram model of US English (CMU Sphinx's en-us model, pruned and quantised by
 * scripts/update-language-model into {@code cleaning/english-lm.bin.gz}). Answers how probable a
 * word is after the two before it, so a correction can be weighed by how much more likely the
 * sentence reads with it than without it. Arrays, not objects: the tables that find its pairs and
 * trigrams ({@link PairTable}: the pair's index, the trigram's probability) are 64 MB of heap, and
 * the words' probabilities and back-off weights a few MB more; the follower lists themselves are
 * read into the tables and not kept.
 */
final class LanguageModel {

  private static final String RESOURCE = "/cleaning/english-lm.bin.gz";
  private static final double SCALE = 400.0;

  /** log10 probability of a word the model does not know (below its rarest word). */
  static final double UNKNOWN = -8.0;

  private static final class Holder {
    static final LanguageModel INSTANCE = load();
  }

  private final WordIds ids;
  private final short[] uniProb;
  private final short[] uniBackoff;
  private final short[] biProb;
  private final short[] biBackoff;

  /** The bigram (a b) at list a, key b: the pair's index into {@link #biProb}. */
  private final PairTable biPairs;

  /** The trigram (u v w) at list (u v)'s pair index, key w: its probability, less SHORT_MIN. */
  private final PairTable triPairs;

  final int sentenceStart;
  final int sentenceEnd;

  /** No {@link #prob} is above this (as the arithmetic there rounds): see {@link #most}. */
  final double most;

  private LanguageModel(DataInputStream in) throws IOException {
    byte[] magic = new byte[4];
    in.readFully(magic);
    if (!"CCLM".equals(new String(magic, StandardCharsets.US_ASCII)) || in.readInt() != 1) {
      throw new IOException("not a CCLM v1 language model");
    }
    int v = in.readInt();
    byte[] blob = new byte[in.readInt()];
    in.readFully(blob);
    String[] words = new String(blob, StandardCharsets.UTF_8).split("\n", -1);
    ids = new WordIds(words, v);
    uniProb = shorts(in, v);
    uniBackoff = shorts(in, v);
    int[] biStart = starts(in, v);
    int n2 = in.readInt();
    int[] biWord = ints(in, n2);
    biProb = shorts(in, n2);
    biBackoff = shorts(in, n2);
    biPairs = new PairTable(biStart, biWord, null);
    biStart = null;
    biWord = null; // only the table reads them: let them go before the trigrams are read
    int[] triStart = starts(in, n2);
    int n3 = in.readInt();
    int[] triWord = ints(in, n3);
    int[] triProb = new int[n3];
    short maxTri = Short.MIN_VALUE;
    for (int i = 0; i < n3; i++) {
      short p = in.readShort();
      triProb[i] = p - Short.MIN_VALUE;
      maxTri = (short) Math.max(maxTri, p);
    }
    triPairs = new PairTable(triStart, triWord, triProb);
    sentenceStart = ids.id("<s>");
    sentenceEnd = ids.id("</s>");
    most = most(maxTri);
  }

  /**
   * The greatest value {@link #prob(int, int, int, int)} can take: each of its sums with every term
   * at its greatest (a back-off weight no less than the 0 it stands in for), which bounds the sums
   * as computed, since rounding keeps order.
   */
  private double most(short maxTri) {
    double tri = maxTri / SCALE;
    double backoff = Math.max(0.0, max(biBackoff) / SCALE);
    double bigram = backoff + max(biProb) / SCALE;
    double unigram = backoff + Math.max(0.0, max(uniBackoff) / SCALE) + max(uniProb) / SCALE;
    return Math.max(UNKNOWN, Math.max(tri, Math.max(bigram, unigram)));
  }

  private static double max(short[] values) {
    int m = Short.MIN_VALUE;
    for (short v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  static LanguageModel get() {
    return Holder.INSTANCE;
  }

  private static LanguageModel load() {
    try (InputStream raw = LanguageModel.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException(RESOURCE + " missing (scripts/update-language-model)");
      }
      return new LanguageModel(
          new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many words the model knows: their ids run from 0 to this less one. */
  int words() {
    return uniProb.length;
  }

  /** The ids of the words of tokens [from, to), -1 for a word the model lacks. */
  int[] ids(List<Tokens.Token> tokens, int from, int to) {
    int[] ids = new int[to - from];
    for (int k = from; k < to; k++) {
      ids[k - from] = id(tokens.get(k).lower());
    }
    return ids;
  }

  /** The word's id, or -1 when the model does not know it. */
  int id(String lowerWord) {
    return ids.id(lowerWord);
  }

  /** How common the word is on its own: log10 unigram probability, {@link #UNKNOWN} if unknown. */
  double unigram(int w) {
    return w < 0 ? UNKNOWN : uniProb[w] / SCALE;
  }

  /** log10 P(w | u v) with Katz back-off; any id may be -1 (unknown). */
  double prob(int u, int v, int w) {
    return w < 0 ? UNKNOWN : prob(bigramIndex(u, v), v, w, LOOK_UP);
  }

  /** A {@code vw} for {@link #prob(int, int, int, int)}: looked up only if the trigram is not. */
  static final int LOOK_UP = -2;

  /**
   * {@link #prob(int, int, int)} given the bigram indexes of (u v) and (v w) ({@link #bigramIndex},
   * or {@link #LOOK_UP} for vw): the binary searches for a pair are most of a probability's cost,
   * and a caller weighing several words in one place shares its pairs.
   */
  double prob(int uv, int v, int w, int vw) {
    if (w < 0) {
      return UNKNOWN;
    }
    if (uv >= 0) {
      int t = triPairs.find(uv, w);
      if (t >= 0) {
        return (short) (t + Short.MIN_VALUE) / SCALE;
      }
    }
    double backoff = uv >= 0 ? biBackoff[uv] / SCALE : 0.0;
    int pair = vw == LOOK_UP ? bigramIndex(v, w) : vw;
    if (pair >= 0) {
      return backoff + biProb[pair] / SCALE;
    }
    return backoff + (v >= 0 ? uniBackoff[v] / SCALE : 0.0) + uniProb[w] / SCALE;
  }

  /** The index of the bigram (a b), -1 when the model lacks it or either word. */
  int bigramIndex(int a, int b) {
    return a < 0 || b < 0 ? -1 : bigram(a, b);
  }

  private int bigram(int a, int b) {
    return biPairs.find(a, b);
  }

  private static short[] shorts(DataInputStream in, int n) throws IOException {
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readShort();
    }
    return out;
  }

  private static int[] ints(DataInputStream in, int n) throws IOException {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readInt();
    }
    return out;
  }

  /** Reads n counts and returns n+1 prefix sums: entry i's children are [start[i], start[i+1]). */
  private static int[] starts(DataInputStream in, int n) throws IOException {
    int[] out = new int[n + 1];
    for (int i = 0; i < n; i++) {
      out[i + 1] = out[i] + in.readInt();
    }
    return out;
  }
}
