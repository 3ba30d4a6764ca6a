"""The report inside a county portal's page, in five CMS page templates seen on county sites:

- ``trs``: TRS WCM site (most county portals): meta tags, 信息公开 metadata table (索引号, 发布机构,
  成文日期, 文号, 发布日期, 主题分类), ``TRS_Editor`` article, 上一篇/下一篇;
- ``hanweb``: 大汉 JCMS: ``<!--ZJEG_RSS.content.begin-->`` markers, ``#zoom``, a 相关链接 sidebar
  naming other agencies' reports, sometimes GBK;
- ``jiyue``: a provincial 集约化 platform: a left 信息公开目录 tree listing the county's agencies,
  metadata as a list (发文机关 …), the title only in the page heading;
- ``legacy``: an old table-layout ASP/JSP site in GB2312/GBK, 【打印本页】【关闭窗口】;
- ``kaipu``: 开普云-style site with ``#UCAP-CONTENT``, scripts, share bar and QR-code text.

Every page links other years and other agencies (previous/next, related links, sidebars), as
real pages do; the article flavour (``article_html``) is chosen independently.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

from . import article_html
from .layout import Block
from .truth import Report

TEMPLATES = ("trs", "hanweb", "jiyue", "legacy", "kaipu")
TOPICS = ["政务公开", "综合政务/政务公开", "其他", "政府信息公开年报"]


@dataclass
class Page:
    html: str
    encoding: str
    url: str
    page_title: str
    template: str
    flavour: str
    variants: list[str]
    published: str = ""


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def _url(rng: random.Random, r: Report, template: str) -> str:
    d = r.published
    dom = r.agency.county.domain
    n = rng.randint(1_000_000, 9_999_999)
    return {
        "trs": f"http://{dom}/zwgk/xxgkml/ndbg/{d:%Y%m}/t{d:%Y%m%d}_{n}.html",
        "hanweb": f"http://{dom}/art/{d.year}/{d.month}/{d.day}/art_{rng.randint(1000, 9999)}_{n}.html",
        "jiyue": f"http://{dom}/xxgk/{rng.randint(10, 99)}/c{n}/{d:%Y%m}/{n:x}.shtml",
        "legacy": f"http://{dom}/news_view.asp?newsid={n % 100000}",
        "kaipu": f"http://{dom}/xxgk/zfxxgkndbg/content/post_{n}.html",
    }[template]


def _site(r: Report) -> str:
    c = r.agency.county
    return f"{c.name}人民政府"


def _footer(r: Report, rng: random.Random) -> str:
    c = r.agency.county
    police = f"{c.icp[0]}公网安备 {c.site_code[:6]}0{rng.randint(2000000, 2999999)}号"
    return (f'<div class="footer"><p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>'
            f"<p>主办单位：{c.name}人民政府办公室　承办单位：{c.name}大数据中心</p>"
            f"<p>网站标识码：{c.site_code}　<a href=\"#\">{c.icp}</a>　{police}</p>"
            f"<p>地址：{c.name}{c.street}1号　邮编：{c.postcode}　联系电话：{c.area_code}-{rng.randint(2000000, 8999999)}</p></div>")


def _meta_rows(r: Report, rng: random.Random) -> list[tuple[str, str]]:
    d = r.published
    org_label = rng.choice(["发布机构", "发文机关", "发布机构"])
    org = r.agency.full_name(r.year) if rng.random() < 0.8 else r.printed_name
    return [("索引号", f"{r.agency.county.site_code[-6:]}{rng.randint(10, 99)}/{d.year}-{rng.randint(100, 99999):05d}"),
            ("主题分类", rng.choice(TOPICS)), (org_label, org), ("成文日期", f"{d:%Y-%m-%d}"),
            ("文号", rng.choice(["", "无", ""])), ("发布日期", f"{d:%Y-%m-%d}")]


def _links(others: list[Report]) -> list[str]:
    return [f'<a href="#" title="{esc(o.title)}">{esc(o.title)}</a>' for o in others]


def _head(title: str, charset: str, extra: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f"<title>{esc(title)}</title>\n{extra}"
            "<style>body{margin:0;font-family:\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;font-size:14px;color:#333}"
            ".wrap{max-width:1000px;margin:0 auto}.header{background:#1b5fa6;color:#fff;padding:20px;font-size:28px;font-weight:bold}"
            ".nav a{display:inline-block;padding:0 18px;line-height:40px}.footer{background:#eee;text-align:center;font-size:12px;padding:12px;margin-top:20px}"
            "table{border-collapse:collapse}.side{float:right;width:220px;font-size:13px}.side li{margin:4px 0}"
            ".meta td,.meta th{border:1px solid #ddd;padding:4px 8px;font-size:13px}.article{padding:20px 40px}"
            "@page{size:A4;margin:15mm 12mm}</style>\n</head>\n")


def _nav(names: list[str]) -> str:
    return '<div class="nav">' + "".join(f'<a href="#">{n}</a>' for n in names) + "</div>"


def _trs(r: Report, body: str, others: list[Report], rng: random.Random, title_in: bool) -> str:
    site = _site(r)
    meta = _meta_rows(r, rng)
    rows = "".join(f"<tr><th>{a}：</th><td>{esc(b)}</td><th>{c}：</th><td>{esc(d)}</td></tr>" for (a, b), (c, d) in zip(meta[::2], meta[1::2], strict=False))
    rows += f'<tr><th>名　　称：</th><td colspan="3">{esc(r.title)}</td></tr>'
    prev, nxt = (_links(others[:2]) + ["<span>没有了</span>"] * 2)[:2]
    return (_head(f"{r.title}_{site}", "utf-8", f'<meta name="SiteName" content="{site}">\n<meta name="ArticleTitle" content="{esc(r.title)}">\n'
                  f'<meta name="PubDate" content="{r.published:%Y-%m-%d} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}">\n'
                  f'<meta name="ContentSource" content="{esc(r.agency.full_name(r.year))}">\n')
            + f'<body>\n<div class="top wrap">欢迎访问{site}门户网站！ <a href="#">无障碍浏览</a> | <a href="#">长者模式</a></div>\n'
            f'<div class="header">{site}</div>\n' + _nav(["首页", "走进" + r.agency.county.name, "政务公开", "政务服务", "互动交流"])
            + f'\n<div class="wrap"><div class="position">当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; '
            f'<a href="#">政府信息公开</a> &gt; <a href="#">政府信息公开年报</a></div>\n'
            f'<table class="meta">{rows}</table>\n<div class="article">'
            + (f'<h1 style="text-align:center">{esc(r.title)}</h1>' if rng.random() < 0.85 else "")
            + f'<div class="info">发布时间：{r.published:%Y-%m-%d}　来源：{esc(r.agency.full_name(r.year))}　浏览次数：{rng.randint(20, 3000)}'
            f'　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>\n'
            f'<div class="TRS_Editor" id="zoom">\n{body}\n</div>\n'
            f'<div class="tools"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></div>\n'
            f'<div class="prevnext"><p>上一篇：{prev}</p><p>下一篇：{nxt}</p></div></div></div>\n'
            + _footer(r, rng) + "\n</body>\n</html>\n")


def _hanweb(r: Report, body: str, others: list[Report], rng: random.Random, title_in: bool, charset: str) -> str:
    site = _site(r)
    related = "".join(f"<li>{a}</li>" for a in _links(others))
    meta = _meta_rows(r, rng)
    rows = "".join(f'<tr><td class="t">{a}</td><td>{esc(b)}</td></tr>' for a, b in meta)
    return (_head(f"{site} {r.title}", charset, '<meta name="generator" content="Hanweb JCMS">\n<script src="/script/jquery.js"></script>\n')
            + f'<body>\n<div class="header">{site}<span style="font-size:14px"> 政府信息公开</span></div>\n'
            + _nav(["首页", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"])
            + f'\n<div class="wrap"><div class="position">您现在的位置：<a href="#">首页</a> &gt; <a href="#">信息公开</a> &gt; '
            f'<a href="#">{esc(r.agency.full_name(r.year))}</a> &gt; <a href="#">政府信息公开年报</a></div>\n'
            f'<div class="side"><h3>相关链接</h3><ul>{related}</ul><h3>热门信息</h3><ul><li><a href="#">{r.agency.county.name}关于印发{r.year}年政务公开工作要点的通知</a></li></ul></div>\n'
            f'<table class="meta">{rows}</table>\n<div class="article">'
            + (f'<div class="title" style="font-size:22px;text-align:center;font-weight:bold">{esc(r.title)}</div>' if title_in or rng.random() < 0.5 else "")
            + f'<div class="sub">{r.published:%Y-%m-%d} 来源：本站 【<a href="#">打印</a>】</div>\n'
            f'<div id="zoom">\n<!--ZJEG_RSS.content.begin--><meta name="ContentStart">\n{body}\n<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->\n</div>\n'
            f'<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div></div></div>\n'
            + _footer(r, rng) + "\n</body>\n</html>\n")


def _jiyue(r: Report, body: str, others: list[Report], rng: random.Random, neighbours: list[str]) -> str:
    site = _site(r)
    tree = "".join(f'<li><a href="#">{esc(n)}</a></li>' for n in neighbours)
    meta = _meta_rows(r, rng)
    info = "".join(f"<li><label>{a}：</label><span>{esc(b)}</span></li>" for a, b in meta)
    more = "".join(f"<li>{a}<span>{o.published:%Y-%m-%d}</span></li>" for a, o in zip(_links(others), others, strict=False))
    return (_head(f"{r.title}-{site}", "utf-8", '<meta name="keywords" content="政府信息公开,年度报告">\n')
            + f'<body>\n<div class="header">{r.agency.county.province}人民政府 {site}</div>\n'
            + _nav(["首页", "要闻动态", "信息公开", "政务服务", "政民互动", "走进" + r.agency.county.short])
            + f'\n<div class="wrap"><div class="position">首页 / 信息公开 / 法定主动公开内容 / 政府信息公开年度报告</div>\n'
            f'<div class="side" style="float:left;width:200px"><h3>信息公开目录</h3><ul>{tree}</ul></div>\n'
            f'<div class="main" style="margin-left:220px"><ul class="xxgk-info">{info}</ul>\n'
            f'<h1 class="detail-title" style="text-align:center">{esc(r.title)}</h1>\n'
            f'<div class="xxgk_content" id="xxgkContent">\n{body}\n</div>\n'
            f'<div class="attachment">附件：无</div><div class="related"><h3>相关文章</h3><ul>{more}</ul></div></div></div>\n'
            + _footer(r, rng) + "\n</body>\n</html>\n")


def _legacy(r: Report, body: str, others: list[Report], rng: random.Random) -> str:
    site = _site(r)
    prev = _links(others[:1]) or ["没有了"]
    return (f'<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n<title>{esc(r.title)}</title>\n'
            '<link href="/css/style.css" rel="stylesheet" type="text/css">\n</head>\n'
            '<body leftmargin="0" topmargin="0">\n<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">\n'
            f'<tr><td height="120" bgcolor="#1b5fa6"><font color="#ffffff" size="6"><b>{site}</b></font></td></tr>\n'
            '<tr><td height="32" bgcolor="#0f4a8a"><a href="#"><font color="#fff">网站首页</font></a> | <a href="#"><font color="#fff">政务公开</font></a> | '
            '<a href="#"><font color="#fff">办事服务</font></a> | <a href="#"><font color="#fff">公众参与</font></a></td></tr>\n'
            f'<tr><td height="28">&nbsp;您现在的位置：<a href="#">首页</a> &gt;&gt; <a href="#">政务公开</a> &gt;&gt; 正文</td></tr>\n'
            '<tr><td><table width="100%" border="0" cellspacing="0" cellpadding="8">\n'
            f'<tr><td align="center" class="title"><font size="5" color="#c00000"><b>{esc(r.title)}</b></font></td></tr>\n'
            f'<tr><td align="center"><font color="#666">发布时间：{r.published:%Y-%m-%d}　点击数：{rng.randint(30, 900)}　'
            f'信息来源：{esc(r.printed_name)}</font></td></tr>\n'
            f'<tr><td class="content">\n{body}\n</td></tr>\n'
            f'<tr><td align="right">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</td></tr>\n'
            f'<tr><td>上一条：{prev[0]}</td></tr>\n</table></td></tr>\n'
            f'<tr><td align="center" bgcolor="#eeeeee"><font size="2">版权所有：{site}　主办：{site}办公室　'
            f'网站标识码：{r.agency.county.site_code}　{r.agency.county.icp}</font></td></tr>\n</table>\n</body>\n</html>\n')


def _kaipu(r: Report, body: str, others: list[Report], rng: random.Random) -> str:
    site = _site(r)
    meta = _meta_rows(r, rng)
    cells = "".join(f"<tr><td>{a}：</td><td>{esc(b)}</td></tr>" for a, b in meta[:3] + [("标题", r.title)] + meta[3:])
    prev, nxt = (_links(others[:2]) + ["无"] * 2)[:2]
    return (_head(f"{r.title} - {site}", "utf-8", f'<meta name="ArticleTitle" content="{esc(r.title)}">\n'
                  '<script>window.__SITE__={"theme":"blue","search":true};</script>\n<script src="/static/js/ucap.min.js"></script>\n')
            + f'<body>\n<div id="app"><div class="header">{site}</div>\n'
            + _nav(["首页", "政务公开", "政务服务", "互动交流", "数据开放"])
            + f'\n<div class="wrap"><div class="crumb"><a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <span>年度报告</span></div>\n'
            f'<table class="meta">{cells}</table>\n'
            f'<div class="article"><h1 class="article-title">{esc(r.title)}</h1>\n'
            f'<div class="article-meta">日期：{r.published:%Y-%m-%d}　来源：{esc(r.agency.full_name(r.year))}　'
            f'<span class="share">分享：微信 微博</span>　<span>扫一扫在手机打开当前页</span></div>\n'
            f'<div class="article-content" id="UCAP-CONTENT">\n{body}\n</div>\n'
            f'<div class="prevnext"><div>上一篇：{prev}</div><div>下一篇：{nxt}</div></div></div></div></div>\n'
            '<script>if(window.ucap){ucap.init();}</script>\n'
            + _footer(r, rng) + "\n</body>\n</html>\n")


def render(r: Report, blocks: list[Block], others: list[Report], neighbours: list[str], rng: random.Random,
           template: str | None = None, flavour: str | None = None) -> Page:
    template = template or rng.choice(TEMPLATES)
    if flavour is None:
        flavour = rng.choice(["legacy", "word", "ueditor"]) if template == "legacy" else rng.choice(article_html.FLAVOURS[:3])
    variants = []
    title_in = not (template == "jiyue" and rng.random() < 0.7) and rng.random() < 0.85
    if not title_in:
        blocks = [b for b in blocks if b.kind != "title"]
        variants.append("title_only_in_heading")
    body = article_html.render(blocks, flavour, rng)
    charset = "utf-8"
    if template == "trs":
        page = _trs(r, body, others, rng, title_in)
    elif template == "hanweb":
        charset = "gbk" if rng.random() < 0.4 else "utf-8"
        page = _hanweb(r, body, others, rng, title_in, charset)
    elif template == "jiyue":
        page = _jiyue(r, body, others, rng, neighbours)
    elif template == "legacy":
        charset = "gb2312"
        page = _legacy(r, body, others, rng)
    else:
        page = _kaipu(r, body, others, rng)
    if charset != "utf-8":
        variants.append("html_gbk")
    encoding = "gbk" if charset != "utf-8" else "utf-8"
    title = page[page.index("<title>") + 7:page.index("</title>")]
    published = f"{r.published:%Y-%m-%d}T{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00+08:00"
    return Page(page, encoding, _url(rng, r, template), html.unescape(title), template, flavour, variants, published)
