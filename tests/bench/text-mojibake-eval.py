#!/usr/bin/env python3
"""Measures mojibake repair on real text in many languages: the translated
messages of the system's gettext catalogs (/usr/share/locale/*/LC_MESSAGES/
*.mo), one file per language.  Prints how many repairs wirealign makes on the
clean text (each is a false positive unless the catalog itself holds
mojibake), then the share of lines with non-ASCII characters (300 per
language at most) recovered exactly after 1 layer of windows-1252, 1 layer
of Latin-1 and 2 layers of windows-1252 mojibake.

    tests/bench/text-mojibake-eval.py [BINARY] [N_WORST]

Not part of `make check` (it depends on what the machine has installed)."""
import glob, os, struct, subprocess, collections, unicodedata, sys, tempfile
W = sys.argv[1] if len(sys.argv) > 1 else 'build/wirealign'
WORST = int(sys.argv[2]) if len(sys.argv) > 2 else 6
tmp = tempfile.mkdtemp()
texts = collections.defaultdict(list)
for mo in glob.glob('/usr/share/locale/*/LC_MESSAGES/*.mo'):
    lang = mo.split('/')[4]
    try:
        data = open(mo, 'rb').read()
        e = '<' if struct.unpack('<I', data[:4])[0] == 0x950412de else '>'
        n, oo, to = struct.unpack(e + '3I', data[8:20])
        for i in range(n):
            l, off = struct.unpack(e + '2I', data[to + 8 * i: to + 8 * i + 8])
            try:
                texts[lang].append(data[off:off + l].decode('utf-8'))
            except UnicodeDecodeError:
                pass
    except Exception:
        pass
for lang, v in texts.items():
    with open(os.path.join(tmp, lang + '.txt'), 'w') as f:
        f.write('\n'.join(x.replace('\0', '\n') for x in v))
print(len(texts), 'languages,', sum(len(''.join(v)) for v in texts.values()), 'characters')
def moj(s, enc='cp1252', layers=1):
    for _ in range(layers):
        out=[]
        for x in s.encode('utf-8'):
            try: out.append(bytes([x]).decode(enc))
            except UnicodeDecodeError: out.append(chr(x))
        s=''.join(out)
    return s
fp=0
for f in sorted(glob.glob(os.path.join(tmp, '*.txt'))):
    r=subprocess.run([W,'text','--info',f],capture_output=True,text=True)
    fp+=int(r.stdout.split('repairs=')[1].split()[0])
print('repairs on clean text:', fp)
for enc,layers in (('cp1252',1),('latin-1',1),('cp1252',2)):
    tot=ok=0; bad=collections.Counter(); ex={}
    for f in sorted(glob.glob(os.path.join(tmp, '*.txt'))):
        lines=[l for l in open(f,encoding='utf-8').read().split('\n') if any(ord(c)>127 for c in l) and '\r' not in l and '\x0b' not in l and '\x0c' not in l][:300]
        if not lines: continue
        src='\n'.join(moj(l,enc,layers) for l in lines)+'\n'
        r=subprocess.run([W,'text','-'],input=src.encode(),capture_output=True)
        got=r.stdout.decode('utf-8','replace').split('\n')
        for a,b in zip(lines,got):
            tot+=1
            if unicodedata.normalize('NFC',a)==b: ok+=1
            else:
                lang=f.split('/')[-1]; bad[lang]+=1; ex.setdefault(lang,(a[:60],b[:60]))
    print(f'{enc} x{layers}: {ok}/{tot} lines recovered exactly ({100*ok/tot:.2f}%)')
    for l,c in bad.most_common(WORST): print('  ',l,c,ex[l])
