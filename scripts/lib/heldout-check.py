#!/usr/bin/env python3
"""Structural check of held-out gold files and classes.json (no scoring, no engine).

Usage: scripts/lib/heldout-check.py server/src/test/resources/data/cleaning-heldout [ho-c-]
"""
import json, re, sys, glob, os, collections
D = sys.argv[1]; prefix = sys.argv[2] if len(sys.argv) > 2 else 'ho-'
cj = json.load(open(os.path.join(D, 'classes.json')))['files']
errs = []; cnt = collections.Counter(); err_turns = hb = 0
for f in sorted(glob.glob(os.path.join(D, prefix + '*.gold.json'))):
    name = os.path.basename(f)[:-len('.gold.json')]
    d = json.load(open(f))
    T = d['turns']
    if d.get('transcript') != name: errs.append(f'{name}: transcript field')
    if len(T) != 24: errs.append(f'{name}: {len(T)} turns')
    for i, t in enumerate(T):
        want = 'AI' if i % 2 == 0 else 'User'
        if t.get('speaker') != want: errs.append(f'{name}[{i}]: speaker {t.get("speaker")}')
        if not isinstance(t.get('raw_text'), str): errs.append(f'{name}[{i}]: raw_text')
        if want == 'User' and not isinstance(t.get('gold'), str): errs.append(f'{name}[{i}]: gold')
        if want == 'AI' and ('gold' in t or '##VT_' not in t['raw_text']): errs.append(f'{name}[{i}]: AI turn')
    users = [i for i, t in enumerate(T) if t['speaker'] == 'User']
    if len(users) != 12: errs.append(f'{name}: {len(users)} user turns')
    e = cj.get(name)
    if not e: errs.append(f'{name}: not in classes.json'); continue
    if set(map(int, e['turns'])) != set(users): errs.append(f'{name}: classes indices != user turns')
    clean = [i for i in users if T[i]['raw_text'] == T[i]['gold']]
    if len(clean) != e['clean_turns']: errs.append(f'{name}: clean_turns {len(clean)} vs {e["clean_turns"]}')
    if e['user_turns'] != len(users): errs.append(f'{name}: user_turns')
    if e['keyterms'] != ('keyterms' in d): errs.append(f'{name}: keyterms flag')
    for i in users:
        cl = e['turns'][str(i)]
        isclean = T[i]['raw_text'] == T[i]['gold']
        if isclean and set(cl) - {'hard_negative'}: errs.append(f'{name}[{i}]: clean turn with error classes')
        if not isclean and not (set(cl) - {'hard_negative'}): errs.append(f'{name}[{i}]: changed turn without error class')
        if 'garbage_turn' in cl and T[i]['gold'] != '': errs.append(f'{name}[{i}]: garbage gold not empty')
        if not isclean:
            err_turns += 1; hb += bool({'homophone', 'name_brand'} & set(cl))
        cnt.update(cl)
    if 'keyterms' in d:
        text = ' '.join(t['raw_text'] if t['speaker'] == 'AI' else t['gold'] for t in T)
        absent = [k for k in d['keyterms'] if not re.search(r'(?<!\w)' + re.escape(k), text, re.I)]
        if len(absent) != 2: errs.append(f'{name}: keyterms never occurring = {absent}')
print('files ok' if not errs else '\n'.join(errs))
print(dict(sorted(cnt.items())), 'error turns', err_turns, 'with homophone/brand', hb)
sys.exit(1 if errs else 0)
