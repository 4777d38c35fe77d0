# The cost of the platform hooks per stored turn, on one running server: per mode, N utterances
# posted one after another on a fresh call and waited for until all are cleaned. Modes,
# interleaved A B C A B C: an AssemblyAI formatted end of turn (one message, one turn, submitted
# at once), a Deepgram utterance in one final segment with speech_final (held, then joined) and a
# Deepgram utterance in three final segments, the last speech_final. CPU: user + system time of
# the server JVM (the embedded PostgreSQL runs detached, so it is not counted), per turn.
#   python3 hook-cost.py BASE_URL SERVER_PID N ROUNDS   (scripts/hook-cost runs it)
import json, os, sys, time, urllib.request, statistics
base, pid, n, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if not (1 <= n <= 2000 and 1 <= rounds <= 10):
    sys.exit('N must be in [1, 2000] and ROUNDS in [1, 10]')
TICK = os.sysconf('SC_CLK_TCK')

def tree(p):
    out, todo = [], [p]
    while todo:
        q = todo.pop(); out.append(q)
        try:
            for t in os.listdir(f'/proc/{q}/task'):
                try: todo += [int(c) for c in open(f'/proc/{q}/task/{t}/children').read().split()]
                except OSError: pass
        except OSError: pass
    return set(out)

def cpu():
    total = 0
    for p in tree(pid):
        try:
            f = open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()
            total += int(f[11]) + int(f[12])
        except OSError: pass
    return total / TICK

def call(method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={'content-type': 'application/json', **(headers or {})})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b'null')

def results(text, start, final, speech_final):
    words = [{'word': w.lower(), 'start': start + i * .3, 'end': start + i * .3 + .25, 'confidence': .9, 'punctuated_word': w}
             for i, w in enumerate(text.split())]
    return {'type': 'Results', 'channel_index': [0, 1], 'duration': 1.5, 'start': start, 'is_final': final,
            'speech_final': speech_final, 'channel': {'alternatives': [{'transcript': text, 'confidence': .9, 'words': words}]},
            'metadata': {'request_id': 'bench-req', 'model_info': {'name': 'general-nova-3'}, 'model_uuid': 'x'}}

def aai(i, text):
    words = [{'start': 1000 * i + 100 * k, 'end': 1000 * i + 100 * k + 80, 'text': w, 'confidence': .9, 'word_is_final': True}
             for k, w in enumerate(text.split())]
    return {'turn_order': i, 'turn_is_formatted': True, 'end_of_turn': True, 'transcript': text,
            'end_of_turn_confidence': .9, 'words': words, 'utterance': '', 'type': 'Turn'}

dg = call('POST', '/api/v1/integrations', {'source': 'deepgram', 'secret': 'bench-secret-1'})
aa = call('POST', '/api/v1/integrations', {'source': 'assemblyai', 'secret': 'bench-secret-1'})
H = {'X-Integration-Secret': 'bench-secret-1'}
PARTS = ['um so we', 'use sales force for', 'our pipeline today.']

def run(mode, call_id):
    lat, conv = [], None
    c0, t0 = cpu(), time.time()
    for i in range(n):
        if mode == 'deepgram_3_segments':
            msgs = [(dg, results(p, 10 * i + k * 1.5, True, k == 2)) for k, p in enumerate(PARTS)]
        elif mode == 'deepgram_1_segment':
            msgs = [(dg, results(' '.join(PARTS), 10 * i, True, True))]
        else:
            msgs = [(aa, aai(i, ' '.join(PARTS)))]
        for integ, m in msgs:
            s = time.perf_counter()
            r = call('POST', integ['hook_path'] + '?call_id=' + call_id, m, H)
            lat.append((time.perf_counter() - s) * 1000)
            conv = r['conversation_id']
    deadline = time.time() + 120
    while True:
        turns = []
        since = 0
        while True:  # every turn of the call, a page at a time
            page = call('GET', f'/api/v1/conversations/{conv}/turns?limit=500&since_seq={since}')
            turns += page['items']
            if len(page['items']) < 500:
                break
            since = page['next_since_seq']
        if len(turns) == n and all(t['status'] != 'pending' for t in turns):
            break
        if time.time() > deadline:
            sys.exit(f'{mode}: {len(turns)} of {n} turns, not all cleaned after 120 s')
        time.sleep(0.05)
    return {'mode': mode, 'posts': len(lat), 'turns': len(turns), 'cpu_ms_per_turn': round((cpu() - c0) * 1000 / n, 2),
            'wall_s': round(time.time() - t0, 2), 'post_p50_ms': round(statistics.median(lat), 2),
            'post_p99_ms': round(sorted(lat)[int(len(lat) * .99) - 1], 2)}

# warm-up, not counted
for m in ('assemblyai_1_message', 'deepgram_1_segment', 'deepgram_3_segments'):
    run(m, f'warm-{m}')
for r in range(rounds):
    for m in ('assemblyai_1_message', 'deepgram_1_segment', 'deepgram_3_segments'):
        print(json.dumps(run(m, f'r{r}-{m}')), flush=True)
