# ruff: noqa: E501 - prose pools: one sentence per line reads better than wrapped pieces.
"""Generated articles for benchmark mirrors: random but deterministic, from word and sentence pools.

The text reads like the paper's (places, officials, programmes) without being real news. Each
article uses the same ``Article`` record as the hand-written ones, so the same templates and
expected records apply; families rotate a, b, c and every date form, dateline and byline form
occurs.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterable
from datetime import datetime, timedelta

from .content import DATE_FORMS, DATELINES, Article, Block, at, slugify

NEWEST = at(2026, 2, 20, 18, 0)
ID_CHARS = string.ascii_letters + string.digits

PLACES = (
    "Điện Biên Phủ",
    "Mường Thanh",
    "Mường Lay",
    "Tuần Giáo",
    "Điện Biên Đông",
    "Nậm Pồ",
    "Mường Nhé",
    "Mường Chà",
    "Mường Ảng",
    "Tủa Chùa",
    "Mường Phăng",
    "Thanh Nưa",
    "Sín Thầu",
    "Si Pa Phìn",
    "Pá Khoang",
    "Noong Hẹt",
    "Thanh Xương",
    "Nà Tấu",
)
PEOPLE = (
    "Lò Văn Tiến",
    "Quàng Thị Hoa",
    "Giàng A Dế",
    "Lường Văn Minh",
    "Điêu Thị Lan",
    "Sùng A Páo",
    "Vừ Thị Mỷ",
    "Nguyễn Văn Bình",
    "Cà Văn Pọm",
    "Lý A Sử",
)
REPORTERS = (
    "Hà Linh",
    "Quang Long",
    "Ngọc Bích",
    "Hoàng Châu",
    "Minh Anh",
    "Thu Hà",
    "Phan Tuấn",
    "Kim Oanh",
    "Thanh Xuân",
)
PHOTOGRAPHERS = ("Trần Dũng", "An Chi", "Mai Giáp")
CREDITS = (
    None,
    None,
    "Photo: Trần Dũng",
    "Photo: Mai Giáp - Trần Dũng",
    "Photo: C.T.V",
    "File photo",
)
# section -> (weight, topics, verbs)
SECTIONS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "thoi-su-chinh-tri": (
        30,
        (
            "Party building",
            "border security",
            "grassroots democracy",
            "administrative reform",
            "the emulation movement",
            "militia training",
        ),
        ("steps up", "reviews", "strengthens", "launches", "completes"),
    ),
    "kinh-te": (
        18,
        (
            "coffee exports",
            "rice production",
            "rural roads",
            "OCOP products",
            "digital payments",
            "industrial clusters",
        ),
        ("boosts", "invests in", "expands", "promotes", "upgrades"),
    ),
    "xa-hoi": (
        15,
        (
            "boarding schools",
            "health stations",
            "clean water",
            "vocational training",
            "housing for the poor",
            "social insurance",
        ),
        ("improves", "builds", "supports", "expands", "renovates"),
    ),
    "doi-ngoai": (
        10,
        (
            "cooperation with Laos",
            "border trade with China",
            "twinned villages",
            "joint patrols",
            "student exchanges",
        ),
        ("deepens", "reviews", "promotes", "celebrates", "discusses"),
    ),
    "van-hoa": (
        12,
        (
            "xòe dance clubs",
            "brocade weaving",
            "the Ban Flower Festival",
            "Then singing",
            "Mông New Year games",
        ),
        ("revives", "celebrates", "preserves", "hosts", "honours"),
    ),
    "travel": (
        8,
        ("homestays", "trekking routes", "Pá Khoang Lake", "Pha Đin Pass", "historic relic sites"),
        ("welcomes", "opens", "promotes", "develops", "showcases"),
    ),
    "the-thao": (
        7,
        (
            "football",
            "volleyball",
            "crossbow shooting",
            "the provincial marathon",
            "traditional wrestling",
        ),
        ("hosts", "trains for", "wins at", "organizes", "revives"),
    ),
}
LEADS = (
    "Authorities in {place} have {verb_past} efforts on {topic} this year, aiming to improve the lives of people in remote villages.",
    "More than {n} people in {place} are set to benefit from a new plan on {topic} approved by the provincial People’s Committee.",
    "{topic_cap} has become a bright spot in {place}, where officials and residents have worked together to achieve results beyond the annual targets.",
    "Despite difficult terrain and limited resources, {place} has made steady progress on {topic}, according to a review conference held this week.",
)
SENTENCES = (
    "Local officials said the results came from close coordination between departments, mass organisations and village heads.",
    "In {place}, {n} households have taken part since the programme began, many of them from the Thái, Mông and Khơ Mú ethnic groups.",
    "The province has allocated VND {n}\u00a0billion for the next phase, focusing on the most disadvantaged communes.",
    "“We have learned that people must be at the centre of every effort,” said {person}, a commune official.",
    "Difficulties remain, including steep roads, unstable internet connections and a shortage of skilled staff.",
    "Border guards and the militia helped residents carry materials to villages that vehicles cannot reach.",
    "The provincial leader asked departments to review every target and report monthly on progress.",
    "Many young people who once left to work in industrial zones have returned to start businesses at home.",
    "Visitors can now book services online, and local guides speak English, French and Lao.",
    "[[b:More than {n} people]] attended the event, which ran from early morning until late evening.",
    "A similar model in {place} has been recognised as effective and will be replicated across the province.",
    "Residents praised the initiative, saying it had made daily life easier and more secure.",
    "The work is part of the national target programmes for ethnic minority and mountainous areas.",
    "According to {person}, the next step is to train more local staff and keep the momentum going.",
    "The {topic} effort drew support from businesses, [[i:overseas donors]] and the armed forces.",
)
HEADINGS = (
    "Results beyond expectations",
    "Remaining challenges",
    "Looking ahead",
    "A new approach",
    "Lessons learned",
    "People at the centre",
)
CAPTIONS = (
    "Officials inspect {topic} in {place}.",
    "Residents of {place} at the event.",
    "{person} speaks at the meeting.",
    "A view of {place}.",
    "Students in {place}.",
)
DATELINE_WEIGHTS = (60, 8, 8, 6, 5, 5, 8)  # same order as content.DATELINES


class _Writer:
    """Draws the parts of an article from the pools with one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str, topic: str) -> str:
        rng = self.rng
        return template.format(
            place=rng.choice(PLACES),
            person=rng.choice(PEOPLE),
            n=rng.randrange(12, 4000),
            topic=topic,
            topic_cap=topic[:1].upper() + topic[1:],
            verb_past=rng.choice(("stepped up", "renewed", "doubled", "accelerated")),
        )

    def paragraph(self, topic: str) -> str:
        return " ".join(
            self.fill(s, topic) for s in self.rng.sample(SENTENCES, self.rng.randint(2, 4))
        )

    def image(self, family: str, published: datetime, name: str, topic: str) -> Block:
        root = "/images/" if family == "c" else "/uploads/"
        folder = f"{published:%Y/%m}" if family == "c" else f"{published:%Y/%m/%d}"
        caption = self.fill(self.rng.choice(CAPTIONS), topic) if self.rng.random() < 0.9 else None
        credit = self.rng.choice(CREDITS) if caption else None
        return ("img", f"{root}{folder}/{name}.jpg", caption, credit)

    def blocks(self, family: str, published: datetime, slug: str, topic: str) -> list[Block]:
        out: list[Block] = []
        for index in range(self.rng.randint(3, 8)):
            if index and self.rng.random() < 0.15:
                out.append(("h", self.rng.choice(HEADINGS)))
            out.append(("p", self.paragraph(topic)))
            if self.rng.random() < 0.35:
                out.append(self.image(family, published, f"{slug[:40]}-{index}", topic))
        return out

    def byline(self) -> tuple[list[str], list[str], str | None]:
        """Return (byline lines, authors, author titles)."""
        rng, roll = self.rng, self.rng.random()
        name = rng.choice(REPORTERS)
        if roll < 0.55:
            return [name], [name], None
        if roll < 0.75:
            return [f"By {name}"], [name], None
        if roll < 0.8:
            first, second = rng.sample(PHOTOGRAPHERS, 2)
            return [f"Photos: {first} - {second}"], [first, second], None
        if roll < 0.84:
            person = rng.choice(PEOPLE)
            titles = "Member of the provincial Party Standing Committee, Vice Chairman of the provincial People’s Committee"
            return [f"Comrade {person}", titles], [person], titles
        return [], [], None


def _new_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        ident = "".join(rng.choice(ID_CHARS) for _ in range(8)) + rng.choice("Rg")
        if ident not in taken:
            taken.add(ident)
            return ident


def _article(writer: _Writer, index: int, published: datetime, taken: set[str]) -> Article:
    rng = writer.rng
    category = rng.choices(list(SECTIONS), weights=[w for w, _, _ in SECTIONS.values()])[0]
    _, topics, verbs = SECTIONS[category]
    family = "abc"[index % 3]
    forms = DATE_FORMS[family]
    topic = rng.choice(topics)
    title = f"{rng.choice(PLACES)} {rng.choice(verbs)} {topic}"
    ident = _new_id(rng, taken)
    lead = [writer.fill(rng.choice(LEADS), topic)]
    if family != "c" and rng.random() < 0.15:
        lead.append(writer.fill(rng.choice(SENTENCES), topic))
    byline, authors, titles = writer.byline()
    modified = None
    if family != "c" and rng.random() < 0.25:
        modified = published + timedelta(hours=rng.randint(1, 30), minutes=rng.randint(0, 59))
    return Article(
        id=ident,
        category=category,
        title=title,
        lead=lead,
        blocks=writer.blocks(family, published, slugify(title), topic),
        published=published,
        modified=modified,
        family=family,
        date_form=forms[(index // 3) % len(forms)],
        dateline=rng.choices(DATELINES, weights=DATELINE_WEIGHTS)[0],
        byline=byline,
        authors=authors,
        author_titles=titles,
    )


def _series(rng: random.Random, count: int, start: datetime, step: int) -> list[datetime]:
    """``count`` publication times from ``start``, 2 to 14 hours apart (``step`` ±1: direction)."""
    times, moment = [], start
    for _ in range(count):
        times.append(moment)
        moment += step * timedelta(hours=rng.randint(2, 14), minutes=rng.randrange(0, 60, 5))
    return times


def articles(count: int, *, seed: int = 0) -> list[Article]:
    """``count`` generated articles, the newest published at ``NEWEST``, going back in time."""
    rng = random.Random(seed)
    writer, taken = _Writer(rng), set()
    return [
        _article(writer, i, moment, taken)
        for i, moment in enumerate(_series(rng, count, NEWEST, -1))
    ]


def newer_articles(
    count: int, *, after: datetime, seed: int, taken: Iterable[str]
) -> list[Article]:
    """``count`` more articles published after ``after`` (ids distinct from ``taken``)."""
    rng = random.Random(f"{seed}:newer")
    writer, used = _Writer(rng), set(taken)
    start = after + timedelta(hours=3)
    return [
        _article(writer, i, moment, used) for i, moment in enumerate(_series(rng, count, start, 1))
    ]
