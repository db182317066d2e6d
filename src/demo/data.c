/*
 * data.c - the words and numbers of the demo database: names and
 * identity documents of workers, employers with their credit codes, the
 * stories and standard claims of the common disputes, and the small texts
 * of the lifecycle (reasons, session notes, consultations).  The mediator
 * roster is a fixed table at the end.
 *
 * The tables try to look like a Shanghai counter desk: workers from the
 * city and from the provinces that send most migrant workers, employers
 * spread over the sixteen districts, wages by job, claims computed the way
 * a clerk computes them (经济补偿 by years of service, 二倍工资 by months
 * without a contract, 年休假 at 200% of the daily wage ...).  generate.c
 * decides how many of what; this file only makes one of each when asked.
 */
#include "tiaojie/demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tiaojie/money.h"
#include "tiaojie/util.h"

struct demo_rng demo_rng_for(uint64_t seed, uint64_t a, uint64_t b)
{
	struct demo_rng r = {seed ^ (a * UINT64_C(0xD6E8FEB86659FD93)) ^ (b * UINT64_C(0xA0761D6478BD642F))};

	demo_next(&r);
	r.s ^= demo_next(&r);
	return r;
}

/* Append to a fixed buffer, truncating (our own texts always fit). */
static void cat(char *buf, size_t size, const char *fmt, ...) TJ_PRINTF(3, 4);
static void cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* Pick from a weighted table: w[i] summing to total. */
static int pick_weighted(struct demo_rng *r, const int *w, int n)
{
	int total = 0, x;

	for (int i = 0; i < n; i++)
		total += w[i];
	x = (int)demo_below(r, (uint32_t)total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, arr) ((arr)[demo_below((r), (uint32_t)(sizeof(arr) / sizeof((arr)[0])))])

/* ---- names ---------------------------------------------------------------- */

/* Surnames with their approximate share (per mille) in the population. */
static const struct {
	const char *s;
	int w;
} surnames[] = {
	{"王", 71}, {"李", 70}, {"张", 67}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22}, {"赵", 20},
	{"吴", 20}, {"周", 19}, {"徐", 15}, {"孙", 15}, {"马", 13}, {"朱", 13}, {"胡", 12}, {"郭", 12},
	{"何", 11}, {"高", 11}, {"林", 11}, {"罗", 10}, {"郑", 9},  {"梁", 9},  {"谢", 8},  {"宋", 8},
	{"唐", 8},  {"许", 7},  {"韩", 7},  {"冯", 7},  {"邓", 7},  {"曹", 6},  {"彭", 6},  {"曾", 6},
	{"肖", 6},  {"田", 6},  {"董", 5},  {"袁", 5},  {"潘", 5},  {"于", 5},  {"蒋", 5},  {"蔡", 5},
	{"余", 5},  {"杜", 5},  {"叶", 5},  {"程", 5},  {"苏", 4},  {"魏", 4},  {"吕", 4},  {"丁", 4},
	{"任", 4},  {"沈", 4},  {"姚", 4},  {"卢", 4},  {"姜", 4},  {"崔", 3},  {"钟", 3},  {"谭", 3},
	{"陆", 3},  {"汪", 3},  {"范", 3},  {"金", 3},  {"石", 3},  {"廖", 3},  {"贾", 3},  {"夏", 3},
	{"韦", 3},  {"付", 3},  {"方", 3},  {"白", 3},  {"邹", 3},  {"孟", 3},  {"熊", 3},  {"秦", 3},
	{"邱", 3},  {"江", 3},  {"尹", 3},  {"薛", 2},  {"闫", 2},  {"段", 2},  {"雷", 2},  {"侯", 2},
	{"龙", 2},  {"史", 2},  {"陶", 2},  {"黎", 2},  {"贺", 2},  {"顾", 2},  {"毛", 2},  {"郝", 2},
	{"龚", 2},  {"邵", 2},  {"万", 2},  {"钱", 2},  {"严", 2},  {"覃", 2},  {"武", 2},  {"戴", 2},
	{"莫", 2},  {"孔", 2},  {"向", 2},  {"汤", 2},
};

static const char *const given_male[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
	"鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建", "国",
	"志", "文", "峰", "东", "海", "亮", "成", "江", "春", "新", "晨", "松", "家", "立", "德", "永",
	"金", "庆", "兵", "锋", "良", "振", "晓", "毅", "博", "昊", "然", "泽", "轩", "子", "天", "睿",
};

static const char *const given_female[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "桂", "英", "燕", "萍", "红", "梅",
	"琳", "雪", "婷", "慧", "莹", "倩", "颖", "洁", "佳", "琴", "晶", "蓉", "欣", "怡", "悦", "璐",
	"丹", "月", "云", "露", "晓", "小", "文", "春", "美", "玉", "凤", "兰", "雅", "思", "梦", "涵",
	"萱", "诗", "雯", "薇", "琪", "洋", "彤", "楠", "馨", "瑶",
};

#define NSURNAMES ((int)(sizeof surnames / sizeof surnames[0]))

static const char *surname_pick(struct demo_rng *r)
{
	int w[NSURNAMES];

	for (int i = 0; i < NSURNAMES; i++)
		w[i] = surnames[i].w;
	return surnames[pick_weighted(r, w, NSURNAMES)].s;
}

void demo_name(struct demo_rng *r, int male, char *out, size_t outlen)
{
	const char *sur = surname_pick(r);

	if (male) {
		if (demo_chance(r, 0.3))
			snprintf(out, outlen, "%s%s", sur, PICK(r, given_male));
		else
			snprintf(out, outlen, "%s%s%s", sur, PICK(r, given_male), PICK(r, given_male));
	} else {
		if (demo_chance(r, 0.3))
			snprintf(out, outlen, "%s%s", sur, PICK(r, given_female));
		else
			snprintf(out, outlen, "%s%s%s", sur, PICK(r, given_female), PICK(r, given_female));
	}
}

static const char *const mobile_prefixes[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
	"153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180",
	"181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
};

void demo_mobile(struct demo_rng *r, char out[12])
{
	snprintf(out, 12, "%s%08u", PICK(r, mobile_prefixes), demo_below(r, 100000000));
}

/* ---- places ---------------------------------------------------------------- */

static const struct district {
	const char *name, *code;
	int weight;
	const char *roads[4];
} districts[] = {
	{"黄浦区", "310101", 4, {"南京东路", "淮海中路", "西藏南路", "制造局路"}},
	{"徐汇区", "310104", 6, {"漕溪北路", "肇嘉浜路", "宜山路", "龙华中路"}},
	{"长宁区", "310105", 4, {"天山路", "虹桥路", "延安西路", "仙霞路"}},
	{"静安区", "310106", 6, {"南京西路", "共和新路", "万荣路", "江场三路"}},
	{"普陀区", "310107", 5, {"长寿路", "曹杨路", "真北路", "武宁路"}},
	{"虹口区", "310109", 3, {"四川北路", "大连路", "曲阳路", "广中路"}},
	{"杨浦区", "310110", 5, {"控江路", "黄兴路", "国定路", "长阳路"}},
	{"闵行区", "310112", 12, {"七莘路", "莘松路", "都市路", "虹梅南路"}},
	{"宝山区", "310113", 7, {"沪太路", "牡丹江路", "友谊路", "长江西路"}},
	{"嘉定区", "310114", 8, {"博乐路", "曹安公路", "城中路", "叶城路"}},
	{"浦东新区", "310115", 20, {"张杨路", "浦东南路", "川沙路", "金科路"}},
	{"金山区", "310116", 2, {"卫零路", "蒙山路", "金山大道", "龙胜路"}},
	{"松江区", "310117", 8, {"中山中路", "人民北路", "荣乐东路", "沪亭北路"}},
	{"青浦区", "310118", 5, {"公园路", "城中东路", "外青松公路", "华青路"}},
	{"奉贤区", "310120", 4, {"解放东路", "环城东路", "百齐路", "南奉公路"}},
	{"崇明区", "310151", 1, {"八一路", "人民路", "翠竹路", "东门路"}},
};
#define NDISTRICTS ((int)(sizeof districts / sizeof districts[0]))

static const struct district *district_pick(struct demo_rng *r)
{
	int w[NDISTRICTS];

	for (int i = 0; i < NDISTRICTS; i++)
		w[i] = districts[i].weight;
	return &districts[pick_weighted(r, w, NDISTRICTS)];
}

static void home_address(struct demo_rng *r, char *out, size_t n)
{
	const struct district *d = district_pick(r);

	if (demo_chance(r, 0.75))
		snprintf(out, n, "上海市%s%s%d弄%d号%d室", d->name, d->roads[demo_below(r, 4)], demo_range(r, 1, 1800),
			 demo_range(r, 1, 60), demo_range(r, 1, 18) * 100 + demo_range(r, 1, 6));
	else
		snprintf(out, n, "上海市%s%s%d号", d->name, d->roads[demo_below(r, 4)], demo_range(r, 1, 2500));
}

/* Real county-level codes: Shanghai, and the provinces most workers in
 * Shanghai come from (weights roughly their share). */
static const struct {
	const char *code;
	int w;
} id_regions[] = {
	{"310101", 3}, {"310104", 4}, {"310105", 3}, {"310106", 4}, {"310107", 4}, {"310109", 3},
	{"310110", 4}, {"310112", 4}, {"310113", 3}, {"310114", 2}, {"310115", 6}, {"310230", 1},
	{"320102", 1}, {"320106", 1}, {"320311", 2}, {"320583", 1}, {"320981", 2}, {"321323", 2},
	{"330102", 1}, {"330106", 1}, {"330381", 1}, {"340102", 1}, {"340321", 3}, {"341221", 4},
	{"341222", 4}, {"341623", 3}, {"360102", 1}, {"362426", 2}, {"370102", 1}, {"371321", 2},
	{"410102", 1}, {"411421", 3}, {"412726", 3}, {"411526", 3}, {"420102", 1}, {"421123", 2},
	{"430102", 1}, {"430521", 2}, {"440103", 1}, {"440106", 1}, {"500101", 2}, {"500103", 1},
	{"500228", 2}, {"500235", 2}, {"510104", 1}, {"511321", 3}, {"510722", 2}, {"520102", 1},
	{"522422", 2}, {"450102", 1}, {"130102", 1}, {"140105", 1}, {"610102", 1}, {"230102", 1},
	{"220102", 1}, {"210102", 1}, {"350102", 1}, {"350583", 1},
};

/* ISO 7064 MOD 11-2 (GB 11643) over the first 17 digits. */
static char id_check(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* 18-character number for region, birth day and sex. */
static void id18(struct demo_rng *r, const char *region, tj_day birth, int male, char out[24])
{
	int y, m, d;
	unsigned seq = demo_below(r, 100) * 10 + demo_below(r, 5) * 2 + (male ? 1 : 0);

	date_to_ymd(birth, &y, &m, &d);
	snprintf(out, 24, "%.6s%04d%02d%02d%03u", region, y, m, d, seq);
	out[17] = id_check(out);
	out[18] = '\0';
}

/* Given names: two men's, then two women's. */
static const struct {
	const char *nat;
	const char *prefix;
	int digits;
	const char *family[4];
	const char *given[4];
} foreigners[] = {
	{"越南", "C", 7, {"NGUYEN", "TRAN", "LE", "PHAM"}, {"VAN HUNG", "VAN NAM", "THI LAN", "THI HOA"}},
	{"菲律宾", "P", 7, {"SANTOS", "REYES", "CRUZ", "GARCIA"}, {"JOSE", "MARK", "MARIA", "ANA"}},
	{"韩国", "M", 8, {"KIM", "LEE", "PARK", "CHOI"}, {"MINJUN", "JIHOON", "SEOYEON", "HAEUN"}},
	{"日本", "TK", 7, {"SATO", "SUZUKI", "TAKAHASHI", "TANAKA"}, {"HIROSHI", "KENJI", "YUKI", "AYAKO"}},
	{"美国", "", 9, {"SMITH", "JOHNSON", "BROWN", "MILLER"}, {"JOHN", "MICHAEL", "EMILY", "SARAH"}},
	{"英国", "", 9, {"WILSON", "TAYLOR", "EVANS", "THOMAS"}, {"JAMES", "OLIVER", "EMMA", "SOPHIE"}},
	{"德国", "C", 8, {"MUELLER", "SCHMIDT", "FISCHER", "WEBER"}, {"LUKAS", "FELIX", "ANNA", "LENA"}},
	{"马来西亚", "A", 8, {"TAN", "LIM", "WONG", "LEE"}, {"WEI MING", "KAH HOE", "MEI LING", "SIEW LAN"}},
};

static void digits(struct demo_rng *r, char *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (char)('0' + demo_below(r, 10));
	out[n] = '\0';
}

void demo_person_make(struct demo_rng *r, tj_day received, struct demo_person *p)
{
	double u = demo_unit(r);
	int age, w[sizeof id_regions / sizeof id_regions[0]];
	tj_day birth;
	char num[16];

	memset(p, 0, sizeof *p);
	p->male = demo_chance(r, 0.62);
	/* 18-57 on the day received (so still under 60 at a second case),
	 * most between 25 and 45 */
	if (demo_chance(r, 0.35))
		age = demo_range(r, 20, 35);
	else
		age = 18 + (int)((demo_unit(r) + demo_unit(r)) * 20.0);
	if (age > 57)
		age = 57;
	birth = received - (tj_day)(age * 365.25) - (tj_day)demo_below(r, 360) - 3;
	snprintf(p->nationality, sizeof p->nationality, "中国");
	demo_mobile(r, p->phone);
	home_address(r, p->address, sizeof p->address);

	if (u < 0.95) {
		for (size_t i = 0; i < sizeof id_regions / sizeof id_regions[0]; i++)
			w[i] = id_regions[i].w;
		const char *region = id_regions[pick_weighted(r, w, (int)(sizeof w / sizeof w[0]))].code;
		snprintf(p->id_type, sizeof p->id_type, "id");
		id18(r, region, birth, p->male, p->id_no);
	} else if (u < 0.97) {
		int k = (int)demo_below(r, sizeof foreigners / sizeof foreigners[0]);
		snprintf(p->id_type, sizeof p->id_type, "passport");
		digits(r, num, foreigners[k].digits);
		snprintf(p->id_no, sizeof p->id_no, "%s%s", foreigners[k].prefix, num);
		snprintf(p->name, sizeof p->name, "%s %s", foreigners[k].family[demo_below(r, 4)],
			 foreigners[k].given[(p->male ? 0 : 2) + demo_below(r, 2)]);
		snprintf(p->nationality, sizeof p->nationality, "%s", foreigners[k].nat);
	} else if (u < 0.98) {
		int hk = demo_chance(r, 0.7);
		snprintf(p->id_type, sizeof p->id_type, "hkmo");
		digits(r, num, 8);
		snprintf(p->id_no, sizeof p->id_no, "%c%s", hk ? 'H' : 'M', num);
		snprintf(p->nationality, sizeof p->nationality, "%s", hk ? "中国香港" : "中国澳门");
	} else if (u < 0.99) {
		snprintf(p->id_type, sizeof p->id_type, "tw");
		digits(r, p->id_no, 8);
		snprintf(p->nationality, sizeof p->nationality, "中国台湾");
	} else {
		static const char *const reg[] = {"810000", "820000", "830000"};
		static const char *const nat[] = {"中国香港", "中国澳门", "中国台湾"};
		int k = (int)demo_below(r, 3);
		snprintf(p->id_type, sizeof p->id_type, "residence");
		id18(r, reg[k], birth, p->male, p->id_no);
		snprintf(p->nationality, sizeof p->nationality, "%s", nat[k]);
	}
	if (!p->name[0])
		demo_name(r, p->male, p->name, sizeof p->name);
	/* in the number for id and residence; given at the window for the rest */
	snprintf(p->gender, sizeof p->gender, "%s", p->male ? "M" : "F");
	date_format(birth, p->birth);
}

void demo_household(struct demo_rng *r, struct demo_person *p)
{
	p->household[0] = '\0';
	if (strcmp(p->id_type, "id") != 0)
		return;
	/* most who come from the provinces are 农民工 */
	int rural = demo_chance(r, strncmp(p->id_no, "31", 2) == 0 ? 0.08 : 0.7);
	snprintf(p->household, sizeof p->household, "%s", rural ? "rural" : "urban");
}

/* ---- agents ------------------------------------------------------------------ */

/* Law firms and legal service offices of the demo: made-up names. */
static const char *const firm_words[] = {
	"申衡", "沪正", "明理", "中恒信", "同德", "浦江", "正平", "华诚", "锦程", "立衡", "信达和", "东方明",
	"瀚海", "衡平", "嘉合", "九州", "鼎业", "恒泰", "致远", "君衡",
};
static const char *const office_words[] = {"正义", "民生", "和谐", "公平", "明德", "惠民", "安和", "同心"};
static const char *const community_words[] = {"阳光", "康乐", "幸福", "和平", "绿苑", "新村", "金桥", "锦绣"};
static const char *const scopes[] = {
	"代为承认、放弃、变更调解请求，进行和解，签收调解文书",
	"代为承认、放弃、变更请求，参加调解，代签调解协议书",
	"代为参加调解、进行和解，代为签收法律文书",
	"代为承认、放弃或者变更请求，进行和解，代签调解协议及签收相关文书",
};
static const char *const staff_jobs[] = {"人事经理", "人力资源主管", "法务专员", "行政经理", "人事专员"};

/* A landline of the district's exchange, 021-XXXXXXXX. */
static void office_phone(struct demo_rng *r, char *out, size_t n)
{
	snprintf(out, n, "021-%d%07u", demo_range(r, 5, 6), demo_below(r, 10000000));
}

int demo_agents(struct demo_rng *r, int respondent, int individual, const char *employer, struct demo_agent out[2])
{
	/* a worker: about one in four brings an agent, mostly a lawyer; a
	 * company: more than half, mostly its own staff; an individual
	 * employer: now and then a relative or a lawyer */
	static const int worker_w[] = {45, 20, 20, 10, 0, 5}, company_w[] = {35, 3, 0, 0, 58, 4},
			 person_w[] = {50, 10, 40, 0, 0, 0};
	static const char *const kinds[] = {"lawyer", "legal-worker", "relative", "union", "staff", "other"};
	static const int special_pct[] = {85, 70, 40, 50, 60, 30};
	double p = !respondent ? 0.26 : individual ? 0.2 : 0.55;
	const int *w = !respondent ? worker_w : individual ? person_w : company_w;
	int n;

	if (!demo_chance(r, p))
		return 0;
	n = demo_chance(r, respondent && !individual ? 0.15 : 0.08) ? 2 : 1;
	for (int i = 0; i < n; i++) {
		struct demo_agent *a = &out[i];
		int k = 0;
		memset(a, 0, sizeof *a);
		/* a second agent is a colleague of the first: the same kind */
		if (i == 0)
			k = pick_weighted(r, w, 6);
		else
			while (k < 5 && strcmp(kinds[k], out[0].kind) != 0)
				k++;
		a->kind = kinds[k];
		demo_name(r, demo_chance(r, 0.55), a->name, sizeof a->name);
		switch (k) {
		case 0:
			if (i == 1)
				snprintf(a->org, sizeof a->org, "%s", out[0].org);
			else
				snprintf(a->org, sizeof a->org, "上海%s律师事务所", PICK(r, firm_words));
			break;
		case 1:
			if (i == 1)
				snprintf(a->org, sizeof a->org, "%s", out[0].org);
			else
				snprintf(a->org, sizeof a->org, "上海市%s%s法律服务所", district_pick(r)->name,
					 PICK(r, office_words));
			break;
		case 3:
			snprintf(a->org, sizeof a->org, "上海市%s总工会", district_pick(r)->name);
			break;
		case 4:
			snprintf(a->org, sizeof a->org, "%s（%s）", employer ? employer : "", PICK(r, staff_jobs));
			break;
		case 5:
			snprintf(a->org, sizeof a->org, "上海市%s%s社区居民委员会推荐", district_pick(r)->name,
				 PICK(r, community_words));
			break;
		default: /* a relative: no organisation */
			break;
		}
		if (k == 0 || k == 1 || k == 3 ? demo_chance(r, 0.4) : demo_chance(r, 0.1))
			office_phone(r, a->phone, sizeof a->phone);
		else
			demo_mobile(r, a->phone);
		a->special = (int)demo_below(r, 100) < special_pct[k];
		a->authority = a->special ? "special" : "general";
		a->scope = a->special ? PICK(r, scopes) : "";
	}
	return n;
}

/* ---- employers --------------------------------------------------------------- */

static const char *const industry_names[IND_COUNT] = {
	[IND_MANUFACTURING] = "制造业",
	[IND_CONSTRUCTION] = "建筑业",
	[IND_RETAIL] = "批发和零售业",
	[IND_CATERING] = "住宿和餐饮业",
	[IND_LOGISTICS] = "交通运输、仓储和邮政业",
	[IND_IT] = "信息传输、软件和信息技术服务业",
	[IND_RESIDENT_SERVICES] = "居民服务、修理和其他服务业",
	[IND_BUSINESS_SERVICES] = "租赁和商务服务业",
	[IND_EDUCATION] = "教育",
	[IND_REAL_ESTATE] = "房地产业",
	[IND_CULTURE] = "文化、体育和娱乐业",
	[IND_HEALTH] = "卫生和社会工作",
};

static const struct {
	const char *suffix;
	enum demo_industry ind;
	int dispatch;
} suffixes[] = {
	{"机械制造有限公司", IND_MANUFACTURING, 0},
	{"电子科技有限公司", IND_MANUFACTURING, 0},
	{"精密模具有限公司", IND_MANUFACTURING, 0},
	{"塑料制品有限公司", IND_MANUFACTURING, 0},
	{"服饰有限公司", IND_MANUFACTURING, 0},
	{"食品有限公司", IND_MANUFACTURING, 0},
	{"汽车零部件有限公司", IND_MANUFACTURING, 0},
	{"包装材料有限公司", IND_MANUFACTURING, 0},
	{"印务有限公司", IND_MANUFACTURING, 0},
	{"家具有限公司", IND_MANUFACTURING, 0},
	{"建筑工程有限公司", IND_CONSTRUCTION, 0},
	{"建设工程有限公司", IND_CONSTRUCTION, 0},
	{"装饰工程有限公司", IND_CONSTRUCTION, 0},
	{"机电安装工程有限公司", IND_CONSTRUCTION, 0},
	{"市政工程有限公司", IND_CONSTRUCTION, 0},
	{"百货有限公司", IND_RETAIL, 0},
	{"贸易有限公司", IND_RETAIL, 0},
	{"商贸有限公司", IND_RETAIL, 0},
	{"超市有限公司", IND_RETAIL, 0},
	{"医药连锁有限公司", IND_RETAIL, 0},
	{"餐饮管理有限公司", IND_CATERING, 0},
	{"酒店管理有限公司", IND_CATERING, 0},
	{"餐饮有限公司", IND_CATERING, 0},
	{"餐饮连锁有限公司", IND_CATERING, 0},
	{"物流有限公司", IND_LOGISTICS, 0},
	{"速递有限公司", IND_LOGISTICS, 0},
	{"货运代理有限公司", IND_LOGISTICS, 0},
	{"供应链管理有限公司", IND_LOGISTICS, 0},
	{"汽车运输有限公司", IND_LOGISTICS, 0},
	{"信息科技有限公司", IND_IT, 0},
	{"网络科技有限公司", IND_IT, 0},
	{"软件有限公司", IND_IT, 0},
	{"数据科技有限公司", IND_IT, 0},
	{"家政服务有限公司", IND_RESIDENT_SERVICES, 0},
	{"保洁服务有限公司", IND_RESIDENT_SERVICES, 0},
	{"美容美发有限公司", IND_RESIDENT_SERVICES, 0},
	{"汽车维修服务有限公司", IND_RESIDENT_SERVICES, 0},
	{"洗衣服务有限公司", IND_RESIDENT_SERVICES, 0},
	{"人力资源有限公司", IND_BUSINESS_SERVICES, 1},
	{"劳务派遣有限公司", IND_BUSINESS_SERVICES, 1},
	{"物业管理有限公司", IND_BUSINESS_SERVICES, 0},
	{"保安服务有限公司", IND_BUSINESS_SERVICES, 0},
	{"企业管理咨询有限公司", IND_BUSINESS_SERVICES, 0},
	{"会展服务有限公司", IND_BUSINESS_SERVICES, 0},
	{"教育科技有限公司", IND_EDUCATION, 0},
	{"职业技能培训有限公司", IND_EDUCATION, 0},
	{"房地产经纪有限公司", IND_REAL_ESTATE, 0},
	{"置业有限公司", IND_REAL_ESTATE, 0},
	{"文化传媒有限公司", IND_CULTURE, 0},
	{"健身管理有限公司", IND_CULTURE, 0},
	{"影视制作有限公司", IND_CULTURE, 0},
	{"口腔门诊部有限公司", IND_HEALTH, 0},
	{"养老服务有限公司", IND_HEALTH, 0},
};
#define NSUFFIXES ((uint32_t)(sizeof suffixes / sizeof suffixes[0]))

/* Trade names are two characters, one from each table (no character is in
 * both, so no name doubles a character). */
static const char *const brand_a[] = {
	"宏", "鑫", "华", "恒", "盛", "天", "永", "锦", "瑞", "嘉", "晨", "海", "东", "远", "通",
	"百", "中", "立", "博", "众", "星", "金", "新", "信", "达", "丰", "泰", "德", "康", "安",
	"佳", "美", "优", "创", "益", "联", "汇", "荣", "亿", "昌", "兴", "隆", "祥", "和", "润",
	"正", "诚", "明", "森", "源", "万", "富", "福", "凯", "俊", "腾", "跃", "骏", "航", "蓝",
};
static const char *const brand_b[] = {
	"璟", "煜", "岚", "峻", "世", "成", "铭", "程", "曦", "禾", "光", "纳", "方", "韬", "琨",
	"骐", "麒", "骅", "翔", "辰", "桥", "宇", "睿", "昱", "晖", "颢", "发", "利", "哲", "朗",
	"轩", "峰", "泓", "澜", "豪", "晟", "策", "钧", "铎", "嵘", "锐", "邦", "基", "硕", "耀",
	"辉", "业", "洋", "力", "科", "茂", "迅", "捷", "彦", "蔚", "逸", "沣", "楷", "弘",
};
#define NBRAND_A ((uint32_t)(sizeof brand_a / sizeof brand_a[0]))
#define NBRAND_B ((uint32_t)(sizeof brand_b / sizeof brand_b[0]))

/* Small shops (个体) without a credit code, keyed by their exact name. */
static const struct {
	const char *district, *name, *owner;
	enum demo_industry ind;
} shops[] = {
	{"闵行区", "闵行区七宝张记生煎店", "张建国", IND_CATERING},
	{"浦东新区", "浦东新区川沙老王家常菜馆", "王福生", IND_CATERING},
	{"静安区", "静安区彭浦小李理发店", "李小龙", IND_RESIDENT_SERVICES},
	{"松江区", "松江区九亭阿芳服装店", "陈芳", IND_RETAIL},
	{"宝山区", "宝山区大场刘师傅汽车修理铺", "刘志强", IND_RESIDENT_SERVICES},
	{"嘉定区", "嘉定区南翔好运来便利店", "周海", IND_RETAIL},
	{"普陀区", "普陀区长征佳佳美甲店", "吴佳", IND_RESIDENT_SERVICES},
	{"杨浦区", "杨浦区五角场阿强水果店", "黄强", IND_RETAIL},
	{"徐汇区", "徐汇区田林老周五金店", "周德明", IND_RETAIL},
	{"青浦区", "青浦区赵巷福满楼小吃店", "赵福满", IND_CATERING},
	{"奉贤区", "奉贤区南桥金牌足浴店", "孙金", IND_RESIDENT_SERVICES},
	{"虹口区", "虹口区曲阳陈阿姨家政服务部", "陈秀英", IND_RESIDENT_SERVICES},
};
#define NSHOPS ((uint32_t)(sizeof shops / sizeof shops[0]))

/* The position of a company's legal representative: a small limited
 * company has an executive director, often its manager too. */
static const char *const rep_titles[] = {
	"执行董事", "执行董事兼总经理", "总经理", "董事长", "经理", "董事长兼总经理",
};
static const int rep_title_weight[] = {30, 20, 15, 15, 12, 8};
#define NREP_TITLES ((int)(sizeof rep_titles / sizeof rep_titles[0]))
_Static_assert(sizeof rep_titles / sizeof rep_titles[0] == sizeof rep_title_weight / sizeof rep_title_weight[0],
	       "a weight per title");

static const char uscc_alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100 check character over the first 17 characters. */
static char uscc_check(const char *s)
{
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(uscc_alpha, s[i]) - uscc_alpha) * w[i];
	return uscc_alpha[(31 - sum % 31) % 31];
}

/* Which shop idx is, or -1: the shops sit at fixed points of the index
 * range, so there are always about a dozen of them whatever the size. */
static int shop_index(uint32_t idx, uint32_t n)
{
	uint32_t step = n / NSHOPS;

	if (step < 2)
		return -1;
	if (idx % step != step / 2 || idx / step >= NSHOPS)
		return -1;
	return (int)(idx / step);
}

void demo_employer_make(uint64_t seed, uint32_t idx, uint32_t nemployers, struct demo_employer *e)
{
	struct demo_rng r = demo_rng_for(seed, idx, 0xE);
	const struct district *d = NULL;
	int shop = shop_index(idx, nemployers);

	memset(e, 0, sizeof *e);
	if (shop >= 0) {
		for (int i = 0; i < NDISTRICTS; i++)
			if (strcmp(districts[i].name, shops[shop].district) == 0)
				d = &districts[i];
		snprintf(e->name, sizeof e->name, "%s", shops[shop].name);
		snprintf(e->legal_rep, sizeof e->legal_rep, "%s", shops[shop].owner);
		e->industry = shops[shop].ind;
	} else {
		/* A bijection of idx onto (trade name, suffix): names never repeat
		 * below NBRAND_A * NBRAND_B * NSUFFIXES employers. */
		uint64_t m = (uint64_t)NBRAND_A * NBRAND_B * NSUFFIXES;
		uint64_t p = ((uint64_t)idx * 104729u + seed % m) % m;
		uint32_t a = (uint32_t)(p % NBRAND_A), b = (uint32_t)(p / NBRAND_A % NBRAND_B);
		uint32_t s = (uint32_t)(p / NBRAND_A / NBRAND_B);
		d = district_pick(&r);
		snprintf(e->name, sizeof e->name, "上海%s%s%s", brand_a[a], brand_b[b], suffixes[s].suffix);
		e->industry = suffixes[s].ind;
		e->dispatch = suffixes[s].dispatch;
		demo_name(&r, demo_chance(&r, 0.8), e->legal_rep, sizeof e->legal_rep);

		/* 91 + district + organisation code + check.  The organisation
		 * code carries idx in a fixed-length encoding, so codes are
		 * distinct; newer companies have the "MA" codes of 2015 on. */
		char *u = e->uscc;
		memcpy(u, "91", 2);
		memcpy(u + 2, d->code, 6);
		if (demo_chance(&r, 0.55)) {
			uint64_t q = ((uint64_t)idx * 7919u + seed % 887503681u) % 887503681u; /* 31^6 */
			memcpy(u + 8, "MA1", 3);
			for (int i = 16; i >= 11; i--) {
				u[i] = uscc_alpha[q % 31];
				q /= 31;
			}
		} else {
			uint64_t q = ((uint64_t)idx * 7919u + seed % 100000000u) % 100000000u;
			snprintf(u + 8, 9, "%08llu", (unsigned long long)q);
			u[16] = "0123456789X"[demo_below(&r, 11)];
		}
		u[17] = uscc_check(u);
		u[18] = '\0';
	}
	e->district = d->name;
	e->industry_name = industry_names[e->industry];
	if (shop >= 0 || demo_chance(&r, 0.5))
		snprintf(e->address, sizeof e->address, "上海市%s%s%d号", d->name, d->roads[demo_below(&r, 4)],
			 demo_range(&r, 1, 3000));
	else
		snprintf(e->address, sizeof e->address, "上海市%s%s%d号%d幢%d室", d->name,
			 d->roads[demo_below(&r, 4)], demo_range(&r, 1, 3000), demo_range(&r, 1, 12),
			 demo_range(&r, 1, 20) * 100 + demo_range(&r, 1, 20));
	if (shop >= 0 || demo_chance(&r, 0.25))
		demo_mobile(&r, e->phone);
	else
		snprintf(e->phone, sizeof e->phone, "021-%d%07u", demo_range(&r, 5, 6), demo_below(&r, 10000000));
	/* drawn last, so that the rest is what it was before titles came */
	if (shop >= 0)
		snprintf(e->legal_rep_title, sizeof e->legal_rep_title, "%s",
			 demo_chance(&r, 0.7) ? "经营者" : "负责人");
	else
		snprintf(e->legal_rep_title, sizeof e->legal_rep_title, "%s",
			 rep_titles[pick_weighted(&r, rep_title_weight, NREP_TITLES)]);
}

/* ---- claims and facts ------------------------------------------------------- */

enum scenario {
	SC_ARREARS, SC_DISMISS, SC_COMPENSATION, SC_NO_CONTRACT, SC_OVERTIME, SC_CONFIRM,
	SC_SOCIAL, SC_INJURY, SC_MATERNITY, SC_SICK, SC_BONUS, SC_DEDUCTION, SC_NONCOMPETE,
	SC_DISPATCH, SC_DEPOSIT, SC_FORCED, SC_STOPPAGE, SC_PLATFORM, SC_PARTTIME, SC_TRANSFER,
	SC_PROBATION, SC_EXPIRY, SC_HEAT, SC_COUNT
};

static const int scenario_weight[SC_COUNT] = {
	[SC_ARREARS] = 260, [SC_DISMISS] = 140, [SC_COMPENSATION] = 110, [SC_NO_CONTRACT] = 70,
	[SC_OVERTIME] = 70, [SC_CONFIRM] = 30, [SC_SOCIAL] = 30, [SC_INJURY] = 30, [SC_MATERNITY] = 20,
	[SC_SICK] = 20, [SC_BONUS] = 40, [SC_DEDUCTION] = 20, [SC_NONCOMPETE] = 10, [SC_DISPATCH] = 20,
	[SC_DEPOSIT] = 10, [SC_FORCED] = 40, [SC_STOPPAGE] = 10, [SC_PLATFORM] = 20, [SC_PARTTIME] = 10,
	[SC_TRANSFER] = 10, [SC_PROBATION] = 10, [SC_EXPIRY] = 20, [SC_HEAT] = 10,
};

int demo_scenario_pick(struct demo_rng *r, int collective)
{
	if (collective) {
		double u = demo_unit(r);
		return u < 0.7 ? SC_ARREARS : u < 0.85 ? SC_STOPPAGE : SC_COMPENSATION;
	}
	return pick_weighted(r, scenario_weight, SC_COUNT);
}

int demo_scenario_dispatch(int scenario)
{
	return scenario == SC_DISPATCH;
}

static const struct job {
	const char *name;
	int lo, hi; /* monthly wage, yuan */
} jobs[IND_COUNT][6] = {
	[IND_MANUFACTURING] = {{"操作工", 5000, 7500}, {"质检员", 5500, 8000}, {"仓库管理员", 5500, 8000},
			       {"机修工", 6500, 10000}, {"车间主任", 9000, 15000}, {"销售经理", 10000, 20000}},
	[IND_CONSTRUCTION] = {{"木工", 8000, 12000}, {"钢筋工", 8000, 12000}, {"电焊工", 8000, 13000},
			      {"施工员", 7000, 11000}, {"资料员", 5500, 8000}, {"项目经理", 15000, 25000}},
	[IND_RETAIL] = {{"营业员", 4500, 6500}, {"收银员", 4500, 6000}, {"理货员", 4500, 6500},
			{"店长", 8000, 13000}, {"采购专员", 7000, 11000}, {"导购", 5000, 8000}},
	[IND_CATERING] = {{"厨师", 6500, 11000}, {"服务员", 4500, 6000}, {"洗碗工", 4000, 5000},
			  {"店长", 8000, 12000}, {"配菜员", 4500, 6000}, {"收银员", 4500, 6000}},
	[IND_LOGISTICS] = {{"快递员", 6000, 10000}, {"分拣员", 5000, 7000}, {"货车司机", 8000, 12000},
			   {"仓库管理员", 5500, 8000}, {"调度员", 6500, 9000}, {"站点经理", 9000, 14000}},
	[IND_IT] = {{"软件工程师", 15000, 35000}, {"测试工程师", 12000, 22000}, {"产品经理", 18000, 35000},
		    {"运维工程师", 12000, 22000}, {"UI设计师", 12000, 20000}, {"销售专员", 8000, 15000}},
	[IND_RESIDENT_SERVICES] = {{"保洁员", 4000, 5500}, {"家政服务员", 5000, 8000}, {"美发师", 6000, 10000},
				   {"汽车维修工", 6500, 10000}, {"育婴师", 7000, 11000}, {"前台接待", 4500, 6000}},
	[IND_BUSINESS_SERVICES] = {{"保安员", 4500, 6000}, {"物业管理员", 5000, 7000}, {"人事专员", 6500, 10000},
				   {"客服专员", 5500, 8000}, {"会计", 7000, 12000}, {"行政助理", 6000, 9000}},
	[IND_EDUCATION] = {{"培训讲师", 8000, 15000}, {"课程顾问", 7000, 12000}, {"班主任", 6000, 9000},
			   {"教务专员", 6000, 9000}, {"市场专员", 6000, 10000}, {"校区主管", 10000, 16000}},
	[IND_REAL_ESTATE] = {{"房产经纪人", 5000, 12000}, {"置业顾问", 6000, 12000}, {"门店经理", 10000, 18000},
			     {"行政专员", 5500, 8000}, {"工程监理", 9000, 14000}, {"出纳", 6000, 9000}},
	[IND_CULTURE] = {{"摄影师", 7000, 12000}, {"健身教练", 7000, 13000}, {"视频剪辑师", 8000, 14000},
			 {"主播", 6000, 15000}, {"活动策划", 8000, 13000}, {"前台", 4500, 6000}},
	[IND_HEALTH] = {{"护理员", 5000, 7000}, {"护士", 7000, 11000}, {"医生助理", 7000, 10000},
			{"康复治疗师", 8000, 12000}, {"收费员", 5000, 7000}, {"药剂员", 6000, 9000}},
};

const char *demo_job(struct demo_rng *r, enum demo_industry ind, int front_line)
{
	if ((unsigned)ind >= IND_COUNT)
		ind = IND_MANUFACTURING;
	return jobs[ind][demo_below(r, front_line ? 3 : 6)].name;
}

/* What a case's story and claims are computed from. */
struct ctx {
	struct demo_rng *r;
	int scenario;
	tj_day recv, hire, leave;
	int left;           /* the employment has ended (on leave) */
	int wage;           /* yuan per month (the average for a collective case) */
	int wlo, whi;       /* collective: range of wages */
	const char *job;
	int napp;
	const struct demo_employer *e, *e2;
	int arrears_months; /* months of wages owed, ending arrears_end */
	tj_day arrears_end;
	int grade;          /* disability grade for injuries */
};

/* "12,345" or "12,345.67" for an amount in fen. */
static const char *yuan(int64_t fen, char *buf, size_t n)
{
	money_format(fen, buf, n);
	size_t len = strlen(buf);
	if (len > 3 && strcmp(buf + len - 3, ".00") == 0)
		buf[len - 3] = '\0';
	return buf;
}

static void ym(tj_day d, int *y, int *m)
{
	int dd;

	date_to_ymd(d, y, m, &dd);
}

/* "2025年3月至2025年8月" or "2025年3月" for a span of months ending at end. */
static void month_span(tj_day end, int months, char *out, size_t n)
{
	int y2, m2, y1, m1;
	tj_day start = date_add_months(end, -(months - 1));

	ym(end, &y2, &m2);
	ym(start, &y1, &m1);
	if (months <= 1)
		snprintf(out, n, "%d年%d月", y2, m2);
	else if (y1 == y2)
		snprintf(out, n, "%d年%d月至%d月", y1, m1, m2);
	else
		snprintf(out, n, "%d年%d月至%d年%d月", y1, m1, y2, m2);
}

static void ymd_text(tj_day d, char *out, size_t n)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, n, "%d年%d月%d日", y, m, dd);
}

/* Service in half months' wages of 经济补偿 (N): a month per full year,
 * a month for six months or more, half a month below six. */
static int service_halves(const struct ctx *c)
{
	int months = (int)((c->leave - c->hire) / 30.44);
	int years = months / 12, rest = months % 12;
	int halves = years * 2 + (rest >= 6 ? 2 : rest > 0 ? 1 : 0);

	return halves < 1 ? 1 : halves;
}

/* Round to a whole yuan (fen) or to 100 yuan for larger amounts. */
static int64_t round_fen(double fen, int to_hundred)
{
	int64_t unit = to_hundred ? 10000 : 100;

	return ((int64_t)(fen + unit / 2) / unit) * unit;
}

static void claim_add(struct demo_text *t, const char *cause, int64_t fen, const char *fmt, ...)
	TJ_PRINTF(4, 5);
static void claim_add(struct demo_text *t, const char *cause, int64_t fen, const char *fmt, ...)
{
	va_list ap;

	if (t->nclaims >= DEMO_MAX_CLAIMS)
		return;
	for (int i = 0; i < t->nclaims; i++)
		if (strcmp(t->claims[i].cause, cause) == 0)
			return; /* one claim per cause */
	struct demo_claim *c = &t->claims[t->nclaims++];
	snprintf(c->cause, sizeof c->cause, "%s", cause);
	va_start(ap, fmt);
	vsnprintf(c->text, sizeof c->text, fmt, ap);
	va_end(ap);
	c->amount_fen = fen < 0 ? 0 : fen;
}

/* Who the claim is for: "申请人" or "申请人等23人". */
static const char *whom(const struct ctx *c, char *buf, size_t n)
{
	if (c->napp > 1)
		snprintf(buf, n, "申请人等%d人", c->napp);
	else
		snprintf(buf, n, "申请人");
	return buf;
}

/* One claim in standard wording with its amount. */
static void claim_make(struct ctx *c, struct demo_text *t, const char *code)
{
	struct demo_rng *r = c->r;
	char a[40], w[32], span[64], d1[32], d2[32];
	double daily = c->wage / 21.75 * 100.0; /* fen */
	int64_t fen;
	int n, y, m;
	int64_t people = c->napp;

	whom(c, w, sizeof w);
	if (strcmp(code, "0601") == 0) {
		month_span(c->arrears_end, c->arrears_months, span, sizeof span);
		fen = (int64_t)c->wage * 100 * c->arrears_months * people;
		if (c->napp == 1 && demo_chance(r, 0.3))
			fen += round_fen(daily * demo_range(r, 3, 15), 0);
		claim_add(t, code, fen, "要求被申请人支付%s%s拖欠工资%s元", w, span, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0602") == 0) {
		n = demo_range(r, 6, 24);
		month_span(c->left ? c->leave : c->recv - 20, n, span, sizeof span);
		fen = round_fen(daily / 8.0 * 1.5 * demo_range(r, 15, 60) * n * people, 0);
		claim_add(t, code, fen, "要求被申请人支付%s%s延时加班工资%s元", w, span, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0402") == 0 || strcmp(code, "0405") == 0 || strcmp(code, "0501") == 0) {
		int base = c->wage > 36921 ? 36921 : c->wage;
		int halves = service_halves(c);
		if (c->wage > 36921 && halves > 24)
			halves = 24;
		fen = (int64_t)base * 100 * halves / 2 * people;
		if (code[1] == '4' && code[3] == '2')
			claim_add(t, code, fen, "要求被申请人支付%s解除劳动合同经济补偿%s元", w, yuan(fen, a, sizeof a));
		else if (code[1] == '4')
			claim_add(t, code, fen, "要求被申请人支付%s被迫解除劳动合同经济补偿%s元", w,
				  yuan(fen, a, sizeof a));
		else
			claim_add(t, code, fen, "要求被申请人支付%s劳动合同期满终止经济补偿%s元", w,
				  yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0401") == 0 || strcmp(code, "0502") == 0) {
		int base = c->wage > 36921 ? 36921 : c->wage;
		fen = (int64_t)base * 100 * service_halves(c) * people; /* 2N */
		claim_add(t, code, fen, "要求被申请人支付%s%s赔偿金%s元", w,
			  code[1] == '4' ? "违法解除劳动合同" : "违法终止劳动合同", yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0404") == 0) {
		fen = (int64_t)c->wage * 100 * people;
		claim_add(t, code, fen, "要求被申请人支付%s代通知金%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0201") == 0) {
		n = (int)((c->leave - c->hire) / 30.44) - 1;
		n = n < 2 ? 2 : n > 11 ? 11 : n;
		month_span(date_add_months(c->hire, n), n, span, sizeof span);
		fen = (int64_t)c->wage * 100 * n * people;
		claim_add(t, code, fen, "要求被申请人支付%s%s未签订书面劳动合同二倍工资差额%s元", w, span,
			  yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0202") == 0) {
		claim_add(t, code, 0, "要求与被申请人订立无固定期限劳动合同");
	} else if (strcmp(code, "0203") == 0) {
		fen = (int64_t)c->wage * 100 * demo_range(r, 1, 3);
		claim_add(t, code, fen, "要求被申请人支付%s违法约定试用期的赔偿金%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0101") == 0) {
		ymd_text(c->hire, d1, sizeof d1);
		if (c->left) {
			ymd_text(c->leave, d2, sizeof d2);
			claim_add(t, code, 0, "要求确认申请人与被申请人自%s至%s期间存在劳动关系", d1, d2);
		} else {
			claim_add(t, code, 0, "要求确认申请人与被申请人自%s起存在劳动关系", d1);
		}
	} else if (strcmp(code, "0102") == 0) {
		ymd_text(c->leave, d1, sizeof d1);
		claim_add(t, code, 0, "要求确认申请人与被申请人的劳动关系于%s解除", d1);
	} else if (strcmp(code, "0701") == 0) {
		ym(c->left ? c->leave : c->recv, &y, &m);
		n = demo_range(r, 3, 10);
		fen = round_fen(daily * 2 * n * people, 0);
		if (m <= 3)
			y--;
		claim_add(t, code, fen, "要求被申请人支付%s%d年度未休年休假工资报酬%s元", w, y, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0805") == 0) {
		n = demo_range(r, 2, 12);
		fen = (int64_t)2175 * 100 * n * people;
		claim_add(t, code, fen, "要求被申请人赔偿%s因未缴纳失业保险费造成的失业保险金损失%s元", w,
			  yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0604") == 0) {
		ym(c->recv, &y, &m);
		fen = round_fen(c->wage * 100.0 * demo_range(r, 5, 30) / 10.0 * people, 1);
		if (demo_chance(r, 0.5))
			claim_add(t, code, fen, "要求被申请人支付%s%d年度年终奖%s元", w, y - 1, yuan(fen, a, sizeof a));
		else
			claim_add(t, code, fen, "要求被申请人支付%s销售提成%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0606") == 0) {
		n = demo_range(r, 1, 4);
		month_span(c->recv - 30, n, span, sizeof span);
		fen = round_fen(c->wage * 100.0 * 0.6 * n, 0);
		claim_add(t, code, fen, "要求被申请人支付%s%s病假工资%s元", w, span, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0607") == 0) {
		fen = (int64_t)demo_range(r, 5, 60) * 10000;
		claim_add(t, code, fen, "要求被申请人返还无故克扣的工资%s元", yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0303") == 0) {
		n = demo_range(r, 2, 8);
		fen = round_fen(c->wage * 100.0 * 0.2 * n, 0);
		claim_add(t, code, fen, "要求被申请人补发%s降薪期间的工资差额%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0304") == 0) {
		n = demo_range(r, 1, 4);
		fen = (int64_t)2690 * 100 * n * people;
		claim_add(t, code, fen, "要求被申请人支付%s待岗期间生活费%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0605") == 0) {
		n = demo_range(r, 1, 3);
		fen = (int64_t)c->wage * 100 * n * people;
		claim_add(t, code, fen, "要求被申请人支付%s停工停产期间工资%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0301") == 0) {
		claim_add(t, code, 0, "要求撤销被申请人作出的调岗决定，恢复申请人原工作岗位");
	} else if (strcmp(code, "0302") == 0) {
		claim_add(t, code, 0, "要求撤销被申请人调整申请人工作地点的决定");
	} else if (strcmp(code, "0403") == 0) {
		claim_add(t, code, 0, "要求恢复申请人与被申请人的劳动关系");
	} else if (strcmp(code, "0503") == 0) {
		fen = (int64_t)c->wage * 100 * 6;
		claim_add(t, code, fen, "要求被申请人支付%s医疗补助费%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0901") == 0) {
		fen = (int64_t)demo_range(r, 30, 600) * 10000;
		claim_add(t, code, fen, "要求被申请人支付%s工伤医疗费%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0902") == 0) {
		n = demo_range(r, 2, 9);
		fen = (int64_t)c->wage * 100 * n;
		claim_add(t, code, fen, "要求被申请人支付%s停工留薪期工资%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0903") == 0) {
		static const int months_by_grade[] = {27, 25, 23, 21, 18, 16, 13, 11, 9, 7};
		fen = (int64_t)c->wage * 100 * months_by_grade[c->grade - 1];
		claim_add(t, code, fen, "要求被申请人支付%s一次性伤残补助金%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "0904") == 0) {
		fen = (int64_t)12307 * 100 * (11 - c->grade) * 2;
		claim_add(t, code, fen, "要求被申请人支付%s一次性工伤医疗补助金和一次性伤残就业补助金%s元", w,
			  yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1001") == 0) {
		ym(c->recv, &y, &m);
		if (m < 10)
			y--;
		fen = (int64_t)300 * 100 * 4 * people;
		claim_add(t, code, fen, "要求被申请人支付%s%d年6月至9月高温津贴%s元", w, y, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1002") == 0) {
		fen = (int64_t)demo_range(r, 10, 60) * 10000;
		claim_add(t, code, fen, "要求被申请人支付%s餐费补贴%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1003") == 0) {
		fen = (int64_t)demo_range(r, 5, 40) * 10000;
		claim_add(t, code, fen, "要求被申请人支付%s交通及通讯补贴%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1101") == 0) {
		fen = round_fen(c->wage * 100.0 * 0.3 * demo_range(r, 2, 6), 0);
		claim_add(t, code, fen, "要求被申请人补发%s孕期被降低的工资差额%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1102") == 0) {
		fen = round_fen(c->wage * 100.0 * demo_range(r, 10, 30) / 10.0, 0);
		claim_add(t, code, fen, "要求被申请人支付%s产假工资与生育津贴的差额%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1301") == 0) {
		n = demo_range(r, 6, 24);
		fen = round_fen(c->wage * 100.0 * 0.3 * n, 0);
		claim_add(t, code, fen, "要求被申请人支付%s竞业限制经济补偿%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1401") == 0) {
		claim_add(t, code, 0, "要求被申请人%s对上述款项承担连带责任", c->e->name);
	} else if (strcmp(code, "1402") == 0) {
		fen = round_fen(c->wage * 100.0 * 0.15 * demo_range(r, 6, 24), 0);
		claim_add(t, code, fen, "要求被申请人支付%s同工同酬工资差额%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1403") == 0) {
		fen = (int64_t)demo_range(r, 20, 120) * 10000;
		claim_add(t, code, fen, "要求被申请人支付%s非全日制用工期间劳动报酬%s元", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1701") == 0) {
		claim_add(t, code, 0, "要求被申请人为%s出具解除劳动合同证明，并办理档案和社会保险关系转移手续", w);
	} else if (strcmp(code, "1702") == 0) {
		fen = (int64_t)demo_range(r, 5, 30) * 10000;
		claim_add(t, code, fen, "要求被申请人退还%s押金%s元及身份证原件", w, yuan(fen, a, sizeof a));
	} else if (strcmp(code, "1704") == 0) {
		fen = round_fen(c->wage * 100.0 * demo_range(r, 5, 20) / 10.0, 0);
		claim_add(t, code, fen, "要求被申请人支付%s配送服务报酬%s元", w, yuan(fen, a, sizeof a));
	}
}

/* The claims of a scenario: the main one, then related ones each with
 * its probability (at most four claims in all). */
static const struct {
	const char *main[2]; /* one of these (second with 25% when given) */
	struct {
		const char *code;
		int pct;
	} extra[5];
} scenario_claims[SC_COUNT] = {
	[SC_ARREARS] = {{"0601"}, {{"0405", 25}, {"0602", 15}, {"0701", 15}, {"1701", 10}}},
	[SC_DISMISS] = {{"0401", "0403"}, {{"0601", 40}, {"0701", 30}, {"1701", 25}, {"0602", 15}, {"0102", 5}}},
	[SC_COMPENSATION] = {{"0402"}, {{"0404", 35}, {"0601", 30}, {"0701", 20}}},
	[SC_NO_CONTRACT] = {{"0201"}, {{"0601", 35}, {"0101", 25}, {"0402", 20}, {"0805", 10}}},
	[SC_OVERTIME] = {{"0602"}, {{"0701", 35}, {"0601", 20}}},
	[SC_CONFIRM] = {{"0101"}, {{"0601", 50}, {"0201", 40}, {"0805", 15}}},
	[SC_SOCIAL] = {{"0805"}, {{"0405", 50}, {"0601", 20}}},
	[SC_INJURY] = {{"0902"}, {{"0903", 70}, {"0904", 40}, {"0901", 40}}},
	[SC_MATERNITY] = {{"1102"}, {{"1101", 30}, {"0401", 30}}},
	[SC_SICK] = {{"0606"}, {{"0503", 20}, {"0402", 20}}},
	[SC_BONUS] = {{"0604"}, {{"0601", 30}, {"0402", 20}}},
	[SC_DEDUCTION] = {{"0607"}, {{"0303", 30}, {"0601", 30}}},
	[SC_NONCOMPETE] = {{"1301"}, {{"0604", 20}}},
	[SC_DISPATCH] = {{"0601", "0402"}, {{"1401", 100}, {"1402", 20}}},
	[SC_DEPOSIT] = {{"1702"}, {{"0601", 40}, {"1701", 30}}},
	[SC_FORCED] = {{"0405"}, {{"0601", 60}, {"0805", 30}, {"0602", 20}}},
	[SC_STOPPAGE] = {{"0605", "0304"}, {{"0601", 30}}},
	[SC_PLATFORM] = {{"1704"}, {{"0101", 50}}},
	[SC_PARTTIME] = {{"1403"}, {{"0101", 30}}},
	[SC_TRANSFER] = {{"0301", "0302"}, {{"0303", 50}}},
	[SC_PROBATION] = {{"0203"}, {{"0401", 50}, {"0601", 30}}},
	[SC_EXPIRY] = {{"0501", "0502"}, {{"0701", 30}, {"0601", 20}}},
	[SC_HEAT] = {{"1001"}, {{"0601", 30}, {"1002", 30}, {"1003", 20}}},
};

static const char *const dismiss_pretexts[] = {
	"不能胜任工作", "严重违反公司规章制度", "连续旷工", "绩效考核不合格", "拒不服从工作安排",
};
static const char *const compensation_reasons[] = {
	"经营调整、部门撤销", "客观情况发生重大变化、劳动合同无法继续履行", "公司搬迁", "业务收缩、经济性裁员",
};
static const char *const negotiations[] = {
	"申请人多次与被申请人协商未果。",
	"申请人曾通过电话、微信多次催讨，被申请人均以各种理由推脱。",
	"申请人曾向劳动保障监察部门投诉，问题至今仍未解决。",
	"申请人与被申请人多次协商，双方未能达成一致。",
};
static const char *const closings[] = {
	"为维护自身合法权益，特向贵中心申请调解。",
	"现申请人向贵中心申请调解，请求依法处理。",
	"望调解中心依法主持调解。",
	"为此，申请人特申请调解，望支持申请人的请求。",
};

static int has_claim(const struct demo_text *t, const char *code)
{
	for (int i = 0; i < t->nclaims; i++)
		if (strcmp(t->claims[i].cause, code) == 0)
			return 1;
	return 0;
}

void demo_case_text(struct demo_rng *r, int scenario, tj_day received, const struct demo_employer *e,
		    const struct demo_employer *e2, int napp, struct demo_text *out)
{
	struct ctx c = {.r = r, .scenario = scenario, .recv = received, .napp = napp, .e = e, .e2 = e2};
	/* a group of workers are the front-line jobs, listed first */
	const struct job *j = &jobs[e->industry][demo_below(r, napp > 1 ? 3 : 6)];
	char *f = out->facts;
	size_t fs = sizeof out->facts;
	char a[40], b[40], d1[32], span[64];
	int y, m, dd, months;

	memset(out, 0, sizeof *out);
	if (scenario < 0 || scenario >= SC_COUNT)
		scenario = c.scenario = SC_ARREARS;
	c.job = j->name;
	c.wage = demo_range(r, j->lo / 100, j->hi / 100) * 100;
	c.wlo = j->lo;
	c.whi = j->hi;
	if (scenario == SC_PLATFORM) {
		c.job = "外卖配送员";
		c.wage = demo_range(r, 60, 120) * 100;
	} else if (scenario == SC_PARTTIME) {
		c.wage = demo_range(r, 20, 40) * 100;
	}
	out->job = c.job;
	/* service of 3 months to 10 years, mostly short */
	double u = demo_unit(r);
	months = 3 + (int)(117 * u * u);
	c.left = scenario != SC_TRANSFER && scenario != SC_MATERNITY && scenario != SC_SICK &&
		 (scenario != SC_ARREARS || demo_chance(r, 0.6)) && (scenario != SC_OVERTIME || demo_chance(r, 0.7));
	c.leave = c.left ? received - demo_range(r, 5, 150) : received;
	c.hire = date_add_months(c.leave, -months);
	if (scenario == SC_PROBATION || scenario == SC_NO_CONTRACT) {
		c.hire = c.leave - demo_range(r, 60, 360);
		if (scenario == SC_PROBATION)
			c.hire = c.leave - demo_range(r, 30, 150);
	}
	c.arrears_months = napp > 1 ? demo_range(r, 2, 4) : demo_range(r, 1, 6);
	c.arrears_end = date_add_months(c.left ? c.leave : received, c.left ? 0 : -1);
	c.grade = demo_range(r, 7, 10);

	/* the claims */
	const char *main = scenario_claims[scenario].main[0];
	if (scenario_claims[scenario].main[1] && demo_chance(r, 0.25))
		main = scenario_claims[scenario].main[1];
	claim_make(&c, out, main);
	for (int i = 0; i < 5 && scenario_claims[scenario].extra[i].code && out->nclaims < 4; i++) {
		const char *code = scenario_claims[scenario].extra[i].code;
		if (napp > 1 && strcmp(code, "0601") != 0 && strcmp(code, "0402") != 0 &&
		    strcmp(code, "0404") != 0 && strcmp(code, "0805") != 0)
			continue; /* collective cases keep to the common claims */
		if (!c.left && (strcmp(code, "0405") == 0 || strcmp(code, "1701") == 0 ||
				strcmp(code, "0402") == 0 || strcmp(code, "0102") == 0))
			continue;
		if (strcmp(main, "0403") == 0 && (strcmp(code, "1701") == 0 || strcmp(code, "0102") == 0))
			continue; /* who asks to be reinstated does not ask for the leaving papers */
		if ((int)demo_below(r, 100) < scenario_claims[scenario].extra[i].pct)
			claim_make(&c, out, code);
	}

	/* the story: who, what happened, what was tried, the request */
	date_to_ymd(c.hire, &y, &m, &dd);
	if (napp > 1) {
		cat(f, fs, "申请人等%d人均系被申请人员工，分别担任%s等岗位，月工资%s元至%s元不等。", napp, c.job,
		    yuan((int64_t)c.wlo * 100, a, sizeof a), yuan((int64_t)c.whi * 100, b, sizeof b));
	} else if (scenario == SC_PLATFORM) {
		cat(f, fs, "申请人自%d年%d月起通过被申请人运营的平台从事外卖配送工作，每日工作约%d小时，按单计酬，"
			   "月收入约%s元。", y, m, demo_range(r, 9, 12), yuan((int64_t)c.wage * 100, a, sizeof a));
	} else if (scenario == SC_DISPATCH && e2) {
		cat(f, fs, "申请人于%d年%d月与被申请人%s签订劳动合同，被派遣至被申请人%s处担任%s，月工资%s元。", y, m,
		    e2->name, e->name, c.job, yuan((int64_t)c.wage * 100, a, sizeof a));
	} else if (scenario == SC_PARTTIME) {
		cat(f, fs, "申请人自%d年%d月起在被申请人处从事%s工作，每日工作约4小时，按小时计酬，月收入约%s元。", y, m,
		    c.job, yuan((int64_t)c.wage * 100, a, sizeof a));
	} else if (scenario == SC_NO_CONTRACT || scenario == SC_CONFIRM) {
		cat(f, fs, "申请人于%d年%d月%d日入职被申请人处，担任%s，月工资%s元，双方未签订书面劳动合同。", y, m, dd,
		    c.job, yuan((int64_t)c.wage * 100, a, sizeof a));
	} else {
		cat(f, fs, "申请人于%d年%d月%d日入职被申请人处，担任%s，双方签订了劳动合同，约定月工资%s元。", y, m, dd,
		    c.job, yuan((int64_t)c.wage * 100, a, sizeof a));
	}

	ymd_text(c.leave, d1, sizeof d1);
	switch (scenario) {
	case SC_ARREARS:
	case SC_DISPATCH:
		month_span(c.arrears_end, c.arrears_months, span, sizeof span);
		cat(f, fs, "被申请人以经营困难为由拖欠%s%s工资，经多次催讨至今未付。", napp > 1 ? "申请人等" : "申请人",
		    span);
		if (c.left && napp > 1)
			cat(f, fs, "%s起被申请人停止经营，申请人等被迫离职。", d1);
		else if (c.left && has_claim(out, "0405"))
			cat(f, fs, "申请人遂于%s以被申请人未及时足额支付劳动报酬为由解除劳动合同。", d1);
		else if (c.left)
			cat(f, fs, "%s申请人离职。", d1);
		break;
	case SC_DISMISS:
		cat(f, fs, "%s，被申请人以申请人%s为由单方解除劳动合同，申请人认为被申请人解除劳动合同没有事实和法律依据。",
		    d1, PICK(r, dismiss_pretexts));
		break;
	case SC_COMPENSATION:
		cat(f, fs, "%s，被申请人以%s为由与申请人解除劳动合同，但未支付经济补偿。", d1,
		    PICK(r, compensation_reasons));
		break;
	case SC_NO_CONTRACT:
		cat(f, fs, "入职后被申请人一直未与申请人签订书面劳动合同，%s申请人离职。", d1);
		break;
	case SC_OVERTIME:
		cat(f, fs, "工作期间申请人经常加班，每周工作六天，每天工作约%d小时，被申请人从未支付加班工资。",
		    demo_range(r, 10, 12));
		break;
	case SC_CONFIRM:
		cat(f, fs, "被申请人未为申请人缴纳社会保险，现否认与申请人之间存在劳动关系。");
		break;
	case SC_SOCIAL:
		cat(f, fs, "在职期间被申请人未依法为申请人缴纳社会保险，致使申请人离职后无法享受失业保险待遇。");
		break;
	case SC_INJURY:
		ymd_text(c.hire + (c.leave - c.hire) / 2, d1, sizeof d1);
		cat(f, fs, "%s，申请人在工作中受伤，后经认定为工伤，经劳动能力鉴定为%d级伤残。被申请人未为申请人缴纳工伤保险。",
		    d1, c.grade);
		break;
	case SC_MATERNITY:
		cat(f, fs, "申请人休产假期间，被申请人仅按最低工资标准发放工资，未补足产假工资与生育津贴的差额。");
		break;
	case SC_SICK:
		cat(f, fs, "申请人因病住院治疗，休病假期间被申请人未按规定支付病假工资。");
		break;
	case SC_BONUS:
		cat(f, fs, "按照双方约定，申请人完成年度业绩后可获得年终奖及销售提成，但被申请人至今未予发放。");
		break;
	case SC_DEDUCTION:
		cat(f, fs, "被申请人以迟到、产品质量问题等为由多次克扣申请人工资。");
		break;
	case SC_NONCOMPETE:
		cat(f, fs, "申请人于%s离职，离职时双方签订竞业限制协议，但被申请人未按约定支付竞业限制经济补偿。", d1);
		break;
	case SC_DEPOSIT:
		cat(f, fs, "入职时被申请人收取申请人押金并扣押申请人身份证原件，申请人离职后被申请人拒不退还。");
		break;
	case SC_FORCED:
		cat(f, fs, "因被申请人长期未足额支付劳动报酬且未依法缴纳社会保险，申请人于%s向被申请人发出解除劳动合同通知书。",
		    d1);
		break;
	case SC_STOPPAGE:
		cat(f, fs, "被申请人自%s起停工停产，安排%s待岗，待岗期间未支付工资及生活费。", d1,
		    napp > 1 ? "申请人等" : "申请人");
		break;
	case SC_PLATFORM:
		cat(f, fs, "被申请人以双方系合作关系为由拒绝支付申请人的配送报酬。");
		break;
	case SC_PARTTIME:
		cat(f, fs, "被申请人至今拖欠申请人部分劳动报酬。");
		break;
	case SC_TRANSFER:
		cat(f, fs, "被申请人未与申请人协商，单方面将申请人调至外区门店工作并降低工资。");
		break;
	case SC_PROBATION:
		cat(f, fs, "双方约定的试用期超过法定期限，%s被申请人以申请人试用期不符合录用条件为由解除劳动合同。", d1);
		break;
	case SC_EXPIRY:
		cat(f, fs, "%s劳动合同期满，被申请人不再续订劳动合同，也未支付经济补偿。", d1);
		break;
	case SC_HEAT:
		cat(f, fs, "夏季高温期间申请人从事露天作业，被申请人未按规定发放高温津贴。");
		break;
	default:
		break;
	}
	int extra_sentences = 0;
	if (scenario != SC_OVERTIME && has_claim(out, "0602") && extra_sentences < 2) {
		cat(f, fs, "在职期间申请人经常延时加班，被申请人未足额支付加班工资。");
		extra_sentences++;
	}
	if (has_claim(out, "0701") && extra_sentences < 2) {
		cat(f, fs, "申请人在职期间未休带薪年休假，被申请人亦未支付未休年休假工资报酬。");
		extra_sentences++;
	}
	if (has_claim(out, "1701") && extra_sentences < 2) {
		cat(f, fs, "申请人离职后，被申请人至今未出具解除劳动合同证明，也未办理退工手续。");
		extra_sentences++;
	}
	if (extra_sentences < 2 && demo_chance(r, 0.6))
		cat(f, fs, "%s", PICK(r, negotiations));
	cat(f, fs, "%s", PICK(r, closings));
}

/* ---- evidence ------------------------------------------------------------------- */

enum ev_kind {
	/* the applicant's */
	EV_CONTRACT, EV_PAYSLIP, EV_BANK, EV_ATTEND, EV_DISMISS, EV_QUIT_NOTICE, EV_SOCIAL, EV_CHAT,
	EV_BADGE, EV_OFFER, EV_INJURY, EV_DISABILITY, EV_MEDICAL, EV_SICKNOTE, EV_MATERNITY,
	EV_NONCOMPETE, EV_DISPATCH, EV_DEPOSIT, EV_PLATFORM, EV_TRANSFER, EV_BONUS, EV_DEDUCT,
	EV_EXPIRY, EV_STOPPAGE, EV_WITNESS, EV_RECORDING, EV_HEAT, EV_COMPLAINT,
	/* the respondent's */
	EV_R_HANDBOOK, EV_R_PAYROLL, EV_R_ATTEND, EV_R_DISCIPLINE, EV_R_RESIGN, EV_R_SOCIAL,
	EV_R_CONTRACT, EV_R_REVIEW, EV_R_LICENSE,
	EV_COUNT
};

static const struct ev_def {
	const char *name, *purpose;
	int lo, hi;      /* pages */
	int orig_pct;    /* how often the original is shown */
	const char *src[5];
} ev_defs[EV_COUNT] = {
	[EV_CONTRACT] = {"劳动合同", "证明申请人与被申请人存在劳动关系及约定的工作岗位、工资标准", 3, 10, 60,
			 {"申请人与被申请人签订"}},
	[EV_PAYSLIP] = {"工资条", "证明申请人的工资构成及工资标准", 1, 12, 50, {"被申请人发放"}},
	[EV_BANK] = {"工资卡银行交易明细", "证明被申请人实际发放工资的情况及拖欠工资的事实", 2, 20, 80,
		     {"中国工商银行", "中国建设银行", "中国农业银行", "招商银行", "上海农商银行"}},
	[EV_ATTEND] = {"考勤记录", "证明申请人的出勤情况及加班时间", 2, 20, 10,
		       {"被申请人考勤系统截图", "钉钉打卡记录截图"}},
	[EV_DISMISS] = {"解除劳动合同通知书", "证明被申请人单方解除劳动合同的事实及其理由", 1, 2, 80,
			{"被申请人出具"}},
	[EV_QUIT_NOTICE] = {"解除劳动合同通知书及快递底单",
			    "证明申请人以被申请人未足额支付劳动报酬、未依法缴纳社会保险为由解除劳动合同", 2, 3,
			    70, {"申请人发出，EMS寄送", "申请人发出，顺丰速运寄送"}},
	[EV_SOCIAL] = {"社会保险缴费记录", "证明被申请人未依法为申请人缴纳社会保险", 1, 4, 90,
		       {"上海市社会保险事业管理中心", "随申办打印"}},
	[EV_CHAT] = {"微信聊天记录截图", "证明申请人多次催讨，被申请人认可拖欠的事实", 2, 15, 0,
		     {"申请人手机微信"}},
	[EV_BADGE] = {"工作证及工作服照片", "证明申请人以被申请人员工身份从事工作", 1, 3, 30, {"申请人持有"}},
	[EV_OFFER] = {"录用通知书", "证明被申请人录用申请人及约定的工资待遇", 1, 2, 0,
		      {"被申请人发送的电子邮件"}},
	[EV_INJURY] = {"认定工伤决定书", "证明申请人所受伤害为工伤", 2, 3, 100,
		       {"上海市闵行区人力资源和社会保障局", "上海市浦东新区人力资源和社会保障局",
			"上海市嘉定区人力资源和社会保障局", "上海市松江区人力资源和社会保障局"}},
	[EV_DISABILITY] = {"劳动能力鉴定结论书", "证明申请人的伤残等级", 1, 2, 90, {"上海市劳动能力鉴定中心"}},
	[EV_MEDICAL] = {"病历及医疗费票据", "证明申请人的治疗经过及支出的医疗费用", 5, 40, 70,
			{"上海市第六人民医院", "复旦大学附属中山医院", "上海交通大学医学院附属瑞金医院",
			 "上海市第一人民医院"}},
	[EV_SICKNOTE] = {"病假证明单", "证明申请人因病休息的期间", 1, 6, 80,
			 {"上海市第十人民医院", "上海市徐汇区中心医院", "复旦大学附属华山医院"}},
	[EV_MATERNITY] = {"生育医学证明及生育津贴发放记录", "证明申请人休产假的期间及生育津贴的数额", 2, 5, 50,
			  {"医院及上海市社会保险事业管理中心"}},
	[EV_NONCOMPETE] = {"竞业限制协议", "证明双方约定的竞业限制义务及经济补偿标准", 2, 4, 60,
			   {"申请人与被申请人签订"}},
	[EV_DISPATCH] = {"派遣通知书", "证明申请人被派遣至用工单位工作的事实", 1, 3, 50, {"劳务派遣单位出具"}},
	[EV_DEPOSIT] = {"押金收据", "证明被申请人收取申请人押金的事实及数额", 1, 1, 100, {"被申请人出具"}},
	[EV_PLATFORM] = {"配送App接单记录截图", "证明申请人接受被申请人管理、按单计酬的事实", 3, 20, 0,
			 {"申请人手机App"}},
	[EV_TRANSFER] = {"调岗通知", "证明被申请人单方调整申请人工作岗位及降低工资", 1, 2, 70, {"被申请人出具"}},
	[EV_BONUS] = {"年终奖及销售提成考核办法", "证明被申请人承诺发放年终奖及提成的标准", 2, 8, 0,
		      {"被申请人内部文件"}},
	[EV_DEDUCT] = {"罚款单", "证明被申请人以罚款名义克扣申请人工资", 1, 5, 60, {"被申请人出具"}},
	[EV_EXPIRY] = {"劳动合同终止通知书", "证明劳动合同期满后被申请人不再续订的事实", 1, 1, 80,
		       {"被申请人出具"}},
	[EV_STOPPAGE] = {"停工停产通知照片", "证明被申请人停工停产并安排待岗的事实", 1, 3, 0,
			 {"被申请人张贴于厂区"}},
	[EV_WITNESS] = {"证人证言", "证明申请人的工作时间及工资发放情况", 1, 3, 100, {"申请人原同事"}},
	[EV_RECORDING] = {"通话录音及文字整理稿", "证明被申请人承认拖欠工资的事实", 2, 6, 0, {"申请人手机录音"}},
	[EV_HEAT] = {"高温天气露天作业照片", "证明申请人在高温期间从事露天作业", 2, 6, 0, {"申请人拍摄"}},
	[EV_COMPLAINT] = {"劳动保障监察投诉受理回执", "证明申请人曾就拖欠工资向劳动保障监察部门投诉", 1, 1, 100,
			  {"区劳动保障监察大队"}},
	[EV_R_HANDBOOK] = {"员工手册及签收单", "证明公司规章制度经民主程序制定并已向申请人公示", 10, 40, 50,
			   {"被申请人制定"}},
	[EV_R_PAYROLL] = {"工资发放明细表", "证明被申请人已按约定支付申请人工资", 2, 12, 100, {"被申请人财务部门"}},
	[EV_R_ATTEND] = {"考勤记录", "证明申请人存在迟到、旷工的情况", 3, 20, 100, {"被申请人考勤系统导出"}},
	[EV_R_DISCIPLINE] = {"违纪处理通知及检讨书", "证明申请人严重违反公司规章制度", 2, 6, 100, {"被申请人出具"}},
	[EV_R_RESIGN] = {"辞职申请书", "证明劳动合同系因申请人主动辞职而解除", 1, 1, 100, {"申请人书写"}},
	[EV_R_SOCIAL] = {"社会保险缴费凭证", "证明被申请人已为申请人缴纳社会保险", 1, 3, 100,
			 {"上海市社会保险事业管理中心"}},
	[EV_R_CONTRACT] = {"劳动合同", "证明双方约定的工作岗位、工资标准及工作地点", 3, 10, 100,
			   {"申请人与被申请人签订"}},
	[EV_R_REVIEW] = {"绩效考核表", "证明申请人经考核不能胜任工作", 2, 8, 100, {"被申请人人事部门"}},
	[EV_R_LICENSE] = {"营业执照及法定代表人身份证明书", "证明被申请人的主体资格", 2, 2, 0, {"被申请人提供"}},
};

/* What each side shows in a dispute of each kind, the most telling first;
 * the list ends at its first EV_COUNT (or after 7). */
#define EVL(...) {__VA_ARGS__, EV_COUNT}
static const struct {
	enum ev_kind app[8], resp[5];
} ev_lists[SC_COUNT] = {
	[SC_ARREARS] = {EVL(EV_CONTRACT, EV_BANK, EV_PAYSLIP, EV_CHAT, EV_ATTEND, EV_COMPLAINT, EV_RECORDING),
			EVL(EV_R_PAYROLL, EV_R_ATTEND, EV_R_LICENSE)},
	[SC_DISMISS] = {EVL(EV_CONTRACT, EV_DISMISS, EV_PAYSLIP, EV_BANK, EV_CHAT, EV_SOCIAL),
			EVL(EV_R_DISCIPLINE, EV_R_HANDBOOK, EV_R_ATTEND, EV_R_REVIEW)},
	[SC_COMPENSATION] = {EVL(EV_CONTRACT, EV_DISMISS, EV_BANK, EV_SOCIAL, EV_PAYSLIP),
			     EVL(EV_R_PAYROLL, EV_R_CONTRACT, EV_R_LICENSE)},
	[SC_NO_CONTRACT] = {EVL(EV_OFFER, EV_BADGE, EV_BANK, EV_CHAT, EV_ATTEND, EV_WITNESS),
			    EVL(EV_R_PAYROLL, EV_R_RESIGN, EV_R_LICENSE)},
	[SC_OVERTIME] = {EVL(EV_CONTRACT, EV_ATTEND, EV_PAYSLIP, EV_BANK, EV_CHAT, EV_WITNESS),
			 EVL(EV_R_ATTEND, EV_R_PAYROLL, EV_R_HANDBOOK)},
	[SC_CONFIRM] = {EVL(EV_BADGE, EV_BANK, EV_CHAT, EV_WITNESS, EV_ATTEND, EV_OFFER), EVL(EV_R_LICENSE)},
	[SC_SOCIAL] = {EVL(EV_CONTRACT, EV_SOCIAL, EV_BANK, EV_QUIT_NOTICE), EVL(EV_R_SOCIAL, EV_R_RESIGN)},
	[SC_INJURY] = {EVL(EV_INJURY, EV_DISABILITY, EV_MEDICAL, EV_CONTRACT, EV_BANK, EV_SOCIAL),
		       EVL(EV_R_PAYROLL, EV_R_CONTRACT)},
	[SC_MATERNITY] = {EVL(EV_CONTRACT, EV_MATERNITY, EV_PAYSLIP, EV_BANK), EVL(EV_R_PAYROLL)},
	[SC_SICK] = {EVL(EV_CONTRACT, EV_SICKNOTE, EV_MEDICAL, EV_PAYSLIP, EV_BANK),
		     EVL(EV_R_PAYROLL, EV_R_HANDBOOK)},
	[SC_BONUS] = {EVL(EV_CONTRACT, EV_BONUS, EV_PAYSLIP, EV_BANK, EV_CHAT), EVL(EV_R_REVIEW, EV_R_PAYROLL)},
	[SC_DEDUCTION] = {EVL(EV_CONTRACT, EV_DEDUCT, EV_PAYSLIP, EV_BANK, EV_CHAT),
			  EVL(EV_R_HANDBOOK, EV_R_DISCIPLINE, EV_R_PAYROLL)},
	[SC_NONCOMPETE] = {EVL(EV_NONCOMPETE, EV_CONTRACT, EV_BANK, EV_CHAT), EVL(EV_R_CONTRACT, EV_R_PAYROLL)},
	[SC_DISPATCH] = {EVL(EV_CONTRACT, EV_DISPATCH, EV_BANK, EV_PAYSLIP, EV_ATTEND),
			 EVL(EV_R_PAYROLL, EV_R_CONTRACT, EV_R_LICENSE)},
	[SC_DEPOSIT] = {EVL(EV_DEPOSIT, EV_CONTRACT, EV_CHAT, EV_WITNESS), EVL(EV_R_RESIGN, EV_R_LICENSE)},
	[SC_FORCED] = {EVL(EV_CONTRACT, EV_QUIT_NOTICE, EV_BANK, EV_SOCIAL, EV_PAYSLIP, EV_CHAT),
		       EVL(EV_R_PAYROLL, EV_R_SOCIAL, EV_R_RESIGN)},
	[SC_STOPPAGE] = {EVL(EV_CONTRACT, EV_STOPPAGE, EV_BANK, EV_CHAT, EV_PAYSLIP), EVL(EV_R_PAYROLL, EV_R_LICENSE)},
	[SC_PLATFORM] = {EVL(EV_PLATFORM, EV_BANK, EV_CHAT, EV_BADGE), EVL(EV_R_LICENSE)},
	[SC_PARTTIME] = {EVL(EV_CHAT, EV_BANK, EV_ATTEND, EV_WITNESS), EVL(EV_R_PAYROLL, EV_R_ATTEND)},
	[SC_TRANSFER] = {EVL(EV_CONTRACT, EV_TRANSFER, EV_PAYSLIP, EV_BANK, EV_CHAT),
			 EVL(EV_R_CONTRACT, EV_R_HANDBOOK)},
	[SC_PROBATION] = {EVL(EV_CONTRACT, EV_DISMISS, EV_PAYSLIP, EV_BANK), EVL(EV_R_REVIEW, EV_R_HANDBOOK)},
	[SC_EXPIRY] = {EVL(EV_CONTRACT, EV_EXPIRY, EV_BANK, EV_SOCIAL), EVL(EV_R_CONTRACT, EV_R_PAYROLL)},
	[SC_HEAT] = {EVL(EV_CONTRACT, EV_HEAT, EV_PAYSLIP, EV_BANK, EV_ATTEND), EVL(EV_R_PAYROLL, EV_R_ATTEND)},
};
#undef EVL

static int ev_count(const enum ev_kind *list, int max)
{
	int n = 0;

	while (n < max && list[n] != EV_COUNT)
		n++;
	return n;
}

/* k of the n kinds of list into out (k <= n): the first always, the rest a
 * random choice kept in the list's order (selection sampling). */
static int ev_choose(struct demo_rng *r, const enum ev_kind *list, int n, int k, int respondent,
		     struct demo_evidence *out)
{
	int m = 0;

	for (int i = 0; i < n && m < k; i++) {
		if (i > 0 && (int)demo_below(r, (uint32_t)(n - i)) >= k - m)
			continue;
		const struct ev_def *d = &ev_defs[list[i]];
		int nsrc = 0;
		while (nsrc < 5 && d->src[nsrc])
			nsrc++;
		out[m++] = (struct demo_evidence){
			.name = d->name,
			.source = d->src[demo_below(r, (uint32_t)nsrc)],
			.purpose = d->purpose,
			.pages = demo_range(r, d->lo, d->hi),
			.original = (int)demo_below(r, 100) < d->orig_pct,
			.respondent = respondent,
		};
	}
	return m;
}

int demo_evidence_list(struct demo_rng *r, int scenario, int napp, int nresp, struct demo_evidence *out)
{
	if (scenario < 0 || scenario >= SC_COUNT)
		scenario = SC_ARREARS;
	int na = ev_count(ev_lists[scenario].app, 8), nr = ev_count(ev_lists[scenario].resp, 5);

	napp = napp < 1 ? 1 : napp > na ? na : napp > DEMO_MAX_EVIDENCE ? DEMO_MAX_EVIDENCE : napp;
	nresp = nresp < 0 ? 0 : nresp > nr ? nr : nresp;
	if (napp + nresp > DEMO_MAX_EVIDENCE)
		nresp = DEMO_MAX_EVIDENCE - napp;
	int n = ev_choose(r, ev_lists[scenario].app, na, napp, 0, out);
	return n + ev_choose(r, ev_lists[scenario].resp, nr, nresp, 1, out + n);
}

/* ---- lifecycle words -------------------------------------------------------- */

static const char *const reject_reasons[] = {
	"申请人与被申请人之间系劳务关系，不属于劳动争议调解范围",
	"申请事项已超过一年仲裁时效，且申请人未能说明正当理由",
	"被申请人注册地及用工地均不在本市，不属本中心受理范围",
	"申请人已就同一争议向劳动人事争议仲裁委员会申请仲裁",
	"申请人未能提供被申请人的有效信息，经补正通知仍未补正",
	"申请事项不属于劳动人事争议处理范围",
};
static const char *const fail_reasons[] = {
	"被申请人经书面通知无正当理由未到场",
	"双方对经济补偿金额分歧较大，未能达成一致",
	"被申请人不同意支付赔偿金",
	"申请人坚持全部请求，不同意调解方案",
	"被申请人否认存在劳动关系",
	"调解期限届满，双方未达成调解协议",
};
static const char *const withdraw_reasons[] = {
	"双方已自行和解",
	"被申请人已支付拖欠工资，申请人撤回申请",
	"申请人撤回调解申请，另行申请仲裁",
	"申请人不愿继续调解",
	"申请人已回原单位工作",
};
static const char *const notes_ongoing[] = {
	"双方均到场。申请人坚持全部请求，被申请人同意支付部分款项，约定下次继续调解。",
	"被申请人委托代理人到场，表示需向公司请示，申请另行安排调解。",
	"向双方释明相关法律规定，双方分歧仍较大，约定补充材料后再次调解。",
	"申请人补充提交了考勤记录和工资流水，被申请人表示核对后答复。",
	"背对背调解，被申请人初步同意按七成支付，申请人表示考虑。",
};
static const char *const notes_agreed[] = {
	"经调解，双方自愿达成调解协议，当场签署调解协议书。",
	"双方就支付金额和期限达成一致，制作调解协议书。",
	"被申请人同意分期支付，双方签署调解协议书。",
};
static const char *const notes_failed[] = {
	"经调解，双方未能达成一致意见，终止调解。",
	"被申请人未到场，电话联系未果，终止调解。",
	"双方差距过大，申请人表示将申请仲裁。",
};
static const char *const notes_withdrawn[] = {
	"调解中双方自行协商，申请人表示将撤回申请。",
};

const char *demo_reject_reason(struct demo_rng *r)
{
	return PICK(r, reject_reasons);
}

const char *demo_fail_reason(struct demo_rng *r)
{
	return PICK(r, fail_reasons);
}

const char *demo_withdraw_reason(struct demo_rng *r)
{
	return PICK(r, withdraw_reasons);
}

const char *demo_session_note(struct demo_rng *r, enum demo_note kind)
{
	switch (kind) {
	case NOTE_AGREED:
		return PICK(r, notes_agreed);
	case NOTE_FAILED:
		return PICK(r, notes_failed);
	case NOTE_WITHDRAWN:
		return PICK(r, notes_withdrawn);
	default:
		return PICK(r, notes_ongoing);
	}
}

static const struct {
	const char *cause, *note;
	int w;
} consultations[] = {
	{"0601", "咨询公司拖欠工资如何申请调解", 20},
	{"0401", "咨询被公司辞退能否要求赔偿金", 14},
	{"0402", "咨询经济补偿金的计算基数和年限", 12},
	{"0201", "咨询未签劳动合同二倍工资如何计算", 8},
	{"0602", "咨询加班工资的计算方法", 8},
	{"0701", "咨询年休假天数及未休年休假工资", 5},
	{"0805", "咨询公司未缴社保如何处理", 5},
	{"0203", "咨询试用期被辞退是否合法", 4},
	{"0902", "咨询工伤停工留薪期待遇", 3},
	{"1102", "咨询产假工资与生育津贴差额", 3},
	{"1301", "咨询竞业限制补偿标准", 2},
	{"1401", "咨询劳务派遣员工的权益保障", 2},
	{"1704", "咨询外卖骑手与平台是否存在劳动关系", 2},
	{"1701", "咨询公司不开离职证明怎么办", 3},
	{"0604", "咨询离职后年终奖能否主张", 2},
	{NULL, "咨询调解申请需要准备哪些材料", 6},
	{NULL, "咨询案件办理进度", 5},
	{NULL, "咨询调解协议的效力及司法确认", 2},
};

void demo_consultation(struct demo_rng *r, const char **cause, const char **note)
{
	int w[sizeof consultations / sizeof consultations[0]];

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		w[i] = consultations[i].w;
	int k = pick_weighted(r, w, (int)(sizeof w / sizeof w[0]));
	*cause = consultations[k].cause;
	*note = consultations[k].note;
}

/* ---- the roster ----------------------------------------------------------------- */

const struct demo_mediator demo_mediators[DEMO_MEDIATORS] = {
	{"张建华", "union", NULL, "上海市总工会", "13901712345", 30, 1, {"0601", "0602", "0402"}},
	{"李秀英", "union", NULL, "浦东新区总工会", "13816623456", 25, 1, {"0601", "0201", "0701"}},
	{"王志强", "union", NULL, "闵行区总工会", "13764434567", 25, 1, {"0401", "0402", "0405"}},
	{"刘桂芳", "union", NULL, "静安区总工会", "13524545678", 20, 1, {"1101", "1102", "0606"}},
	{"陈国平", "union", NULL, "宝山区总工会", "13661856789", 20, 1, {"0901", "0902", "0903", "0904"}},
	{"杨丽", "union", NULL, "嘉定区总工会", "13916267890", 15, 0, {"0601", "0805"}},
	{"赵明", "employer", NULL, "上海市企业联合会", "13801878901", 30, 1, {"0402", "0401", "0404"}},
	{"孙伟", "employer", NULL, "上海市工商业联合会", "13564289012", 25, 1, {"0602", "0703", "0702"}},
	{"周晓燕", "employer", NULL, "浦东新区企业联合会", "15921390123", 20, 1, {"1301", "1201", "0604"}},
	{"吴海涛", "employer", NULL, "徐汇区企业联合会", "13621801234", 20, 1, {"0201", "0203", "0101"}},
	{"郑红梅", "employer", NULL, "松江区企业联合会", "18917612345", 15, 1, {"1401", "1402", "1403"}},
	{"冯涛", "employer", NULL, "上海市工商业联合会", "13761923456", 10, 1, {"0605", "0304", "0303"}},
	{"钱卫东", "hrss", NULL, "黄浦区人力资源和社会保障局", "13817734567", 35, 1, {"0601", "0602", "0805"}},
	{"黄静", "hrss", NULL, "闵行区人力资源和社会保障局", "13918845678", 30, 1, {"0805", "0801", "0802"}},
	{"徐磊", "hrss", NULL, "浦东新区人力资源和社会保障局", "15800956789", 40, 1, {"0601", "0101", "1704"}},
	{"朱慧", "hrss", NULL, "长宁区人力资源和社会保障局", "13671067890", 20, 1, {"0701", "0606", "1101"}},
	{"胡斌", "hrss", NULL, "杨浦区人力资源和社会保障局", "13482178901", 25, 1, {"0402", "0501", "0503"}},
	{"林芳", "hrss", NULL, "普陀区人力资源和社会保障局", "13585289012", 15, 0, {"0601", "0201"}},
	{"何晓明", "expert", "teacher", "华东政法大学", "13601790123", 15, 1, {"0401", "1301", "0204"}},
	{"高雅琴", "expert", "teacher", "上海财经大学", "13916801234", 10, 1, {"0805", "0604", "1601"}},
	{"马振华", "expert", "court", "闵行区人民法院", "13801912345", 20, 1, {"0401", "0101", "0103"}},
	{"罗敏", "expert", "court", "浦东新区人民法院", "13651723456", 20, 1, {"0402", "0201", "1704"}},
	{"梁文杰", "expert", "lawyer", "上海明理律师事务所", "13918634567", 25, 1, {"0601", "0602", "0401"}},
	{"宋佳", "expert", "lawyer", "上海正衡律师事务所", "18621745678", 20, 1, {"0902", "0903", "0401"}},
	{"唐国强", "expert", "other", "上海市人民调解协会", "13611856789", 15, 1, {"0601", "0402", "1702"}},
};
