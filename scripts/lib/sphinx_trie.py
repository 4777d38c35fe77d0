"""Reads a CMU Sphinx trie binary LM (sphinxbase ngram_model_trie) into numpy arrays."""
import struct, sys, numpy as np

def req_bits(v):
    return 0 if v == 0 else int(v).bit_length()

def read(path):
    data = open(path, 'rb').read()
    hdr = b"Trie Language Model"
    assert data[:len(hdr)] == hdr, "not a trie LM"
    p = len(hdr)
    order = data[p]; p += 1
    counts = list(struct.unpack_from('<%dI' % order, data, p)); p += 4 * order
    assert order == 3
    p += 4  # dummy quantisation type
    qn = (order - 2) * 2 * 65536 + 65536
    q = np.frombuffer(data, dtype='<f4', count=qn, offset=p); p += 4 * qn
    mid_prob, mid_bo, long_prob = q[0:65536], q[65536:131072], q[131072:196608]
    uni = np.frombuffer(data, dtype=np.dtype([('prob', '<f4'), ('bo', '<f4'), ('next', '<u4')]),
                        count=counts[0] + 1, offset=p); p += 12 * (counts[0] + 1)
    wb = req_bits(counts[0])
    nb = req_bits(counts[2])
    mid_total = wb + 32 + nb
    mid_size = ((1 + counts[1]) * mid_total + 7) // 8 + 8
    long_total = wb + 16
    long_size = ((1 + counts[2]) * long_total + 7) // 8 + 8
    mid = np.frombuffer(data, dtype=np.uint8, count=mid_size, offset=p); p += mid_size
    lng = np.frombuffer(data, dtype=np.uint8, count=long_size, offset=p); p += long_size
    k = struct.unpack_from('<i', data, p)[0]; p += 4
    words = data[p:p + k].split(b'\0')[:counts[0]]
    words = [w.decode('utf-8', 'replace') for w in words]
    return dict(counts=counts, uni=uni, words=words, mid=mid, lng=lng, wb=wb, nb=nb,
                mid_total=mid_total, long_total=long_total,
                mid_prob=mid_prob, mid_bo=mid_bo, long_prob=long_prob)

def bits(mem, offsets, length):
    """Reads `length` bits (<= 57) little-endian at bit offsets."""
    padded = mem if len(mem) % 8 == 0 else np.concatenate([mem, np.zeros(8 - len(mem) % 8, np.uint8)])
    b = (offsets >> 3).astype(np.int64)
    v = np.zeros(len(offsets), dtype=np.uint64)
    ext = np.concatenate([padded, np.zeros(8, np.uint8)])
    for i in range(8):
        v |= ext[b + i].astype(np.uint64) << np.uint64(8 * i)
    v >>= (offsets & 7).astype(np.uint64)
    return (v & np.uint64((1 << length) - 1)).astype(np.int64)

def ngrams(m):
    """Returns (bigrams, trigrams) arrays of (w1, w2[, w3], log10 prob[, log10 backoff])."""
    import math
    c = m['counts']; uni = m['uni']
    # middles: entries 0..c[1]; for unigram w (the LAST word of the n-gram), range uni[w].next..uni[w+1].next
    n2 = int(uni['next'][c[0]])
    idx = np.arange(n2 + 1, dtype=np.int64)
    off = idx * m['mid_total']
    w_prev = bits(m['mid'], off[:-1], m['wb'])
    bo = m['mid_bo'][bits(m['mid'], off[:-1] + m['wb'], 16)]
    pr = m['mid_prob'][bits(m['mid'], off[:-1] + m['wb'] + 16, 16)]
    nxt = bits(m['mid'], off + m['wb'] + 32, m['nb'])
    last = np.repeat(np.arange(c[0], dtype=np.int64), np.diff(uni['next'].astype(np.int64)))
    assert len(last) == n2, (len(last), n2)
    n3 = int(nxt[n2])
    idx3 = np.arange(n3, dtype=np.int64)
    off3 = idx3 * m['long_total']
    w_first = bits(m['lng'], off3, m['wb'])
    pr3 = m['long_prob'][bits(m['lng'], off3 + m['wb'], 16)]
    mid_of = np.repeat(np.arange(n2, dtype=np.int64), np.diff(nxt))
    assert len(mid_of) == n3
    return (w_prev, last, pr, bo), (w_first, w_prev[mid_of], last[mid_of], pr3), n2, n3
