#!/usr/bin/env python3
"""Measures the text module on real text in many languages: the translated
messages of the system's gettext catalogs (/usr/share/locale/*/LC_MESSAGES/
*.mo), one file per language.  Not part of `make check`: it depends on what
the machine has installed.

    tests/bench/text-eval.py mojibake [BINARY [N_WORST]]
        Repairs made on the clean text (each is a false positive unless the
        catalog itself holds mojibake); then the share of lines with
        non-ASCII characters (300 per language at most) recovered exactly
        after 1 layer of windows-1252, 1 layer of Latin-1 and 2 layers of
        windows-1252 mojibake.
    tests/bench/text-eval.py detect [BINARY [SIZE]]
        35 documents of about SIZE bytes (default 4000) in legacy encodings
        (windows-125x, ISO-8859-x, KOI8-R, Shift_JIS, EUC-JP, GB18030,
        Big5, EUC-KR), each in a language it serves: how many are decoded
        exactly without --encoding."""
import collections, glob, os, struct, subprocess, sys, tempfile, unicodedata

mode = sys.argv[1] if len(sys.argv) > 1 else 'mojibake'
W = sys.argv[2] if len(sys.argv) > 2 else 'build/wirealign'
ARG = int(sys.argv[3]) if len(sys.argv) > 3 else None


def catalogs():
    texts = collections.defaultdict(list)
    for mo in glob.glob('/usr/share/locale/*/LC_MESSAGES/*.mo'):
        lang = mo.split('/')[4]
        try:
            data = open(mo, 'rb').read()
            e = '<' if struct.unpack('<I', data[:4])[0] == 0x950412de else '>'
            n, _, to = struct.unpack(e + '3I', data[8:20])
            for i in range(n):
                l, off = struct.unpack(e + '2I', data[to + 8 * i: to + 8 * i + 8])
                try:
                    texts[lang].append(data[off:off + l].decode('utf-8').replace('\0', '\n'))
                except UnicodeDecodeError:
                    pass
        except Exception:
            pass
    return {k: '\n'.join(v) for k, v in texts.items()}


def moj(s, enc='cp1252', layers=1):
    for _ in range(layers):
        out = []
        for x in s.encode('utf-8'):
            try:
                out.append(bytes([x]).decode(enc))
            except UnicodeDecodeError:
                out.append(chr(x))  # the five holes of windows-1252, as Windows does
        s = ''.join(out)
    return s


texts = catalogs()
print(len(texts), 'languages,', sum(len(v) for v in texts.values()), 'characters')
if mode == 'mojibake':
    tmp = tempfile.mkdtemp()
    fp = 0
    for lang, t in texts.items():
        path = os.path.join(tmp, lang + '.txt')
        open(path, 'w').write(t)
        r = subprocess.run([W, 'text', '--info', path], capture_output=True, text=True)
        fp += int(r.stdout.split('repairs=')[1].split()[0])
        os.remove(path)
    os.rmdir(tmp)
    print('repairs on clean text:', fp)
    for enc, layers in (('cp1252', 1), ('latin-1', 1), ('cp1252', 2)):
        tot = ok = 0
        bad = collections.Counter()
        ex = {}
        for lang in sorted(texts):
            lines = [l for l in texts[lang].split('\n')
                     if any(ord(c) > 127 for c in l) and not any(c in l for c in '\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029')][:300]
            if not lines:
                continue
            src = '\n'.join(moj(l, enc, layers) for l in lines) + '\n'
            got = subprocess.run([W, 'text', '-'], input=src.encode(), capture_output=True).stdout
            got = got.decode('utf-8', 'replace').split('\n')
            for a, b in zip(lines, got):
                tot += 1
                if unicodedata.normalize('NFC', a) == b:
                    ok += 1
                else:
                    bad[lang] += 1
                    ex.setdefault(lang, (a[:60], b[:60]))
        print(f'{enc} x{layers}: {ok}/{tot} lines recovered exactly ({100 * ok / tot:.2f}%)')
        for l, c in bad.most_common(ARG if ARG is not None else 6):
            print('  ', l, c, ex[l])
elif mode == 'detect':
    size = ARG or 4000
    pairs = [('fr', 'windows-1252'), ('de', 'windows-1252'), ('es', 'windows-1252'), ('pt', 'windows-1252'),
             ('it', 'windows-1252'), ('nl', 'windows-1252'), ('sv', 'windows-1252'), ('da', 'windows-1252'),
             ('fi', 'windows-1252'), ('ca', 'windows-1252'), ('fr', 'iso-8859-1'), ('de', 'iso-8859-15'),
             ('pl', 'windows-1250'), ('cs', 'windows-1250'), ('hu', 'iso-8859-2'), ('pl', 'iso-8859-2'),
             ('ro', 'iso-8859-2'), ('sk', 'windows-1250'), ('ru', 'windows-1251'), ('ru', 'koi8-r'),
             ('uk', 'windows-1251'), ('bg', 'windows-1251'), ('ru', 'iso-8859-5'), ('el', 'iso-8859-7'),
             ('el', 'windows-1253'), ('tr', 'iso-8859-9'), ('tr', 'windows-1254'), ('he', 'windows-1255'),
             ('he', 'iso-8859-8'), ('ar', 'windows-1256'), ('ja', 'shift_jis'), ('ja', 'euc-jp'),
             ('zh_CN', 'gb18030'), ('zh_TW', 'big5'), ('ko', 'euc-kr')]
    ok = 0
    res = []
    for lang, enc in pairs:
        if lang not in texts:
            continue
        lines, total = [], 0
        for l in texts[lang].split('\n'):
            if not any(ord(c) > 127 for c in l) or '\r' in l:
                continue
            try:
                total += len(l.encode(enc)) + 1
            except UnicodeEncodeError:
                continue
            lines.append(l)
            if total >= size:
                break
        src = '\n'.join(lines) + '\n'
        info = subprocess.run([W, 'text', '--info', '-'], input=src.encode(enc), capture_output=True).stdout.decode().split('\t')
        out = subprocess.run([W, 'text', '-'], input=src.encode(enc), capture_output=True).stdout
        good = out.decode('utf-8', 'replace') == unicodedata.normalize('NFC', src)
        ok += good
        res.append(f"{'ok ' if good else 'BAD'} {lang:6} {enc:13} -> {info[1][9:]:14} {info[2][7:]:9} {info[3][11:]}")
    print(f'documents of {size} bytes: {ok}/{len(res)} decoded exactly')
    for l in res:
        print('  ', l)
