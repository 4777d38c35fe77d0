package io.cleanercontext.cleaner.engine;

/**
 * A quick first look at a phoneme alignment ({@link Phones}) in whole tenths: every cost of the
 * tables is a multiple of a tenth (0.4, 0.5, 0.6, 1), so the cheapest alignment costs a whole
 * number of tenths, which integers add up exactly and fast. When that number is above the caller's
 * bound, the alignment in doubles would only have come out above it too; otherwise the caller
 * aligns as before. Almost every pair a turn compares is far apart, and is settled here. Immutable.
 */
final class PhoneTenths {

  /** A cost no alignment reaches: a step the tables forbid (an infinite cost). */
  private static final int FAR = 1 << 20;

  private final int[][] sub;
  private final int[] indel;
  private final int minIndel;

  /** False when some finite cost is no whole number of tenths: then nothing is settled here. */
  private final boolean whole;

  PhoneTenths(double[][] sub, double[] indel) {
    boolean ok = true;
    this.sub = new int[sub.length][];
    for (int i = 0; i < sub.length; i++) {
      this.sub[i] = new int[sub[i].length];
      for (int j = 0; j < sub[i].length; j++) {
        this.sub[i][j] = tenths(sub[i][j]);
        ok &= isWhole(sub[i][j]);
      }
    }
    this.indel = new int[indel.length];
    int least = FAR;
    for (int i = 0; i < indel.length; i++) {
      this.indel[i] = tenths(indel[i]);
      ok &= isWhole(indel[i]);
      least = Math.min(least, this.indel[i]);
    }
    this.minIndel = least;
    this.whole = ok;
  }

  private static boolean isWhole(double cost) {
    return Double.isInfinite(cost)
        || cost >= 0 && Math.abs(cost * 10 - Math.rint(cost * 10)) < 1e-9;
  }

  private static int tenths(double cost) {
    return Double.isInfinite(cost) || cost * 10 >= FAR ? FAR : (int) Math.rint(cost * 10);
  }

  /**
   * False only when every alignment of {@code a} with {@code b} costs more than {@code max} (by
   * more than any rounding of the doubles could hide: the margin is far above it); true when it may
   * not.
   */
  boolean mayAlignWithin(byte[] a, byte[] b, double max) {
    if (!whole || !(max * 10 + 1e-6 < FAR / 2)) {
      return true;
    }
    int limit = (int) Math.floor(max * 10 + 1e-6); // a whole cost is at most this, or above max
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int j = 1; j <= b.length; j++) {
      prev[j] = Math.min(FAR, prev[j - 1] + indel[b[j - 1]]);
    }
    for (int i = 1; i <= a.length; i++) {
      int[] row = sub[a[i - 1]];
      int drop = indel[a[i - 1]];
      cur[0] = Math.min(FAR, prev[0] + drop);
      int left = a.length - i - b.length; // rows minus columns still to go from cell (i, 0)
      int least = cur[0] + minIndel * Math.abs(left);
      for (int j = 1; j <= b.length; j++) {
        int bj = b[j - 1];
        int c = Math.min(prev[j - 1] + row[bj], Math.min(prev[j] + drop, cur[j - 1] + indel[bj]));
        c = Math.min(c, FAR);
        cur[j] = c;
        least = Math.min(least, c + minIndel * Math.abs(left + j));
      }
      if (least > limit) {
        return false;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length] <= limit;
  }
}
