"""Scrapy settings of the archiver. Each has a "why"; ``dbp-archive crawl`` flags override them.

Scrapy's own settings only: the archiver's (page cap, archive, fill threshold …) and their
defaults are the fields of ``scraper.config.CrawlConfig``, overridden by a setting of the same
name in capitals behind the config's prefix (``scrapy crawl dbp -s ...``).
"""

from __future__ import annotations

from scraper import user_agent
from scraper.config import contact_from_env

BOT_NAME = "dbp-archive"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# --- Politeness: a small provincial paper's server, crawled for months -----------------------
# Who we are and how to reach us; a site operator should never have to guess. The contact is
# yours (a URL or an e-mail address): `--contact`, or the environment (scraper.config.CONTACT_ENV;
# `scrapy crawl dbp` too). Without one the agent says "contact: none given" and a live run warns.
USER_AGENT = user_agent(contact_from_env())
ROBOTSTXT_OBEY = True  # every request, linked or not, goes through robots.txt
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # at most 2 requests in flight to the site
DOWNLOAD_DELAY = 1.0  # seconds between requests to the site
AUTOTHROTTLE_ENABLED = True  # back off when the server slows down
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False  # no session is needed; cookies only grow state
TELNETCONSOLE_ENABLED = False  # never open a port on a researcher's machine
REMOTE_CONTROL_ENABLED = False  # same: no HTTP control port

# --- Bounds: no page or server can hang or bloat a crawl -----------------------------------
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # bytes, held on the decompressed body too
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30  # seconds for a whole response, so a trickling server cannot outlast it
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 3  # then the fetch is recorded as failed and the next run tries again
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DNS_TIMEOUT = 20

DOWNLOADER_MIDDLEWARES = {
    # First of all: no request leaves the site (redirects included), whatever its flags.
    "scraper.middlewares.SiteOnlyMiddleware": 5,
    # Then: robots.txt and offsite checks see the mirror's address.
    "scraper.middlewares.MirrorMiddleware": 10,
    # RFC 9309 for an unreadable robots.txt, in place of Scrapy's allow-all.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.middlewares.RobotsTxtRFC9309Middleware": 100,
    # Before Scrapy's redirects (600) on responses: off-site redirects and loops are refused.
    "scraper.middlewares.RedirectGuardMiddleware": 650,
    # Runs just before Scrapy's retry (550) on responses: waits Retry-After or a backoff.
    "scraper.middlewares.RetryAfterMiddleware": 560,
}
ITEM_PIPELINES = {
    "scraper.pipelines.ExtractPipeline": 100,
    "scraper.pipelines.ValidatePipeline": 200,
    "scraper.pipelines.ArchivePipeline": 300,
}
EXTENSIONS = {
    "scraper.extensions.Progress": 500,
}

# --- Terminal -------------------------------------------------------------------------------
LOG_LEVEL = "INFO"  # `scrapy crawl dbp` logs like Scrapy; `dbp-archive crawl` only with -v
FEED_EXPORT_ENCODING = "utf-8"
