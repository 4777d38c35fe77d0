package io.cleanercontext.cleaner.engine;

/**
 * A quick first look at a phoneme alignment ({@link Phones}) in whole tenths: every cost of the
 * tables is a multiple of a tenth (0.4, 0.5, 0.6, 1), so an alignment costs a whole number of
 * tenths, which integers add up exactly and fast. When even a cheaper count (a costlier step
 * counted as {@value #MOST} tenths) is above the caller's bound, the alignment in doubles would
 * only have come out above it too; otherwise the caller aligns as before. Almost every pair a turn
 * compares is far apart, and is settled here. Immutable.
 */
final class PhoneTenths {

  /**
   * The most a step counts here: a costlier or forbidden one (an infinite cost) counts this much,
   * less than it costs, so the sum here never exceeds the alignment's (one byte a step keeps the
   * tables in a few cache lines: they are read between far larger look-ups).
   */
  private static final int MOST = 127;

  /** A cell off the band: on no path within the limit (far above it, far below overflow). */
  private static final int OFF = 1 << 24;

  private final int phones;

  /** The substitution costs in tenths, row after row. */
  private final byte[] sub;

  private final byte[] indel;
  private final int minIndel;

  /** False when some finite cost is no whole number of tenths: then nothing is settled here. */
  private final boolean whole;

  PhoneTenths(double[][] sub, double[] indel) {
    boolean ok = true;
    phones = sub.length;
    this.sub = new byte[phones * phones];
    for (int i = 0; i < phones; i++) {
      for (int j = 0; j < phones; j++) {
        this.sub[i * phones + j] = tenths(sub[i][j]);
        ok &= isWhole(sub[i][j]) && sub[i].length == phones;
      }
    }
    this.indel = new byte[indel.length];
    int least = MOST;
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

  private static byte tenths(double cost) {
    return (byte)
        (Double.isInfinite(cost) || cost * 10 >= MOST ? MOST : (int) Math.rint(cost * 10));
  }

  /**
   * False only when every alignment of {@code a} with {@code b} costs more than {@code max} (by
   * more than any rounding of the doubles could hide: the margin is far above it); true when it may
   * not.
   */
  boolean mayAlignWithin(byte[] a, byte[] b, double max) {
    if (!whole || !(max * 10 + 1e-6 < Integer.MAX_VALUE / 4)) {
      return true;
    }
    int limit = (int) Math.floor(max * 10 + 1e-6); // a whole cost is at most this, or above max
    // the band, as Phones aligns: a cell with more drops or adds around it than the limit pays
    // for is on no path within it
    int diff = a.length - b.length;
    int reach = minIndel > 0 ? limit / minIndel : Integer.MAX_VALUE / 4;
    if (reach < Math.abs(diff)) {
      return false;
    }
    int slack = (reach - Math.abs(diff)) / 2;
    int lowest = Math.min(0, diff) - slack; // i - j from lowest to highest
    int highest = Math.max(0, diff) + slack;
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int j = 1; j <= b.length; j++) {
      prev[j] = prev[j - 1] + indel[b[j - 1]];
    }
    for (int i = 1; i <= a.length; i++) {
      int row = a[i - 1] * phones;
      int drop = indel[a[i - 1]];
      int from = Math.max(1, i - highest);
      int to = Math.min(b.length, i - lowest);
      // the cells just off the band, the only ones this row and the next read beyond it
      if (i - highest > 0) {
        cur[from - 1] = OFF;
      }
      if (to < b.length) {
        cur[to + 1] = OFF;
      }
      int left = a.length - i - b.length; // rows minus columns still to go from cell (i, 0)
      int least = OFF;
      if (i - highest <= 0) {
        cur[0] = prev[0] + drop;
        least = cur[0] + minIndel * Math.abs(left);
      }
      for (int j = from; j <= to; j++) {
        int bj = b[j - 1];
        int c =
            Math.min(prev[j - 1] + sub[row + bj], Math.min(prev[j] + drop, cur[j - 1] + indel[bj]));
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
