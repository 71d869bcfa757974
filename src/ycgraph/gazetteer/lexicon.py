"""The genre's vocabulary: post titles, name shapes, verbs, units.

General knowledge about how Chinese government news is written, not a list
of any article's entities. Every table is a frozenset or tuple so nothing
here can be changed at run time.
"""

from __future__ import annotations

# --- Officials -------------------------------------------------------------

# A post is written [scope][organ]position: 宜都市 + 委 + 书记, 自治区 + 党委 + 书记,
# 商务部 + 部长. The scope is a division named in the text, a level word standing for one
# (市委书记: this article's city), a zone word (高新区), a national body, or a village or
# town named as it is written. See gazetteer/posts.py for how they combine.

# Bodies a post belongs to, written after a scope: 宜都市委, 宜昌市人大常委会.
# "委" alone covers 市委 / 县委 / 区委 / 州委 / 省委 when the division's own suffix
# is shared (宜都市 + 委).
ORGANS = (
    "人大常委会党组", "人大常委会", "政协党组", "政协", "人民政府党组", "人民政府", "政府党组", "政府",
    "党工委", "工委", "管委会", "纪委监委", "纪委", "监委", "委员会", "党委", "党组", "委", "人大", "法院",
    "检察院", "发展和改革委员会", "发改委", "财政局", "教育局", "公安局", "商务局", "科技局", "经信局",
    "党支部", "支部", "党总支", "村委会", "居委会", "行政公署", "行署",
)
# Positions, longest first in use. 书记 heads a party committee.
POSITIONS = (
    "常务副书记", "副书记", "书记", "常务副市长", "副市长", "市长", "常务副县长", "副县长", "县长",
    "常务副区长", "副区长", "区长", "常务副省长", "副省长", "省长", "副州长", "州长", "副旗长", "旗长",
    "副盟长", "盟长", "党组成员", "党组书记", "常委", "副秘书长", "秘书长", "常务副主任", "副主任", "主任",
    "常务副主席", "副主席", "主席", "副局长", "局长", "副部长", "部长", "副厅长", "厅长", "副院长", "院长",
    "副检察长", "检察长", "副处长", "处长", "副司长", "司长", "副署长", "署长", "副行长", "行长", "委员",
    "副总理", "总理", "镇长", "乡长", "村支书", "主任委员", "副专员", "专员",
    "代省长", "代市长", "代州长", "代县长", "代区长", "代旗长", "代盟长",
)
SECRETARY = "书记"
# The level word a division of each level is called by when a post names no division (市委书记, 县长).
LEVEL_ORGAN = {"省": "省", "自治区": "自治区", "直辖市": "市", "地级市": "市", "自治州": "州",
               "县级市": "市", "县": "县", "自治县": "县", "市辖区": "区", "旗": "旗"}
# The party committee of the scope: its 书记 heads the division (ycg:leads).
PARTY_COMMITTEE_ORGANS = ("委", "党委", "党工委", "工委")
# Heads of a division's government: after a party post (县委副书记、县长) they belong to the
# division, not to its committee; written bare (市长王某) they name the level they head.
GOVERNMENT_HEADS = {
    "省长": "省", "副省长": "省", "常务副省长": "省", "市长": "市", "副市长": "市", "常务副市长": "市",
    "州长": "州", "副州长": "州", "县长": "县", "副县长": "县", "常务副县长": "县", "区长": "区",
    "副区长": "区", "常务副区长": "区", "旗长": "旗", "副旗长": "旗", "盟长": "盟", "副盟长": "盟",
    "代省长": "省", "代市长": "市", "代州长": "州", "代县长": "县", "代区长": "区", "代旗长": "旗", "代盟长": "盟",
    "主席": "", "副主席": "", "常务副主席": "",  # an autonomous region's government
}
# Level words standing for a division of the article's context (市委 = this city's
# committee), with the table levels each may stand for. "开发区" marks a zone.
LEVEL_WORDS = {
    "自治区": ("自治区",), "省": ("省",), "市": ("地级市", "县级市", "直辖市"), "州": ("自治州",),
    "县": ("县", "自治县"), "区": ("市辖区", "开发区"), "旗": ("旗", "自治旗"), "盟": ("盟",),
}
# Characters after a level word that make it part of another word (市场监督管理局, 区域).
LEVEL_WORD_NOT_BEFORE = "场区级值内外域城位份下舰友属直情"
# A bare level or zone word is a scope only at a word's start: after one of these
# characters or any non-Chinese one (由市长主持, 会见了县委书记), not inside 城市, 社区.
SCOPE_MAY_FOLLOW = "的了有由和与及同是为被让请经据对向给在从到将把"
# Demonstratives before a level word: 该县县长, 我市市长, 本区区委.
LEVEL_DEMONSTRATIVES = ("该", "本", "我")
# Departments of a division's committee or government: after 市委常委、 a bare 政法委书记 is
# the committee's (X市委政法委书记).
SUB_DEPARTMENTS = frozenset({
    "组织部", "宣传部", "统战部", "政法委", "政研室", "办公室", "农办", "网信办", "编办", "外办", "台办",
    "财经委", "深改委", "巡察办", "政策研究室", "老干部局",
})
# Endings of an organ a post names freely after its scope: 江口县 + 发展和改革局 + 局长.
FREE_ORGAN_SUFFIXES = (
    "委员会", "办公室", "总局", "局", "委", "办", "部", "厅", "署", "院", "中心", "党组", "党委", "支部", "处",
    "联", "会",
)
FREE_ORGAN_MAX_LEN = 9  # characters before the ending (人力资源和社会保障 + 局)
# Characters an organ's name never holds (the sentence runs on instead).
FREE_ORGAN_STOP_CHARS = "的在是了说将把被从也都就而着过要会向对为与及等并其这那你我他她们兼"
# A post in a company is no public post (集团党委书记, 城投公司党组书记): the person is no official.
COMPANY_BODY_ENDINGS = ("集团", "公司", "控股", "股份", "银行", "企业")
# Local places below the division table (云溪村支部书记, 青石镇党委书记), written as the text does.
LOCAL_PLACE_SUFFIXES = ("社区", "街道", "村", "镇", "乡")
LOCAL_PLACE_MAX_LEN = 4  # characters before the ending
# Central party and state bodies (general knowledge: the State Council's ministries,
# commissions and agencies, the party centre's departments, national organisations).
# Their posts stand without a division: 商务部部长, 国家税务总局局长.
NATIONAL_BODIES = (
    "国务院", "国务院办公厅", "外交部", "国防部", "国家发展和改革委员会", "国家发展改革委", "国家发改委",
    "教育部", "科学技术部", "科技部", "工业和信息化部", "工信部", "国家民族事务委员会", "国家民委", "公安部",
    "国家安全部", "民政部", "司法部", "财政部", "人力资源和社会保障部", "人力资源社会保障部", "人社部",
    "自然资源部", "生态环境部", "住房和城乡建设部", "住房城乡建设部", "住建部", "交通运输部", "水利部",
    "农业农村部", "商务部", "文化和旅游部", "文旅部", "国家卫生健康委员会", "国家卫生健康委", "国家卫健委",
    "退役军人事务部", "应急管理部", "中国人民银行", "审计署", "国务院国有资产监督管理委员会", "国务院国资委",
    "海关总署", "国家税务总局", "国家市场监督管理总局", "市场监管总局", "国家金融监督管理总局",
    "中国银行保险监督管理委员会", "中国银保监会", "银保监会", "中国证券监督管理委员会", "中国证监会", "证监会",
    "国家广播电视总局", "国家体育总局", "国家统计局", "国家国际发展合作署", "国家医疗保障局", "国家医保局",
    "国家机关事务管理局", "国家知识产权局", "国家移民管理局", "国家林业和草原局", "国家铁路局",
    "中国民用航空局", "中国民航局", "国家邮政局", "国家文物局", "国家中医药管理局", "国家矿山安全监察局",
    "国家外汇管理局", "国家药品监督管理局", "国家药监局", "国家能源局", "国家国防科技工业局", "国家烟草专卖局",
    "国家粮食和物资储备局", "国家数据局", "国家信访局", "国家乡村振兴局", "国务院港澳事务办公室",
    "国务院研究室", "国务院台湾事务办公室", "国务院新闻办公室", "国务院新闻办", "国家互联网信息办公室",
    "国务院发展研究中心", "中国科学院", "中国社会科学院", "中国工程院", "中国气象局", "国家航天局", "中国地震局",
    "中共中央", "中央办公厅", "中央组织部", "中组部", "中央宣传部", "中宣部", "中央统战部", "中央统一战线工作部",
    "中央对外联络部", "中联部", "中央政法委", "中央政法委员会", "中央纪委国家监委", "中央纪委", "国家监委",
    "中央财经委员会办公室", "中央财办", "中央农办", "中央网信办", "中央政策研究室", "中央党校",
    "全国人大常委会", "全国人大", "全国政协", "最高人民法院", "最高人民检察院", "全国总工会", "共青团中央",
    "全国妇联", "中国科协", "全国工商联", "中华全国工商业联合会", "中国侨联", "中国残联", "中国贸促会",
)
# Common single and double surnames (the first characters of a Chinese personal name). Characters
# that mostly start words after a post (都, 党, 应 ...) are left out: 书记都表示 names nobody.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜"
    "崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
    "施洪牛庞樊殷兰葛倪齐申柳骆耿关焦左柴甘祝包宁符尚舒阮纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骞蓝路游辛靳管柯"
    "鲁房聂解卜时庹皮佘喻滕岳鄢商桂卿刁穆车晏鲍丛郎仇娄全隋米邢饶练燕宫农冷卓计权占伍蒲项明艾欧阳司马上官诸葛"
    "闵简花储窦巩苟谌查税禹牟续鄂揭"
    "连辜伏荣冀臧屈晋芦阎栗郁鞠戚岑寇巫弓蔺茅宗丘虞湛逯邝郜訾阚扈眭郦芮羿邴糜隗宓郗栾钭戎詹邰蓟翟贡逄姬"
    "郏浦濮瞿茹宦庾暨匡阙殳蔚夔晁敖乜竺习"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "夏侯", "公孙")
# Characters that end a name rather than continue it (王某表示, 李某在会上...).
NAME_STOP_CHARS = frozenset("在说表指出是的和与等同为对率带到深调要介称讲作提希就也并向了将已曾均从代")
# Verbs whose first character is also common in given names: 李明强调 is 李明 + 强调.
NAME_FOLLOWING_VERBS = frozenset({"强调", "主持", "会见", "主张", "会同", "坚持", "看望", "听取", "慰问", "调研",
                                  "参加", "出席", "率队", "带队", "宣布", "视察", "考察", "要求", "认为", "指出",
                                  "接受", "讲话", "致辞", "介绍", "表示", "说道", "见证", "签约", "一行", "同志",
                                  "作了", "作出", "对此", "来到", "深入", "前往", "陪同", "会议", "答记", "回答"})

# Lines naming who wrote or edited the article (the contributors, not officials).
REPORTER_MARKERS = ("记者", "通讯员", "特约记者", "见习记者")
EDITOR_MARKERS = ("责任编辑", "编辑", "责编", "审核", "校对")

# --- Enterprises -----------------------------------------------------------

# A name ending in one of these is a company wherever it stands.
STRONG_COMPANY_SUFFIXES = (
    "集团股份有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团股份", "集团公司", "有限公司", "控股集团", "集团",
    "公司", "控股", "银行",
)
# These end company names too, but also common phrases (科技创新, 生物医药): trusted
# only for an item of an enumeration or in a frame that names companies.
WEAK_COMPANY_SUFFIXES = (
    "新材料", "新能源", "科技", "生物", "能源", "动力", "智能", "化工", "医疗", "数据", "船舶", "药业", "电子",
    "化学", "股份", "实业", "电气", "汽车", "钢铁", "水泥", "制药", "酵母", "食品", "物流", "环保", "光电",
    "电器", "机器", "树脂", "轮胎", "橡胶", "医疗器械", "器械", "信息", "网络", "软件", "酒业",
)
# Legal forms that make a name a registered one: a place before them is part of the name
# (某市某某科技有限公司); before a short ending (集团, 公司) a place says where the company is.
LEGAL_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司")
# What a list of companies is called: 支持A、B等龙头企业.
COMPANY_CLASS_NOUNS = (
    "龙头企业", "头部企业", "链主企业", "链主", "车企", "药企", "骨干企业", "重点企业", "潜力企业", "上市公司", "上市企业",
    "领军企业", "民营企业", "外资企业", "配套企业", "企业", "央企", "国企", "公司", "巨头", "厂商",
)
# Words between 等 and the class noun: 等一批上市企业, 等大型央企, 等20家龙头企业.
COMPANY_CLASS_MODIFIERS = ("一大批", "一批", "大型", "知名", "著名", "国内外", "国际", "世界500强", "全球",
                           "行业", "优质", "本土", "数字经济", "科技", "高新技术", "制造业")
# A list closed by 等 N个 + one of these: A、B、C等7个外资项目. Items without a project's
# ending are the companies behind the projects (a phase, 某某二期, names the company before it).
COMPANY_PROJECT_LIST_NOUNS = ("外资项目", "内资项目", "项目", "工厂", "智能制造工厂")
PHASE_SUFFIXES = ("一期", "二期", "三期", "四期", "五期", "扩建", "项目")
# Frames whose slot holds companies: 由X(在…)投资设立, 为A、B和C等配套, 引进A、B等.
# (opener, closers, shape): shape "any" takes any plausible name, "company" only names
# with a company's ending or in the company table, "proper" also short items opening
# with a word that is no ordinary word. An empty opener is a clause's start.
COMPANY_FRAMES = (
    ("由", ("投资设立", "投资建设", "投资", "控股", "出资", "设立", "独资", "全资", "牵头", "承建", "投建"), "any"),
    ("为", ("提供配套", "配套"), "any"),
    ("引进了", ("等",), "company"),
    ("引进", ("等",), "company"),
    ("签约", ("等",), "company"),
    ("吸引", ("等",), "company"),
    ("", ("等落户", "落户"), "proper"),  # (at a clause's start) A、B等落户某地
)
# Words that open the phrase before a company name and are never part of it: 由, 还有, 三是,
# 今年, 发挥, 投产后 ... (jieba's tags catch most verbs, times and function words too).
COMPANY_LEADING_NOISE = (
    "由", "还有", "其中", "包括", "以及", "如", "像", "和", "与", "及", "同", "跟", "对", "向", "把", "被", "让",
    "一是", "二是", "三是", "四是", "五是", "六是", "首先", "其次", "此外", "另外", "同时", "目前", "现在",
    "今年", "去年", "明年", "当年", "此次", "本次", "近年来", "近日", "日前", "随后", "投产后", "建成后", "达产后",
    "发挥", "了解", "详细了解", "考察", "参观", "走访", "调研", "看望", "来到", "深入", "前往", "实地",
    "各", "该", "本", "这家", "该公司", "一家", "首家", "多家", "部分", "全体", "所有",
)
# jieba tags of words that make a key no name when it has only such words (今年公司: a time;
# 投产后公司: a verb and a locality).
COMPANY_NOISE_TAGS = frozenset({"v", "p", "d", "t", "r", "m", "c", "f", "u", "vn", "ad", "q", "mq"})
# Tags of a word that opens the phrase before a name and is cut off it: of one character
# (not f or m: 中 and 三 start names), of more (a verb only where the rule allows: 振华 names a company).
COMPANY_OPENING_CHAR_TAGS = frozenset({"v", "p", "c", "d", "r"})
COMPANY_OPENING_TAGS = frozenset({"p", "d", "t", "r", "m", "c", "f", "u", "ad", "q", "mq"})
# A clause ``X是…<one of these>``: X is a company (某某是一家专业生产…的企业).
COMPANY_COPULA_NOUNS = ("上市公司", "企业", "公司", "厂家", "服务商", "供应商", "制造商", "生产商")
# What may follow a strong ending and make it part of a longer word: 集团化, 银行业.
STRONG_ENDING_CONTINUATIONS = {
    "集团": ("化", "军"), "银行": ("业", "保险", "间", "卡", "账户"), "公司": ("化", "制"), "控股": ("股东",),
}
# Bodies that are never enterprises, by their ending: institutes, offices, schools, associations.
NOT_COMPANY_ENDINGS = ("院", "研究所", "局", "委", "厅", "办", "署", "大学", "学院", "学校", "协会", "学会",
                       "联合会", "研究会", "商会", "联盟")
# Items of a project list ending so are works (a road's section, a line), not companies.
NOT_COMPANY_ITEM_ENDINGS = ("段", "线", "路", "桥", "站", "场", "馆", "通道", "工程", "改造", "提升", "整治")
# Organisations with a company's ending that are public bodies, not enterprises.
# (general knowledge: the central bank and its branches; kinds of bank)
NOT_COMPANY_NAMES = frozenset({"中国人民银行", "人民银行", "商业银行", "政策性银行", "村镇银行", "农村商业银行"})
# Verbs after a list of companies: 推动A、B成长为…, 支持A在…上市, 支持A冲刺千亿.
COMPANY_PREDICATES = ("成长为", "冲刺", "上市", "做大做强", "搭建", "组建", "扩产", "落户", "增资")
# Verbs before one: 支持 / 依托 / 服务 X …
COMPANY_PATRON_VERBS = ("支持", "依托", "依靠", "服务", "对接", "引进", "培育", "壮大", "扶持", "鼓励", "推动",
                        "引导", "利用", "坚持", "助力", "保障", "精准服务", "精准对接")
# What a company-headed project is about: 金鹰 | 磷酸铁, 鑫达 | 襄阳工厂.
INDUSTRY_MORPHEMES = (
    "磷酸铁", "磷酸", "磷氟", "磷基", "磷化", "磷", "氟", "锂电", "锂", "电容", "电池", "储能", "化学品",
    "新材料", "材料", "零碳", "低碳", "智算", "大数据", "数据中心", "生物", "医药", "健康", "酵母", "果胶", "新能源",
    "芯片", "半导体", "光伏", "汽车", "整车", "装备", "机器人", "化工", "电子", "硅", "钢", "智造", "总部", "工厂",
    "产业园", "基地", "全国重点实验室", "研发中心",
    # what a company's site is, after its name: 某某华中总部, 某某全国总部, 某某智慧产业总部
    "华中", "华东", "华南", "华北", "西南", "西北", "东北", "中部", "全国", "全球", "区域", "首个", "智慧", "数字",
    "云", "酒厂", "白酒", "纺织", "服装", "建材", "风电", "热电", "煤化工", "电厂", "水泥", "饲料",
)
# Organisations that are never enterprises.
NOT_COMPANY_HEADS = frozenset({
    "先进", "高端", "绿色", "智能", "现代", "新型", "重点", "国家", "全国", "省级", "精细", "特色", "未来",
    "传统", "公共", "服务", "中试", "科创", "创新", "研发", "产业", "配套", "功能", "上市", "国有", "平台",
    "龙头", "骨干", "本地", "中小", "民营", "外资", "头部", "科技型", "高新", "新兴", "战略", "优势", "主导",
    "合成", "高效", "一批", "各类", "相关", "新一代", "清洁", "数字", "数智", "智慧", "低空",
    "商业", "首家", "一家", "该", "本", "各", "这家", "今年", "国际", "大型", "知名", "全资", "独资", "外资企业",
    "子", "分", "总", "母", "控股", "投资", "建设", "发展", "管理", "实业",
})

# --- Projects --------------------------------------------------------------

# Name endings of named undertakings, longest first in use.
PROJECT_SUFFIXES = (
    "系列项目", "产业园区", "产业园", "工业园区", "工业园", "科技园", "物流园区", "物流园", "创业园", "软件园",
    "园中园", "基地", "一期", "二期", "三期", "四期", "五期", "中学", "小学", "学校", "大学城", "综合体", "中心",
    "实验室", "研究院", "景区", "度假区", "集聚区", "聚集区", "街区", "片区", "小镇", "公寓", "工厂", "总部",
    "高速", "铁路", "航道", "电站", "宾馆", "天街", "花园", "大院", "未来城", "幻城", "科学城", "示范区", "测试区",
    "生态圈", "新通道", "控制性工程", "大桥", "隧道", "机场", "港区", "码头", "医院", "体育馆", "博物馆", "科技馆",
    "图书馆", "商圈", "民宿集群", "北延线", "延长线", "快速路", "大道", "互通", "枢纽",
    # Capacity-named and industrial undertakings (年产N万吨X生产线, N万吨A项目, X酒厂).
    "项目", "生产线", "专用线", "热电厂", "电厂", "酒厂", "水厂", "制造厂", "加工厂",
    # Infrastructure (X至Y一级公路, X水库).
    "高速公路", "一级公路", "二级公路", "公路", "水库", "水利枢纽", "灌区",
    # Corridors and zones of a plan (X科创大走廊, X功能区).
    "走廊", "功能区",
    # Buildings (X集团科研楼); alone, 后勤楼 or 教学楼 is generic.
    "综合楼", "教学楼", "办公楼", "科研楼", "后勤楼", "大楼",
)
# A bare 项目 ending names one undertaking only with a capacity or a company in the name
# (年产5万吨X项目, X集团白酒项目); otherwise it is a verb phrase (狠抓重大项目, 共同见证项目).
PROJECT_CAPACITY_UNITS = ("万千瓦", "千瓦", "兆瓦", "万吨", "吨", "万件", "件", "万台", "台", "万套", "套", "万辆", "辆",
                          "万片", "片", "万头", "头", "万只", "只", "万平方米", "平方米", "立方米", "万标箱", "千伏", "万米", "米",
                          "MW", "GW", "kW", "mw", "gw", "t/d", "t", "万锭", "锭", "万羽", "张", "条")
PROJECT_COMPANY_WORDS = ("集团", "公司", "股份", "控股", "企业", "厂")
# ... or when the text goes on to state its investment or site (X项目总投资20亿元, X项目占地300亩),
# or opens with it (总投资20亿元的X项目).
# (Not 签约 / 开工: 见证项目签约 is a ceremony's words.)
PROJECT_FACT_WORDS = ("计划总投资", "总投资", "计划投资", "拟投资", "投资", "占地", "建成后", "投产后", "建成投产后",
                      "位于", "选址", "由")
# Words that make up generic phrases (重点项目, 人才公寓, 商业综合体): a name made only of
# these and a suffix names no particular undertaking.
GENERIC_PROJECT_WORDS = frozenset({
    "重点", "人才", "青年", "商业", "产业", "配套", "功能", "公共", "服务", "服务型", "中试", "科创", "创新",
    "研发", "民生", "农业", "工业", "现代", "特色", "城市", "高端", "高档", "新型", "智慧", "数字", "国家级",
    "省级", "全国", "一流", "国家", "化工", "新材料", "材料", "科技", "技术", "工程", "建设", "项目", "园区",
    "重大", "骨干", "示范", "综合", "文化", "旅游", "文旅", "康养", "医养", "生态", "绿色", "低碳", "零碳", "数据",
    "大数据", "物流", "交通", "水利", "能源", "清洁", "教育", "医疗", "养老", "托育", "体育", "全民", "社区",
    "乡村", "和美", "老旧", "小区", "老城", "新城", "片区", "核心", "核心区", "主城区", "消防", "救援", "应急",
    "双创", "孵化", "众创", "平台", "总部", "楼宇", "经济", "高新", "开发", "国际", "区域", "省", "市", "县",
    "区", "级", "全域", "全省", "全市", "全县", "特色产业", "中小企业", "企业", "高标准", "高水平", "一批",
    "一体化", "先进", "精细", "合成", "生物", "制造", "智能", "装备", "电子", "信息", "软件", "未来", "产业链",
    "集群", "供应链", "循环", "区域性", "自贸", "小哥", "回收", "资源", "新", "大", "小", "中", "高", "老", "国", "实验", "保护", "研究",
    # Qualifiers and stock words of the genre (重要物流枢纽, 首批软件基地, 签约项目, 该项目).
    "重要", "最大", "首个", "首批", "专业", "专门", "普通", "公办", "民办", "卓越", "标杆", "生产", "加工",
    "新建", "续建", "在建", "签约", "开工", "投产", "竣工", "招商", "引进", "外资", "内资", "投资", "亿元",
    "基础设施", "设施", "大型", "优质", "中小", "相关", "其他", "各类", "这些", "这批", "该", "此", "本", "新开工",
    "一级", "二级", "后勤", "办公", "厂房", "标准", "配套设施", "老项目", "新老", "全部", "各个", "多个", "这个",
    "农村", "县级", "寄递", "分拨", "会展", "协同", "产学研", "货运", "客运", "无人", "互联", "网络", "转型", "促进",
    "教学", "科研",
})
# Verbs that open the clause naming a project (加快 X 建设); a name starts after them.
PROJECT_LEAD_VERBS = (
    "加快推进", "加快建设", "加快实施", "加快推动", "加速推进", "统筹推进", "全力推进", "大力推进", "扎实推进",
    "提速建设", "高标准建设", "高标准打造", "高质量建设", "差异化打造", "差异化建设", "谋划建设", "启动建设",
    "加快", "推进", "推动", "建设", "打造", "实施", "提速", "启动", "谋划", "建成", "创建", "争创", "做强",
    "做优", "做大", "服务", "保障", "融入", "深化", "依托", "围绕", "紧扣", "对接", "推广", "延伸", "落地",
    "开工", "投用", "支持", "提高", "提升", "升级", "完善", "筹建", "新建", "续建", "改造", "引进", "落实",
    "开展", "组织", "承办", "举办", "培育", "发展", "构建", "强化", "服务好", "全面", "全力", "加紧", "积极",
    "探索", "以", "把", "将", "在", "和", "与", "及", "并", "为", "对", "向", "从", "让", "使", "是", "的",
    # Visits, reports and enumerations before a name (来到X, 考察X, 还有X, 三是X, 努力推动X).
    "来到", "考察", "视察", "参观", "了解", "听取", "还有", "以及", "发挥", "预计", "根据", "依据", "努力",
    "一是", "二是", "三是", "四是", "五是", "六是", "其中", "包括", "暨", "援建", "捐建", "签约", "签署",
    "完成", "用好", "申建", "共推共建",
    # The agent of a passive (Y由X投资建设): X starts after it.
    "由", "要",
)
# Phrases after a list of projects: A、B等(N个)(重点)项目; a kind of works counts too (A、B等5条高铁).
PROJECT_CLASS_NOUNS = ("项目", "工程", "设施", "园区", "载体", "高铁", "铁路", "公路", "道路", "桥梁", "水库")
# Verbs after a list whose items are mixed (A基地、B总部、C公司等落户): the items with a project's ending are projects.
PROJECT_LIST_VERBS = ("落户", "落地", "签约", "开工", "建成", "投产", "竣工", "揭牌", "入驻", "相继", "纷纷", "陆续",
                      "集中")
# A project ending followed by one of these names an organisation, not an undertaking (X铁路局, X中心主任).
PROJECT_ORG_TAILS = ("局", "公司", "集团", "有限", "股份", "办", "委", "厅", "处", "所", "站长", "主任", "院长",
                     "校长", "负责人", "董事", "经理", "党委", "党组", "党工委", "管委会", "支部", "管理", "负责")
# Endings that, after only a place and generic words, name the place's area or its batch of
# projects, not one undertaking (X市工业园区, X县重点项目).
PROJECT_AREA_SUFFIXES = ("项目", "工业园区", "工业园", "产业园区", "集聚区", "聚集区", "片区")
# Words right before a name that make it a source of figures, not an undertaking (根据X研究院, 据X中心).
PROJECT_SOURCE_MARKERS = ("根据", "依据", "据")
# Verbs by which an enterprise runs or invests in a project: 由X投资建设的Y, X投资N亿元建设Y, X在Z建设Y.
INVOLVEMENT_VERBS = (
    "投资建设", "投资兴建", "投资新建", "投资设立", "投资打造", "捐资建设", "捐资兴建", "出资建设", "援建", "捐建",
    "承建", "投建", "兴建", "建设", "打造", "投资", "新建", "扩建", "布局", "运营",
)
# Words between the enterprise and that verb: X将投资, X与Y合作建设, X牵头建设, X全资投资.
INVOLVEMENT_ADVERBS = ("将", "拟", "计划", "共同", "联合", "合作", "牵头", "主导", "出资", "正在", "已", "全资", "独资",
                       "控股", "分期", "总", "直接", "负责")

# --- Targets ---------------------------------------------------------------

# Units as written, longest first in use. 万/亿 before a unit stay in the unit (1万人, 80亿元).
UNITS = (
    "个百分点", "万千瓦时", "亿千瓦时", "万千瓦", "平方公里", "万平方米", "平方米", "万标箱", "万吨", "万人次",
    "万人", "万户", "万家", "万套", "万亩", "万辆", "亿元", "万元", "美元", "千瓦", "公里", "吨", "亩", "户", "套",
    "人次", "人", "家", "个", "条", "座", "所", "栋", "项", "件", "辆", "台", "名", "倍", "元", "%", "％", "艘",
    "张", "场", "次", "批", "处", "间", "头", "株", "千米", "米", "斤", "片", "只",
)
# A magnitude before one of these stays in the unit too (1.2万个, 500亿斤, 3.3亿美元): every pair is a unit.
MAGNITUDES = ("万亿", "亿", "万")
MAGNIFIED_UNITS = ("美元", "斤", "公里", "个", "件", "台", "片", "只", "头", "株", "张", "辆", "座", "所", "条")
COUNT_UNITS = frozenset({"个", "家", "条", "座", "所", "栋", "项", "件", "辆", "台", "名", "套", "户", "艘", "张",
                         "场", "次", "批", "处", "间"})
# Words that make a clause a goal, plan or commitment.
GOAL_MARKERS = (
    "力争", "确保", "争取", "达到", "达", "突破", "新增", "超过", "超", "以上", "不少于", "不低于", "至少", "实现",
    "完成", "建成", "投用", "开工", "安排", "目标", "计划", "预计", "将", "全年", "今年", "年内", "年底", "当年",
    "加快", "推进", "推动", "建设", "实施", "打造", "提速", "支持", "培育", "改造", "焕新", "筹建", "提档升级",
    "新签约", "签约", "引进", "跨越", "迈向", "冲刺", "抓好", "提高到", "提升至", "增长", "左右", "每年",
    "以内", "控制在", "不超过", "总投资", "计划投资",
)
# Terms holding a goal word that set nothing (规模以上工业企业, 亿元以上项目 qualify what is counted).
NOT_GOAL_TERMS = ("规模以上", "亿元以上", "万元以上", "一年内")
# A clause opening with one of these continues the clause before: it breaks down (其中) or totals
# (总投资, 合计) what that clause counts, and is a goal when that clause is.
CONTINUING_OPENINGS = ("其中", "计划总投资", "合计总投资", "总投资", "合计", "共计", "总计")
# A clause opening with one of these gives the investment of what the clause before counts.
INVESTMENT_OPENINGS = ("计划总投资", "合计总投资", "总投资", "合计", "计划投资")
# Before a number, these make it the capacity of a plant (年产40万件, 日产6200吨): part of the project.
CAPACITY_WORDS = ("年产", "日产", "年处理", "日处理", "年加工", "年吞吐", "年出栏", "装机", "产能")
# Ends of a name a measured quantity may head (30万吨合成氨项目): the number is in the name.
CAPACITY_NAME_ENDS = ("项目", "生产线", "装置", "工程")
# In a sentence before a number, these say that one project or company is the subject, not the
# division: its investment, output or sales once built belong to the project.
PROJECT_SUBJECTS = ("公司", "该项目", "项目建成", "项目投产", "投产后", "达产后", "建成后", "竣工后", "首期", "一期",
                    "二期", "三期")
# Range marks between two numbers (6-8亿元, 6至8亿元): the target gives both bounds.
RANGE_MARKS = ("-", "－", "—", "–", "~", "～", "至", "到")
# Quantities that count nothing (一批 项目 = "a number of projects").
VAGUE_QUANTITIES = ("一批", "一系列")
# Headlines: a number there is a target only if one of these sets it (内蒙古45个重点项目开工 reports).
HEADLINE_GOALS = ("力争", "确保", "争取", "目标", "计划", "预计", "将", "要", "达", "突破", "超", "以上", "以内",
                  "左右", "不低于", "不少于")
# A paragraph opening with one of these, or a section headed by one, reports the past.
PAST_OPENINGS = ("去年", "过去", "上年", "一年来", "五年来", "回顾", "成绩", "成效")
PAST_HEADINGS = ("回顾", "过去", "工作总结", "主要成绩", "取得的成绩")
# Words that make a clause a report of the past, not a goal.
PAST_MARKERS = ("去年", "上年", "同比", "同期", "累计", "已经", "已", "过去", "此前", "截至", "先后", "相继", "跃过",
                "跃居", "实现了", "完成了", "达到了", "突破了", "建成了", "引进了", "增长了")
AT_LEAST = ("以上", "突破", "不少于", "不低于", "至少", "超过", "超", "过", "逾")
AT_MOST = ("以内", "以下", "不超过", "不高于", "控制在")
ABOUT = ("左右", "约", "近", "大约")
# Words ending like an ABOUT word that mean something else (签约 = signed, 最近 = lately).
NOT_ABOUT = ("签约", "合约", "节约", "预约", "履约", "制约", "集约", "附近", "最近")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# Quoted text followed by one of these names a brand, not a policy phrase.
BRAND_FOLLOWERS = ("品牌", "名片", "商标", "区域公用品牌", "公用品牌", "地理标志", "牌子")
# Quoted text followed by one of these names a product, a vehicle, an award or a publication.
# (Not 号 alone: 响应“…”号召 quotes a slogan.)
NAME_FOLLOWERS = ("牌", "系列产品", "号卫星", "号飞船", "号列车", "APP", "App", "app", "小程序", "公众号", "客户端",
                  "软件", "杯", "栏目", "专栏", "节目", "丛书", "一书", "字号")
# A quotation ending in one of these (at least DOCUMENT_MIN_LEN long) is a document's title.
DOCUMENT_ENDS = ("通知", "方案", "意见", "规划", "纲要", "报告", "办法", "条例", "规定", "决定", "通报", "细则",
                 "指南", "规范", "白皮书", "行动计划", "实施计划")
DOCUMENT_OPENINGS = ("关于",)
