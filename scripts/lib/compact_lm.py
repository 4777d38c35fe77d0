"""Compacts CMU Sphinx's US English trigram model (trie binary, read by sphinx_trie.py) into the
cleaning engine's language-model resource (read by io.cleanercontext.cleaner.engine.LanguageModel).

Pruning (Seymore-Rosenfeld style weighted difference): an n-gram is kept when it says something the
back-off estimate does not, weighted by how often its context occurs; the N best bigrams and
trigrams are kept (trigrams only over kept bigrams). Log10 probabilities are quantised to 1/400.

Format (gzip, big-endian): "CCLM" int version=1; int V, then V words (UTF-8, '\n'-joined as one
int-length-prefixed block); short[V] unigram log-prob, short[V] unigram back-off;
int[V] bigram count per first word; int[N2] second word; short[N2] prob; short[N2] back-off
(bigrams sorted by first then second word); int[N2] trigram count per bigram; int[N3] third word;
short[N3] prob.
"""
import gzip, math, sys
import numpy as np
import sphinx_trie

LOG10_BASE = math.log10(1.0001)  # sphinx keeps log-probs in base 1.0001
SCALE = 400.0


def q(values):
    return np.clip(np.round(np.asarray(values, dtype=np.float64) * SCALE), -32768, 32767).astype('>i2')


def main(src, out, keep2, keep3):
    m = sphinx_trie.read(src)
    words = m['words']
    V = len(words)
    up = m['uni']['prob'][:V].astype(np.float64) * LOG10_BASE
    ubo = m['uni']['bo'][:V].astype(np.float64) * LOG10_BASE
    (a, b, p2, bo2), (x, y, z, p3), n2, n3 = sphinx_trie.ngrams(m)
    p2 = p2.astype(np.float64) * LOG10_BASE
    bo2 = bo2.astype(np.float64) * LOG10_BASE
    p3 = p3.astype(np.float64) * LOG10_BASE
    # bigrams: weight = P(a) * |log P(b|a) - (bo(a) + log P(b))|
    ctx = np.where(up[a] < -90, -9.0, up[a])
    w2 = (10 ** ctx) * np.abs(p2 - (ubo[a] + up[b]))
    keep_b = np.zeros(n2, bool)
    keep_b[np.argsort(-w2)[:keep2]] = True
    # a bigram that is some kept trigram's context stays if that trigram is kept: choose trigrams first
    order = np.lexsort((b, a))
    a, b, p2, bo2 = a[order], b[order], p2[order], bo2[order]
    keep_b = keep_b[order]
    key2 = a * V + b
    # trigram x y z: context bigram (x, y); back-off estimate bo(x y) + log P(z | y)
    ctx_idx = np.searchsorted(key2, x * V + y)
    ok = (ctx_idx < n2) & (key2[np.minimum(ctx_idx, n2 - 1)] == x * V + y)
    lower_idx = np.searchsorted(key2, y * V + z)
    has_lower = (lower_idx < n2) & (key2[np.minimum(lower_idx, n2 - 1)] == y * V + z)
    low = np.where(has_lower, p2[np.minimum(lower_idx, n2 - 1)], ubo[y] + up[z])
    est = bo2[np.minimum(ctx_idx, n2 - 1)] + low
    cctx = np.where(ok, up[x] + np.where(ok, p2[np.minimum(ctx_idx, n2 - 1)], 0), -99)
    w3 = (10 ** np.maximum(cctx, -30)) * np.abs(p3 - est)
    w3[~ok] = -1
    keep_t = np.zeros(n3, bool)
    keep_t[np.argsort(-w3)[:keep3]] = True
    keep_t &= ok
    keep_b[ctx_idx[keep_t]] = True
    # lower-order entries every kept trigram backs off to stay too
    keep_b[lower_idx[keep_t & has_lower]] = True
    a, b, p2, bo2 = a[keep_b], b[keep_b], p2[keep_b], bo2[keep_b]
    new_index = np.cumsum(keep_b) - 1
    tx = new_index[ctx_idx[keep_t]]
    tz, tp = z[keep_t], p3[keep_t]
    o3 = np.lexsort((tz, tx))
    tx, tz, tp = tx[o3], tz[o3], tp[o3]
    N2, N3 = len(a), len(tz)
    with gzip.GzipFile(out, 'wb', compresslevel=9, mtime=0) as f:
        f.write(b'CCLM'); f.write(np.array([1], '>i4').tobytes())
        blob = '\n'.join(words).encode('utf-8')
        f.write(np.array([V, len(blob)], '>i4').tobytes()); f.write(blob)
        f.write(q(up).tobytes()); f.write(q(ubo).tobytes())
        f.write(np.bincount(a, minlength=V).astype('>i4').tobytes())
        f.write(np.array([N2], '>i4').tobytes())
        f.write(b.astype('>i4').tobytes()); f.write(q(p2).tobytes()); f.write(q(bo2).tobytes())
        f.write(np.bincount(tx, minlength=N2).astype('>i4').tobytes())
        f.write(np.array([N3], '>i4').tobytes())
        f.write(tz.astype('>i4').tobytes()); f.write(q(tp).tobytes())
    print(f"{V} words, {N2} of {n2} bigrams, {N3} of {n3} trigrams -> {out}")


if __name__ == '__main__':
    def count(arg):
        return 1 << 40 if arg == 'all' else int(arg)
    main(sys.argv[1], sys.argv[2], count(sys.argv[3]), count(sys.argv[4]))
