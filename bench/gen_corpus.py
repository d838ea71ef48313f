#!/usr/bin/env python3
"""Deterministic generator of a parse-benchmark corpus of feeds that look like the wild.

    python3 bench/gen_corpus.py --out bench/corpus/parse --mb 60 [--seed 42] [--files N]

Writes at least --mb megabytes (10^6 bytes) of mixed feed files into --out, plus MANIFEST.tsv
(file, format, bytes, entries). The same seed and size give byte-identical output.
With --files N it writes exactly N files adding up to about --mb instead (same mix, smaller
files on average; the fetch benchmark's 400 feeds): `--files 0`, the default, changes nothing.

Mix, by bytes (approximate; the last file tops up whatever is short):
  * 3/4 English-ish: RSS 2.0 (content:encoded CDATA HTML, dc:creator, categories, enclosures,
    RFC 822 pubDate variants), Atom 1.0 (escaped type="html", some type="xhtml", xml:base,
    author, RFC 3339 published/updated), RSS 1.0 / RDF (dc:date, dc:creator), JSON Feed 1.1.
  * 1/4 Chinese news HTML: RSS 2.0, Atom and JSON Feed in UTF-8, and RSS 2.0 files labelled
    encoding="gb2312" whose bytes come from Python's 'gb18030' codec (every character is kept
    inside GB2312, so a strict GB2312 decoder such as iconv's reads them too).
Files are 20 KB - 2 MB with 10 - 200 entries. HTML bodies carry <p>, relative and absolute
<a href>, <img>, lists, quotes, entities (&nbsp; &mdash; ...), and now and then a <script>
block or an onclick / javascript: attribute for a sanitizer to remove.
"""
import argparse
import json
import math
import os
import random
import re
import sys
import time
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape as xml_escape

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

EN_WORDS = """
the of and to in a is that for on was with as by at from it its has have are be this an
which will said not were their more after new been also would who but about year people
than other into over government they two first last out up one can time some could all
city state between when during while years under before country local officials company
market report according percent million billion week month since three new public police
president minister economy data policy growth plan national council school health water
energy climate project research university study program industry workers service price
prices share shares investors bank rates inflation election vote voters campaign court
judge law bill senate house committee security military forces attack agreement talks
deal trade tariffs exports imports supply chain technology software users platform app
network cloud data privacy regulators federal regional district community residents
families children hospital doctors patients vaccine virus season team game coach player
players league final record fans stadium festival film music artist museum exhibition
book author story history review analysis opinion editorial announced reported released
expected increased decreased rose fell reached launched approved rejected warned
confirmed denied delayed canceled planned proposed estimated continued remained became
despite although however because therefore meanwhile still already recently nearly
about roughly almost more than less most least major minor key critical significant
""".split()

EN_NAMES = """Alice Johnson|Bob Martinez|Carol Nguyen|David Okafor|Elena Petrova|Farid Haddad|
Grace Kim|Henrik Larsen|Isabel Costa|James O'Brien|Kenji Watanabe|Laura Schmidt|
Mohammed Ali|Nadia Rossi|Oliver Brown|Priya Sharma|Quentin Dubois|Rosa Alvarez|Samuel Lee|
Tanya Ivanova|Umar Farouk|Valerie Chen|William Scott|Ximena Ortiz|Yusuf Demir|Zoe Taylor""".replace("\n", "").split("|")

EN_SECTIONS = ["World", "Business", "Technology", "Science", "Politics", "Sports", "Culture",
               "Opinion", "Health", "Climate", "Markets", "Local", "Education", "Travel", "Food"]

EN_SITES = ["example-news.com", "dailyherald.example.org", "techwire.example.net",
            "blog.example.io", "citypaper.example.com", "scienceweekly.example.org",
            "podcasts.example.fm", "sportsdesk.example.com", "marketwatcher.example.net"]

# Common Chinese news words (all inside GB2312).
ZH_WORDS = """
我国 经济 发展 政府 企业 市场 建设 推进 加强 改革 创新 数字 产业 合作 国际 全国 地方 城市 农村
社会 文化 教育 科技 医疗 卫生 生态 环境 保护 能源 交通 基础设施 投资 消费 出口 进口 贸易 金融
银行 资本 工业 制造业 服务业 农业 粮食 生产 就业 收入 居民 群众 人民 民生 保障 养老 住房 政策
措施 方案 规划 目标 任务 工作 会议 部署 要求 实施 落实 开展 完善 提升 提高 促进 支持 鼓励 引导
推动 深化 扩大 优化 坚持 实现 稳定 增长 质量 效益 安全 风险 防范 治理 体系 能力 水平 机制 制度
标准 服务 平台 项目 工程 技术 研发 应用 数据 网络 互联网 人工智能 新能源 汽车 芯片 通信 信息
数字化 智能化 绿色 低碳 转型 升级 高质量 现代化 区域 协调 开放 共享 共同 全面 持续 重要 重点
关键 核心 主要 积极 有效 进一步 不断 明显 显著 稳步 快速 同比 环比 增长 下降 百分点 亿元 万亿元
万人 记者 日前 近日 今年 去年 上半年 一季度 前三季度 据悉 表示 指出 强调 介绍 透露 认为 显示 统计
数据显示 国家统计局 国务院 发展改革委 工业和信息化部 商务部 财政部 中国人民银行 省委 市政府
有关部门 专家 学者 负责人 代表 委员 企业家 科研人员 工作人员 志愿者 游客 学生 消费者 农民 职工
""".split()

ZH_OPENERS = ["记者从有关部门获悉，", "据新华社报道，", "近日，", "日前，", "今年以来，", "据了解，",
              "本报讯 ", "与此同时，", "另据统计，", "业内人士认为，", "专家指出，", "截至目前，"]
ZH_CONNECT = ["，", "，", "，", "、", "，并", "，同时", "，进一步", "，着力"]

ZH_TITLE_TEMPLATES = [
    "我国{ind}产业规模破{n}万亿元",
    "{prov}{ind}发展迈上新台阶",
    "前三季度{ind}增加值同比增长{p}%",
    "{dept}：加快推进{ind}高质量发展",
    "{prov}出台{n}条措施支持{ind}",
    "{ind}领域重大项目集中开工 总投资超{n}百亿元",
    "国家统计局：{month}份{ind}运行总体平稳",
    "{prov}全力打造{ind}创新高地",
    "专家解读：{ind}如何实现绿色低碳转型",
    "{dept}发布{ind}发展规划 明确{n}项重点任务",
]
ZH_INDUSTRIES = ["工业互联网", "新能源汽车", "人工智能", "数字经济", "集成电路", "生物医药", "现代农业",
                 "文化旅游", "跨境电商", "智能制造", "节能环保", "海洋经济", "航空航天", "光伏", "物流"]
ZH_PROVINCES = ["北京", "上海", "广东", "浙江", "江苏", "山东", "四川", "湖北", "河南", "福建",
                "安徽", "湖南", "重庆", "天津", "陕西", "辽宁", "云南", "广西", "江西", "河北"]
ZH_DEPTS = ["工业和信息化部", "国家发展改革委", "商务部", "科技部", "财政部", "农业农村部", "生态环境部"]
ZH_NAMES = ["王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄强", "周婷", "吴刚", "徐丽", "孙浩"]
ZH_SECTIONS = ["国内", "国际", "财经", "科技", "社会", "地方", "评论", "产经", "教育", "文旅"]
ZH_SITES = ["news.example.cn", "www.example.com.cn", "finance.example.cn", "tech.example.cn",
            "paper.example.cn", "local.example.gov.cn"]

NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_ATOM = "http://www.w3.org/2005/Atom"

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
BASE_TIME = datetime(2024, 6, 1, tzinfo=timezone.utc)


class Gen:
    """Everything random goes through self.r, so one seed gives one corpus."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        # Pools of sentences: building text from pooled sentences keeps 60 MB under a few seconds.
        self.en_sentences = [self._en_sentence() for _ in range(6000)]
        self.zh_sentences = [self._zh_sentence() for _ in range(6000)]
        self.serial = 0

    # ---- text ------------------------------------------------------------------------------
    def _en_sentence(self):
        r = self.r
        words = r.choices(EN_WORDS, k=r.randint(8, 24))
        words[0] = words[0].capitalize()
        if r.random() < 0.15:
            words.insert(r.randint(1, len(words) - 1), r.choice(EN_NAMES).split()[1])
        if r.random() < 0.1:
            words.insert(r.randint(1, len(words) - 1), f"{r.randint(2, 990)}")
        s = " ".join(words)
        if r.random() < 0.3:
            # Commas and a dash, as entity or literal, go in at render time for HTML.
            k = s.find(" ", len(s) // 2)
            if k > 0:
                s = s[:k] + "," + s[k:]
        return s + r.choice([".", ".", ".", ".", "?", "!"])

    def _zh_sentence(self):
        r = self.r
        out = [r.choice(ZH_OPENERS)] if r.random() < 0.35 else []
        for c in range(r.randint(2, 4)):
            out.append("".join(r.choices(ZH_WORDS, k=r.randint(3, 7))))
            if r.random() < 0.2:
                out.append(f"{r.randint(1, 99)}.{r.randint(0, 9)}%")
            out.append(r.choice(ZH_CONNECT))
        out[-1] = "。"
        return "".join(out)

    def en_title(self):
        r = self.r
        words = r.choices(EN_WORDS, k=r.randint(5, 12))
        t = " ".join(w.capitalize() if r.random() < 0.5 else w for w in words)
        if r.random() < 0.2:
            t += " & " + r.choice(EN_SECTIONS)  # raw '&' to be escaped
        if r.random() < 0.1:
            t = f'"{t}"'
        return t

    def zh_title(self):
        r = self.r
        return r.choice(ZH_TITLE_TEMPLATES).format(
            ind=r.choice(ZH_INDUSTRIES), prov=r.choice(ZH_PROVINCES), dept=r.choice(ZH_DEPTS),
            n=r.randint(1, 12), p=f"{r.randint(2, 19)}.{r.randint(0, 9)}", month=f"{r.randint(1, 12)}月")

    def paragraph_text(self, zh, n):
        pool = self.zh_sentences if zh else self.en_sentences
        sep = "" if zh else " "
        return sep.join(self.r.choices(pool, k=n))

    # ---- HTML bodies -------------------------------------------------------------------------
    def inline_html(self, zh, site, text, xhtml):
        """Sprinkle links, emphasis and entities into a paragraph's (already escaped) text."""
        r = self.r
        nbsp, mdash, hellip, ldq, rdq = (("&#160;", "&#8212;", "&#8230;", "&#8220;", "&#8221;") if xhtml
                                         else ("&nbsp;", "&mdash;", "&hellip;", "&ldquo;", "&rdquo;"))
        parts = text.split("。" if zh else ". ")
        joiner = "。" if zh else ". "
        for i in range(len(parts)):
            x = r.random()
            p = parts[i]
            if len(p) < 12:
                continue
            cut, mid = len(p) // 3, 2 * len(p) // 3
            if not zh:  # wrap whole words: move both cuts to spaces
                c1, c2 = p.find(" ", cut), p.rfind(" ", 0, mid)
                if 0 < c1 < c2:
                    cut, mid = c1 + 1, c2
            if x < 0.10:
                href = f"/{r.choice(EN_SECTIONS).lower()}/{2024 - r.randint(0, 3)}/{r.randint(1, 12):02d}/story-{r.randint(1000, 99999)}.html"
                parts[i] = f'{p[:cut]}<a href="{href}">{p[cut:mid]}</a>{p[mid:]}'
            elif x < 0.17:
                href = f"https://{r.choice(EN_SITES + ZH_SITES)}/article/{r.randint(10000, 999999)}?utm_source=rss&amp;utm_medium=feed"
                parts[i] = f'{p[:cut]}<a href="{href}" target="_blank" rel="noopener">{p[cut:mid]}</a>{p[mid:]}'
            elif x < 0.22:
                parts[i] = f"{p[:cut]}<strong>{p[cut:mid]}</strong>{p[mid:]}"
            elif x < 0.26:
                parts[i] = f"{p[:cut]}<em>{p[cut:mid]}</em>{p[mid:]}"
            elif x < 0.31:
                parts[i] = f"{p[:cut]}{nbsp}{mdash}{nbsp}{p[cut:]}"
            elif x < 0.34:
                parts[i] = f"{ldq}{p}{rdq}"
            elif x < 0.36:
                parts[i] = p + hellip
            elif x < 0.38 and not xhtml:
                # onclick / javascript: links for a sanitizer to strip.
                parts[i] = f'{p[:cut]}<a href="javascript:void(0)" onclick="track(\'{r.randint(1, 999)}\');return false;">{p[cut:mid]}</a>{p[mid:]}'
        return joiner.join(parts)

    def html_body(self, zh, site, target, xhtml=False):
        """An article body of about `target` characters."""
        r = self.r
        blocks = []
        size = 0
        img_close = " />" if xhtml else ">"
        while size < target:
            x = r.random()
            if x < 0.70 or not blocks:
                text = xml_escape(self.paragraph_text(zh, r.randint(2, 6)))
                b = f"<p>{self.inline_html(zh, site, text, xhtml)}</p>"
            elif x < 0.78:
                src = (f"/images/{r.randint(2019, 2024)}/{r.randint(1, 12):02d}/{r.randint(100000, 999999)}.jpg"
                       if r.random() < 0.5 else
                       f"https://cdn.{site}/img/{r.randint(10**8, 10**9)}_{r.choice(['640', '1024', '1280'])}.{r.choice(['jpg', 'png', 'webp'])}")
                alt = xml_escape(self.paragraph_text(zh, 1)[:40])
                extra = f' width="{r.choice([640, 800, 1024])}" height="{r.choice([360, 480, 576])}"' if r.random() < 0.5 else ""
                if r.random() < 0.1 and not xhtml:
                    extra += ' onerror="this.style.display=\'none\'"'
                b = f'<p class="img"><img src="{src}" alt="{alt}"{extra}{img_close}</p>'
                if r.random() < 0.4:
                    cap = xml_escape(self.paragraph_text(zh, 1))
                    b = f"<figure>{b}<figcaption>{cap}</figcaption></figure>"
            elif x < 0.83:
                items = "".join(f"<li>{xml_escape(self.paragraph_text(zh, 1))}</li>" for _ in range(r.randint(2, 6)))
                tag = "ol" if r.random() < 0.3 else "ul"
                b = f"<{tag}>{items}</{tag}>"
            elif x < 0.88:
                b = f"<blockquote><p>{xml_escape(self.paragraph_text(zh, r.randint(1, 3)))}</p></blockquote>"
            elif x < 0.93:
                head = self.zh_title() if zh else self.en_title()
                h = r.choice([2, 3])
                b = f"<h{h}>{xml_escape(head)}</h{h}>"
            elif x < 0.95 and not xhtml:
                b = ('<script type="text/javascript">var _hmt=_hmt||[];(function(){var hm=document.createElement("script");'
                     f'hm.src="https://analytics.{site}/hm.js?{r.getrandbits(64):016x}";var s=document.getElementsByTagName("script")[0];'
                     's.parentNode.insertBefore(hm,s);})();</script>')
            elif x < 0.96 and not xhtml:
                b = (f'<iframe src="https://video.{site}/embed/{r.randint(10**5, 10**7)}" width="560" height="315" '
                     'frameborder="0" allowfullscreen></iframe>')
            elif x < 0.97 and not xhtml:
                b = f'<div style="margin:0 auto;color:#{r.getrandbits(24):06x}" class="ad-slot" data-id="{r.randint(1, 9999)}"><br>&nbsp;</div>'
            else:
                b = "<p>" + ("<br/>" if xhtml else "<br>") + "</p>"
            blocks.append(b)
            size += len(b)
        return "\n".join(blocks)

    # ---- dates -------------------------------------------------------------------------------
    def when(self, i):
        return BASE_TIME - timedelta(minutes=i * self.r.randint(20, 600) + self.r.randint(0, 59))

    def rfc822(self, dt):
        r = self.r
        v = r.random()
        if v < 0.45:
            return dt.strftime(f"{WEEKDAYS[dt.weekday()]}, %d {MONTHS[dt.month - 1]} %Y %H:%M:%S GMT")
        if v < 0.65:
            off = r.choice([0, -5, -4, -7, 1, 2, 8, 9, 5.5])
            local = dt + timedelta(hours=off)
            sign = "+" if off >= 0 else "-"
            hh, mm = int(abs(off)), int(abs(off) * 60) % 60
            return local.strftime(f"{WEEKDAYS[local.weekday()]}, %d {MONTHS[local.month - 1]} %Y %H:%M:%S {sign}{hh:02d}{mm:02d}")
        if v < 0.75:  # single-digit day, named zone
            z, off = r.choice([("EST", -5), ("EDT", -4), ("PST", -8), ("PDT", -7), ("UT", 0), ("Z", 0)])
            local = dt + timedelta(hours=off)
            return f"{WEEKDAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year} {local:%H:%M:%S} {z}"
        if v < 0.83:  # no weekday
            return dt.strftime(f"%d {MONTHS[dt.month - 1]} %Y %H:%M:%S +0000")
        if v < 0.90:  # no seconds
            return dt.strftime(f"{WEEKDAYS[dt.weekday()]}, %d {MONTHS[dt.month - 1]} %Y %H:%M GMT")
        if v < 0.95:  # two-digit year
            return dt.strftime(f"{WEEKDAYS[dt.weekday()]}, %d {MONTHS[dt.month - 1]} %y %H:%M:%S GMT")
        # Full names, as some CMSes emit.
        return dt.strftime("%A, %d %B %Y %H:%M:%S +0000")

    def rfc3339(self, dt):
        r = self.r
        v = r.random()
        if v < 0.5:
            return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        if v < 0.8:
            off = r.choice([8, -5, 1, 2, 5.5, -3])
            local = dt + timedelta(hours=off)
            sign = "+" if off >= 0 else "-"
            return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{int(abs(off)):02d}:{int(abs(off) * 60) % 60:02d}"
        if v < 0.95:
            return dt.strftime("%Y-%m-%dT%H:%M:%S") + f".{r.randint(0, 999999):06d}"[: r.choice([4, 7])] + "Z"
        return dt.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+00:00"

    # ---- feed formats ------------------------------------------------------------------------
    def meta(self, zh):
        r = self.r
        site = r.choice(ZH_SITES if zh else EN_SITES)
        section = r.choice(ZH_SECTIONS if zh else EN_SECTIONS)
        title = f"{section}新闻 - {site}" if zh else f"{section} | {site}"
        return site, section, title

    def cdata(self, s):
        return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"

    def rss2(self, zh, n, per, encoding="UTF-8"):
        r = self.r
        site, section, ftitle = self.meta(zh)
        out = [f'<?xml version="1.0" encoding="{encoding}"?>\n']
        if r.random() < 0.2:
            out.append('<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n')
        out.append(f'<rss version="2.0" xmlns:content="{NS_CONTENT}" xmlns:dc="{NS_DC}" xmlns:atom="{NS_ATOM}"'
                   ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">\n<channel>\n')
        out.append(f"<title>{xml_escape(ftitle)}</title>\n<link>https://{site}/</link>\n"
                   f'<atom:link href="https://{site}/feed/" rel="self" type="application/rss+xml" />\n'
                   f"<description>{xml_escape(self.paragraph_text(zh, 1))}</description>\n"
                   f"<language>{'zh-CN' if zh else r.choice(['en-US', 'en-GB', 'en'])}</language>\n"
                   f"<lastBuildDate>{self.rfc822(BASE_TIME)}</lastBuildDate>\n"
                   f"<generator>{r.choice(['https://wordpress.org/?v=6.4.2', 'Ghost 5.75', 'Hugo -- gohugo.io', 'CMS 3.1'])}</generator>\n"
                   "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>\n")
        if r.random() < 0.5:
            out.append(f"<image><url>https://{site}/logo.png</url><title>{xml_escape(ftitle)}</title><link>https://{site}/</link></image>\n")
        for i in range(n):
            dt = self.when(i)
            title = self.zh_title() if zh else self.en_title()
            slug = f"{dt:%Y/%m/%d}/{r.randint(10000, 999999)}"
            link = f"https://{site}/{slug}.html" if zh else f"https://{site}/{slug}/{'-'.join(title.lower().split()[:5])}/"
            link = xml_escape(link)
            author = r.choice(ZH_NAMES if zh else EN_NAMES)
            body = self.html_body(zh, site, per)
            summary = xml_escape(self.paragraph_text(zh, r.randint(1, 2)))
            cats = "".join(f"<category>{self.cdata(c) if r.random() < 0.5 else xml_escape(c)}</category>"
                           for c in r.sample(ZH_INDUSTRIES if zh else EN_SECTIONS, r.randint(0, 4)))
            guid = (f'<guid isPermaLink="false">{site}-{r.getrandbits(40)}</guid>' if r.random() < 0.4
                    else f"<guid>{link}</guid>")
            enc = ""
            if r.random() < 0.15:
                kind = r.choice([("audio/mpeg", "mp3"), ("image/jpeg", "jpg"), ("video/mp4", "mp4")])
                enc = f'<enclosure url="https://media.{site}/{r.randint(1, 99999)}.{kind[1]}" length="{r.randint(10**4, 10**8)}" type="{kind[0]}" />'
            # Most put the excerpt in description and the body in content:encoded; some only the escaped body.
            if r.random() < 0.85:
                desc = f"<description>{self.cdata(summary) if r.random() < 0.5 else summary}</description>"
                content = f"<content:encoded>{self.cdata(body)}</content:encoded>"
            else:
                desc = f"<description>{xml_escape(body)}</description>"
                content = ""
            comments = (f"<comments>https://{site}/{slug}/#comments</comments><slash:comments>{r.randint(0, 300)}</slash:comments>"
                        if r.random() < 0.3 else "")
            out.append(f"<item>\n<title>{xml_escape(title)}</title>\n<link>{link}</link>\n{comments}"
                       f"<pubDate>{self.rfc822(dt)}</pubDate>\n<dc:creator>{self.cdata(author)}</dc:creator>\n"
                       f"{cats}\n{guid}\n{desc}\n{content}\n{enc}</item>\n")
        out.append("</channel>\n</rss>\n")
        return "".join(out)

    def atom(self, zh, n, per):
        r = self.r
        site, section, ftitle = self.meta(zh)
        base = f"https://{site}/{section.lower() if not zh else 'news'}/"
        out = ['<?xml version="1.0" encoding="utf-8"?>\n',
               f'<feed xmlns="{NS_ATOM}" xml:base="{base}" xml:lang="{"zh-CN" if zh else "en"}">\n',
               f"<title>{xml_escape(ftitle)}</title>\n<subtitle>{xml_escape(self.paragraph_text(zh, 1))}</subtitle>\n"
               f'<link href="{base}" /><link rel="self" href="atom.xml" type="application/atom+xml" />\n'
               f"<id>tag:{site},2010:feed</id>\n<updated>{self.rfc3339(BASE_TIME)}</updated>\n"
               f'<generator uri="https://example.org/gen" version="2.1">SiteGen</generator>\n']
        if r.random() < 0.5:
            out.append(f"<author><name>{xml_escape(r.choice(ZH_NAMES if zh else EN_NAMES))}</name></author>\n")
        xhtml_share = r.choice([0.0, 0.0, 0.3, 1.0])
        for i in range(n):
            dt = self.when(i)
            title = self.zh_title() if zh else self.en_title()
            path = f"{dt:%Y/%m}/{r.randint(10000, 999999)}.html"
            ebase = f' xml:base="https://{site}/archive/"' if r.random() < 0.1 else ""
            name = r.choice(ZH_NAMES if zh else EN_NAMES)
            author = f"<author><name>{xml_escape(name)}</name>"
            if r.random() < 0.5:
                author += f"<email>{'editor' if zh else name.split()[0].lower()}@{site}</email>"
            if r.random() < 0.3:
                author += f"<uri>/authors/{r.randint(1, 500)}</uri>"
            author += "</author>"
            cats = "".join(f'<category term="{xml_escape(c)}" />' for c in r.sample(ZH_INDUSTRIES if zh else EN_SECTIONS, r.randint(0, 3)))
            if r.random() < xhtml_share:
                body = self.html_body(zh, site, per, xhtml=True)
                content = f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{body}</div></content>'
            else:
                body = self.html_body(zh, site, per)
                content = f'<content type="html">{xml_escape(body)}</content>'
            summary = (f'<summary type="text">{xml_escape(self.paragraph_text(zh, 1))}</summary>\n' if r.random() < 0.6 else "")
            published = f"<published>{self.rfc3339(dt)}</published>" if r.random() < 0.85 else ""
            updated = self.rfc3339(dt + timedelta(minutes=r.choice([0, 0, 5, 90])))
            out.append(f"<entry{ebase}>\n<title type=\"{'text' if r.random() < 0.8 else 'html'}\">{xml_escape(title)}</title>\n"
                       f'<link rel="alternate" type="text/html" href="{path}" />\n'
                       f"<id>tag:{site},{dt:%Y-%m-%d}:{r.getrandbits(48)}</id>\n{published}<updated>{updated}</updated>\n"
                       f"{author}\n{cats}\n{summary}{content}\n</entry>\n")
        out.append("</feed>\n")
        return "".join(out)

    def rdf(self, zh, n, per):
        r = self.r
        site, section, ftitle = self.meta(zh)
        links = []
        items = []
        for i in range(n):
            dt = self.when(i)
            title = self.zh_title() if zh else self.en_title()
            link = f"https://{site}/{dt:%Y%m%d}/{r.randint(10000, 999999)}"
            links.append(link)
            date = dt.strftime("%Y-%m-%dT%H:%M:%S") + r.choice(["Z", "+00:00", "+09:00", "-05:00"])
            desc = xml_escape(self.paragraph_text(zh, r.randint(1, 3)))
            enc = ""
            if r.random() < 0.7:
                enc = f"\n<content:encoded>{self.cdata(self.html_body(zh, site, per))}</content:encoded>"
            else:
                desc = xml_escape(self.html_body(zh, site, per))
            subj = "".join(f"<dc:subject>{xml_escape(c)}</dc:subject>" for c in r.sample(EN_SECTIONS, r.randint(0, 2)))
            items.append(f'<item rdf:about="{link}">\n<title>{xml_escape(title)}</title>\n<link>{link}</link>\n'
                         f"<description>{desc}</description>\n<dc:creator>{xml_escape(r.choice(EN_NAMES))}</dc:creator>\n"
                         f"<dc:date>{date}</dc:date>{subj}{enc}\n</item>\n")
        seq = "".join(f'<rdf:li rdf:resource="{l}" />\n' for l in links)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
                f' xmlns:dc="{NS_DC}" xmlns:content="{NS_CONTENT}">\n'
                f'<channel rdf:about="https://{site}/index.rdf">\n<title>{xml_escape(ftitle)}</title>\n<link>https://{site}/</link>\n'
                f"<description>{xml_escape(self.paragraph_text(zh, 1))}</description>\n"
                f"<dc:language>{'zh-cn' if zh else 'en'}</dc:language>\n<dc:date>{BASE_TIME:%Y-%m-%dT%H:%M:%SZ}</dc:date>\n"
                f"<items>\n<rdf:Seq>\n{seq}</rdf:Seq>\n</items>\n</channel>\n" + "".join(items) + "</rdf:RDF>\n")

    def jsonfeed(self, zh, n, per):
        r = self.r
        site, section, ftitle = self.meta(zh)
        items = []
        for i in range(n):
            dt = self.when(i)
            title = self.zh_title() if zh else self.en_title()
            url = f"https://{site}/{dt:%Y/%m/%d}/{r.randint(10000, 999999)}/"
            item = {"id": url if r.random() < 0.6 else str(r.getrandbits(48)), "url": url, "title": title,
                    "content_html": self.html_body(zh, site, per)}
            if r.random() < 0.5:
                item["summary"] = self.paragraph_text(zh, 1)
            item["date_published"] = self.rfc3339(dt)
            if r.random() < 0.4:
                item["date_modified"] = self.rfc3339(dt + timedelta(hours=1))
            item["authors"] = [{"name": r.choice(ZH_NAMES if zh else EN_NAMES)}]
            tags = r.sample(ZH_INDUSTRIES if zh else EN_SECTIONS, r.randint(0, 3))
            if tags:
                item["tags"] = tags
            if r.random() < 0.2:
                item["image"] = f"https://cdn.{site}/img/{r.randint(10**6, 10**7)}.jpg"
            if r.random() < 0.1:
                item["attachments"] = [{"url": f"https://media.{site}/{r.randint(1, 9999)}.mp3",
                                        "mime_type": "audio/mpeg", "size_in_bytes": r.randint(10**6, 10**8)}]
            items.append(item)
        doc = {"version": "https://jsonfeed.org/version/1.1", "title": ftitle, "home_page_url": f"https://{site}/",
               "feed_url": f"https://{site}/feed.json", "description": self.paragraph_text(zh, 1),
               "language": "zh-CN" if zh else "en", "authors": [{"name": r.choice(ZH_NAMES if zh else EN_NAMES)}],
               "items": items}
        return json.dumps(doc, ensure_ascii=r.random() < 0.2, indent=r.choice([None, 2]))


# Byte shares. English 75%, Chinese 25% (of which "zh-gb2312" is the GB2312-labelled part).
SHARES = [
    ("rss2", False, 0.34), ("atom", False, 0.18), ("rdf", False, 0.08), ("json", False, 0.15),
    ("rss2", True, 0.08), ("rss2-gb2312", True, 0.09), ("atom", True, 0.04), ("json", True, 0.04),
]
EXT = {"rss2": "xml", "rss2-gb2312": "xml", "atom": "xml", "rdf": "xml", "json": "json"}
MIN_SIZE, MAX_SIZE = 20_000, 2_000_000  # hard bounds of every file
LO, HI = 24_000, 1_850_000  # the targets drawn, inside the bounds
DRAW_MEAN = 300_000  # mean of that draw before any clamp (used by --files to rescale it)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="bench/corpus/parse")
    ap.add_argument("--mb", type=float, default=60.0, help="total size in MB (10^6 bytes); at least this much is written")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--files", type=int, default=0,
                    help="write exactly this many files, sized to add up to about --mb "
                         "(default 0: as many files as --mb takes; the fetch benchmark uses 400)")
    args = ap.parse_args()
    if args.files < 0:
        ap.error("--files must be 0 or more")
    t0 = time.time()
    g = Gen(args.seed)
    r = g.r
    os.makedirs(args.out, exist_ok=True)
    # Remove what an earlier run of this generator left, so no stale file joins the list.
    for name in os.listdir(args.out):
        if name == "MANIFEST.tsv" or re.match(r"^\d{4}-[a-z0-9-]+\.(xml|json)$", name):
            os.remove(os.path.join(args.out, name))

    total_target = int(args.mb * 1_000_000)
    written = {}  # (kind, zh) -> bytes
    rows = []
    total = 0
    idx = 0
    while (idx < args.files) if args.files else (total < total_target):
        # Pick the class furthest behind its share, so every class tracks its share as we go.
        def deficit(s):
            kind, zh, share = s
            return share * max(total, 1) - written.get((kind, zh), 0) + share * 1e-9
        kind, zh, share = max(SHARES, key=deficit)
        remaining = total_target - total
        # Log-scale sizes skewed small (median ~90 KB, mean ~300 KB), as feeds in the wild are.
        size = int(math.exp(math.log(LO) + (r.random() ** 1.6) * (math.log(HI) - math.log(LO))))
        if args.files:
            # --files: the same skewed draw, rescaled so that the files still to write average
            # what is still to write; the last one takes the rest.
            left = args.files - idx
            size = remaining if left == 1 else int(size * max(remaining, 0) / left / DRAW_MEAN)
            size = min(size, HI)
        # Keep to the class's share of the whole: a big file late on would skew the mix.
        budget = share * total_target - written.get((kind, zh), 0)
        size = max(LO, min(size, max(remaining, LO) + LO // 2, int(budget) + LO // 2))
        # Entries: 10-200, with at least ~700 bytes and at most ~120 KB of body each.
        n = r.randint(10, 200)
        n = max(10, min(n, size // 1500))
        n = max(n, min(200, size // 120_000 + 1))
        # Per-entry body target in characters; Chinese text is ~3 bytes per char in UTF-8, ~2 in GB.
        overhead = {"rss2": 700, "rss2-gb2312": 600, "atom": 800, "rdf": 600, "json": 500}[kind]
        bpc = 1.0 if not zh else (2.6 if kind != "rss2-gb2312" else 1.8)
        per = max(300, int((size / n - overhead) / bpc))
        if kind == "atom" and not zh:
            per = int(per / 1.12)  # escaping adds ~12%
        for attempt in range(8):
            if kind in ("rss2", "rss2-gb2312"):
                text = g.rss2(zh, n, per, encoding="gb2312" if kind == "rss2-gb2312" else "UTF-8")
            elif kind == "atom":
                text = g.atom(zh, n, per)
            elif kind == "rdf":
                text = g.rdf(zh, n, per)
            else:
                text = g.jsonfeed(zh, n, per)
            data = text.encode("gb18030") if kind == "rss2-gb2312" else text.encode("utf-8")
            if MIN_SIZE <= len(data) <= MAX_SIZE:
                break
            per = max(100, int(per * size / len(data)))  # the estimate missed: rescale and redo
        else:
            raise SystemExit(f"could not fit a {kind} file of {n} entries into {MIN_SIZE}-{MAX_SIZE} bytes")
        if kind == "rss2-gb2312":
            text.encode("gb2312")  # raises if a character strayed outside GB2312
        idx += 1
        label = f"{kind}-zh" if zh and kind != "rss2-gb2312" else kind if not zh else "rss2-zh-gb2312"
        name = f"{idx:04d}-{label}.{EXT[kind]}"
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        fmt = {"rss2": "rss2", "rss2-gb2312": "rss2", "atom": "atom", "rdf": "rss1", "json": "json"}[kind]
        rows.append((name, fmt, zh, "gb2312" if kind == "rss2-gb2312" else "utf-8", len(data), n))
        written[(kind, zh)] = written.get((kind, zh), 0) + len(data)
        total += len(data)

    with open(os.path.join(args.out, "MANIFEST.tsv"), "w") as f:
        f.write("file\tformat\tbytes\tentries\tlang\tencoding\n")
        for name, fmt, zh, enc, b, n in rows:
            f.write(f"{name}\t{fmt}\t{b}\t{n}\t{'zh' if zh else 'en'}\t{enc}\n")

    by_fmt = {}
    for name, fmt, zh, enc, b, n in rows:
        d = by_fmt.setdefault(fmt, [0, 0, 0])
        d[0] += 1; d[1] += b; d[2] += n
    zh_bytes = sum(b for _, _, zh, _, b, _ in rows if zh)
    gb = [b for _, _, _, enc, b, _ in rows if enc == "gb2312"]
    sizes = [b for *_, b, _ in rows]
    print(f"wrote {len(rows)} files, {total / 1e6:.1f} MB, {sum(n for *_, n in rows)} entries to {args.out} "
          f"in {time.time() - t0:.1f} s (seed {args.seed})", file=sys.stderr)
    for fmt, (c, b, n) in sorted(by_fmt.items()):
        print(f"  {fmt:5s} {c:4d} files {b / 1e6:7.1f} MB ({100 * b / total:4.1f}%) {n:6d} entries", file=sys.stderr)
    print(f"  Chinese: {100 * zh_bytes / total:.1f}% of bytes; GB2312-labelled (gb18030 bytes): {len(gb)} files, "
          f"{sum(gb) / 1e6:.1f} MB; file sizes {min(sizes) / 1e3:.0f} KB - {max(sizes) / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
