#!/usr/bin/env python3
"""Seeded RSS 2.0 corpus for bench/build.sh: N feeds x M items (one category per feed), plus feeds.yml.

    gen_build_corpus.py generate --out DIR [--feeds 20] [--items 2500] [--seed 42] [--end EPOCH]
    gen_build_corpus.py append   --out DIR --count 100 [--into 4] [--seed 43]

Items: Chinese or English titles (some with quotes, colons, emoji), 1-3 KB HTML bodies (paragraphs,
links relative and absolute, images, lists), unique guids (isPermaLink="false"), pubDates spread
uniformly over the two years before --end (default: today 00:00 UTC, so no date is in the future).
`append` puts COUNT new items (pubDate: now) at the top of the first INTO feed files, splitting them
evenly, and prints their guids (one a line) to stdout. Same seed and --end, same bytes.
"""
import argparse
import os
import random
import sys
import time
from email.utils import formatdate
from xml.sax.saxutils import escape

CATEGORIES = [
    ("宏观经济", "hongguan"), ("股市动态", "gushi"), ("科技前沿", "keji"), ("Markets Daily", "markets"),
    ("房地产观察", "fangchan"), ("World Business", "world-business"), ("能源与环境", "nengyuan"),
    ("汽车产业", "qiche"), ("Tech Notes", "tech-notes"), ("银行与保险", "yinhang"),
    ("消费零售", "xiaofei"), ("Policy Watch", "policy"), ("医药健康", "yiyao"), ("Startups", "startups"),
    ("国际贸易", "maoyi"), ("农业农村", "nongye"), ("Crypto Ledger", "crypto"), ("制造业", "zhizao"),
    ("文化传媒", "wenhua"), ("Energy Brief", "energy"),
]

ZH_SUBJ = ["央行", "证监会", "国家统计局", "财政部", "沪深两市", "新能源车企", "光伏行业", "半导体板块", "北向资金",
           "人民币汇率", "房企", "商业银行", "保险资管", "消费电子", "跨境电商", "医药集采", "油价", "黄金", "A股", "港股"]
ZH_VERB = ["宣布", "发布", "调整", "回应", "上调", "下调", "暂停", "启动", "公布", "加码", "收紧", "放宽"]
ZH_OBJ = ["最新数据", "三季度业绩", "货币政策", "监管新规", "扶持措施", "降准方案", "出口订单", "专项债额度",
          "产能规划", "并购重组", "利率报价", "分红方案", "投资计划", "价格指数", "市场预期"]
ZH_TAIL = ["", "", "：专家解读", "，市场反应积极", "（附全文）", "，涨幅超5%", "——记者观察", "？分析师这样看", " 📈"]
ZH_TEXT = ("记者从相关部门获悉，今年以来经济运行总体平稳，主要指标保持在合理区间。业内人士表示，"
           "随着政策效果逐步显现，市场信心有望进一步增强。数据显示，前三季度社会消费品零售总额同比增长，"
           "制造业投资保持较快增长，高技术产业投资增速明显。分析人士认为，下一阶段需要继续扩大内需，"
           "稳定外贸基本盘，推动产业结构优化升级。与此同时，部分行业仍面临需求不足、成本上升等压力，"
           "企业盈利改善仍需时间。专家建议，应加大对中小微企业的支持力度，保持流动性合理充裕。")
EN_SUBJ = ["The Fed", "Regulators", "Chipmakers", "Oil producers", "European banks", "Retailers", "The yuan",
           "Bond yields", "Start-up funding", "Shipping rates", "Gold", "Tech giants", "Insurers", "Automakers"]
EN_VERB = ["rise", "fall", "signal", "weigh", "rally on", "slip after", "brace for", "bet on", "push back on"]
EN_OBJ = ["rate cuts", "new tariffs", "weak demand", "strong earnings", "a surprise report", "fresh stimulus",
          "supply worries", "the jobs data", "AI spending", "a merger deal", "inflation fears"]
EN_TAIL = ["", "", ": what it means", " — analysts react", " \"for now\"", " (update)", "?", " 🚀"]
EN_WORDS = ("market investors quarter growth inflation rates policy earnings demand supply analysts "
            "companies shares index economy outlook revenue forecast prices data report sector "
            "trade capital risk credit bank fund yield margin costs expansion").split()


def zh_title(r):
    return r.choice(ZH_SUBJ) + r.choice(ZH_VERB) + r.choice(ZH_OBJ) + r.choice(ZH_TAIL)


def en_title(r):
    return f"{r.choice(EN_SUBJ)} {r.choice(EN_VERB)} {r.choice(EN_OBJ)}{r.choice(EN_TAIL)}"


def zh_para(r):
    n = r.randint(60, 160)
    start = r.randrange(len(ZH_TEXT))
    return (ZH_TEXT * 3)[start:start + n]


def en_para(r):
    words = [r.choice(EN_WORDS) for _ in range(r.randint(30, 70))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def body(r, chinese, host, n):
    """An HTML body of 1-3 KB (UTF-8 bytes)."""
    target = r.randint(1024, 3072)
    parts, size = [], 0
    while size < target:
        kind = r.random()
        if kind < 0.65:
            p = zh_para(r) if chinese else en_para(r)
            if r.random() < 0.2:
                p = f"<strong>{p[:12]}</strong>{p[12:]}"
            if r.random() < 0.3:
                p += f' <a href="/news/{n}-{r.randint(1, 999)}.html">{"详情" if chinese else "more"}</a>'
            frag = f"<p>{p}</p>"
        elif kind < 0.8:
            frag = f'<p><img src="https://{host}/img/{n}-{r.randint(1, 9)}.jpg" alt="{"图片" if chinese else "photo"}" width="640"></p>'
        elif kind < 0.9:
            items = "".join(f"<li>{(zh_para(r) if chinese else en_para(r))[:40]}</li>" for _ in range(r.randint(2, 4)))
            frag = f"<ul>{items}</ul>"
        else:
            frag = f'<blockquote><p>{(zh_para(r) if chinese else en_para(r))[:80]}</p></blockquote>'
        parts.append(frag)
        size += len(frag.encode())
    return "".join(parts)


def item_xml(r, feed_no, n, when, chinese):
    host = f"src{feed_no:02d}.example.com"
    title = zh_title(r) if chinese else en_title(r)
    guid = f"bench-f{feed_no:02d}-{n:06d}"
    html = body(r, chinese, host, n)
    return (f"<item><title>{escape(title)}</title>"
            f"<link>https://{host}/news/{n}.html</link>"
            f'<guid isPermaLink="false">{guid}</guid>'
            f"<pubDate>{formatdate(when, usegmt=True)}</pubDate>"
            f"<author>desk@{host} (Desk {feed_no})</author>"
            f"<description>{escape(html)}</description></item>\n"), guid


def channel_head(feed_no, title):
    host = f"src{feed_no:02d}.example.com"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
            f"<title>{escape(title)}</title><link>https://{host}/</link>"
            f"<description>{escape(title)} (generated)</description>\n")


def generate(a):
    os.makedirs(os.path.join(a.out, "feeds"), exist_ok=True)
    end = a.end if a.end is not None else (int(time.time()) // 86400) * 86400
    span = 2 * 365 * 86400
    total = 0
    yml = ["site:", "  title: 基准测试", "  url: https://bench.example.com", "  timezone: Asia/Shanghai",
           "  language: zh-CN", "  output: output", "  entries_per_feed: 50", "defaults:", "  interval: 0s",
           "  timeout: 30s", "  max_bytes: 100MB", "feeds:"]
    for f in range(a.feeds):
        title, slug = CATEGORIES[f % len(CATEGORIES)]
        if f >= len(CATEGORIES):
            title, slug = f"{title} {f}", f"{slug}-{f}"
        r = random.Random(f"{a.seed}-{f}")
        chinese_share = 0.2 if title.isascii() else 0.85
        whens = sorted((end - r.randint(1, span) for _ in range(a.items)), reverse=True)
        path = os.path.join(a.out, "feeds", f"feed-{f:02d}.xml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(channel_head(f, title))
            for n, when in enumerate(whens):
                xml, _ = item_xml(r, f, n, when, r.random() < chinese_share)
                fh.write(xml)
            fh.write("</channel></rss>\n")
        total += a.items
        yml += [f"  - title: {title}", f"    url: feeds/feed-{f:02d}.xml", f"    category: {slug}"]
    with open(os.path.join(a.out, "feeds.yml"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(yml) + "\n")
    print(f"{a.feeds} feeds, {total} items, end {end}", file=sys.stderr)


def append(a):
    r = random.Random(f"append-{a.seed}")
    now = int(time.time()) - 60
    per = [a.count // a.into + (1 if i < a.count % a.into else 0) for i in range(a.into)]
    for f, k in enumerate(per):
        path = os.path.join(a.out, "feeds", f"feed-{f:02d}.xml")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        new = []
        for j in range(k):
            xml, guid = item_xml(r, f, 900000 + a.seed * 1000 + j, now - j, r.random() < 0.6)
            new.append(xml)
            print(guid, xml.split("<link>")[1].split("</link>")[0])
        cut = text.index("<item>")
        with open(path + ".tmp", "w", encoding="utf-8") as fh:
            fh.write(text[:cut] + "".join(new) + text[cut:])
        os.replace(path + ".tmp", path)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--out", required=True)
    g.add_argument("--feeds", type=int, default=20)
    g.add_argument("--items", type=int, default=2500)
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--end", type=int, default=None)
    ap = sub.add_parser("append")
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--into", type=int, default=4)
    ap.add_argument("--seed", type=int, default=43)
    a = p.parse_args()
    generate(a) if a.cmd == "generate" else append(a)


if __name__ == "__main__":
    main()
