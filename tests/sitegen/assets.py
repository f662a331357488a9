# ruff: noqa: E501 - CSS and JavaScript are kept as a browser would receive them.
"""Static page furniture of the mirror: inline CSS, scripts and icon sprites.

Real news pages carry tens of kilobytes of this around a few kilobytes of text; extractors must
see through it, and benchmarks need pages of a realistic size. Nothing here is article text.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

_BASE_CSS = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;scroll-behavior:smooth}
body{margin:0;font-family:"Roboto","Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:#222;background:#fff}
a{color:#0b3d91;text-decoration:none}a:hover{color:#c8102e}
img{max-width:100%;height:auto;border:0;vertical-align:middle}
.container{width:100%;max-width:1200px;margin:0 auto;padding:0 15px}
.top-bar{background:#0b3d91;color:#fff;font-size:13px;line-height:32px}
.top-bar a{color:#fff;margin-left:12px}
.header{padding:12px 0;border-bottom:1px solid #e5e5e5}
.header .logo img{height:72px;width:auto}
.banner-top{float:right;width:728px;height:90px;overflow:hidden}
.main-menu{background:#c8102e;position:sticky;top:0;z-index:99}
.main-menu ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
.main-menu li{position:relative}
.main-menu li a{display:block;padding:0 14px;line-height:44px;color:#fff;font-weight:500;text-transform:uppercase;font-size:14px}
.main-menu li:hover>a,.main-menu li.active>a{background:#a00c24}
.main-menu .sub-menu{display:none;position:absolute;left:0;top:100%;min-width:220px;background:#fff;box-shadow:0 6px 18px rgba(0,0,0,.15)}
.main-menu li:hover .sub-menu{display:block}
.main-menu .sub-menu a{color:#222;text-transform:none;line-height:38px;border-bottom:1px solid #eee}
.hot-topics{font-size:13px;padding:8px 0;border-bottom:1px dashed #ddd}
.hot-topics a{margin-right:14px;color:#555}
.breadcrumb{font-size:13px;margin:16px 0 10px;text-transform:uppercase}
.breadcrumb a{color:#c8102e;font-weight:700}
.breadcrumb .sep{margin:0 6px;color:#999}
.main-col{float:left;width:calc(100% - 330px)}
.sidebar{float:right;width:300px}
.clearfix::after{content:"";display:table;clear:both}
.title-detail{font-size:30px;line-height:1.3;margin:0 0 12px;font-family:"Merriweather",Georgia,serif}
.box-date-share{display:flex;justify-content:space-between;align-items:center;margin-bottom:14px;color:#777;font-size:13px}
.social-share a{display:inline-block;width:30px;height:30px;margin-left:6px;border-radius:50%;background:#f1f1f1;text-align:center;line-height:30px}
.social-share svg{width:16px;height:16px;fill:#555}
.sapo{font-weight:700;font-size:17px;margin-bottom:16px;line-height:1.55}
.detail-content{font-size:17px;line-height:1.7}
.detail-content p{margin:0 0 14px}
.detail-content table.image{margin:10px auto 16px;border-collapse:collapse}
.detail-content .image-desc{font-size:14px;font-style:italic;color:#555;text-align:center;padding:6px 0;background:#f7f7f7}
.ads-inread{margin:18px 0;text-align:center;background:#fafafa;padding:8px 0}
.ads-label{display:block;font-size:11px;color:#999;text-transform:uppercase;letter-spacing:1px}
.comment-box{margin:24px 0;padding:16px;background:#f7f7f7;border-top:3px solid #0b3d91}
.comment-box textarea{width:100%;min-height:110px;padding:10px;border:1px solid #ccc;font:inherit}
.comment-box input[type=text],.comment-box input[type=email]{width:49%;padding:8px;border:1px solid #ccc;margin-top:8px}
.comment-box .char-count{font-size:12px;color:#777}
.comment-box .error{color:#c8102e;font-size:13px;display:none}
.comment-box .btn-send{background:#0b3d91;color:#fff;border:0;padding:8px 22px;margin-top:10px;cursor:pointer}
.title-box{font-size:18px;text-transform:uppercase;border-bottom:2px solid #c8102e;padding-bottom:6px;margin:20px 0 14px}
.title-box span,.title-box a{color:#c8102e}
.box-recent .item,.list-news .item{display:flex;gap:14px;padding:12px 0;border-bottom:1px solid #eee}
.box-recent .thumb,.list-news .thumb{flex:0 0 220px}
.box-recent h4,.list-news h3{font-size:17px;margin:0 0 6px;line-height:1.35}
.box-recent .cat,.list-news .cat-label{font-size:12px;color:#c8102e;font-weight:700}
.box-recent .sapo,.list-news .sapo{font-size:14px;color:#444;font-weight:400;margin:4px 0 0}
.pagination{list-style:none;display:flex;justify-content:center;gap:6px;padding:0;margin:24px 0}
.pagination li a,.pagination li span{display:block;min-width:34px;padding:6px 10px;border:1px solid #ddd;text-align:center}
.pagination li.active span{background:#0b3d91;color:#fff;border-color:#0b3d91}
.most-read ol{padding-left:22px;margin:0}
.most-read li{padding:8px 0;border-bottom:1px dotted #ccc;font-size:15px}
.widget{margin-bottom:24px}
.widget-ads img{display:block;margin:0 auto 12px}
.footer{background:#0b3d91;color:#dfe6f3;font-size:14px;padding:28px 0 16px;margin-top:40px}
.footer a{color:#fff}
.footer .footer-menu a{margin-right:16px;text-transform:uppercase;font-size:13px}
.footer .copyright{border-top:1px solid rgba(255,255,255,.2);margin-top:16px;padding-top:12px;font-size:12px}
.back-to-top{position:fixed;right:20px;bottom:20px;width:40px;height:40px;border-radius:50%;background:#c8102e;color:#fff;text-align:center;line-height:40px;display:none}
.headline-strip{display:grid;grid-template-columns:2fr 1fr;gap:20px;margin:20px 0}
.headline-strip .main-story h2{font-size:26px;margin:10px 0}
.headline-strip .side-stories li{padding:10px 0;border-bottom:1px solid #eee}
.box-cat{margin-bottom:26px}
.box-cat .first{display:flex;gap:16px}
.box-cat ul{margin:10px 0 0;padding-left:18px}
@media (max-width:991px){.main-col,.sidebar{float:none;width:100%}.banner-top{display:none}.headline-strip{grid-template-columns:1fr}}
@media (max-width:575px){.title-detail{font-size:24px}.box-recent .thumb,.list-news .thumb{flex-basis:120px}}
"""


def _utility_css(prefix: str) -> list[str]:
    """Spacing, grid, colour and type utility classes, as CSS frameworks ship them."""
    rules = []
    sides = {"t": "top", "r": "right", "b": "bottom", "l": "left"}
    for prop, short in (("margin", "m"), ("padding", "p")):
        for key, side in sides.items():
            rules.extend(
                f".{prefix}{short}{key}-{n}{{{prop}-{side}:{n}px!important}}"
                for n in range(0, 45, 5)
            )
    for breakpoint, width in (("", 0), ("md-", 768), ("lg-", 992)):
        cols = "".join(
            f".{prefix}col-{breakpoint}{n}{{flex:0 0 {n / 12:.4%};max-width:{n / 12:.4%}}}"
            for n in range(1, 13)
        )
        rules.append(f"@media (min-width:{width}px){{{cols}}}" if width else cols)
    palette = {"red": "#c8102e", "blue": "#0b3d91", "grey": "#777", "dark": "#222"}
    for name, colour in palette.items():
        rules.append(f".{prefix}text-{name}{{color:{colour}!important}}")
        rules.append(f".{prefix}bg-{name}{{background:{colour}!important}}")
    rules.extend(f".{prefix}fs-{n}{{font-size:{n}px!important}}" for n in range(11, 33))
    return rules


@cache
def critical_css() -> str:
    """Return the inline critical CSS of the CMS-style pages (base rules plus utility classes)."""
    return "\n".join([_BASE_CSS.strip(), *_utility_css("")])


_SEMANTIC_CSS = """
:root{--ink:#1b1b1f;--muted:#5f6368;--accent:#b3001b;--line:#e3e3e6;--paper:#fff;--measure:42rem}
html{font-size:100%}
body{margin:0;color:var(--ink);background:var(--paper);font:1.0625rem/1.6 "Source Serif 4",Georgia,serif}
.skip-link{position:absolute;left:-9999px}.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.site-header{border-bottom:1px solid var(--line);font-family:system-ui,sans-serif}
.site-header__bar{display:flex;align-items:center;gap:1rem;max-width:72rem;margin:0 auto;padding:.75rem 1rem}
.site-header__links{display:flex;gap:1rem;list-style:none;margin:0 0 0 auto;padding:0;font-size:.875rem}
.site-nav{background:var(--ink)}
.site-nav__list{display:flex;flex-wrap:wrap;list-style:none;margin:0 auto;padding:0 1rem;max-width:72rem}
.site-nav__item a{display:block;padding:.75rem 1rem;color:#fff;text-decoration:none;font:600 .875rem/1 system-ui,sans-serif;text-transform:uppercase}
.site-nav__item.is-active a{box-shadow:inset 0 -3px 0 var(--accent)}
.site-nav__toggle{display:none}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 18.75rem;gap:2rem;max-width:72rem;margin:1.5rem auto;padding:0 1rem}
.article{grid-column:1}.article__title{font-size:2.25rem;line-height:1.2;margin:.5rem 0 1rem}
.article__meta{color:var(--muted);font:.875rem system-ui,sans-serif}
.article__lead,.article__sapo{font-weight:600;font-size:1.1875rem}
.article__body{max-width:var(--measure)}.article__body h2{font-size:1.375rem;margin:2rem 0 .75rem}
.article__figure{margin:1.5rem 0}.article__figure img{width:100%;height:auto}
.article__figure figcaption{color:var(--muted);font:italic .9375rem/1.4 system-ui,sans-serif;padding-top:.5rem}
.figure__credit{font-style:normal;font-weight:600}
.article__author{text-align:right;font-weight:700}
.breadcrumb ol{display:flex;gap:.5rem;list-style:none;padding:0;margin:0;font:700 .8125rem system-ui,sans-serif;text-transform:uppercase}
.breadcrumb li+li::before{content:"›";margin-right:.5rem;color:var(--muted)}
.share{display:flex;gap:.75rem;list-style:none;padding:0;font:.8125rem system-ui,sans-serif}
.comments{grid-column:1;border-top:3px solid var(--ink);padding-top:1rem}
.comments textarea{width:100%;font:inherit}
.related{grid-column:1}
.related h2{font:700 1.125rem system-ui,sans-serif;text-transform:uppercase;border-bottom:2px solid var(--accent)}
.story{display:grid;grid-template-columns:10rem 1fr;gap:.25rem 1rem;padding:1rem 0;border-bottom:1px solid var(--line)}
.story__thumb{grid-row:span 3}.story__title{font-size:1.0625rem;margin:0}
.story__meta{color:var(--accent);font:700 .75rem system-ui,sans-serif;margin:0}
.story__lead{margin:0;font-size:.9375rem;color:var(--muted)}
.sidebar{grid-column:2;grid-row:1/span 3}.ad{min-height:250px;background:#f4f4f5}
.ad--leaderboard{min-height:90px;max-width:970px;margin:1rem auto}
.site-footer{border-top:1px solid var(--line);padding:2rem 1rem;text-align:center;font:.875rem system-ui,sans-serif;color:var(--muted)}
.site-footer__sections{display:flex;flex-wrap:wrap;justify-content:center;gap:1rem;list-style:none;padding:0}
@media (max-width:60rem){.layout{grid-template-columns:1fr}.sidebar{grid-column:1;grid-row:auto}.site-nav__toggle{display:block}}
@media print{.site-header,.site-nav,.share,.comments,.related,.sidebar,.ad,.site-footer{display:none}}
"""


@cache
def semantic_css() -> str:
    """Return the inline CSS of the semantic pages (base rules plus prefixed utilities)."""
    return "\n".join([_SEMANTIC_CSS.strip(), *_utility_css("u-")])


LEGACY_CSS = """
body{font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#333;background:#e9e9e9}
td{font-family:Arial,Helvetica,sans-serif;font-size:12px}
a:link,a:visited{color:#00428a;text-decoration:none}a:hover{color:#cc0000;text-decoration:underline}
.menu a{color:#fff;font-weight:bold;padding:0 8px;line-height:28px}
.title{font-size:20px;color:#8b0000;padding:8px 0}
.date{font-size:11px;color:#888;padding-bottom:6px}
.content{font-size:13px;line-height:19px;text-align:justify}
.cat a{font-size:11px;font-weight:bold;color:#cc0000;text-transform:uppercase}
.hdr{background:#00428a;color:#fff;padding:4px 6px}
.other-news td{border-bottom:1px dotted #ccc;padding:5px 0}
.left-col a{display:block;padding:4px 6px;border-bottom:1px solid #ddd}
.footer{background:#00428a;color:#fff;padding:10px;font-size:11px}
.paging a,.paging b{padding:2px 6px}
"""

_GTAG_SCRIPT = """
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', 'G-8KQ2DBP4EN', {'anonymize_ip': true, 'content_group': '__GROUP__'});
"""

_ADS_SCRIPT = """
window.googletag = window.googletag || {cmd: []};
googletag.cmd.push(function() {
  var mapping = googletag.sizeMapping().addSize([992, 0], [[728, 90], [970, 90]]).addSize([0, 0], [[320, 100], [300, 250]]).build();
  googletag.defineSlot('/21812345678/dbp_en/top_leaderboard', [[728, 90], [970, 90]], 'div-gpt-ad-1690000000001-0').defineSizeMapping(mapping).addService(googletag.pubads());
  googletag.defineSlot('/21812345678/dbp_en/sidebar_1', [[300, 250], [300, 600]], 'div-gpt-ad-1690000000002-0').addService(googletag.pubads());
  googletag.defineSlot('/21812345678/dbp_en/sidebar_2', [300, 250], 'div-gpt-ad-1690000000003-0').addService(googletag.pubads());
  googletag.defineSlot('/21812345678/dbp_en/inread', [[300, 250], [336, 280]], 'div-gpt-ad-1690000000004-0').addService(googletag.pubads());
  googletag.pubads().enableSingleRequest();
  googletag.pubads().collapseEmptyDivs();
  googletag.pubads().setTargeting('section', '__GROUP__');
  googletag.enableServices();
});
"""


def gtag_script(group: str) -> str:
    """Return the analytics snippet for a page of content group ``group``."""
    return _GTAG_SCRIPT.replace("__GROUP__", group)


def ads_script(group: str) -> str:
    """Return the ad-slot set-up for a page of section ``group``."""
    return _ADS_SCRIPT.replace("__GROUP__", group)


SITE_SCRIPT = """
(function () {
  var box = document.querySelector('.comment-box textarea, .comments textarea, textarea[name=content]');
  var counter = document.querySelector('.char-count');
  if (box && counter) {
    box.addEventListener('input', function () {
      var left = 500 - box.value.length;
      counter.textContent = 'You have ' + left + '/500 characters left';
    });
  }
  var form = document.querySelector('form.form-comment');
  if (form) {
    form.addEventListener('submit', function (e) {
      if (!box || box.value.trim().length < 5) {
        e.preventDefault();
        var err = form.querySelector('.error');
        if (err) { err.style.display = 'block'; }
      }
    });
  }
  var top = document.querySelector('.back-to-top');
  window.addEventListener('scroll', function () {
    if (top) { top.style.display = window.scrollY > 600 ? 'block' : 'none'; }
  });
  document.querySelectorAll('[data-font-size]').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var content = document.querySelector('.detail-content, .article__body');
      if (content) { content.style.fontSize = btn.getAttribute('data-font-size') + 'px'; }
    });
  });
  document.querySelectorAll('img[data-src]').forEach(function (img) {
    img.src = img.getAttribute('data-src');
  });
})();
"""

LEGACY_SCRIPT = """
function MM_swapImgRestore() { var i,x,a=document.MM_sr; for(i=0;a&&i<a.length&&(x=a[i])&&x.oSrc;i++) x.src=x.oSrc; }
function MM_preloadImages() { var d=document; if(d.images){ if(!d.MM_p) d.MM_p=new Array();
  var i,j=d.MM_p.length,a=MM_preloadImages.arguments; for(i=0; i<a.length; i++)
  if (a[i].indexOf("#")!=0){ d.MM_p[j]=new Image; d.MM_p[j++].src=a[i];}} }
function countChar(val) { var len = val.value.length; if (len > 500) { val.value = val.value.substring(0, 500); }
  else { document.getElementById('charleft').innerHTML = 'You have ' + (500 - len) + '/500 characters left'; } }
function checkComment() { var v = document.getElementById('txtComment').value;
  if (v.length < 5) { alert('Please enter 5 or more characters!!!'); return false; } return true; }
"""

MENU_SCRIPT = """
var menuTimer = null;
function showMenu(id) { clearTimeout(menuTimer); var m = document.getElementById(id); if (m) { m.style.visibility = 'visible'; } }
function hideMenu(id) { menuTimer = setTimeout(function () { var m = document.getElementById(id); if (m) { m.style.visibility = 'hidden'; } }, 300); }
function marqueeInit(id, speed) {
  var box = document.getElementById(id); if (!box) { return; }
  var inner = box.innerHTML; box.innerHTML = '<div id="' + id + '_in" style="position:relative">' + inner + inner + '</div>';
  var el = document.getElementById(id + '_in'), top = 0;
  setInterval(function () { top = (top - 1) % (el.offsetHeight / 2); el.style.top = top + 'px'; }, speed || 40);
}
function openPopup(url, w, h) { window.open(url, 'popup', 'width=' + w + ',height=' + h + ',scrollbars=yes,resizable=yes'); return false; }
function setHomepage(obj) { try { obj.style.behavior = 'url(#default#homepage)'; obj.setHomePage(location.href); } catch (e) {} }
"""

_LEGACY_RATES = (
    ("USD", "25,180", "25,540"),
    ("EUR", "26,910", "28,385"),
    ("CNY", "3,428", "3,574"),
    ("LAK", "1.05", "1.25"),
    ("JPY", "159.8", "169.9"),
    ("THB", "685.4", "790.2"),
)
_LEGACY_WEATHER = (
    ("Điện Biên Phủ", "14 - 26"),
    ("Mường Lay", "16 - 28"),
    ("Tuần Giáo", "12 - 24"),
    ("Mường Nhé", "13 - 25"),
    ("Tủa Chùa", "10 - 21"),
    ("Hà Nội", "17 - 23"),
)
_LEGACY_LINKS = (
    ("Điện Biên Provincial Portal", "https://dienbien.gov.vn/"),
    ("Vietnam Government Portal", "https://chinhphu.vn/"),
    ("Vietnam News Agency", "https://vnanet.vn/"),
    ("Nhân Dân Newspaper", "https://en.nhandan.vn/"),
    ("Điện Biên Tourism", "https://dienbientourism.vn/"),
)


@cache
def legacy_boxes() -> str:
    """Return the legacy pages' side boxes: weather, exchange rates, links (all off-site)."""
    weather = "".join(
        f'<tr><td>{place}</td><td align="right">{temp} &deg;C</td></tr>'
        for place, temp in _LEGACY_WEATHER
    )
    rates = "".join(
        f'<tr><td>{code}</td><td align="right">{buy}</td><td align="right">{sell}</td></tr>'
        for code, buy, sell in _LEGACY_RATES
    )
    links = "".join(f'<option value="{url}">{name}</option>' for name, url in _LEGACY_LINKS)
    box = '<table width="100%" border="0" cellspacing="0" cellpadding="3" class="box">'
    return (
        f'{box}<tr><td class="hdr" colspan="2"><b>Weather</b></td></tr>{weather}</table>\n'
        f'{box}<tr><td class="hdr" colspan="3"><b>Exchange rates</b></td></tr>'
        f"<tr><td>Code</td><td>Buy</td><td>Sell</td></tr>{rates}</table>\n"
        f'{box}<tr><td class="hdr"><b>Links</b></td></tr><tr><td>'
        '<select onchange="if (this.value) window.open(this.value)">'
        f'<option value="">-- Choose --</option>{links}</select></td></tr></table>'
    )


def view_state(key: str, size: int) -> str:
    """Return a WebForms-style hidden state blob: ``size`` pseudo-random bytes from ``key``, base64."""
    return base64.b64encode(hashlib.shake_256(key.encode()).digest(size)).decode("ascii")


_ICONS = {
    "facebook": "M22 12a10 10 0 1 0-11.6 9.9v-7H7.9V12h2.5V9.8c0-2.5 1.5-3.9 3.8-3.9 1.1 0 2.2.2 2.2.2v2.5h-1.2c-1.2 0-1.6.8-1.6 1.6V12h2.8l-.4 2.9h-2.3v7A10 10 0 0 0 22 12z",
    "twitter": "M23 4.6a9 9 0 0 1-2.6.7 4.5 4.5 0 0 0 2-2.5 9 9 0 0 1-2.9 1.1A4.5 4.5 0 0 0 11.8 8 12.8 12.8 0 0 1 2.5 3.3a4.5 4.5 0 0 0 1.4 6 4.5 4.5 0 0 1-2-.6v.1a4.5 4.5 0 0 0 3.6 4.4 4.5 4.5 0 0 1-2 .1 4.5 4.5 0 0 0 4.2 3.1A9 9 0 0 1 1 18.3a12.8 12.8 0 0 0 6.9 2c8.3 0 12.8-6.9 12.8-12.8v-.6A9 9 0 0 0 23 4.6z",
    "zalo": "M12 2C6.5 2 2 6 2 11c0 2.8 1.4 5.3 3.7 7l-.7 3.6 3.9-2.1c1 .3 2 .5 3.1.5 5.5 0 10-4 10-9S17.5 2 12 2zm-3.8 11.6H5.6V8.9h1v3.8h1.6v.9zm3.9 0h-.9l-.1-.4c-.3.3-.7.5-1.1.5-.9 0-1.6-.8-1.6-1.8s.7-1.8 1.6-1.8c.4 0 .8.2 1.1.5v-.4h1v3.4zm4.7-1.7c0 1-.8 1.8-1.8 1.8s-1.8-.8-1.8-1.8.8-1.8 1.8-1.8 1.8.8 1.8 1.8z",
    "mail": "M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z",
    "print": "M19 8H5a3 3 0 0 0-3 3v6h4v4h12v-4h4v-6a3 3 0 0 0-3-3zm-3 11H8v-5h8v5zm3-7a1 1 0 1 1 0-2 1 1 0 0 1 0 2zm-1-9H6v4h12V3z",
    "search": "M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 14 15.5l.3.3v.8l5 5 1.5-1.5-5-5zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9z",
    "youtube": "M23.5 6.2a3 3 0 0 0-2.1-2.1C19.5 3.6 12 3.6 12 3.6s-7.5 0-9.4.5A3 3 0 0 0 .5 6.2 31 31 0 0 0 0 12a31 31 0 0 0 .5 5.8 3 3 0 0 0 2.1 2.1c1.9.5 9.4.5 9.4.5s7.5 0 9.4-.5a3 3 0 0 0 2.1-2.1A31 31 0 0 0 24 12a31 31 0 0 0-.5-5.8zM9.6 15.6V8.4l6.3 3.6-6.3 3.6z",
    "clock": "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7z",
    "home": "M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z",
    "arrow-up": "M4 12l1.4 1.4L11 7.8V20h2V7.8l5.6 5.6L20 12l-8-8-8 8z",
}


@cache
def icon_sprite() -> str:
    """Return an inline SVG sprite of the share and navigation icons."""
    symbols = "".join(
        f'<symbol id="icon-{name}" viewBox="0 0 24 24"><path d="{path}"/></symbol>'
        for name, path in _ICONS.items()
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">{symbols}</svg>'
