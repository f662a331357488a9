"""Sections and source articles of the platform mini-site.

Every expected record is derived from these objects (see ``build.record``), never from an
extractor. Articles are plain data: the lead and body as the editor typed them, images with their
caption and credit kept apart, the byline as its displayed lines, and how the page shows its date.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from . import seeds

SITE = "https://en.baodienbienphu.com.vn"
ICT = timezone(timedelta(hours=7))

# (path segment, label shown on the site today), in menu order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("thoi-su-chinh-tri", "NEWS - POLITICS"),
    ("kinh-te", "ECONOMY"),
    ("xa-hoi", "SOCIAL AFFAIRS"),
    ("doi-ngoai", "FOREIGN AFFAIRS"),
    ("van-hoa", "CULTURE - TOURISM"),
    ("travel", "TRAVEL"),
)
LABELS = dict(SECTIONS)


@dataclass(frozen=True)
class Img:
    """A picture in the article body; ``file`` is relative to the upload folder."""

    file: str
    caption: str | None
    credit: str | None = None
    # "figure": CKEditor 5 figure/figcaption; "para": centred <p><img></p> + <p><em>caption</em></p>
    style: str = "figure"
    nbsp_after: bool = False


# Body blocks: ("p", text) paragraph, ("sub", text) stand-alone sub-heading line,
# ("quote", text) a quoted paragraph in a <blockquote> (part of the text), ("img", Img),
# ("readmore", article_id) a "Read more:" link line, ("relbox", heading, (article_id, ...)).
Block = tuple


def _dt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ICT)


@dataclass(frozen=True)
class Article:
    aid: str
    cat: str
    slug: str
    title: str
    lead: tuple[str, ...]  # as displayed, dateline included
    body: tuple[Block, ...]
    byline: tuple[str, ...]  # displayed closing lines, empty when none
    authors: tuple[str, ...]
    published: datetime
    author_titles: str | None = None
    # How the visible date line reads: "thu" (Thứ Hai, 25/11/2024 10:30), "pipe"
    # (25/11/2024 | 10:30), "en" (Monday, 25/11/2024, 10:30 (GMT+7)), "dateonly" (25/11/2024).
    date_style: str = "thu"
    date_pos: str = "meta-row"  # "meta-row" under the title, or "crumb-row" beside the breadcrumb
    machine: str | None = None  # "meta" (article:published_time), "jsonld", "jsonld-utc", None
    modified: datetime | None = None
    modified_visible: bool = False
    editor_detail: bool = True
    byline_markup: str = "text-end"  # "text-end" class, "style" inline right alignment
    img_src: str = "abs"  # "abs" absolute URL, "root" root-relative, "lazy" data-src
    audio: str = "03:12"
    thumb: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{self.cat}/{self.slug}-{self.aid}.html"

    @property
    def url(self) -> str:
        return f"{SITE}/{self.path}"

    @property
    def label(self) -> str:
        return LABELS[self.cat]

    @property
    def date_only(self) -> bool:
        return self.date_style == "dateonly"


def _seed_key_military_goals() -> Article:
    s = seeds.KEY_MILITARY_GOALS
    cap = {s[3], s[8], s[12]}
    files = iter(
        (
            "2024/11/hoi-nghi-quan-su-1.jpg",
            "2024/11/hoi-nghi-quan-su-2.jpg",
            "2024/11/hoi-nghi-quan-su-3.jpg",
        )
    )
    body: list[Block] = []
    for para in s[2:-1]:
        if para in cap:
            body.append(("img", Img(next(files), para, None, nbsp_after=True)))
        else:
            body.append(("p", para))
    return Article(
        aid="PfKm24aLR",
        cat="thoi-su-chinh-tri",
        slug="dien-bien-achieves-key-military-goals-in-2024",
        title=s[0],
        lead=(s[1],),
        body=tuple(body),
        byline=(s[-1],),
        authors=("Hà Linh",),
        published=_dt("2024-11-26 10:05"),
        modified=_dt("2024-11-26 15:20"),
        date_style="thu",
        machine="meta",
        audio="03:41",
        thumb="2024/11/hoi-nghi-quan-su-1.jpg",
    )


def _seed_military_party_committee() -> Article:
    s = seeds.MILITARY_PARTY_COMMITTEE
    body: list[Block] = []
    for para in s[2:-2]:
        if para.endswith("File photo"):
            caption = para.removesuffix(" File photo")
            body.append(("img", Img("2025/07/dang-uy-quan-su-tinh.jpg", caption, "File photo")))
        elif para == "Outstanding results include:":
            body.append(("sub", para))
        else:
            body.append(("p", para))
    return Article(
        aid="PfQc25mTg",
        cat="thoi-su-chinh-tri",
        slug="building-the-provincial-military-party-committee-pure-strong-exemplary",
        title=s[0],
        lead=(s[1],),
        body=tuple(body),
        byline=(s[-2], s[-1]),
        authors=("Trần Quốc Cường",),
        author_titles=s[-1],
        published=_dt("2025-07-18 07:45"),
        date_style="pipe",
        machine="jsonld",
        audio="09:58",
        thumb="2025/07/dang-uy-quan-su-tinh.jpg",
    )


ARTICLES: tuple[Article, ...] = (
    Article(
        aid="PfVx01AbR",
        cat="xa-hoi",
        slug="health-workers-take-vaccines-to-highest-villages-of-muong-nhe",
        title="Health workers carry vaccines to the highest villages of Mường Nhé",
        lead=(
            "ĐBP - Before the first cold spell of the winter, health workers in Mường Nhé have "
            "walked for days along forest trails to bring vaccines to children in the most remote "
            "villages of the country’s westernmost commune.",
        ),
        body=(
            (
                "p",
                "The commune health station organised four mobile vaccination teams, each with "
                "a doctor, two nurses and a village health worker who speaks Hà Nhì or Mông. "
                "Vaccines were carried in cold boxes on foot and by motorbike to Tá Ko Khừ, "
                "Mường Toong and other villages near the border with Laos and China.",
            ),
            (
                "img",
                Img(
                    "2026/11/tiem-chung-muong-nhe-1.jpg",
                    "A nurse checks a child’s health before vaccination in Tá Ko Khừ village.",
                    "Photo: Thanh Xuân",
                ),
            ),
            (
                "p",
                "In ten days, the teams vaccinated more than 1,300 children under five against "
                "measles, rubella, diphtheria and whooping cough, and gave tetanus shots to "
                "pregnant women.",
            ),
            (
                "p",
                "Many parents had never taken their children to the commune station, which can "
                "be a full day’s walk away in the rainy season. Village health worker Sùng A "
                "Dế said families now wait at the community house when they hear the team is "
                "coming.",
            ),
            ("sub", "Keeping the cold chain"),
            (
                "p",
                "The hardest part is keeping vaccines between two and eight degrees Celsius on "
                "long journeys. Each cold box is checked with a thermometer twice a day, and "
                "teams spend the night in villages that have solar-powered refrigerators.",
            ),
            (
                "img",
                Img(
                    "2026/11/tiem-chung-muong-nhe-2.jpg",
                    "Health workers carry cold boxes across a stream on the way to Mường "
                    "Toong village.",
                    "Photo: Thanh Xuân",
                ),
            ),
            (
                "p",
                "The provincial Centre for Disease Control said vaccination coverage in "
                "Mường Nhé had risen to 92 per cent this year, up from 78 per cent three years "
                "ago, and the mobile model would be extended to Nậm Pồ and Mường Chà.",
            ),
        ),
        byline=("By Thanh Xuân",),
        authors=("Thanh Xuân",),
        published=_dt("2026-11-20 09:30"),
        date_style="thu",
        machine="meta",
        img_src="lazy",
        audio="02:54",
        thumb="2026/11/tiem-chung-muong-nhe-1.jpg",
    ),
    Article(
        aid="PfRs07nQg",
        cat="thoi-su-chinh-tri",
        slug="resolution-07-one-year-on",
        title="Provincial Party Committee reviews first year of Resolution No.07",
        lead=(
            "ĐBP – On November 16, the Standing Board of the provincial Party Committee held a "
            "conference to review one year of implementing Resolution No.07-NQ/TU on enhancing "
            "the leadership capacity and combat strength of grassroots Party organisations.",
            "Over the past year, communes and wards across Điện Biên have issued implementation "
            "plans tailored to local conditions, bringing the Resolution into the daily work of "
            "Party cells in villages and residential groups.",
        ),
        body=(
            (
                "p",
                "According to the report, 100 per cent of communes and wards have issued action "
                "programmes, and 45 grassroots Party committees have restructured their cells so "
                "that every village has a Party cell with at least three members.",
            ),
            (
                "p",
                "The quality of cell meetings has improved, with more topical meetings on "
                "poverty reduction, land management and the protection of border markers. The "
                "number of Party members admitted in border communes rose by 18 per cent "
                "compared with the previous year.",
            ),
            ("readmore", "PfQc25mTg"),
            (
                "p",
                "However, the conference pointed out that in some remote villages, cell "
                "secretaries still lack experience, and the digital platforms for Party "
                "management have not been used evenly.",
            ),
            (
                "img",
                Img(
                    "2026/11/so-ket-nghi-quyet-07.jpg",
                    "Delegates at the conference reviewing one year of Resolution No.07-NQ/TU.",
                    "Photo: Quang Long",
                ),
            ),
            (
                "p",
                "Concluding the conference, the Standing Deputy Secretary of the provincial "
                "Party Committee asked Party committees at all levels to focus on training cell "
                "secretaries, to assign clear tasks to each Party member and to make the "
                "results of the Resolution visible in the lives of the people.",
            ),
        ),
        byline=("By Quang Long",),
        authors=("Quang Long",),
        published=_dt("2026-11-16 14:00"),
        date_style="pipe",
        date_pos="crumb-row",
        machine="jsonld",
        audio="03:05",
        thumb="2026/11/so-ket-nghi-quyet-07.jpg",
    ),
    Article(
        aid="PfLd10hsR",
        cat="thoi-su-chinh-tri",
        slug="border-guards-and-villagers-clear-landslides",
        title="Border guards and villagers clear landslides on Nậm Pồ roads",
        lead=(
            "ĐBP- Heavy rain in early November caused more than 30 landslides on the roads "
            "leading to border villages in Nậm Pồ, cutting off hundreds of households.",
        ),
        body=(
            (
                "p",
                "Officers and soldiers of the Si Pa Phìn and Nà Hỳ border guard stations worked "
                "with local militia and villagers to clear earth and rocks by hand where "
                "excavators could not reach.",
            ),
            (
                "img",
                Img(
                    "2026/11/sat-lo-nam-po.jpg",
                    "Border guards and villagers clear a landslide on the road to Huổi "
                    "Thanh village.",
                    "Photo: C.T.V",
                    style="para",
                    nbsp_after=True,
                ),
            ),
            (
                "p",
                "After four days, the main road to the border markers was open again for "
                "motorbikes, and the border guards helped 12 families whose houses were at risk "
                "move their belongings to safer places.",
            ),
            (
                "p",
                "The district has asked the province for funds to build retaining walls on the "
                "most dangerous sections before the next rainy season.",
            ),
        ),
        byline=("Hoàng Châu",),
        authors=("Hoàng Châu",),
        published=_dt("2026-11-10 00:00"),
        date_style="dateonly",
        machine=None,
        byline_markup="style",
        img_src="root",
        audio="01:47",
        thumb="2026/11/sat-lo-nam-po.jpg",
    ),
    Article(
        aid="PfMt26rcg",
        cat="kinh-te",
        slug="muong-thanh-rice-trademark",
        title="Mường Thanh rice gets a boost from its collective trademark",
        lead=(
            "ĐBP - Ten years after it was granted a collective trademark, Mường Thanh rice is "
            "now sold in supermarkets in Hà Nội and on e‑commerce platforms, bringing higher and "
            "steadier incomes to farmers in the Mường Thanh valley.",
        ),
        body=(
            (
                "p",
                "The valley, the largest rice field in the northwestern mountains, has about "
                "3,000 hectares planted with fragrant varieties such as Bắc Thơm No.7, Séng Cù "
                "and Tám Điện Biên.",
            ),
            (
                "p",
                "Cooperatives have signed contracts with farmers to buy the whole crop at "
                "prices 10 to 15 per cent higher than on the open market, on condition that they "
                "follow a common process and keep a farming diary.",
            ),
            (
                "img",
                Img(
                    "2026/10/gao-muong-thanh.jpg",
                    "Harvesting rice in the Mường Thanh field.",
                    "Photo: Minh Anh",
                ),
            ),
            (
                "p",
                "Trademark labels with QR codes let buyers trace each bag to the field where "
                "the rice was grown. Director of the Thanh Xương Agricultural Cooperative "
                "Nguyễn Văn Thắng said sales through online channels had doubled this year.",
            ),
            (
                "p",
                "The province aims to have 5,000 hectares of high-quality rice linked to "
                "consumption chains by 2030.",
            ),
        ),
        byline=("Minh Anh",),
        authors=("Minh Anh",),
        published=_dt("2026-10-28 08:00"),
        date_style="pipe",
        machine=None,
        audio="02:21",
        thumb="2026/10/gao-muong-thanh.jpg",
    ),
    Article(
        aid="PfDp05wkR",
        cat="doi-ngoai",
        slug="dien-bien-and-phongsaly-strengthen-cooperation",
        title="Điện Biên and Phongsaly agree to deepen all-round cooperation",
        lead=(
            "ĐBP — A delegation of Điện Biên province led by the Chairman of the provincial "
            "People’s Committee held talks with the authorities of Phongsaly province, Laos, on "
            "October 5 to review cooperation and agree on orientations for the coming years.",
        ),
        body=(
            (
                "p",
                "The two sides noted that cooperation in border management, education, health "
                "care and trade had achieved practical results. Điện Biên has trained more than "
                "400 Lao students at its colleges and provincial political school since 2020.",
            ),
            (
                "p",
                "Speaking at the talks, the Governor of Phongsaly thanked Điện Biên for its "
                "support and said:",
            ),
            (
                "quote",
                "“The friendship between Phongsaly and Điện Biên was built by our "
                "grandparents in the years of fighting. It is our duty to pass it on to our "
                "children through concrete projects that improve the lives of people on "
                "both sides of the border.”",
            ),
            (
                "p",
                "The two provinces agreed to speed up the upgrade of the A Pa Chải – Long Phúc "
                "border gate pair, to open a trade fair in Mường Nhé next year and to "
                "coordinate in fighting cross‑border drug trafficking.",
            ),
            (
                "img",
                Img(
                    "2026/10/dien-bien-phongsaly.jpg",
                    "Leaders of the two provinces sign the minutes of the talks.",
                    "Photo: Phan Tuấn",
                ),
            ),
        ),
        byline=("By Phan Tuấn",),
        authors=("Phan Tuấn",),
        published=_dt("2026-10-05 16:20"),
        date_style="thu",
        machine="jsonld-utc",
        audio="02:36",
        thumb="2026/10/dien-bien-phongsaly.jpg",
    ),
    Article(
        aid="PfTh30lgg",
        cat="thoi-su-chinh-tri",
        slug="two-tier-local-government-first-year",
        title="Commune-level administration settles into its first year",
        lead=(
            "ĐBP - One year after the two-tier local government model took effect, the 45 "
            "communes and wards of Điện Biên have handled most administrative procedures close to "
            "where people live.",
        ),
        body=(
            (
                "p",
                "Public administration service centres in all communes received more than "
                "210,000 dossiers in the past twelve months, 96 per cent of which were settled on "
                "time. More than 60 per cent were submitted online.",
            ),
            (
                "p",
                "In Mường Phăng commune, residents no longer need to travel to the former "
                "district centre to register land or apply for social allowances. Officials "
                "said the biggest change was that staff now go to villages to guide people "
                "through the procedures.",
            ),
            (
                "p",
                "Remote communes still lack officials trained in land, construction and "
                "information technology, and the province has sent experienced staff to support "
                "them for six-month terms.",
            ),
        ),
        byline=(),
        authors=(),
        published=_dt("2026-07-30 10:45"),
        date_style="thu",
        machine="meta",
        audio="01:59",
        thumb="2026/07/trung-tam-hanh-chinh-cong.jpg",
    ),
    Article(
        aid="PfPd12vnR",
        cat="travel",
        slug="pha-din-pass-a-road-above-the-clouds",
        title="Pha Đin Pass, a road above the clouds",
        lead=(
            "ĐBP - Counted among the “four great passes” of the northern mountains, Pha Đin "
            "winds for more than 30 kilometres between Điện Biên and Sơn La, offering travellers "
            "sweeping views of terraced hills and seas of cloud.",
        ),
        body=(
            (
                "p",
                "The name comes from the Thái words “phạ” and “đin”, meaning the place where "
                "the sky meets the earth. At the top, about 1,650 metres above sea level, a "
                "viewing platform and a row of food stalls welcome visitors.",
            ),
            (
                "img",
                Img(
                    "2026/06/deo-pha-din.jpg",
                    "The winding road of Pha Đin Pass seen from the viewing platform.",
                    "Photo: Ngọc Bích",
                ),
            ),
            (
                "p",
                "The best time to visit is from October to April, when mornings are cold and "
                "clear and the hills are covered with wild sunflowers in November or with white "
                "ban flowers in March.",
            ),
            (
                "p",
                "Travellers on motorbikes are advised to check their brakes before the descent "
                "and to avoid the pass in heavy rain or fog.",
            ),
        ),
        byline=("By Ngọc Bích",),
        authors=("Ngọc Bích",),
        published=_dt("2026-06-12 08:40"),
        date_style="en",
        machine="jsonld",
        editor_detail=False,
        audio="02:02",
        thumb="2026/06/deo-pha-din.jpg",
    ),
    Article(
        aid="PfBn14phR",
        cat="van-hoa",
        slug="ban-flowers-bloom-across-dien-bien-hills",
        title="Ban flowers paint the Điện Biên hills white",
        lead=(
            "ĐBP - In March, ban flowers bloom along roads, hills and villages across Điện Biên, "
            "turning the mountains into a white and pink landscape that draws visitors from "
            "across the country.",
        ),
        body=(
            (
                "img",
                Img(
                    "2026/03/hoa-ban-1.jpg", "Ban flowers in full bloom on the road to Mường Phăng."
                ),
            ),
            (
                "img",
                Img(
                    "2026/03/hoa-ban-2.jpg", "A Thái girl in traditional dress among the ban trees."
                ),
            ),
            (
                "p",
                "The ban flower is a symbol of the Thái people and of faithful love in their "
                "folk tales.",
            ),
            (
                "img",
                Img(
                    "2026/03/hoa-ban-3.jpg",
                    "Tourists take photos at Điện Biên Phủ’s Ban Flower Festival.",
                ),
            ),
            (
                "img",
                Img("2026/03/hoa-ban-4.jpg", "Ban flower buds are also cooked in local dishes."),
            ),
            (
                "p",
                "Many families pick the young flowers and buds to make salads and stir-fried "
                "dishes served to guests during the festival.",
            ),
            (
                "img",
                Img(
                    "2026/03/hoa-ban-5.jpg",
                    "Ban flowers frame the Điện Biên Phủ Victory Monument on D1 Hill.",
                ),
            ),
        ),
        byline=("Photos: Trần Dũng - An Chi",),
        authors=("Trần Dũng", "An Chi"),
        published=_dt("2026-03-14 09:00"),
        date_style="pipe",
        machine="meta",
        audio="00:58",
        thumb="2026/03/hoa-ban-1.jpg",
    ),
    Article(
        aid="PfTr09kaR",
        cat="thoi-su-chinh-tri",
        slug="provincial-military-command-launches-2026-training",
        title="Provincial Military Command launches 2026 training year",
        lead=(
            "ĐBP - On January 9, the Điện Biên provincial Military Command held a ceremony to "
            "launch the 2026 training year, with the goal of building regular, elite and modern "
            "local armed forces.",
        ),
        body=(
            (
                "p",
                "In 2025, the provincial armed forces completed all training programmes, with "
                "more than 80 per cent of trainees achieving good or excellent results. The "
                "provincial defence area exercise was rated excellent by Military Region 2.",
            ),
            ("relbox", "Related news", ("PfKm24aLR",)),
            (
                "p",
                "This year, units will focus on combat readiness in border areas, training "
                "militia forces under the two-tier local government model, and search and rescue "
                "in natural disasters.",
            ),
            (
                "img",
                Img(
                    "2026/01/ra-quan-huan-luyen.jpg",
                    "Officers and soldiers march at the launching ceremony.",
                    "Photo: Hà Linh",
                ),
            ),
            (
                "p",
                "On this occasion, the Command presented certificates of merit to 15 collectives "
                "and 27 individuals with outstanding achievements in training in 2025.",
            ),
        ),
        byline=("Hà Linh",),
        authors=("Hà Linh",),
        published=_dt("2026-01-09 07:30"),
        date_style="en",
        machine="meta",
        audio="01:52",
        thumb="2026/01/ra-quan-huan-luyen.jpg",
    ),
    Article(
        aid="PfSt05teg",
        cat="kinh-te",
        slug="tua-chua-shan-tuyet-tea-granted-geographical-indication",
        title="Tủa Chùa Shan Tuyết tea granted geographical indication",
        lead=(
            "ĐBP  - The National Office of Intellectual Property has granted a geographical "
            "indication to Tủa Chùa Shan Tuyết tea, opening the way for the ancient tea of the "
            "Điện Biên highlands to reach demanding markets.",
        ),
        body=(
            (
                "p",
                "Tủa Chùa has more than 700 hectares of Shan Tuyết tea, including some 3,000 "
                "ancient trees over 100 years old growing at altitudes of 1,200 to 1,500 "
                "metres. Their leaves are covered with fine white down, which gives the tea its "
                "name, meaning “snow”.",
            ),
            (
                "p",
                "The geographical indication covers tea grown and processed in seven communes "
                "of the former district. Producers must follow rules on picking, withering and "
                "roasting to use the indication on their packaging.",
            ),
            (
                "img",
                Img(
                    "2025/12/che-shan-tuyet.jpg",
                    "Mông women pick tea from ancient trees in Sín Chải.",
                    "Photo: Mai Giáp - Trần Dũng",
                ),
            ),
            ("relbox", "Related articles", ("PfMt26rcg", "PfBn14phR")),
            (
                "p",
                "Giàng A Tủa, director of a tea cooperative in Sính Phình, said buyers from "
                "Hà Nội and Japan had asked for samples since the news spread. The cooperative "
                "plans to double its processing capacity next year.",
            ),
        ),
        byline=("Kim Oanh",),
        authors=("Kim Oanh",),
        published=_dt("2025-12-05 15:10"),
        modified=_dt("2025-12-06 08:25"),
        modified_visible=True,
        date_style="thu",
        machine=None,
        audio="02:13",
        thumb="2025/12/che-shan-tuyet.jpg",
    ),
    Article(
        aid="PfBr14dwg",
        cat="van-hoa",
        slug="artisans-keep-thai-brocade-weaving-alive",
        title="Artisans keep Thái brocade weaving alive in Mường Lói",
        lead=(
            "ĐBP - In the stilt houses of Mường Lói commune, the sound of looms still fills the "
            "afternoons, as older women teach their daughters and granddaughters to weave the "
            "patterns of the Thái people.",
        ),
        body=(
            (
                "p",
                "The commune’s brocade cooperative has 35 members who weave scarves, skirts and "
                "bags from cotton they grow, spin and dye themselves with indigo and forest "
                "bark.",
            ),
            (
                "p",
                "Each traditional skirt takes about a month to finish. Artisan Lò Thị Xuân, 67, "
                "said young women now want to learn again because tourists and shops in "
                "Điện Biên Phủ buy their products at good prices.",
            ),
            (
                "img",
                Img(
                    "2025/10/tho-cam-muong-loi.jpg",
                    "Artisan Lò Thị Xuân teaches her granddaughter to weave.",
                    "Photo: Thu Hà",
                    style="para",
                    nbsp_after=True,
                ),
            ),
            (
                "p",
                "The provincial culture department is supporting the cooperative to register "
                "a collective trademark and to open a display room for visitors.",
            ),
        ),
        byline=("Thu Hà",),
        authors=("Thu Hà",),
        published=_dt("2025-10-14 10:00"),
        modified=_dt("2025-10-15 09:40"),
        date_style="thu",
        date_pos="crumb-row",
        machine="meta",
        audio="01:46",
        thumb="2025/10/tho-cam-muong-loi.jpg",
    ),
    _seed_military_party_committee(),
    Article(
        aid="PfWa30cmR",
        cat="xa-hoi",
        slug="clean-water-reaches-muong-cha-villages",
        title="Clean water reaches highland villages of Mường Chà",
        lead=(
            "Thousands of people in the highland villages of Mường Chà no longer have to carry "
            "water from streams, after three water supply works were handed over before the "
            "dry season.",
        ),
        body=(
            (
                "p",
                "The works, funded by the national target programme for ethnic minority and "
                "mountainous areas, draw water from springs high in the forest and pipe it to "
                "tanks in the centre of each village.",
            ),
            (
                "p",
                "Previously, women and children in Huổi Lèng and Sá Tổng spent two to three "
                "hours a day fetching water in the dry months. Now every cluster of houses has "
                "a tap.",
            ),
            (
                "img",
                Img(
                    "2025/04/nuoc-sach-muong-cha.jpg",
                    "Villagers in Huổi Lèng use water from the new supply work.",
                    "Photo: Thu Hà",
                ),
            ),
            (
                "p",
                "Community management teams have been set up to collect a small fee and repair "
                "the pipes, so that the works can last.",
            ),
        ),
        byline=("Thu Hà",),
        authors=("Thu Hà",),
        published=_dt("2025-04-30 11:15"),
        date_style="pipe",
        machine="jsonld",
        img_src="root",
        audio="01:39",
        thumb="2025/04/nuoc-sach-muong-cha.jpg",
    ),
    _seed_key_military_goals(),
)

# The article a later visit finds on top of everything (variant "new-article").
NEW_ARTICLE = Article(
    aid="PfNw22vtg",
    cat="thoi-su-chinh-tri",
    slug="voters-meet-national-assembly-deputies-ahead-of-session",
    title="Voters in Điện Biên Đông meet National Assembly deputies",
    lead=(
        "ĐBP - On November 22, National Assembly deputies of Điện Biên province met voters in "
        "Điện Biên Đông and Na Son communes to report on the results of the National Assembly’s "
        "latest session.",
    ),
    body=(
        (
            "p",
            "Voters thanked the deputies for their attention to rural roads and to the programme "
            "that has brought the national grid to remote villages.",
        ),
        (
            "p",
            "They also raised concerns about landslides on inter-commune roads, the shortage of "
            "teachers at boarding schools and the slow payment of forest protection "
            "allowances.",
        ),
        (
            "img",
            Img(
                "2026/11/tiep-xuc-cu-tri.jpg",
                "Voters in Na Son commune speak at the meeting.",
                "Photo: Quang Long",
            ),
        ),
        (
            "p",
            "The deputies said issues within the remit of the province would be dealt with "
            "promptly, while proposals on central policies would be submitted to the relevant "
            "ministries.",
        ),
    ),
    byline=("By Quang Long",),
    authors=("Quang Long",),
    published=_dt("2026-11-22 15:10"),
    date_style="thu",
    machine="meta",
    audio="01:33",
    thumb="2026/11/tiep-xuc-cu-tri.jpg",
)


def articles(variant: str = "normal") -> list[Article]:
    """The site's articles, newest first."""
    items = list(ARTICLES)
    if variant == "new-article":
        items.append(NEW_ARTICLE)
    return sorted(items, key=lambda a: a.published, reverse=True)


def validate() -> None:
    """Ids unique, 9 characters ending in R or g, texts NFC, link targets present."""
    everything = [*ARTICLES, NEW_ARTICLE]
    ids = [a.aid for a in everything]
    assert len(set(ids)) == len(ids), ids
    for art in everything:
        assert len(art.aid) == 9 and art.aid.isalnum() and art.aid[-1] in "Rg", art.aid
        assert "Pf" in art.aid
        assert art.cat in LABELS
        texts = [art.title, *art.lead, *art.byline]
        for block in art.body:
            if block[0] in ("p", "sub", "quote"):
                texts.append(block[1])
            elif block[0] == "img":
                texts.extend(t for t in (block[1].caption, block[1].credit) if t)
            elif block[0] == "readmore":
                assert block[1] in ids
            elif block[0] == "relbox":
                assert all(t in ids for t in block[2])
        for text in texts:
            assert unicodedata.normalize("NFC", text) == text, text
