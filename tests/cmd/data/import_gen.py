"""import_gen.py - application records for test_import.sh: 100 records
(application.md), valid except three (a wrong ID check digit, an amount
written as a number, a bad phone), one of them a passport holder's.
Writes apps.json (an array) and apps.ndjson (one per line) in the current
directory."""
import json, sys, random
random.seed(7)
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; C='10X98765432'
def cid(area, birth, seq):
    b=f"{area}{birth}{seq:03d}"
    return b+C[sum(int(x)*w for x,w in zip(b,W))%11]
recs=[]
for i in range(100):
    sex = i%2
    r={"external_id": f"WX-2026-{i:06d}", "channel":"网上", "received":"2026-11-19",
       "applicants":[{"doc_kind":"居民身份证","doc_no":cid("310104", f"19{80+i%20}0{1+i%9}1{i%9}", 100+i*2+sex),
                      "name": "张" + "伟芳娜敏静丽强磊军洋"[i%10] + "一二三四五六七八九十"[i//10%10],
                      "phone": f"139{i:08d}", "address":"上海市徐汇区漕溪北路1号", "hukou": "农村" if i%3 else "城镇",
                      "occupation":"操作工"}],
       "respondents":[{"kind":"用人单位","name":f"上海某某{i%7}号科技有限公司","legal_rep":"王某",
                       "address":"上海市浦东新区张江路1号","phone":"021-50000000"}],
       "claims":[{"cause":"0601","text":"支付2026年9月至10月工资","amount":f"{10000+i}.50","against":[1]}],
       "facts":"申请人于2024年3月1日入职被申请人处，被申请人拖欠工资。"}
    recs.append(r)
# three bad ones
recs[10]["applicants"][0]["doc_no"]="310104198001011234"   # bad checksum (probably)
recs[50]["claims"][0]["amount"]=12000                       # a number, not a string
recs[77]["applicants"][0]["phone"]="12345"                   # bad phone
# a passport holder
recs[5]["applicants"][0]={"doc_kind":"护照","doc_no":"E12345678","name":"John Smith","sex":"男","birth":"1990-05-17",
  "nationality":"美国","phone":"+14155550123","address":"上海市浦东新区世纪大道100号","hukou":None,"occupation":"软件工程师"}
json.dump(recs, open("apps.json","w"), ensure_ascii=False, indent=1)
with open("apps.ndjson","w") as f:
    for r in recs: f.write(json.dumps(r, ensure_ascii=False)+"\n")
