# test_export.sh - `tiaojie export`: the workbook read back with openpyxl
# and every figure in it compared with the same figure computed directly
# in SQL from the definitions (src/report/stats.c, tiaojie(1)), on a demo
# database and on a small hand-built fixture whose answers are also known
# by heart; the sheets, their 17 + 65 cause rows, one detail row per case,
# real number and date cells, frozen headers, autofilters, print set-up and
# charts; masked identity numbers by default and full ones (file 0600)
# with --full-ids; an empty month of zeros; the other kinds of period and
# their default names; bad input (an invalid month, a period in the
# future, unwritable paths, an existing file) with a clear Chinese message
# and no file left behind, also when interrupted.
. "$(dirname "$0")/lib.sh"

PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	fail "python3 with openpyxl is needed (Debian: python3-openpyxl)"
	done_tests
	exit 1
fi

# ---- the checker: workbook against SQL -------------------------------------------
cat >"$T/check.py" <<'PYEOF'
import sys, sqlite3, datetime, zipfile, openpyxl

db_path, xlsx, kind, a, b, today_s, full_ids, court = sys.argv[1:9]
full_ids = full_ids == "1"
npass = nfail = 0

def ok(cond, what):
    global npass, nfail
    if cond:
        npass += 1
    else:
        nfail += 1
        print("FAIL " + what, file=sys.stderr)

def D(s):
    return datetime.date.fromisoformat(s)

def iso(d):
    return d.isoformat()

today = D(today_s)

def month_end(y, m):
    n = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return n - datetime.timedelta(days=1)

def back_year(d):
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)

def period(kind, a, b):
    if kind == "month":
        y, m = int(a[:4]), int(a[5:7])
        return datetime.date(y, m, 1), month_end(y, m)
    if kind == "quarter":
        y, q = int(a[:4]), int(a[-1])
        return datetime.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if kind == "year":
        y = int(a)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    return D(a), D(b)

frm, to = period(kind, a, b)
if kind == "month":
    pf = frm - datetime.timedelta(days=1)
    prev = (datetime.date(pf.year, pf.month, 1), pf)
elif kind == "quarter":
    pt = frm - datetime.timedelta(days=1)
    prev = (datetime.date(pt.year, pt.month - 2, 1), pt)
elif kind == "year":
    prev = (datetime.date(frm.year - 1, 1, 1), datetime.date(frm.year - 1, 12, 31))
else:
    n = (to - frm).days + 1
    prev = (frm - datetime.timedelta(days=n), frm - datetime.timedelta(days=1))
if kind == "range":
    ly = (back_year(frm), back_year(to))
else:
    ly = (back_year(frm), month_end(to.year - 1, to.month))
# a period under way is compared like with like: as many days of the others
if frm <= today < to:
    seen = today - frm
    prev = (prev[0], min(prev[1], prev[0] + seen))
    ly = (ly[0], min(ly[1], ly[0] + seen))

con = sqlite3.connect(db_path)
def q1(sql, *args):
    return con.execute(sql, args).fetchone()[0]
def qa(sql, *args):
    return con.execute(sql, args).fetchall()

CLOSED = "date(closed_at) BETWEEN ? AND ?"
def headline(f, t):
    f, t = iso(f), iso(t)
    end = iso(min(D(t), today))
    h = {}
    h["收案数"] = q1("SELECT count(*) FROM cases WHERE received BETWEEN ? AND ?", f, t)
    for kw, name in (("window", "窗口"), ("online", "网上"), ("phone", "电话"), ("letter", "信函"), ("other", "其他渠道")):
        h["其中：" + name] = q1("SELECT count(*) FROM cases WHERE received BETWEEN ? AND ? AND channel = ?", f, t, kw)
    h["其中：集体争议"] = q1("SELECT count(*) FROM cases WHERE received BETWEEN ? AND ? AND collective = 1", f, t)
    h["涉及劳动者人数"] = q1("SELECT count(*) FROM case_parties p JOIN cases c ON c.id = p.case_id "
                          "WHERE p.role = 'applicant' AND c.received BETWEEN ? AND ?", f, t)
    h["咨询登记"] = q1("SELECT count(*) FROM consultations WHERE date(at) BETWEEN ? AND ?", f, t)
    def closed(where):
        return q1("SELECT count(*) FROM cases WHERE " + CLOSED + where, f, t)
    h["调解成功"] = closed(" AND status = 'agreed'")
    h["调解不成"] = closed(" AND status IN ('failed', 'referred')")
    h["其中：转仲裁"] = closed(" AND status = 'referred'")
    h["撤回"] = closed(" AND status = 'withdrawn'")
    h["不予受理"] = closed(" AND status = 'rejected'")
    h["结案数"] = closed("")
    s, fl = h["调解成功"], h["调解不成"]
    h["调解成功率（口径一）"] = s / (s + fl) if s + fl else None
    h["调解成功率（口径二）"] = s / h["结案数"] if h["结案数"] else None
    h["请求金额（元）"] = q1("SELECT coalesce(sum(amount_fen), 0) FROM claims WHERE case_id IN "
                          "(SELECT id FROM cases WHERE received BETWEEN ? AND ?)", f, t) / 100
    h["协议金额（元）"] = q1("SELECT coalesce(sum(agreed_fen), 0) FROM claims WHERE case_id IN "
                          "(SELECT id FROM cases WHERE " + CLOSED + " AND status = 'agreed')", f, t) / 100
    h["平均办理天数"] = q1("SELECT avg(julianday(date(closed_at)) - julianday(date(accepted_at))) FROM cases "
                        "WHERE " + CLOSED + " AND accepted_at IS NOT NULL", f, t)
    h["期末超期未结"] = q1("SELECT count(*) FROM cases WHERE received <= ?1 AND deadline < ?1 AND "
                        "(closed_at IS NULL OR date(closed_at) > ?1)", end)
    h["超期结案"] = q1("SELECT count(*) FROM cases WHERE " + CLOSED + " AND date(closed_at) > deadline", f, t)
    return h

cur, hly, hprev = headline(frm, to), headline(*ly), headline(*prev)

def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
        return False
    return abs(x - y) < 1e-6 * max(1, abs(y))

def val(c):
    ok(c != "—", "a dash where a number belongs")
    return c

try:
    wb = openpyxl.load_workbook(xlsx)
except Exception as e:
    print("FAIL cannot read %s: %s" % (xlsx, e), file=sys.stderr)
    print("0 1")
    sys.exit(0)
ok(wb.sheetnames == ["月报", "汇总", "按案由", "按调解员", "按行业区县", "高发单位", "集体争议", "案件明细"],
   "sheets %s" % wb.sheetnames)
ok(zipfile.ZipFile(xlsx).testzip() is None, "zip intact")

# the frame of every sheet: title with the court, header row 5 frozen, print set-up
styles = zipfile.ZipFile(xlsx).read("xl/styles.xml").decode()
fonts = styles[styles.index("<fonts"):styles.index("</fonts>")]
# font 0 is the workbook's default, used by no cell
ok(fonts.count("<font>") - 1 == fonts.count('<name val="SimSun"/>'), "a CJK font on every format")
for ws in wb.worksheets:
    ok(not ws.print_options.gridLines, ws.title + " no printed grid")
    long_list = ws.title in ("案件明细", "集体争议")
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    ok(bool(fit) != long_list, ws.title + " fit to width only for the summaries")
    if long_list:
        ok(ws.page_setup.pageOrder == "overThenDown", ws.title + " print order")
        ok(not ws.print_title_cols, ws.title + " no repeated column (it would repeat the title)")
    for row in ws.iter_rows(min_row=6):
        for c in row:
            if c.value is not None:
                ok(c.font.name == "SimSun", "%s!%s font %s" % (ws.title, c.coordinate, c.font.name))
                break
        break
    if ws.title == "月报":  # the official layout: its own title, portrait
        ok(ws["A1"].value in ("劳动人事争议调解情况月报表", "劳动人事争议调解情况统计表"), "月报 title")
        ok(ws.page_setup.orientation == "portrait", "月报 portrait")
    else:
        ok(court in (ws["A1"].value or ""), ws.title + " title")
        ok(ws.page_setup.orientation == "landscape", ws.title + " landscape")
    ok(ws.freeze_panes is not None and ws.freeze_panes[-1] == "6", ws.title + " frozen header " + str(ws.freeze_panes))
    ok(str(ws.page_setup.paperSize) == "9", ws.title + " A4")
    ok(court in (ws.oddHeader.left.text or ""), ws.title + " header has the court")
    ok("&P" in (ws.oddFooter.center.text or "") and "&N" in ws.oddFooter.center.text, ws.title + " page numbers")
    ok(ws.print_title_rows in ("$5:$5", "5:5"), ws.title + " header repeated " + str(ws.print_title_rows))
    if ws.title not in ("汇总", "月报", "按行业区县"):
        ok(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A5:"), ws.title + " autofilter")

def rows(ws, start=6):
    return [list(r) for r in ws.iter_rows(min_row=start, values_only=True)]

def width(s):
    return sum(2 if ord(ch) >= 0x1100 else 1 for ch in str(s))

def fits(ws, col, texts):
    w = ws.column_dimensions[col].width or 8.43
    need = max([width(t) for t in texts if t is not None] + [0])
    ok(w >= min(need, 40), "%s column %s width %s < %s" % (ws.title, col, w, need))

# ---- a period under way: labelled, and compared with as many days
if frm <= today < to:
    s2 = wb["汇总"]["A2"].value or ""
    want = "（截至%d日）" % today.day if kind == "month" else "（截至%d月%d日）" % (today.month, today.day)
    ok(want in s2, "running period labelled %r in %r" % (want, s2))
    ok("环比：%s至%s" % (iso(prev[0]), iso(prev[1])) in (wb["汇总"]["A3"].value or ""), "like-with-like 环比 label %r" % wb["汇总"]["A3"].value)
    ok(want in (wb["月报"]["D3"].value or ""), "月报 统计期 labelled")
# ---- 汇总
ws = wb["汇总"]
labels = {}
for r in ws.iter_rows(min_row=6, max_row=27):
    if r[0].value:
        labels[r[0].value] = r
for name in cur:
    r = labels.get(name)
    ok(r is not None, "汇总 lacks " + name)
    if r is None:
        continue
    c, l, p = cur[name], hly[name], hprev[name]
    ok(close(val(r[1].value), c), "汇总 %s 本期 %r != %r" % (name, r[1].value, c))
    ok(close(val(r[2].value), l), "汇总 %s 去年同期 %r != %r" % (name, r[2].value, l))
    ok(close(val(r[5].value), p), "汇总 %s 上期 %r != %r" % (name, r[5].value, p))
    for col, old in ((3, l), (6, p)):
        if c is None or old is None:
            ok(r[col].value is None and r[col + 1].value is None, "汇总 %s change of none" % name)
        elif name.startswith("调解成功率"):
            ok(close(r[col].value, (c - old) * 100), "汇总 %s 百分点 %r" % (name, r[col].value))
            ok(r[col + 1].value is None, "汇总 rate has no percentage")
        else:
            ok(close(r[col].value, c - old), "汇总 %s 增减 %r != %r" % (name, r[col].value, c - old))
            if old == 0:
                ok(r[col + 1].value is None, "汇总 %s %% against 0 is empty (%r)" % (name, r[col + 1].value))
            else:
                ok(close(r[col + 1].value, (c - old) / old), "汇总 %s %% %r != %r" % (name, r[col + 1].value, (c - old) / old))
                ok("%" in r[col + 1].number_format, "汇总 percentage format")
    if name.endswith("（元）"):
        ok(r[1].number_format == "#,##0.00", "汇总 amount format " + r[1].number_format)
    if name.startswith("调解成功率") and c is not None:
        ok("%" in r[1].number_format, "rate as percentage")
    if c is not None and not name.startswith("调解成功率"):
        ok(isinstance(r[1].value, (int, float)), "汇总 %s is a number" % name)

all_rows = rows(ws, 1)
def find_row(text):
    for i, r in enumerate(all_rows):
        if r[0] == text:
            return i
    return None
i = find_row("结果") or find_row("结案结果")
ok(i is not None, "汇总 outcome table")
if i is not None:
    got = {all_rows[i + k][0]: all_rows[i + k][1] for k in range(1, 5)}
    for n in ("调解成功", "调解不成", "撤回", "不予受理"):
        ok(got.get(n) == cur[n], "outcome %s %r" % (n, got.get(n)))
i = find_row("月份")
ok(i is not None, "汇总 trend table")
if i is not None:
    y, m = to.year, to.month
    months = []
    for k in range(12):
        months.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    months.reverse()
    for k, (y, m) in enumerate(months):
        r = all_rows[i + 1 + k]
        f, t = iso(datetime.date(y, m, 1)), iso(month_end(y, m))
        ok(isinstance(r[0], datetime.datetime) and (r[0].year, r[0].month) == (y, m), "trend month %r" % r[0])
        ok(r[1] == q1("SELECT count(*) FROM cases WHERE received BETWEEN ? AND ?", f, t), "trend received %d-%d" % (y, m))
        ok(r[2] == q1("SELECT count(*) FROM cases WHERE " + CLOSED, f, t), "trend closed %d-%d" % (y, m))
        ok(r[3] == q1("SELECT count(*) FROM cases WHERE " + CLOSED + " AND status = 'agreed'", f, t), "trend agreed")
i = find_row("代码")
ok(i is not None, "汇总 cause table")
firsts = qa("SELECT code, name FROM causes WHERE parent IS NULL ORDER BY ord")
if i is not None:
    for k, (code, name) in enumerate(firsts):
        r = all_rows[i + 1 + k]
        ok(r[0] == code and r[1] == name, "汇总 cause row %r" % r[:2])
        ok(r[2] == q1("SELECT count(DISTINCT c.id) FROM cases c JOIN claims cl ON cl.case_id = c.id "
                      "WHERE c.received BETWEEN ? AND ? AND substr(cl.cause, 1, 2) = ?", iso(frm), iso(to), code),
           "汇总 cause %s" % code)
charts = {type(c).__name__ for c in ws._charts}
ok({"BarChart", "LineChart", "PieChart"} <= charts, "charts %s" % charts)
# the bars: categories (y) reversed so the first cause is on top, values
# (x) not reversed so bars grow left to right, every label shown
zf = zipfile.ZipFile(xlsx)
bars = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/charts/") and "<c:barChart>" in zf.read(n).decode()]
ok(len(bars) == 1, "one bar chart")
for x in bars:
    cat = x[x.index("<c:catAx>"):x.index("</c:catAx>")]
    va = x[x.index("<c:valAx>"):x.index("</c:valAx>")]
    ok('<c:orientation val="maxMin"/>' in cat, "bar categories reversed")
    ok('<c:orientation val="minMax"/>' in va, "bar values not reversed")
    ok('<c:tickLblSkip val="1"/>' in cat, "bar every label shown")
    ok('typeface="SimSun"' in x, "bar chart font")

# ---- 按案由
ws = wb["按案由"]
rs = rows(ws)
causes = qa("SELECT c.code, c.name, c.stat_group, c.parent FROM causes c LEFT JOIN causes p ON p.code = c.parent "
            "ORDER BY coalesce(p.ord, c.ord), c.parent IS NOT NULL, c.ord")
n1 = sum(1 for c in causes if c[3] is None)
ok(len(causes) == 82 and n1 == 17, "17 + 65 causes in the database")
f, t = iso(frm), iso(to)
def cause_figures(cond, arg):
    rec = qa("SELECT count(DISTINCT c.id), count(cl.id), coalesce(sum(cl.amount_fen), 0) FROM cases c "
             "JOIN claims cl ON cl.case_id = c.id JOIN causes k ON k.code = cl.cause "
             "WHERE c.received BETWEEN ? AND ? AND " + cond, f, t, *arg)[0]
    clo = qa("SELECT count(DISTINCT c.id), count(DISTINCT CASE WHEN c.status = 'agreed' THEN c.id END), "
             "coalesce(sum(CASE WHEN c.status = 'agreed' THEN cl.agreed_fen END), 0) FROM cases c "
             "JOIN claims cl ON cl.case_id = c.id JOIN causes k ON k.code = cl.cause "
             "WHERE " + CLOSED.replace("closed_at", "c.closed_at") + " AND " + cond, f, t, *arg)[0]
    return [rec[0], rec[1], rec[2] / 100, clo[0], clo[1], clo[2] / 100]
for k, (code, name, grp, parent) in enumerate(causes):
    r = rs[k]
    ok(r[0] == ("一级" if parent is None else "二级") and r[1] == code and r[2] == name and r[3] == grp,
       "按案由 row %d %r" % (k, r[:4]))
    want = cause_figures("substr(cl.cause, 1, 2) = ?" if parent is None else "cl.cause = ?", [code])
    ok([val(x) for x in r[4:10]] == want, "按案由 %s %r != %r" % (code, r[4:10], want))
tot = rs[82]
ok(tot[0] == "合计", "按案由 total row")
want = cause_figures("1 = ?", [1])
ok([val(x) for x in tot[4:10]] == want, "按案由 total %r != %r" % (tot[4:10], want))
ok(ws.auto_filter.ref == "A5:J87", "按案由 autofilter " + str(ws.auto_filter.ref))
groups = [g for (g,) in qa("SELECT stat_group FROM causes GROUP BY stat_group ORDER BY min(ord)")]
grows = [r for r in rs[83:] if r[0] == "统计分组"]
ok(sorted(r[2] for r in grows) == sorted(groups), "按案由 groups %r" % [r[2] for r in grows])
for r in grows:
    want = cause_figures("k.stat_group = ?", [r[2]])
    ok([val(x) for x in r[4:10]] == want, "group %s %r != %r" % (r[2], r[4:10], want))
ok(ws.cell(row=6, column=7).number_format == "#,##0.00", "按案由 amount format")
fits(ws, "C", [c[1] for c in causes])

# ---- 按调解员
ws = wb["按调解员"]
rs = rows(ws)
meds = {r[0]: r for r in rs}
total = meds.pop("合计", None)
ok(total is not None and rs[-1][0] == "合计", "按调解员 total row last")
def med_figures(cond, arg):
    rec = q1("SELECT count(*) FROM cases WHERE received BETWEEN ? AND ? AND " + cond, f, t, *arg)
    c = qa("SELECT count(*), coalesce(sum(status = 'agreed'), 0), coalesce(sum(status IN ('failed', 'referred')), 0), "
           "coalesce(sum(status = 'withdrawn'), 0), coalesce(sum(status = 'rejected'), 0), "
           "avg(julianday(date(closed_at)) - julianday(date(accepted_at))) FROM cases WHERE " + CLOSED + " AND " + cond,
           f, t, *arg)[0]
    amt = q1("SELECT coalesce(sum(agreed_fen), 0) FROM claims WHERE case_id IN (SELECT id FROM cases WHERE " + CLOSED +
             " AND status = 'agreed' AND " + cond + ")", f, t, *arg) / 100
    op = q1("SELECT count(*) FROM cases WHERE status IN ('assigned', 'mediating') AND " + cond, *arg)
    rate = c[1] / (c[1] + c[2]) if c[1] + c[2] else None
    return [rec, c[0], c[1], c[2], c[3], c[4], rate, amt, c[5], op]
shown = 0
for mid, name, active in qa("SELECT id, name, active FROM mediators ORDER BY id"):
    want = med_figures("mediator_id = ?", [mid])
    if not active and not (want[0] or want[1] or want[9]):
        ok(name not in meds, "按调解员 idle inactive %s listed" % name)
        continue
    shown += 1
    r = meds.get(name)
    ok(r is not None, "按调解员 lacks " + name)
    if r is not None:
        got = [r[3], r[4], r[5], r[6], r[7], r[8], val(r[9]), r[10], val(r[11]), r[12]]
        ok(all(close(x, y) for x, y in zip(got, want)), "按调解员 %s %r != %r" % (name, got, want))
        ok(r[2] == ("在册" if active else "已停用"), "按调解员 state of " + name)
none = med_figures("mediator_id IS NULL AND ? = 1", [1])
r = meds.get("（未分派调解员）")
if none[0] or none[1]:
    shown += 1
    ok(r is not None and [r[3], r[4], r[7], r[8]] == [none[0], none[1], none[4], none[5]], "按调解员 no mediator %r" % (r,))
ok(len(meds) == shown, "按调解员 rows %d, want %d" % (len(meds), shown))
if total is not None:
    ok(total[3] == cur["收案数"] and total[4] == cur["结案数"] and total[5] == cur["调解成功"], "按调解员 total %r" % total)
    ok(close(val(total[9]), cur["调解成功率（口径一）"]), "按调解员 total rate")
    ok(close(val(total[11]), cur["平均办理天数"]), "按调解员 total days")

# ---- 高发单位
ws = wb["高发单位"]
rs = rows(ws)
want = qa("SELECT e.name, coalesce(e.uscc, ''), count(*) AS n, sum(c.collective), "
          " sum((SELECT count(*) FROM case_parties a WHERE a.case_id = c.id AND a.role = 'applicant')), "
          " sum((SELECT coalesce(sum(amount_fen), 0) FROM claims WHERE case_id = c.id)), "
          " sum(c.status IN ('registered','confirmed','accepted','assigned','mediating')) "
          "FROM employers e JOIN (SELECT DISTINCT case_id, employer_id FROM case_parties WHERE role = 'respondent') p "
          " ON p.employer_id = e.id JOIN cases c ON c.id = p.case_id "
          "WHERE c.received BETWEEN ? AND ? GROUP BY e.id HAVING n >= 2 ORDER BY n DESC, e.name, e.id LIMIT 100", f, t)
got = [(r[1], r[2] or "", r[5], r[6], r[7], round(r[8] * 100), r[9]) for r in rs]
ok(got == [tuple(w) for w in want], "高发单位 %r != %r" % (got[:3], want[:3]))
ok([r[0] for r in rs] == list(range(1, len(rs) + 1)), "高发单位 ranks")

# ---- 集体争议
ws = wb["集体争议"]
rs = rows(ws)
want = qa("SELECT case_no, (SELECT count(*) FROM case_parties WHERE case_id = c.id AND role = 'applicant') "
          "FROM cases c WHERE received BETWEEN ? AND ? AND collective = 1 ORDER BY received, year, seq", f, t)
ok([(r[0], r[3]) for r in rs] == [tuple(w) for w in want], "集体争议 %r != %r" % ([(r[0], r[3]) for r in rs], want))

# ---- 案件明细
STATUS = {"registered": "登记", "confirmed": "已确认", "accepted": "已受理", "rejected": "不予受理", "assigned": "已分派",
          "mediating": "调解中", "agreed": "调解成功", "failed": "调解不成", "withdrawn": "撤回", "referred": "转仲裁"}
PERF = {"pending": "待履行", "performed": "履行完毕", "defaulted": "未履行"}
CHANNEL = {"window": "窗口", "online": "网上", "phone": "电话", "letter": "信函", "other": "其他"}
def mask(s):
    n = len(s)
    h, t2 = (6, 4) if n >= 18 else (2, 2) if n > 4 else (0, 0)
    return "".join(ch if i < h or i >= n - t2 else "*" for i, ch in enumerate(s))
def as_date(v):
    return v.date() if isinstance(v, datetime.datetime) else v
ws = wb["案件明细"]
rs = rows(ws)
want = qa("""SELECT c.case_no, c.received, c.channel, p.name, p.id_no,
  (SELECT count(*) FROM case_parties WHERE case_id = c.id AND role = 'applicant'),
  (SELECT group_concat(name, '、') FROM (SELECT coalesce(e.name, s.name) name FROM case_parties x
     LEFT JOIN employers e ON e.id = x.employer_id LEFT JOIN persons s ON s.id = x.person_id
     WHERE x.case_id = c.id AND x.role = 'respondent' ORDER BY x.ord)),
  (SELECT coalesce(sum(amount_fen), 0) FROM claims WHERE case_id = c.id),
  c.status, c.performance, coalesce(m.name, ''), c.accepted_at, c.deadline, c.closed_at,
  (SELECT sum(agreed_fen) FROM claims WHERE case_id = c.id), c.collective,
  (SELECT group_concat(name, '、') FROM (SELECT k.name FROM claims cl JOIN causes k ON k.code = cl.cause
     WHERE cl.case_id = c.id GROUP BY cl.cause ORDER BY min(cl.ord)))
  FROM cases c LEFT JOIN mediators m ON m.id = c.mediator_id
  LEFT JOIN case_parties a ON a.case_id = c.id AND a.role = 'applicant'
       AND a.ord = (SELECT min(ord) FROM case_parties WHERE case_id = c.id AND role = 'applicant')
  LEFT JOIN persons p ON p.id = a.person_id
  WHERE c.received BETWEEN ? AND ? ORDER BY c.received, c.year, c.seq""", f, t)
ok(len(rs) == len(want) == cur["收案数"], "案件明细 %d rows, %d cases, headline %d" % (len(rs), len(want), cur["收案数"]))
ok(ws.auto_filter.ref == "A5:S%d" % (5 + len(want)), "案件明细 autofilter " + str(ws.auto_filter.ref))
bad = 0
for r, w in zip(rs, want):
    (no, rec, ch, app, idno, napp, resp, claimed, st, perf, med, acc, dl, clo, agreed, coll, cz) = w
    idno = idno or ""
    exp = [no, D(rec), CHANNEL[ch], app or "", napp, idno if full_ids else mask(idno), resp or "", None, cz or "",
           claimed / 100, STATUS[st], PERF.get(perf) if st == "agreed" else None, med or None,
           D(acc[:10]) if acc else None, D(dl) if dl else None, D(clo[:10]) if clo else None,
           (D(clo[:10]) - D(acc[:10])).days if acc and clo else None,
           (agreed or 0) / 100 if st == "agreed" else None, "是" if coll else "否"]
    g = [as_date(x) if k in (1, 13, 14, 15) else x for k, x in enumerate(r)]
    g[7] = None
    if g != exp:
        bad += 1
        if bad <= 3:
            print("FAIL 案件明细 %r\n  != %r" % (g, exp), file=sys.stderr)
ok(bad == 0, "案件明细: %d rows differ" % bad)
if rs:
    ok(isinstance(rs[0][1], datetime.datetime), "案件明细 received is a date")
    ok(ws.cell(row=6, column=10).number_format == "#,##0.00", "案件明细 amount format")
    ok(isinstance(rs[0][9], (int, float)), "案件明细 amount is a number")
    fits(ws, "A", [r[0] for r in rs])
    fits(ws, "G", [r[6] for r in rs])

# ---- 月报: recomputed from the definitions (src/report/monthly.c)
ws = wb["月报"]
mf, mt = iso(frm), iso(min(to, today))
ma = iso(min(to, today) + datetime.timedelta(days=1))
OPEN = "status IN ('registered','confirmed','accepted','assigned','mediating')"
acc = "accepted_at >= ? AND accepted_at < ?"
clo = "date(closed_at) BETWEEN ? AND ? AND accepted_at IS NOT NULL AND status IN ('agreed','failed','referred','withdrawn','rejected')"
M = {}
M["上期未结"] = q1("SELECT count(*) FROM cases WHERE accepted_at < ? AND (" + OPEN + " OR closed_at >= ?)", mf, mf)
M["本期受理"] = q1("SELECT count(*) FROM cases WHERE " + acc, mf, ma)
M["本期结案"] = q1("SELECT count(*) FROM cases WHERE " + clo, mf, mt)
M["期末未结"] = q1("SELECT count(*) FROM cases WHERE accepted_at < ? AND (" + OPEN + " OR closed_at >= ?)", ma, ma)
ok(M["上期未结"] + M["本期受理"] == M["本期结案"] + M["期末未结"], "月报 balance in SQL %r" % M)
M["当期受理案件总数"] = M["本期受理"]
M["按调解组织：仲裁机构案外调解"] = M["本期受理"]
M["调解结案数"] = M["本期结案"]
def cl(where):
    return q1("SELECT count(*) FROM cases WHERE " + clo + where, mf, mt)
M["调解成功"] = cl(" AND status = 'agreed'")
M["调解不成"] = cl(" AND status IN ('failed','referred')")
M["其中：转仲裁"] = cl(" AND status = 'referred'")
M["撤回"] = cl(" AND status = 'withdrawn'")
M["履行情况：履行完毕"] = cl(" AND status = 'agreed' AND performance = 'performed'")
M["履行情况：未履行"] = cl(" AND status = 'agreed' AND performance = 'defaulted'")
M["履行情况：待履行"] = cl(" AND status = 'agreed' AND performance = 'pending'")
M["附：不予受理"] = q1("SELECT count(*) FROM cases WHERE date(closed_at) BETWEEN ? AND ? AND status = 'rejected'", mf, mt)
# the parties as the case recorded them (the archive's only where the case has none)
AP = ("FROM case_parties p LEFT JOIN persons pe ON pe.id = p.person_id JOIN cases c ON c.id = p.case_id "
      "WHERE p.role = 'applicant' AND c.accepted_at >= ? AND c.accepted_at < ?")
M["涉及劳动者人数"] = q1("SELECT count(*) " + AP, mf, ma)
M["其中：农民工"] = q1("SELECT count(*) " + AP + " AND coalesce(p.household, pe.household) = 'rural'", mf, ma)
M["其中：港澳台"] = q1("SELECT count(*) " + AP + " AND coalesce(p.id_type, pe.id_type) IN ('hkmo','tw')", mf, ma)
M["其中：外籍"] = q1("SELECT count(*) " + AP + " AND (coalesce(p.id_type, pe.id_type) = 'foreign-pr' OR "
                   "(coalesce(p.id_type, pe.id_type) = 'passport' AND coalesce(p.nationality, pe.nationality, '中国') NOT IN ('中国', '')))", mf, ma)
big = qa("SELECT n FROM (SELECT (SELECT count(*) FROM case_parties WHERE case_id = c.id AND role = 'applicant') n "
         "FROM cases c WHERE " + acc + ") WHERE n >= 10", mf, ma)
M["集体争议案件数"] = len(big)
M["集体争议涉及劳动者人数"] = sum(n for (n,) in big)
M["涉案金额"] = round(q1("SELECT coalesce(sum(amount_fen), 0) FROM claims WHERE case_id IN (SELECT id FROM cases WHERE " + acc + ")", mf, ma) / 1e6, 2)
M["结案金额"] = round(q1("SELECT coalesce(sum(agreed_fen), 0) FROM claims WHERE case_id IN (SELECT id FROM cases WHERE " + clo + " AND status = 'agreed')", mf, mt) / 1e6, 2)
mrows = {r[0]: r for r in rows(ws) if r and r[0]}
for k, v in M.items():
    r = mrows.get(k)
    ok(r is not None and close(r[2], v), "月报 %s %r != %r" % (k, r and r[2], v))
if M["上期未结"] + M["本期受理"]:
    ok(close(mrows["结案率"][2], M["本期结案"] / (M["上期未结"] + M["本期受理"])), "月报 结案率")
ok("调解成功÷（调解成功＋调解不成）" in (mrows["调解成功率（口径一）"][3] or ""), "月报 口径一 formula")
ok("调解成功÷调解结案数" in (mrows["调解成功率（口径二）"][3] or ""), "月报 口径二 formula")
lines = [r[1] for r in rows(ws) if r and isinstance(r[1], int)]
ok(lines == list(range(1, len(lines) + 1)), "月报 行次 1..n")
ok(ws["A3"].value.startswith("填报单位：") and "统计期：" in (ws["D3"].value or ""), "月报 header block")
ok(any(isinstance(r[0], str) and r[0].startswith("单位负责人：") for r in rows(ws)), "月报 signatures")
ws = wb["按行业区县"]
brs = rows(ws)
tot = [r for r in brs if r[0] == "合计"]
ok(len(tot) == 2 and all(t[1] == M["本期受理"] for t in tot), "按行业区县 totals %r" % tot)

# identity numbers: never in full unless asked
ids = {i for (i,) in qa("SELECT p.id_no FROM persons p JOIN case_parties a ON a.person_id = p.id "
                        "JOIN cases c ON c.id = a.case_id WHERE c.received BETWEEN ? AND ? AND length(p.id_no) >= 8", f, t)}
seen = set()
for s in wb.worksheets:
    for row in s.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, str) and v in ids:
                seen.add(v)
if full_ids:
    firsts = {w[4] for w in want if w[4] and len(w[4]) >= 8}
    ok(firsts <= seen and len(firsts) > 0 or not want, "full ids present")
else:
    ok(not seen, "unmasked identity numbers in the workbook: %d" % len(seen))
print(npass, nfail)
PYEOF

# check_xlsx DB FILE KIND A B TODAY FULL: run the checker, add its counts
check_xlsx() {
	local out
	out=$(TZ=UTC "$PY" "$T/check.py" "$@" "上海市劳动人事争议仲裁院" 2>"$T/check.err" | tail -n 1)
	if [ -s "$T/check.err" ]; then head -n 20 "$T/check.err" >&2; fi
	case "$out" in
	*[0-9]" "[0-9]*)
		npass=$((npass + ${out% *}))
		nfail=$((nfail + ${out#* }))
		;;
	*) fail "checker on $2 gave no counts: $out" ;;
	esac
}
no_temp() { # NAME DIR: no temporary workbook left
	if ls -A "$2" | grep -q '^\..*\.xlsx\.'; then fail "$1: temporary file left: $(ls -A "$2")"; else ok; fi
}
mode_of() { stat -c %a "$1"; }

# ---- the demo database -----------------------------------------------------------
TODAY=${TIAOJIE_NOW%% *}
run "$TJ" demo --db demo.db --cases 1500
expect_rc demo 0
events0=$(sqlite3 demo.db "SELECT count(*) FROM events WHERE action = 'export'")

run "$TJ" export --db demo.db --month 2026-10
expect_rc month 0
expect_out month-says "调解统计-2026-10.xlsx"
check "default-name" test -f 调解统计-2026-10.xlsx
[ "$(mode_of 调解统计-2026-10.xlsx)" = 640 ] && ok || fail "masked workbook mode $(mode_of 调解统计-2026-10.xlsx), want 640"
no_temp month .
check_xlsx demo.db 调解统计-2026-10.xlsx month 2026-10 - "$TODAY" 0
[ "$(sqlite3 demo.db "SELECT count(*) FROM events WHERE action = 'export' AND entity = 'system'")" = $((events0 + 1)) ] &&
	ok || fail "export not in the event log"

# no period: last month; an existing file needs --force
run "$TJ" export --db demo.db
expect_rc exists 1
expect_err exists-says "已存在"
expect_err exists-force "--force"
run "$TJ" export --db demo.db --force -q
expect_rc force 0
[ -z "$OUT" ] && ok || fail "--quiet printed: $OUT"

# the month before, across the year boundary (January: 环比 is December)
run "$TJ" export --db demo.db --month 2026-01 -o jan.xlsx
expect_rc january 0
check_xlsx demo.db jan.xlsx month 2026-01 - "$TODAY" 0

# the running month counts up to today
run "$TJ" export --db demo.db --month 2026-11 -o nov.xlsx
expect_rc running-month 0
check_xlsx demo.db nov.xlsx month 2026-11 - "$TODAY" 0

# quarter, year, range, with their default names
run "$TJ" export --db demo.db --quarter 2026-Q3
expect_rc quarter 0
check "quarter-name" test -f 调解统计-2026-Q3.xlsx
check_xlsx demo.db 调解统计-2026-Q3.xlsx quarter 2026-Q3 - "$TODAY" 0
run "$TJ" export --db demo.db --year 2025
expect_rc year 0
check "year-name" test -f 调解统计-2025.xlsx
check_xlsx demo.db 调解统计-2025.xlsx year 2025 - "$TODAY" 0
run "$TJ" export --db demo.db --from 2026-02-15 --to 2026-03-20
expect_rc range 0
check "range-name" test -f 调解统计-2026-02-15_2026-03-20.xlsx
check_xlsx demo.db 调解统计-2026-02-15_2026-03-20.xlsx range 2026-02-15 2026-03-20 "$TODAY" 0

# full identity numbers: explicit, and the file readable by its owner only
run "$TJ" export --db demo.db --month 2026-10 -o full.xlsx --full-ids
expect_rc full-ids 0
expect_out full-ids-says "完整"
[ "$(mode_of full.xlsx)" = 600 ] && ok || fail "full-ids workbook mode $(mode_of full.xlsx), want 600"
check_xlsx demo.db full.xlsx month 2026-10 - "$TODAY" 1
sqlite3 demo.db "SELECT count(*) FROM events WHERE action = 'export' AND after LIKE '%full.xlsx%证件号码完整%'" |
	grep -qx 1 && ok || fail "full-ids export not logged as such"

# an empty month: a whole workbook of zeros
run "$TJ" export --db demo.db --month 2024-01 -o empty.xlsx
expect_rc empty 0
expect_out empty-says "0 件"
check_xlsx demo.db empty.xlsx month 2024-01 - "$TODAY" 0
"$PY" - empty.xlsx <<'PYEOF' && ok || fail "empty month is not zeros"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
s = wb["汇总"]
r = {row[0].value: row for row in s.iter_rows(min_row=6, max_row=27)}
assert r["收案数"][1].value == 0 and r["结案数"][1].value == 0 and r["调解成功率（口径一）"][1].value is None
assert wb["案件明细"].max_row == 5
assert sum(1 for row in wb["按案由"].iter_rows(min_row=6, max_row=87, values_only=True) if row[4] == 0) == 82
PYEOF

# ---- bad input: a clear message, nothing written -------------------------------------
before=$(ls -A | sort)
run "$TJ" export --db demo.db --month 2026-13
expect_rc bad-month 2
expect_err bad-month-says "月份 2026-13 无效"
run "$TJ" export --db demo.db --month 2026/10
expect_rc bad-month-slash 2
run "$TJ" export --db demo.db --quarter 2026-Q5
expect_rc bad-quarter 2
expect_err bad-quarter-says "季度"
run "$TJ" export --db demo.db --from 2026-10-01
expect_rc from-alone 2
run "$TJ" export --db demo.db --from 2026-10-31 --to 2026-10-01
expect_rc backwards 2
expect_err backwards-says "早于"
run "$TJ" export --db demo.db --month 2026-10 --year 2026
expect_rc two-periods 2
run "$TJ" export --db demo.db --month 2027-01
expect_rc future 1
expect_err future-says "尚未开始"
run "$TJ" export --db demo.db --year 2027 -o future.xlsx
expect_rc future-year 1
run "$TJ" export --db demo.db --month 2026-10 -o nodir/x.xlsx
expect_rc no-dir 1
expect_err no-dir-says "不存在"
: >plainfile
run "$TJ" export --db demo.db --month 2026-10 -o plainfile/x.xlsx
expect_rc not-a-dir 1
run "$TJ" export --db demo.db --month 2026-10 -o .
expect_rc a-dir 1
expect_err a-dir-says "目录"
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro && chmod 555 ro
	run "$TJ" export --db demo.db --month 2026-10 -o ro/x.xlsx
	expect_rc read-only-dir 1
	expect_err read-only-dir-says "权限"
	chmod 755 ro && rmdir ro
fi
run "$TJ" export --db nosuch.db --month 2026-10 -o x.xlsx
expect_rc no-db 1
after=$(ls -A | grep -v '^plainfile$' | sort)
[ "$before" = "$after" ] && ok || fail "bad input left files: $(diff <(echo "$before") <(echo "$after"))"

# a read-only database (an unprivileged user: root ignores permissions):
# full numbers would go unrecorded, so they are not exported; a masked
# export is made and says it was not recorded
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
# not root: it signs in as the demo administrator
printf 'demo1234\n' >adminpw && chmod 644 adminpw
mkdir rodb rout && cp demo.db rodb/r.db && cp "$TJ" rodb/tj
sqlite3 rodb/r.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f rodb/r.db-wal rodb/r.db-shm
chmod 755 "$T" rodb rodb/tj && chmod 644 rodb/r.db && chmod 555 rodb && chmod 777 rout
run as_user rodb/tj export --user admin --password-file "$T/adminpw" --db rodb/r.db --month 2026-10 --full-ids -o rout/full.xlsx
expect_rc ro-full-refused 1
expect_err ro-full-why "无法记入操作记录，未导出"
check ro-full-no-file [ ! -e rout/full.xlsx ]
check ro-full-no-temp test "$(ls -A rout | wc -l)" -eq 0
run as_user rodb/tj export --user admin --password-file "$T/adminpw" --db rodb/r.db --month 2026-10 -o rout/masked.xlsx
expect_rc ro-masked 0
expect_err ro-masked-said "未记入操作记录"
check ro-masked-file [ -s rout/masked.xlsx ]
chmod 755 rodb && rm -rf rodb rout

# an existing file is kept when the export fails
cp 调解统计-2026-10.xlsx keep.xlsx
sum=$(md5sum <keep.xlsx)
run "$TJ" export --db demo.db --month 2027-02 -o keep.xlsx --force
expect_rc keep-future 1
[ "$(md5sum <keep.xlsx)" = "$sum" ] && ok || fail "a failed export touched the existing file"

# interrupted: either a complete workbook or nothing, never half a file
"$TJ" demo --db big.db --cases 10000 >/dev/null 2>&1 || fail "demo 20000"
for delay in 0.05 0.2 0.5; do
	rm -f intr.xlsx
	"$TJ" export --db big.db --year 2026 -o intr.xlsx -q 2>intr.err &
	pid=$!
	sleep "$delay"
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	if [ -f intr.xlsx ]; then
		[ "$rc" -eq 0 ] && "$PY" -c 'import sys,zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' intr.xlsx &&
			ok || fail "interrupted export left a broken file (exit $rc)"
	else
		# exit 1 with a message once the handler is in place; killed
		# outright before that (then nothing had been written yet)
		[ "$rc" -ne 0 ] && ok || fail "interrupted export: no file but exit 0"
		[ "$rc" -ne 1 ] || grep -q "中断" intr.err && ok || fail "interrupted: $(cat intr.err)"
	fi
	no_temp "interrupt-$delay" .
done

# ---- the hand-built fixture: answers known by heart ------------------------------------
printf 'demo1234\n' >pw
"$TJ" init --db fx.db --password-file pw >/dev/null || fail "init fixture"
sqlite3 fx.db <<'SQL' || fail "fixture SQL"
INSERT INTO mediators(id, name, side, expert_kind, capacity, active, created_at) VALUES
 (1, '张一', 'union', NULL, 20, 1, '2024-01-01 09:00:00'),
 (2, '李二', 'expert', 'teacher', 15, 0, '2024-01-01 09:00:00'),
 (3, '王三', 'hrss', NULL, 10, 1, '2024-01-01 09:00:00');
INSERT INTO employers(id, uscc, name, district, industry, created_at, updated_at) VALUES
 (1, '91310101MA1FL00010', '甲公司', '黄浦区', '制造业', '2024-01-01', '2024-01-01'),
 (2, NULL, '乙商店', '徐汇区', '零售业', '2024-01-01', '2024-01-01'),
 (3, '91310101MA1FL00037', '丙派遣公司', '静安区', '租赁和商务服务业', '2024-01-01', '2024-01-01');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO persons(id, id_type, id_no, name, created_at, updated_at)
 SELECT i, 'id', printf('3101011990%02d%02d%04d', 1 + i % 12, 1 + i % 28, 1000 + i), '工人' || i,
 '2024-01-01', '2024-01-01' FROM n;
INSERT INTO cases(id, case_no, year, seq, channel, received, status, performance, collective,
 mediator_id, accepted_at, deadline, closed_at, last_event_at, updated_at) VALUES
 (1, '沪劳人调(2026)第00001号', 2026, 1, 'window', '2026-01-05', 'agreed', 'performed', 0, 1,
  '2026-01-06 09:00:00', '2026-01-21', '2026-01-15 10:00:00', '2026-01-15', '2026-01-15'),
 (2, '沪劳人调(2026)第00002号', 2026, 2, 'online', '2026-01-10', 'failed', NULL, 0, 1,
  '2026-01-12 10:00:00', '2026-01-27', '2026-01-30 11:00:00', '2026-01-30', '2026-01-30'),
 (3, '沪劳人调(2026)第00003号', 2026, 3, 'phone', '2026-01-20', 'referred', NULL, 0, 2,
  '2026-01-21 10:00:00', '2026-02-05', '2026-02-03 10:00:00', '2026-02-03', '2026-02-03'),
 (4, '沪劳人调(2026)第00004号', 2026, 4, 'window', '2026-01-25', 'mediating', NULL, 1, 1,
  '2026-01-26 10:00:00', '2026-01-30', NULL, '2026-01-26', '2026-01-26'),
 (5, '沪劳人调(2025)第00005号', 2025, 5, 'letter', '2025-12-28', 'withdrawn', NULL, 0, NULL,
  NULL, '2026-01-02', '2026-01-03 09:30:00', '2026-01-03', '2026-01-03'),
 (6, '沪劳人调(2026)第00006号', 2026, 6, 'other', '2026-01-31', 'rejected', NULL, 0, NULL,
  NULL, '2026-02-05', '2026-01-31 16:00:00', '2026-01-31', '2026-01-31'),
 (7, '沪劳人调(2025)第00007号', 2025, 7, 'window', '2025-01-15', 'agreed', 'pending', 0, 1,
  '2025-01-16 09:00:00', '2025-01-31', '2025-01-20 15:00:00', '2025-01-20', '2025-01-20'),
 (8, '沪劳人调(2025)第00008号', 2025, 8, 'online', '2025-12-10', 'agreed', 'defaulted', 0, 2,
  '2025-12-11 09:00:00', '2025-12-26', '2025-12-22 15:00:00', '2025-12-22', '2025-12-22'),
 (9, '沪劳人调(2025)第00009号', 2025, 9, 'window', '2025-12-15', 'registered', NULL, 0, NULL,
  NULL, '2025-12-20', NULL, '2025-12-15', '2025-12-15');
INSERT INTO case_parties(case_id, role, ord, person_id, employer_id) VALUES
 (1, 'applicant', 1, 1, NULL), (1, 'respondent', 1, NULL, 1),
 (2, 'applicant', 1, 2, NULL), (2, 'respondent', 1, NULL, 3), (2, 'respondent', 2, NULL, 1),
 (3, 'applicant', 1, 3, NULL), (3, 'respondent', 1, NULL, 1),
 (4, 'respondent', 1, NULL, 1),
 (5, 'applicant', 1, 16, NULL), (5, 'respondent', 1, NULL, 2),
 (6, 'applicant', 1, 17, NULL), (6, 'respondent', 1, NULL, 2),
 (7, 'applicant', 1, 18, NULL), (7, 'respondent', 1, NULL, 1),
 (8, 'applicant', 1, 19, NULL), (8, 'respondent', 1, NULL, 1),
 (9, 'applicant', 1, 20, NULL), (9, 'respondent', 1, NULL, 2);
WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 15)
INSERT INTO case_parties(case_id, role, ord, person_id) SELECT 4, 'applicant', i - 3, i FROM n;
INSERT INTO claims(case_id, ord, cause, text, amount_fen, agreed_fen) VALUES
 (1, 1, '0601', '支付拖欠工资', 100000, 80000), (1, 2, '0602', '支付加班工资', 50000, 20000),
 (2, 1, '0401', '支付赔偿金', 200000, NULL),
 (3, 1, '0601', '支付拖欠工资', 30000, NULL),
 (4, 1, '0601', '支付拖欠工资', 1200000, NULL), (4, 2, '0701', '支付年休假工资', 10000, NULL),
 (5, 1, '0101', '确认劳动关系', 0, NULL),
 (6, 1, '1701', '办理退工手续', 5000, NULL),
 (7, 1, '0601', '支付拖欠工资', 40000, 40000),
 (8, 1, '0402', '支付经济补偿', 60000, 30000),
 (9, 1, '0601', '支付拖欠工资', 1000, NULL);
INSERT INTO consultations(at, cause, note) VALUES
 ('2026-01-05 10:00:00', '0601', ''), ('2026-01-31 23:59:59', NULL, ''),
 ('2026-02-01 00:00:00', NULL, ''), ('2025-12-31 12:00:00', NULL, ''),
 ('2025-01-10 12:00:00', NULL, '');
SQL
TIAOJIE_NOW="2026-02-10 09:00:00" run "$TJ" export --db fx.db
expect_rc fixture 0
check "fixture-default-is-last-month" test -f 调解统计-2026-01.xlsx
check_xlsx fx.db 调解统计-2026-01.xlsx month 2026-01 - 2026-02-10 0
# and the answers worked out by hand (test_report.c shows the working)
"$PY" - 调解统计-2026-01.xlsx <<'PYEOF' && ok || fail "fixture figures differ from the known answers"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
r = {row[0].value: [c.value for c in row] for row in wb["汇总"].iter_rows(min_row=6, max_row=27)}
want = {
    "收案数": (5, 1, 3), "其中：窗口": (2, 1, 1), "其中：网上": (1, 0, 1), "其中：电话": (1, 0, 0),
    "其中：信函": (0, 0, 1), "其中：其他渠道": (1, 0, 0), "其中：集体争议": (1, 0, 0),
    "涉及劳动者人数": (16, 1, 3), "咨询登记": (2, 1, 1), "结案数": (4, 1, 1), "调解成功": (1, 1, 1),
    "调解不成": (1, 0, 0), "其中：转仲裁": (0, 0, 0), "撤回": (1, 0, 0), "不予受理": (1, 0, 0),
    "调解成功率（口径一）": (0.5, 1.0, 1.0), "请求金额（元）": (15950, 400, 610), "协议金额（元）": (1000, 400, 300),
    "平均办理天数": (13.5, 4, 11), "期末超期未结": (2, 0, 1), "超期结案": (2, 0, 0),
}
for k, (cur, ly, prev) in want.items():
    assert (r[k][1], r[k][2], r[k][5]) == (cur, ly, prev), (k, r[k])
assert r["收案数"][3] == 4 and r["收案数"][4] == 4 and r["收案数"][6] == 2
assert abs(r["收案数"][7] - 2 / 3) < 1e-12
assert abs(r["调解成功率（口径一）"][3] - -50) < 1e-9 and r["调解成功率（口径一）"][4] is None
assert r["其中：网上"][4] is None and r["其中：网上"][6] == 0 and r["其中：网上"][7] == 0
c = {row[1]: row for row in wb["按案由"].iter_rows(min_row=6, max_row=87, values_only=True)}
assert c["0601"][4:10] == (3, 3, 13300, 1, 1, 800), c["0601"]
assert c["06"][4:10] == (3, 4, 13800, 1, 1, 1000), c["06"]
assert c["01"][4:10] == (0, 0, 0, 1, 0, 0), c["01"]
m = {row[0]: row for row in wb["按调解员"].iter_rows(min_row=6, values_only=True)}
assert m["张一"][3:9] == (3, 2, 1, 1, 0, 0) and m["张一"][9] == 0.5 and m["张一"][11] == 13.5 and m["张一"][12] == 1, m["张一"]
assert m["李二"][2] == "已停用" and m["李二"][3] == 1 and m["王三"][3] == 0
assert m["（未分派调解员）"][3:9] == (1, 2, 0, 0, 1, 1), m["（未分派调解员）"]
e = [row for row in wb["高发单位"].iter_rows(min_row=6, values_only=True)]
assert len(e) == 1 and e[0][1] == "甲公司" and e[0][5:10] == (4, 1, 15, 15900, 1), e
k = [row for row in wb["集体争议"].iter_rows(min_row=6, values_only=True)]
assert len(k) == 1 and k[0][0] == "沪劳人调(2026)第00004号" and k[0][3] == 12
d = [row for row in wb["案件明细"].iter_rows(min_row=6, values_only=True)]
assert [x[0][-6:-1] for x in d] == ["00001", "00002", "00003", "00004", "00006"], d
assert d[1][6] == "丙派遣公司、甲公司" and d[0][5] == "310101********1001" and d[0][16] == 9, d[0]
PYEOF
TIAOJIE_NOW="2026-02-10 09:00:00" run "$TJ" export --db fx.db --month 2026-03 -o march.xlsx
expect_rc fixture-future 1
check "fixture-future-no-file" test ! -e march.xlsx
no_temp end .
"$TJ" check --db demo.db >/dev/null && ok || fail "check after the exports"
done_tests
