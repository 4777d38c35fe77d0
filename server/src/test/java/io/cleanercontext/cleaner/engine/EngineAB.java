package io.cleanercontext.cleaner.engine;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of the engine timed in one process, in alternating order, so that both see the same
 * load on a shared machine: each build's {@code server/target/classes} is loaded, with this build's
 * {@link EngineWorkload}, in a class loader of its own (child first for the project's classes and
 * resources). Each round times, in this thread's CPU, a few passes over the gold user turns and
 * some AI + user turn pairs of the steady state, A then B in even rounds, B then A in odd ones; at
 * the end it prints the medians, the ratios B/A, and whether both builds cleaned every turn alike.
 * Run (after {@code test-compile} in both worktrees):
 *
 * <pre>
 * mvn -q -o -pl server -Dskip.ui=true test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.cleanercontext.cleaner.engine.EngineAB -Dexec.workingdir=. \
 *   -Dcc.gold.dir=server/src/test/resources/data/cleaning \
 *   -Dexec.args="ROUNDS PASSES PAIRS A/server/target/classes B/server/target/classes [WARM_S]"
 * </pre>
 */
public final class EngineAB {

  private EngineAB() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int passes = Integer.parseInt(args[1]);
    int steps = Integer.parseInt(args[2]);
    String gold = System.getProperty("cc.gold.dir", "src/test/resources/data/cleaning");
    URL workload =
        EngineWorkload.class.getProtectionDomain().getCodeSource().getLocation(); // test-classes
    Object[] w = new Object[2];
    for (int i = 0; i < 2; i++) {
      ClassLoader loader =
          new ChildFirst(
              new URL[] {Path.of(args[3 + i]).toUri().toURL(), workload},
              EngineAB.class.getClassLoader());
      Thread.currentThread().setContextClassLoader(loader);
      w[i] =
          loader
              .loadClass(EngineWorkload.class.getName())
              .getConstructor(String.class)
              .newInstance(gold);
    }
    var bean = ManagementFactory.getThreadMXBean();
    int n = (int) call(w[0], "userTurns");
    // warm-up, both in turn, until the compiler has settled (seconds: the sixth argument)
    long warmEnd =
        System.nanoTime() + (args.length > 5 ? Long.parseLong(args[5]) : 90) * 1_000_000_000L;
    for (Object x : w) {
      call(x, "preparePairs");
    }
    while (System.nanoTime() < warmEnd) {
      for (Object x : w) {
        call(x, "userPass", 1);
        call(x, "pairs", 500);
      }
    }
    double[][] user = new double[2][rounds];
    double[][] pair = new double[2][rounds];
    long[] userHash = new long[2];
    long[] pairHash = new long[2];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int i = r % 2 == 0 ? k : 1 - k;
        long t0 = bean.getCurrentThreadCpuTime();
        userHash[i] = (long) call(w[i], "userPass", passes);
        user[i][r] = (bean.getCurrentThreadCpuTime() - t0) / 1000.0 / (passes * n);
        call(w[i], "preparePairs");
        t0 = bean.getCurrentThreadCpuTime();
        pairHash[i] = (long) call(w[i], "pairs", steps);
        pair[i][r] = (bean.getCurrentThreadCpuTime() - t0) / 1000.0 / steps;
      }
      System.out.printf(
          "round %d: user A %.1f B %.1f us (B/A %.3f)  pair A %.1f B %.1f us (B/A %.3f)%n",
          r,
          user[0][r],
          user[1][r],
          user[1][r] / user[0][r],
          pair[0][r],
          pair[1][r],
          pair[1][r] / pair[0][r]);
    }
    System.out.printf(
        "outputs equal: user turns %b, pairs %b%n",
        userHash[0] == userHash[1], pairHash[0] == pairHash[1]);
    report("user turn", user);
    report("AI + user pair", pair);
  }

  private static void report(String what, double[][] x) {
    double[] ratio = new double[x[0].length];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = x[1][r] / x[0][r];
    }
    System.out.printf(
        "CPU per %s: median A %.1f us, B %.1f us; median of the rounds' B/A %.3f%n",
        what, median(x[0]), median(x[1]), median(ratio));
  }

  private static double median(double[] x) {
    double[] y = x.clone();
    Arrays.sort(y);
    return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
  }

  private static Object call(Object o, String method, Object... args) throws Exception {
    for (Method m : o.getClass().getMethods()) {
      if (m.getName().equals(method)) {
        return m.invoke(o, args);
      }
    }
    throw new NoSuchMethodException(method);
  }

  /**
   * Loads the project's classes and resources from its own URLs first, the rest from its parent.
   */
  private static final class ChildFirst extends URLClassLoader {

    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.cleanercontext.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }
  }
}
