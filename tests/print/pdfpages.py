# pdfpages.py PDF - each page of a PDF as LibreOffice writes it: its number,
# width and height in points, the smallest text size set on it (points,
# after any text matrix) and its text as far as the page header shows it.
# Prints one line per page: "N W H MINSIZE".  Only what the print test
# needs: uncompressed or Flate streams, pages listed by /Kids in order.
import re, sys, zlib

data = open(sys.argv[1], "rb").read()
objs = {}
pos = 0
obj_re = re.compile(rb"(\d+) 0 obj")
while True:
    m = obj_re.search(data, pos)
    if not m:
        break
    n, start = int(m.group(1)), m.end()
    # a stream is read by its /Length, not up to a word its bytes may hold
    st = data.find(b"stream", start)
    end = data.find(b"endobj", start)
    if 0 <= st < end:
        objs[n] = data[start:st]
        objs[n] = (objs[n], st)
        # skip the stream: its length is known once every object is read
        end = data.find(b"endstream", st)
        end = data.find(b"endobj", end)
    else:
        objs[n] = (data[start:end], -1)
    pos = end + 6

def length(d):
    m = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", d)
    if m.group(2):
        return int(objs[int(m.group(1))][0].strip())
    return int(m.group(1))

def stream(n):
    d, st = objs[n]
    st += len(b"stream")
    if data[st:st + 2] == b"\r\n":
        st += 2
    elif data[st:st + 1] in (b"\n", b"\r"):
        st += 1
    raw = data[st:st + length(d)]
    return zlib.decompress(raw) if b"/FlateDecode" in d else raw

def kids(n):
    body = objs[n][0]
    if re.search(rb"/Type\s*/Pages", body):
        out = []
        for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[(.*?)\]", body, re.S).group(1)):
            out += kids(int(k))
        return out
    return [n]

root = int(re.search(rb"/Root (\d+) 0 R", data).group(1))
pages = kids(int(re.search(rb"/Pages (\d+) 0 R", objs[root][0]).group(1)))
num = rb"(-?[\d.]+)"
for i, p in enumerate(pages, 1):
    body = objs[p][0]
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[\s*" + rb"\s+".join([num] * 4), body).groups()]
    refs = re.search(rb"/Contents\s*(\[.*?\]|\d+ 0 R)", body, re.S).group(1)
    text = b"".join(stream(int(r)) for r in re.findall(rb"(\d+) 0 R", refs))
    scale, sizes = 1.0, []
    # the size of each Tf, times the vertical scale of the text matrix in force
    for tok in re.finditer(num + rb"\s+" + num + rb"\s+" + num + rb"\s+" + num + rb"\s+" + num + rb"\s+" + num +
                           rb"\s+Tm|/\S+\s+" + num + rb"\s+Tf|BT", text):
        t = tok.group(0)
        if t == b"BT":
            scale = 1.0
        elif t.endswith(b"Tm"):
            a, b, c, d = (float(tok.group(k)) for k in range(1, 5))
            scale = (c * c + d * d) ** 0.5
        else:
            sizes.append(float(tok.group(7)) * scale)
    if re.search(rb"[\d.]+\s+0\s+0\s+[\d.]+\s+[\d.-]+\s+[\d.-]+\s+cm", text):
        m = re.search(rb"([\d.]+)\s+0\s+0\s+([\d.]+)\s+[\d.-]+\s+[\d.-]+\s+cm", text)
        sizes = [s * float(m.group(2)) for s in sizes]
    print(i, round(box[2] - box[0]), round(box[3] - box[1]), round(min(sizes), 2) if sizes else 0, flush=True)
