# ruff: noqa: E501 - prose: one paragraph per line reads better than wrapped string pieces.
"""The source data of the fixture mirror: sections and 43 articles, in Python.

Everything the expected records say comes from here, never from an extractor. An article's
``blocks`` are its body in reading order:

- ``("p", text)``: a paragraph; ``("h", text)``: a short sub-heading;
- ``("img", src_path, caption_or_None, credit_or_None)``: an image (root path; each family writes
  the ``src`` in its own link form) with its caption and the credit written after it.

Paragraph text may hold inline markup, written ``[[b:bold words]]``, ``[[i:italic words]]`` and
``[[a:TARGET|linked words]]`` (TARGET: an article id of this mirror or an absolute URL);
``plain_text`` strips it. Text is NFC; some paragraphs hold a no-break space (U+00A0) that the
expected record turns into a plain space.

``dateline`` is the lead's prefix exactly as the page writes it (``""``: no dateline);
``byline`` the lines at the end of the body; ``authors`` and ``author_titles`` what a reader takes
from them. ``family`` picks the article markup (a, b, c: see ``templates``) and ``date_form`` the
date forms that page carries (see ``DATE_FORMS``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

ICT = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh, no daylight saving

Block = tuple[str, ...]

# family -> the date forms its pages can carry:
#   meta: article:published_time (+ article:modified_time when modified) and a visible
#         "Thứ Hai, 25/11/2024 10:30";
#   time / time-utc: <time datetime> and JSON-LD datePublished in +07:00 / in UTC ("…Z");
#   pipe "25/11/2024 | 10:30", gmt "Monday, 25/11/2024 - 10:30 (GMT+7)",
#   thu "Thứ Hai, 25/11/2024 10:30", month "November 25, 2024" (no time: expected 00:00):
#         the only date of a family c page, as visible text.
DATE_FORMS: dict[str, tuple[str, ...]] = {
    "a": ("meta",),
    "b": ("time", "time-utc"),
    "c": ("pipe", "gmt", "thu", "month"),
}
DATELINES = ("ĐBP - ", "ĐBP – ", "ĐBP — ", "ĐBP- ", "ĐBP  - ", "ĐBP -  ", "")
# Articles published from this day on show the renamed economy label.
ECONOMY_RENAMED = datetime(2025, 11, 1, tzinfo=ICT)


@dataclass(frozen=True, slots=True)
class Section:
    """A site section: URL ``slug``, ``label`` shown today, ``menu`` name, ``listing`` family."""

    slug: str
    label: str
    menu: str
    listing: str  # "L1" (div blocks, ul.pagination) or "L2" (table rows, "1 2 3 »" pager)


SECTIONS: tuple[Section, ...] = (
    Section("thoi-su-chinh-tri", "NEWS - POLITICS", "Politics", "L1"),
    Section("kinh-te", "ECONOMY", "Economy", "L2"),
    Section("xa-hoi", "SOCIAL AFFAIRS", "Social Affairs", "L1"),
    Section("doi-ngoai", "FOREIGN AFFAIRS", "Foreign Affairs", "L2"),
    Section("van-hoa", "CULTURE - TOURISM", "Culture - Tourism", "L1"),
    Section("travel", "TRAVEL", "Travel", "L2"),
    Section("the-thao", "SPORTS", "Sports", "L1"),
)
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return a publication time in the paper's time zone (+07:00)."""
    return datetime(year, month, day, hour, minute, tzinfo=ICT)


def slugify(text: str) -> str:
    """Return the URL slug of a title: ASCII, diacritics stripped, lowercase, hyphens."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def label_for(category: str, published: datetime) -> str:
    """Return the label an article page of ``category`` shows for its publication time."""
    if category == "kinh-te" and published < ECONOMY_RENAMED:
        return "BUSINESS"
    return SECTION_BY_SLUG[category].label


_INLINE_RE = re.compile(r"\[\[([abi]):(?:([^|\]]+)\|)?([^\]]+)\]\]")


def plain_text(text: str) -> str:
    """Return paragraph text without its inline markup."""
    return _INLINE_RE.sub(lambda m: m.group(3), text)


def inline_parts(text: str) -> list[tuple[str, str | None, str]]:
    """Split paragraph text into ``(kind, target, text)``: kind "" (plain), "a", "b" or "i"."""
    parts: list[tuple[str, str | None, str]] = []
    last = 0
    for match in _INLINE_RE.finditer(text):
        if match.start() > last:
            parts.append(("", None, text[last : match.start()]))
        parts.append((match.group(1), match.group(2), match.group(3)))
        last = match.end()
    if last < len(text):
        parts.append(("", None, text[last:]))
    return parts


@dataclass(kw_only=True, slots=True)
class Article:
    """One article of the mirror (see the module docstring for the fields)."""

    id: str
    category: str
    title: str
    lead: list[str]
    blocks: list[Block]
    published: datetime
    family: str
    date_form: str
    dateline: str = "ĐBP - "
    byline: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    author_titles: str | None = None
    modified: datetime | None = None
    slug: str = ""  # default: slugify(title)
    label: str = ""  # default: label_for(category, published)
    aliases: tuple[str, ...] = ()  # other category path segments serving the same page
    encoding: str = "plain"  # family c only: "entities" (numeric references) or "nfd"

    def __post_init__(self) -> None:
        self.slug = self.slug or slugify(self.title)
        self.label = self.label or label_for(self.category, self.published)

    @property
    def path(self) -> str:
        """The canonical URL path, ``/{category}/{slug}-{id}.html``."""
        return f"/{self.category}/{self.slug}-{self.id}.html"

    def images(self) -> list[Block]:
        """The body's image blocks in order."""
        return [block for block in self.blocks if block[0] == "img"]


ARTICLES: list[Article] = [
    # Seed 1: the signed op-ed (from tests/platformgen/seeds.py).
    Article(
        id="wZVLwJQNR",
        category="thoi-su-chinh-tri",
        title="Building the Điện Biên provincial Military Party Committee to be pure, strong, “outstanding and exemplary”",
        lead=[
            "Điện Biên is a mountainous, border province in the Northwest, sharing a national border with both Laos and China. It holds an important strategic position in socio-economic development, national defense, and security within the overall defensive posture of Military Region 2 and the entire country."
        ],
        blocks=[
            (
                "p",
                "During the 2020-2025 period, our province’s socio-economic situation has developed positively; national defense and security have been consolidated and strengthened; and the organizational streamlining revolution has been implemented resolutely. However, hostile and reactionary forces have intensified their sabotage activities; there have been cases of spontaneous migration, illegal border crossings, and cross-border drug-related crimes; and natural disasters and epidemics, especially the COVID-19 pandemic, have evolved unpredictably.",
            ),
            (
                "p",
                "In that situation, the provincial Military Party Committee has led and directed the implementation of decisive and synchronous measures, excellently fulfilling military and defense tasks; building strong provincial armed forces worthy of being a reliable and steadfast support for Party committees, local authorities, and the people of all ethnic groups in the province.",
            ),
            ("p", "Outstanding results include:"),
            (
                "p",
                "First, the provincial Military Party Committee has advised the Party Committee and High Command of Military Region 2, the Border Guard Command, the provincial Party Committee, the provincial People’s Council, and the provincial People’s Committee to thoroughly grasp and implement synchronized measures to realize the Party’s guidelines and the State’s policies and laws on military, defense, border, and homeland protection in the new situation. Many documents have been issued to concretize leadership and direction, closely aligned with tasks and local realities. It has effectively played its core role in building an all-people national defense posture linked with the all-people public security posture, all-people border defense posture, and a firm “people’s heart-and-mind posture.” It successfully organized the celebration of the 70th anniversary of the Điện Biên Phủ Victory.",
            ),
            (
                "img",
                "/uploads/2025/08/14/tran-quoc-cuong-chairs-military-party-committee-meeting.jpg",
                "Comrade Trần Quốc Cường chairs a meeting of the provincial Military Party Committee.",
                "File photo",
            ),
            (
                "p",
                "Second, training and combat readiness have always been top priorities. Inspection results showed 100% of trainees meeting requirements, with over 83% achieving good or excellent results. The successful organization of the 2021 provincial defense area exercise, evaluated by Military Region 2 as “excellent,” demonstrated the capability in organization, command, and coordination among military, border guard, militia, and police forces. The provincial Military Party Committee has affirmed its leadership role in building and operating a solid defensive combat posture; leading training methods toward modernization and adapting combat readiness to local realities.",
            ),
            (
                "p",
                "Third, the reserve and militia forces have been built and consolidated sufficiently in quantity and quality, close to reality, ensuring quick mobilization when necessary. Conscription has always complied with the law and met or exceeded assigned quotas. Logistics and technical work have been conducted strictly and methodically. The value of agricultural production per capita reached over VND 1.36 million/year; 99.25% of troops met health standards. All warehouses, depots, and workshops met technical safety standards; barracks infrastructure was invested in to meet requirements.",
            ),
            (
                "p",
                "Fourth, disaster prevention, epidemic control, and search and rescue tasks have been performed promptly and effectively (especially in COVID-19 prevention and in overcoming the consequences of flash floods in Mường Pồn). The provincial armed forces deployed more than 22,700 personnel and 800 vehicles to remedy disaster consequences and quickly stabilize people’s lives, confirming their role as a solid support for Party committees, local authorities, and the people in any situation.",
            ),
            (
                "p",
                "Fifth, civil-military affairs and border defense diplomacy have been expanded; regular coordination with armed forces from neighboring Lao and Chinese provinces to exchange information and experiences; organization of people-to-people exchanges and twinning of border villages; joint efforts to maintain security and order, combat cross-border crimes; and building a peaceful, friendly, cooperative, and developed border.",
            ),
            (
                "p",
                "Sixth, Party building has been emphasized; studying and following Hồ Chí Minh’s thought, morality, and style has been implemented substantively; patriotic emulation movements have been concretized through practical actions, contributing to raising the awareness and responsibility of officers and soldiers. Effective models such as the “Four-Good Cell” and “Four-Good Grassroots-level Party Committee” have been maintained. Over 98% of grassroots-level party organizations and members have completed their tasks well or excellently. Internal political protection and the prevention of “self-evolution” and “self-transformation” have been implemented resolutely and in accordance with principles, with no serious violations. Party member development has been strengthened, especially in grassroots-level, remote, and border areas.",
            ),
            (
                "p",
                "Looking ahead, the global and regional situation will continue to change rapidly and unpredictably; the explosion of science, technology, and artificial intelligence poses new challenges to homeland defense tasks. In the province, hostile and reactionary forces will continue sabotage activities and illegal religious propagation; drug-related crimes, natural disasters, and epidemics remain complex risks; the implementation of the two-tier local government model raises new issues regarding force deployment and building the provincial defense area posture. These factors will directly impact the fulfillment of military and defense objectives and tasks for the 2025-2030 term.",
            ),
            (
                "p",
                "To build the provincial Military Party Committee truly pure, strong, “outstanding and exemplary,” and to lead the successful implementation of local military and defense tasks, Party committees, organizations, officers, and soldiers of the provincial armed forces must focus on the following key tasks and solutions:",
            ),
            (
                "p",
                "Continue to deeply grasp and strictly, effectively implement the Party’s guidelines and the State’s policies and laws on military and defense tasks. Closely follow the resolutions and directives of the Central Military Commission, Defense Ministry, Border Guard Command, Military Region 2 Command, and the provincial Party Committee to concretize them into practical programs and action plans. Lead and direct military-defense and border defense tasks in conjunction with socio-economic development. Enhance the leadership capacity of Party committees and the management capacity of local authorities for building and operating the provincial defense area.",
            ),
            (
                "p",
                "Build a strong Party Committee in politics, ideology, morality, organization, and personnel. Promote studying and following Hồ Chí Minh’s thought, morality, and style in association with strictly implementing the Party Central Committee’s Resolution No.4 (12th and 13th terms) on Party building and rectification. Improve the quality of cell activities, promote democracy, and uphold Party principles. Build exemplary officers and Party members with firm political will, absolute loyalty to the Party, the Fatherland, and the People.",
            ),
            (
                "p",
                "Improve training and combat readiness quality in line with local realities and tasks; focus on communications-electronics and high-tech warfare training; take building regularity and discipline as the foundation. Innovate training and exercise content and methods; focus on synchronous, in-depth, reality-based training adapted to terrain and combat objects. Build strong and widespread militia and reserve forces as the core in protecting the grassroots level in all situations.",
            ),
            (
                "p",
                "Enhance defense and security education for all groups; raise awareness and responsibility of the entire political system and the people in performing military-defense tasks. Strengthen propaganda and build a solid all-people national defense posture associated with all-people public security and border defense, especially in key, border, remote, and ethnic minority areas.",
            ),
            (
                "p",
                "Promote the core role of the provincial armed forces in disaster prevention, search and rescue, political security, and social order protection. Proactively build effective response plans for non-traditional security threats, creating favorable conditions for socio-economic development. Strengthen civil-military work, stay close to and assist the people, join them in sustainable poverty reduction, and develop culture and society; consolidate a strong “people’s heart-and-mind posture” and foster close bonds between the military and the people.",
            ),
            (
                "p",
                "Strengthen internal political protection and safeguarding Party secrets. Lead well in defense inspection and supervision; boost IT application and digital transformation in management, command, and administration. Increase investment in equipment and infrastructure for training, combat readiness, logistics, and technical tasks. Organize effective local logistics, ensuring adequate supplies, regimes, and policies for officers and soldiers; continue to promote effective agricultural production and build green, clean, beautiful, and regular units.",
            ),
            (
                "p",
                "Expand defense cooperation and promote effective border defense diplomacy. Maintain coordination with Lao and Chinese security forces in professional exchanges, border control, environmental protection, and crime prevention; build a peaceful, stable, and developed border area.",
            ),
            (
                "p",
                "Take care of the material and spiritual lives of officers and soldiers; implement good policies for military rear services. Continue to promote the gratitude movement, support policy families and people with meritorious services, and effectively organize social security activities.",
            ),
        ],
        byline=[
            "Comrade Trần Quốc Cường",
            "Member of the Party Central Committee, Secretary of the provincial Party Committee, Secretary of the provincial Military Party Committee",
        ],
        authors=["Trần Quốc Cường"],
        author_titles="Member of the Party Central Committee, Secretary of the provincial Party Committee, Secretary of the provincial Military Party Committee",
        published=at(2025, 8, 14, 8, 30),
        modified=at(2025, 8, 14, 16, 5),
        family="a",
        date_form="meta",
    ),
    # Seed 2 (from tests/platformgen/seeds.py).
    Article(
        id="Kq7vTmXaR",
        category="thoi-su-chinh-tri",
        title="Điện Biên achieves key military goals in 2024",
        dateline="ĐBP — ",
        lead=[
            "The People’s Committee of Điện Biên Province highlighted significant achievements in military and defence work during the year-end conference held on November 25."
        ],
        blocks=[
            (
                "p",
                "The event was attended by Lò Văn Phương, member of the provincial Party Standing Committee and Chairman of the provincial People's Council; Lò Văn Tiến, Vice Chairman of the provincial People’s Committee; and representatives from the Military Region 2 leadership.",
            ),
            (
                "img",
                "/uploads/2024/11/25/vice-chairman-lo-van-tien-speaks.jpg",
                "Lò Văn Tiến, Vice Chairman of the provincial People’s Committee, speaks at the conference.",
                None,
            ),
            (
                "p",
                "Under the leadership of the Party, State, and Military Region 2 Command, and with the oversight of provincial authorities, Điện Biên successfully achieved its 2024 military and defence objectives.",
            ),
            (
                "p",
                "Proactive monitoring of political and security developments enabled the province to promptly address emerging issues, maintaining stability and preventing unexpected disruptions. The province safeguarded national independence, sovereignty, and territorial integrity while strengthening the all-people national defence system. Efforts included integrating defence with public security and border strategies, as well as enhancing the resilience and effectiveness of provincial and district defence zones.",
            ),
            (
                "p",
                "A special focus was placed on training and raising defence and security awareness among targeted groups. Innovations in managing and training militia, self-defence forces, and reserve units ensured their readiness for any mission.",
            ),
            (
                "p",
                "Significantly, the province achieved 100 per cent of its 2024 recruitment targets, meeting high standards in quality and efficiency.",
            ),
            (
                "img",
                "/uploads/2024/11/25/unit-receives-flag.jpg",
                'A unit receives the "Outstanding comprehensive excellence" flag and the "Advanced unit" title.',
                None,
            ),
            (
                "p",
                "Party and public organisations were consistently strengthened, with officers and soldiers of the armed forces demonstrating unwavering loyalty to Party leadership and readiness to execute all assigned tasks.",
            ),
            (
                "p",
                "Vice Chairman Lò Văn Tiến highlighted the importance of addressing challenges to political security, social order, and national border sovereignty in 2025. He urged all levels and sectors to prioritise key tasks, including the effective implementation of national defence policies, reinforcing Party-building efforts, and modernising the armed forces. Recruitment, conscription, and military diplomacy will remain central to these efforts.",
            ),
            (
                "p",
                "Combat readiness will be strictly maintained, particularly during Party Congresses for the 2025–2030 term. Training methods will adhere to the principles of “Basic, Practical, and Solid,” while comprehensive preparations will be undertaken for the Việt Nam–Laos–China defence friendship exchange.",
            ),
            (
                "img",
                "/uploads/2024/11/25/military-region-2-honours-units.jpg",
                'Leader from Military Region 2 honours units with the "Winning unit" title.',
                None,
            ),
            (
                "p",
                "At the conference, Military Region 2 presented the “Outstanding Comprehensive Excellence” flag and the “Advanced Unit” title to one collective, recognised 13 collectives as “Winning Units,” and honoured 22 individuals with titles including “Grassroots Emulation Soldier” and “Advanced Soldier.”",
            ),
        ],
        byline=["Hà Linh"],
        authors=["Hà Linh"],
        published=at(2024, 11, 25, 17, 40),
        family="b",
        date_form="time",
    ),
    Article(
        id="VGOeUvfJg",
        category="thoi-su-chinh-tri",
        title="Provincial Party Congress sets course for 2025–2030 term",
        slug=slugify("Dien Bien Party Congress opens with 350 delegates"),
        lead=[
            "The 15th Congress of the Điện Biên provincial Party Organization opened on Wednesday morning with 350 delegates representing more than 54,000 Party members across the province."
        ],
        blocks=[
            (
                "p",
                "Over three working days, delegates will review the implementation of the resolution of the previous congress, discuss the draft documents to be submitted to the 14th National Party Congress, and elect the new provincial Party Committee for the 2025–2030 term.",
            ),
            ("h", "Growth above the national average"),
            (
                "p",
                "According to the political report, the province’s gross regional domestic product grew by an average of 7.2% a year over the past five years. Per capita income nearly doubled, while the poverty rate under the multidimensional standard fell by around 5 percentage points a year, the fastest pace among the northern mountainous provinces.",
            ),
            (
                "img",
                "/images/2025/10/party-congress-delegates-vote.jpg",
                "Delegates vote to approve the congress’s working program.",
                "Photo: Mai Giáp - Trần Dũng",
            ),
            (
                "p",
                "Transport infrastructure saw a breakthrough with the start of the Điện Biên – Sơn La – Hà Nội expressway project and the expansion of Điện Biên Phủ Airport, which now receives larger aircraft and evening flights.",
            ),
            ("h", "Three strategic breakthroughs"),
            (
                "p",
                "For the new term, the congress proposed three breakthroughs: completing a synchronized transport network linking the province with the Northwest and Laos; developing high-quality human resources, especially among ethnic minority communities; and reforming administrative procedures to attract investment in tourism, agriculture and renewable energy.",
            ),
            (
                "p",
                "Delegates also agreed that the two-tier local government model, in place since July 1, must be made to run smoothly so that communes can serve residents faster and closer to where they live.",
            ),
        ],
        byline=["By Quang Long"],
        authors=["Quang Long"],
        published=at(2025, 10, 22, 11, 30),
        family="c",
        date_form="gmt",
    ),
    Article(
        id="huG8GP38R",
        category="thoi-su-chinh-tri",
        title="Điện Biên celebrates 70th anniversary of historic victory",
        lead=[
            "Điện Biên Phủ city was bathed in red flags as tens of thousands of people, veterans and international guests gathered at the provincial stadium to celebrate the 70th anniversary of the Điện Biên Phủ Victory (May 7, 1954 – May 7, 2024).",
            "The ceremony, broadcast live nationwide, featured a military parade, a march of more than 12,000 people and an art programme recalling the 56 days and nights of the historic campaign.",
        ],
        blocks=[
            ("h", "A tribute to past generations"),
            (
                "p",
                "In his speech, the provincial leader paid tribute to the generals, officers, soldiers, volunteer youths and porters who fought and fell for the independence and freedom of the nation. “The victory belongs to the whole people,” he said, “and it remains a source of pride and strength for Điện Biên today.”",
            ),
            (
                "img",
                "/uploads/2024/05/07/army-blocks-march-past-the-stand.jpg",
                "Army blocks march past the stand during the celebration.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Veterans who had come from across the country were given a place of honour in the front rows. Many of them, now in their nineties, wept as [[b:the march of people in 1954 uniforms]] passed by with bicycles loaded with rice, recreating the supply lines that fed the front.",
            ),
            ("h", "A city with a new look"),
            (
                "p",
                "Ahead of the anniversary, the province completed a series of key projects, including the new passenger terminal at Điện Biên Phủ Airport, the renovated Hill A1 relic site and a riverside park along the Nậm Rốm.",
            ),
            (
                "img",
                "/uploads/2024/05/07/visitors-light-incense-martyrs-cemetery.jpg",
                "Visitors light incense at the A1 Martyrs’ Cemetery.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Hotels and homestays in the city were fully booked throughout the week, and the provincial tourism department estimated that the celebrations drew around 150,000 visitors, a record for a single event.",
            ),
        ],
        byline=["Hoàng Châu"],
        authors=["Hoàng Châu"],
        published=at(2024, 5, 7, 7, 30),
        family="a",
        date_form="meta",
    ),
    Article(
        id="4o5MNJAYg",
        category="thoi-su-chinh-tri",
        title="Deputies meet voters in border district of Mường Nhé",
        dateline="ĐBP- ",
        lead=[
            "National Assembly deputies of the Điện Biên delegation met voters in Mường Nhé district on Thursday ahead of the seventh session of the 15th National Assembly."
        ],
        blocks=[
            (
                "p",
                "Voters in the border communes of Sín Thầu, Leng Su Sìn and Chung Chải thanked the deputies for their attention to road building and to the programme that has brought electricity to remote villages over the past two years.",
            ),
            (
                "p",
                "They also raised concerns about landslides along the road to the A Pa Chải border marker, the shortage of teachers at boarding schools and the slow payment of forest protection allowances.",
            ),
            (
                "img",
                "/uploads/2024/03/21/voters-in-muong-nhe-raise-concerns.jpg",
                "A voter in Sín Thầu commune raises concerns at the meeting.",
                None,
            ),
            (
                "p",
                "Responding, the head of the delegation said that issues within the remit of the district would be dealt with promptly, while proposals on central policies would be compiled and submitted to the National Assembly and relevant ministries.",
            ),
        ],
        byline=["Thu Hà"],
        authors=["Thu Hà"],
        published=at(2024, 3, 21, 15, 10),
        family="b",
        date_form="time",
    ),
    Article(
        id="WXLCpaNfR",
        category="thoi-su-chinh-tri",
        title="From villages to border markers: how communities safeguard national border",
        lead=[
            "In carrying out the mission of protecting border sovereignty and security, Điện Biên province has rolled out a wide range of solutions, with the role of local people identified as the decisive factor."
        ],
        blocks=[
            (
                "p",
                "Along the 400-km border with Laos and China, each village has set up a self-management team that joins border guards on regular patrols. In Mường Nhé alone, more than 60 teams now take part in protecting border markers and reporting illegal crossings.",
            ),
            (
                "p",
                "At a review conference held on 20/01/2026, the provincial Border Guard Command said that people had provided information leading to the detection of [[b:more than 40 cases]] of drug trafficking and illegal entry over the past year.",
            ),
            (
                "img",
                "/images/2026/01/border-guards-and-villagers-patrol.jpg",
                "Border guards and villagers patrol near border marker No. 79.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Village elders and prestigious people play a key role. In Si Pa Phìn, elder Lý Chà Pao has persuaded dozens of families to stop following illegal religious preachers and to stay on their land rather than migrate spontaneously.",
            ),
            (
                "p",
                "“A border is protected by people’s hearts first,” said Colonel Vũ Mạnh Thắng, a border guard officer. “When villagers trust us, every house becomes a milestone and every resident a soldier.”",
            ),
        ],
        byline=["Minh Anh"],
        authors=["Minh Anh"],
        published=at(2026, 1, 23, 7, 45),
        family="c",
        date_form="pipe",
    ),
    Article(
        id="s0gCa05Rg",
        category="thoi-su-chinh-tri",
        title="Communes settle into two-tier local government model",
        lead=[
            "One hundred days after the two-tier local government model took effect, communes and wards across Điện Biên have stabilized their organization and are serving residents more quickly."
        ],
        blocks=[
            (
                "p",
                "Under the new model, the province now has 45 communes and wards, replacing the former district level. Public administration service centers have been set up in every commune, handling more than 90% of procedures online or on the spot.",
            ),
            (
                "p",
                "In Mường Phăng commune, officials said the number of records processed on time had risen sharply since August. Residents no longer have to travel to the former district center to register land or apply for social allowances.",
            ),
            (
                "img",
                "/uploads/2025/10/09/residents-at-commune-public-service-center.jpg",
                "Residents complete procedures at the public service center of Mường Phăng commune.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Difficulties remain, however. Some remote communes still lack staff with expertise in land, construction and information technology, and internet connections are unstable in several villages. The province has assigned experienced officials to support them and is speeding up training.",
            ),
            (
                "p",
                "The chairman of the provincial People’s Committee urged communes to promote self‑reliance, take initiative and avoid waiting for instructions, while the province would continue to review and fine-tune the allocation of staff and budgets.",
            ),
        ],
        byline=["Hà Linh"],
        authors=["Hà Linh"],
        published=at(2025, 10, 9, 5, 50),
        family="b",
        date_form="time-utc",
    ),
    Article(
        id="Runzqw7wg",
        category="thoi-su-chinh-tri",
        title="Digitization spreads the spirit of the Party Congress",
        lead=[
            "The application of digital technology in dissemination work for the 14th National Party Congress at agencies, units, and localities in the province has brought clear effectiveness."
        ],
        blocks=[
            (
                "p",
                "Digital platforms, social networks and modern media have spread information quickly, enhanced interactivity, and created consensus and trust among officials, Party members and the people in the Party’s leadership.",
            ),
            (
                "p",
                "The provincial Party Committee’s Commission for Information and Education opened a dedicated page on its website and a fan page where congress documents, infographics and short videos were posted daily. Within a month, the videos were viewed more than 1.2 million times.",
            ),
            (
                "img",
                "/uploads/2026/02/03/officials-follow-congress-on-tablets.jpg",
                "Officials in Tuần Giáo follow the congress on tablets and smartphones.",
                None,
            ),
            (
                "p",
                "In remote villages where few people use smartphones, commune officials combined digital content with loudspeakers and village meetings, so that news from the congress reached every household in the Mông, Thái and Khơ Mú languages.",
            ),
        ],
        published=at(2026, 2, 3, 14, 0),
        family="a",
        date_form="meta",
    ),
    Article(
        id="sDj4PTTKg",
        category="thoi-su-chinh-tri",
        title="Veterans return to Hill A1 ahead of anniversary",
        dateline="ĐBP  - ",
        lead=[
            "More than 80 veterans who fought in the Điện Biên Phủ Campaign returned to Hill A1 on Friday, 70 years after the fiercest battle of the campaign."
        ],
        blocks=[
            (
                "p",
                "Leaning on walking sticks and supported by their children and grandchildren, the veterans climbed to the top of the hill, where they laid wreaths and offered incense in memory of fallen comrades.",
            ),
            (
                "img",
                "/images/2024/04/veterans-at-hill-a1-relic-site.jpg",
                "Veterans at the Hill A1 relic site.",
                "File photo",
            ),
            (
                "p",
                "Veteran Nguyễn Văn Hùng, 94, from Thái Bình province, recalled digging trenches at night under artillery fire. “We were young then and had only one thought: victory,” he said, pointing to the bomb crater that remains on the hilltop.",
            ),
            (
                "p",
                "The provincial authorities presented gifts to the veterans and organised visits to the new Điện Biên Phủ Historical Victory Museum, which displays more than 1,000 objects and documents.",
            ),
        ],
        byline=["Ngọc Bích"],
        authors=["Ngọc Bích"],
        published=at(2024, 4, 12, 8, 0),
        family="c",
        date_form="month",
    ),
    Article(
        id="b2TxxDBfg",
        category="kinh-te",
        title="Điện Biên coffee growers turn to speciality beans",
        lead=[
            "Farmers in Mường Ảng and Điện Biên districts are switching from bulk Arabica to speciality coffee, earning up to three times more for each kilogramme of beans."
        ],
        blocks=[
            (
                "p",
                "The province has about 4,000 ha of coffee, most of it Arabica grown at altitudes of 800 to 1,200 metres. For years, growers sold fresh cherries to traders at low prices, with little attention to quality.",
            ),
            ("h", "Picking only ripe cherries"),
            (
                "p",
                "Since 2022, cooperatives in Mường Ảng have followed a programme supported by the provincial agriculture department: farmers pick only ripe red cherries, ferment them in clean tanks and dry them on raised beds instead of on the ground.",
            ),
            (
                "img",
                "/uploads/2024/01/16/farmers-dry-coffee-on-raised-beds.jpg",
                "Farmers in Ẳng Nưa commune dry coffee on raised beds.",
                "Photo: Mai Giáp - Trần Dũng",
            ),
            (
                "p",
                "Several lots from Mường Ảng scored more than 80 points at national cupping contests last year, qualifying as speciality coffee. Roasters in Hà Nội and Hồ Chí Minh City now sign contracts with the cooperatives before the harvest.",
            ),
            ("h", "Building a brand"),
            (
                "p",
                "Mr Lò Văn Sơn, director of the Mường Ảng Coffee Cooperative, said members had earned on average 30 per cent more this season. “Buyers now come to our farms to taste the coffee, which was unthinkable five years ago,” he said.",
            ),
            (
                "p",
                "The province plans to register a geographical indication for Mường Ảng coffee and to promote it at trade fairs, alongside other [[a:https://ocop.gov.vn/|local specialities]] such as Điện Biên rice and shan tuyết tea.",
            ),
        ],
        byline=["Kim Oanh"],
        authors=["Kim Oanh"],
        published=at(2024, 1, 16, 10, 5),
        family="a",
        date_form="meta",
    ),
    Article(
        id="5LJF3hBGg",
        category="kinh-te",
        title="Điện Biên rice earns four OCOP stars",
        slug=slugify("Muong Thanh rice gains OCOP certification"),
        lead=[
            "Điện Biên rice grown in the Mường Thanh fields has been recognised as a four-star product under the One Commune One Product (OCOP) programme, opening the way to supermarkets across the country."
        ],
        blocks=[
            (
                "p",
                "The Mường Thanh fields, the largest in the northern mountainous region, cover about 5,600 ha. Local varieties such as Séng Cù and Bắc Thơm are prized for their fragrance and soft texture.",
            ),
            (
                "img",
                "/uploads/2024/09/10/harvest-in-muong-thanh-fields.jpg",
                "Harvest season in the Mường Thanh fields.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "To earn the stars, cooperatives standardised their production process, traced every batch to the plots where it was grown and redesigned their packaging. Samples were tested for pesticide residues at an accredited laboratory in Hà Nội.",
            ),
            (
                "p",
                "Ms Lường Thị Xuân, head of the Thanh Xương rice cooperative, said the certification would help members sell at stable prices. “Customers used to buy rice labelled ‘Điện Biên’ that was not from here. Now they can check the origin with a QR code,” she said.",
            ),
        ],
        byline=["By Quang Long"],
        authors=["Quang Long"],
        published=at(2024, 9, 10, 10, 40),
        family="b",
        date_form="time",
    ),
    Article(
        id="z6Hq2AK7g",
        category="kinh-te",
        title="Policy capital helps needy households rise",
        dateline="ĐBP- ",
        lead=[
            "With the motto of not leaving the poor and vulnerable behind, preferential credit in Điện Biên province has helped thousands of households start businesses and escape poverty."
        ],
        blocks=[
            (
                "p",
                "The provincial branch of the Vietnam Bank for Social Policies reported outstanding loans of more than VND 5,800\u00a0billion, lent to about 80,000 households. Overdue debt accounts for less than 0.2% of the total.",
            ),
            (
                "p",
                "Loans are delivered through 1,500 savings and credit groups run by mass organizations, so borrowers in remote villages can receive money and pay interest at the commune transaction point without traveling to the bank.",
            ),
            (
                "img",
                "/images/2025/04/borrowers-at-commune-transaction-point.jpg",
                "Borrowers at a transaction point in Nà Tấu commune.",
                None,
            ),
            (
                "p",
                "In Nà Tấu commune, Mr Quàng Văn Pánh borrowed VND 100 million to raise cows and plant fruit trees. Three years later, his family earns about VND 150 million a year and has repaid half of the loan ahead of schedule.",
            ),
            (
                "p",
                "This year, the bank plans to focus capital on housing for poor households, clean water and job creation for young workers returning from industrial zones.",
            ),
        ],
        byline=["Thanh Xuân"],
        authors=["Thanh Xuân"],
        published=at(2025, 4, 8, 14, 0),
        family="c",
        date_form="thu",
    ),
    Article(
        id="GHZbKoXiR",
        category="kinh-te",
        title="Tuần Giáo industrial cluster draws first investors",
        dateline="ĐBP -  ",
        lead=[
            "Three enterprises have registered to build factories at the Tuần Giáo industrial cluster, the first in the western part of the province to be fully connected to power, water and roads."
        ],
        blocks=[
            (
                "p",
                "The 50-ha cluster, located along National Highway 6, will host agricultural and forest product processing, including a coffee roasting plant, a macadamia processing line and a bamboo board factory.",
            ),
            ("h", "Land cleared in record time"),
            (
                "p",
                "Local authorities completed site clearance in eight months, compensating 126 households and arranging resettlement plots nearby. Officials said the quick progress reassured investors who had long been deterred by land issues.",
            ),
            (
                "img",
                "/uploads/2025/07/17/tuan-giao-industrial-cluster-site.jpg",
                "The site of the Tuần Giáo industrial cluster.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "The projects are expected to create about 1,200 jobs, mainly for ethnic minority workers. Like the [[a:b2TxxDBfg|coffee growers of Mường Ảng]], farmers in the surrounding communes will also benefit from a stable outlet for their produce.",
            ),
        ],
        byline=["Phan Tuấn"],
        authors=["Phan Tuấn"],
        published=at(2025, 7, 17, 9, 45),
        family="a",
        date_form="meta",
    ),
    Article(
        id="9TH4QgTNg",
        category="kinh-te",
        title="Market control stepped up before Tết",
        lead=[
            "At the end of the year, people’s consumption demand increases, making it a time when the market is prone to smuggling, commercial fraud, counterfeit goods and food safety violations.",
            "The provincial market management department has set up working groups to inspect markets, shops and warehouses around the clock until after the Lunar New Year.",
        ],
        blocks=[
            (
                "p",
                "Since the beginning of the year‑end peak season, inspectors have handled 65 violations and fined businesses more than VND 300 million. Most cases involved goods of unknown origin, expired food and cosmetics without labels.",
            ),
            (
                "p",
                "Inspectors also checked livestreams and online shops registered in the province. Several sellers were found advertising “Điện Biên specialities” that were in fact imported from elsewhere.",
            ),
            (
                "img",
                "/uploads/2026/01/28/inspectors-check-goods-at-market.jpg",
                "Inspectors check goods at Mường Thanh market.",
                None,
            ),
            (
                "p",
                "The department called on consumers to buy from reputable shops, keep receipts and report suspicious goods through its hotline, which operates 24 hours a day during the holiday.",
            ),
        ],
        byline=["Hà Linh"],
        authors=["Hà Linh"],
        published=at(2026, 1, 28, 6, 40),
        modified=at(2026, 1, 28, 10, 0),
        family="b",
        date_form="time-utc",
    ),
    Article(
        id="EjE4o24hg",
        category="kinh-te",
        title="Investing in modern infrastructure to fast-track digital transformation",
        lead=[
            "Developing digital infrastructure has been identified as a critical foundation for digital transformation, and Điện Biên has partnered with leading telecom enterprises to bring broadband to every commune."
        ],
        blocks=[
            (
                "p",
                "By the end of November, 4G coverage had reached 98% of villages, up from 85% two years earlier. Fiber-optic cables now connect all commune centers, schools and health stations.",
            ),
            (
                "p",
                "The province has also put into operation a data center and an intelligent operations center, which collects information from public services, traffic cameras and environmental sensors.",
            ),
            (
                "img",
                "/images/2025/12/technicians-install-4g-station.jpg",
                "Technicians install a 4G station in Nậm Pồ.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Dozens of villages in Nậm Pồ and Mường Nhé still have no mobile signal. Telecom companies have pledged to build 40 more stations there next year, with support from the national universal telecommunications fund.",
            ),
        ],
        published=at(2025, 12, 4, 8, 20),
        family="c",
        date_form="pipe",
    ),
    Article(
        id="RET79IqJg",
        category="kinh-te",
        title="Early Tết shopping on online markets",
        lead=[
            "In recent years, early shopping on online markets ahead of the Lunar New Year has become increasingly popular among people in Điện Biên province."
        ],
        blocks=[
            (
                "p",
                "Local sellers say orders for dried buffalo meat, sticky rice, shan tuyết tea and gift baskets began rising in early January, weeks earlier than usual.",
            ),
            ("img", "/uploads/2026/02/06/sellers-pack-orders-for-tet.jpg", None, None),
            (
                "p",
                "Ms Lò Thị Hương, who runs an online shop in Him Lam ward, said she now ships about 200 orders a day, most of them to customers in Hà Nội and the southern provinces. “Livestreams let customers see the products before they buy,” she said.",
            ),
            (
                "p",
                "Delivery firms have added staff and vehicles for the peak season. The provincial post office said parcels sent from Điện Biên in January were up 40% year on year.",
            ),
        ],
        byline=["Ngọc Bích"],
        authors=["Ngọc Bích"],
        published=at(2026, 2, 6, 11, 20),
        modified=at(2026, 2, 7, 8, 0),
        family="a",
        date_form="meta",
    ),
    Article(
        id="QtJZPGSEg",
        category="xa-hoi",
        title="The dream school in Si Pa Phìn",
        dateline="",
        lead=[
            "After more than 150 days of urgent construction that overcame both the scorching sun and torrential rains, the Si Pa Phìn Boarding Multi-level Primary and Secondary School has been officially completed and put into operation."
        ],
        blocks=[
            (
                "p",
                "The school has 30 classrooms, dormitories for 600 boarding students, a kitchen, a library and a sports ground, replacing makeshift classrooms built of wooden planks and corrugated iron.",
            ),
            (
                "img",
                "/uploads/2025/12/19/students-in-new-classroom-si-pa-phin.jpg",
                "Students in a new classroom in Si Pa Phìn.",
                "Photo: C.T.V",
            ),
            (
                "p",
                "Most students are Mông and Khơ Mú children from villages up to 20 km away. Before, many had to stay in rented rooms near the old school or walk for hours along muddy tracks every week.",
            ),
            (
                "p",
                "“My students now have warm beds and three meals a day at school. They can focus on studying,” said teacher Giàng Thị Dua, who has worked in the commune for 12 years.",
            ),
            (
                "p",
                "The project is part of a national program to build boarding schools in border communes, funded by the state budget and contributions from businesses and the public.",
            ),
        ],
        byline=["Thu Hà"],
        authors=["Thu Hà"],
        published=at(2025, 12, 19, 17, 0),
        family="b",
        date_form="time",
    ),
    Article(
        id="Bms1racjg",
        category="xa-hoi",
        title="Cracking down on homemade fireworks to keep students safe during Tết",
        lead=[
            "As the Lunar New Year approaches, cases of students making, storing and using homemade fireworks tend to rise, posing serious safety risks."
        ],
        blocks=[
            (
                "p",
                "Schools across the province have stepped up communication and education to raise students’ awareness. Students and their parents have signed commitments not to make, buy or use fireworks and explosives.",
            ),
            (
                "p",
                "Police in Mường Chà and Tủa Chùa have confiscated several kilograms of materials bought online to make fireworks, and visited families to warn them of the dangers. The campaign will continue until 15/02/2026, after the holiday.",
            ),
            (
                "img",
                "/images/2026/02/police-talk-to-students-about-fireworks.jpg",
                "Police talk to students about the dangers of fireworks.",
                None,
            ),
            (
                "p",
                "Last year, two teenagers in the province were seriously injured while mixing chemicals to make firecrackers. Doctors at the provincial general hospital said such injuries often cause lifelong disabilities.",
            ),
        ],
        byline=["Minh Anh"],
        authors=["Minh Anh"],
        published=at(2026, 2, 2, 9, 10),
        family="c",
        date_form="thu",
    ),
    Article(
        id="ZH7Fx6mqg",
        category="xa-hoi",
        title="Flash-flood survivors in Mường Pồn move into new homes",
        lead=[
            "Forty-two families whose houses were swept away by the flash flood in Mường Pồn commune last year moved into their new homes on Wednesday, in a resettlement area built on safe, high ground.",
            "Each family received a 60 sq m house built with funds donated by organisations, businesses and individuals across the country.",
        ],
        blocks=[
            (
                "p",
                "The resettlement area has roads, electricity, clean water, a kindergarten and a cultural house. Families were also given land to grow crops and raise livestock near the village.",
            ),
            (
                "img",
                "/uploads/2024/10/24/new-houses-in-muong-pon-resettlement-area.jpg",
                "New houses in the Mường Pồn resettlement area.",
                "Photo: C.T.V",
            ),
            (
                "p",
                "Ms Lò Thị Ún, who lost her house and all her belongings in the flood, said her family had lived in a tent and then in a relative’s house for months. “Now my children have a safe place to sleep, and we no longer fear the rain,” she said.",
            ),
            (
                "p",
                "The provincial armed forces and youth volunteers helped families move their belongings and plant trees around the new village. Read also: [[a:b2TxxDBfg|how coffee growers are raising their incomes]].",
            ),
        ],
        byline=["Hoàng Châu"],
        authors=["Hoàng Châu"],
        published=at(2024, 10, 24, 8, 45),
        family="a",
        date_form="meta",
    ),
    Article(
        id="DGX0FZBJR",
        category="xa-hoi",
        title="Điện Biên to build modern healthcare system",
        dateline="ĐBP  - ",
        lead=[
            "The implementation of Resolution No.57-NQ/TW on breakthroughs in science, technology, innovation and national digital transformation is a central task of the Điện Biên healthcare sector, aiming to build a modern system of comprehensive public health care."
        ],
        blocks=[
            (
                "p",
                "All hospitals in the province now use electronic medical records, and patients can book appointments and pay fees online. Commune health stations are connected to the provincial general hospital for remote consultations.",
            ),
            ("h", "Doctors for remote areas"),
            (
                "p",
                "The sector still lacks about 300 doctors, especially in Nậm Pồ, Mường Nhé and Điện Biên Đông. The province offers allowances and housing to attract young doctors and sends staff to train at central hospitals.",
            ),
            (
                "img",
                "/uploads/2026/01/19/doctors-consult-remotely.jpg",
                "Doctors at the provincial general hospital hold a remote consultation.",
                None,
            ),
            (
                "p",
                "By 2030, the province aims to have 15 doctors and 35 hospital beds per 10,000 people, with every resident holding an electronic health record.",
            ),
        ],
        byline=["Kim Oanh"],
        authors=["Kim Oanh"],
        published=at(2026, 1, 19, 8, 0),
        modified=at(2026, 1, 19, 14, 45),
        family="b",
        date_form="time",
    ),
    Article(
        id="1suD6ZgCg",
        category="xa-hoi",
        title="Leaving no one behind in sustainable poverty reduction",
        lead=[
            "Sustainable poverty reduction is a central political task of Điện Biên, a province where ethnic minorities make up more than 80% of the population and many villages remain isolated by mountains and rivers."
        ],
        blocks=[
            (
                "p",
                "Over the past five years, the province has mobilized every resource for the national target programs. The poverty rate has fallen sharply, thousands of temporary houses have been replaced, and every commune center is now reachable by an all-weather road.",
            ),
            ("h", "Lessons learned"),
            (
                "p",
                "The first lesson is that people must be the center of the effort. Where villagers took part in choosing, building and maintaining projects, roads and irrigation works lasted longer and were better used.",
            ),
            (
                "p",
                "The second lesson is to match support with local conditions. Cows and goats suit families on the high plateaus, while families in the valleys do better with fruit trees, fish ponds or work in tourism.",
            ),
            (
                "img",
                "/images/2025/06/officials-visit-poor-households.jpg",
                "Provincial officials visit poor households in Mường Chà.",
                "Photo: Trần Dũng",
            ),
            ("h", "Tasks for the coming period"),
            (
                "p",
                "In the coming period, we must focus on vocational training, job creation and the development of value chains for local products, while continuing to invest in schools, health stations and clean water for the most disadvantaged villages.",
            ),
        ],
        byline=[
            "Comrade Lường Thị Hạnh",
            "Member of the provincial Party Standing Committee, Vice Chairwoman of the provincial People’s Committee",
        ],
        authors=["Lường Thị Hạnh"],
        author_titles="Member of the provincial Party Standing Committee, Vice Chairwoman of the provincial People’s Committee",
        published=at(2025, 6, 10, 7, 15),
        family="c",
        date_form="gmt",
    ),
    Article(
        id="C79l9B1Ug",
        category="xa-hoi",
        title="Vocational training opens doors for ethnic minority youth",
        lead=[
            "Nearly 3,000 young people from ethnic minority communities in Điện Biên completed vocational courses in the first half of the year, most of them finding jobs soon after graduating."
        ],
        blocks=[
            (
                "p",
                "Courses at the provincial vocational college and district centres cover mechanics, electrical work, hospitality and cooking, as well as farming techniques adapted to the highlands.",
            ),
            (
                "p",
                "Trainees from poor households receive free tuition, meal allowances and travel support. Many graduates now work at factories in the Red River Delta, while others have opened repair shops or homestays in their villages.",
            ),
            (
                "img",
                "/uploads/2024/07/16/students-practise-welding.jpg",
                "Students practise welding at the provincial vocational college.",
                None,
            ),
            (
                "p",
                "Mr Sùng A Chứ, 22, from Tủa Chùa, said a six-month course in motorbike repair had changed his life. “I used to work on my parents’ maize fields. Now I have my own shop and earn enough to help my younger brothers go to school,” he said.",
            ),
        ],
        published=at(2024, 7, 16, 14, 20),
        family="a",
        date_form="meta",
    ),
    Article(
        id="8ePr5FxgR",
        category="doi-ngoai",
        title="Điện Biên and Luang Prabang deepen cooperation",
        dateline="ĐBP – ",
        lead=[
            "Leaders of Điện Biên province and the Lao province of Luang Prabang signed a cooperation programme for the 2024–2026 period during talks held in Điện Biên Phủ city on Tuesday.",
            "The programme covers trade, agriculture, education, health care and the fight against cross-border crime.",
        ],
        blocks=[
            (
                "p",
                "Both sides agreed to speed up procedures at the Tây Trang – Sop Hun international border gate, organise regular trade fairs and support enterprises in exploring each other’s markets.",
            ),
            (
                "img",
                "/uploads/2024/06/18/dien-bien-and-luang-prabang-leaders-sign-programme.jpg",
                "Leaders of the two provinces sign the cooperation programme.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Điện Biên will continue to grant scholarships to Lao students and receive Lao doctors for training at the provincial general hospital. Luang Prabang will help Điện Biên promote tourism routes linking the two provinces, whose heritage sites attract many international travellers.",
            ),
            (
                "p",
                "The Lao delegation also visited the Điện Biên Phủ Historical Victory Museum and laid wreaths at the Vietnamese volunteer soldiers’ memorial.",
            ),
        ],
        byline=["Hà Linh"],
        authors=["Hà Linh"],
        published=at(2024, 6, 18, 11, 0),
        family="b",
        date_form="time",
    ),
    Article(
        id="V2AjC6afR",
        category="doi-ngoai",
        title="Border guards and Phongsaly forces hold joint patrol",
        dateline="ĐBP — ",
        lead=[
            "Border guards of Điện Biên and the military command of the Lao province of Phongsaly conducted a joint patrol along the shared border section in Mường Nhé this week."
        ],
        blocks=[
            (
                "p",
                "The patrol checked border markers, exchanged information on the security situation and agreed on measures to prevent illegal crossings, drug trafficking and human trafficking.",
            ),
            (
                "img",
                "/images/2025/02/joint-patrol-at-border-marker.jpg",
                "Officers of the two sides check a border marker.",
                "Photo: C.T.V",
            ),
            (
                "p",
                "Since the beginning of the year, the two sides have held four joint patrols and handed over six people who had crossed the border illegally. Regular meetings between border posts help solve problems quickly at the grassroots level.",
            ),
            (
                "p",
                "On the occasion, the Vietnamese border guards presented rice, cooking oil and school supplies to poor families in Lao villages along the border.",
            ),
        ],
        byline=["Phan Tuấn"],
        authors=["Phan Tuấn"],
        published=at(2025, 2, 14, 9, 30),
        family="c",
        date_form="pipe",
    ),
    Article(
        id="CLI71fNYR",
        category="doi-ngoai",
        title="For a safe and peaceful Tết",
        lead=[
            "The Lunar New Year is approaching, a time with many potential risks of insecurity due to the illegal storage and use of firecrackers, and fires and explosions."
        ],
        blocks=[
            (
                "p",
                "Police in the province have launched a campaign against the trade in firecrackers, including along the border with Laos, where traffickers often try to bring explosives across through forest trails.",
            ),
            (
                "p",
                "Border posts have coordinated with Lao authorities to exchange information and patrol jointly in the weeks before the holiday.",
            ),
            (
                "img",
                "/uploads/2026/01/06/police-seize-firecrackers.jpg",
                "Police seize firecrackers in Mường Chà.",
                "Photo: C.T.V",
            ),
            (
                "p",
                "Authorities also called on residents to check electrical wiring, keep fire extinguishers at home and take care when burning votive papers.",
            ),
        ],
        published=at(2026, 1, 6, 9, 0),
        family="a",
        date_form="meta",
    ),
    Article(
        id="phNcWI9rg",
        category="doi-ngoai",
        title="Lao students celebrate Bunpimay in Điện Biên Phủ",
        lead=[
            "Hundreds of Lao students studying in Điện Biên joined local officials and residents to celebrate Bunpimay, the traditional Lao New Year, at the provincial political school on Monday."
        ],
        blocks=[
            (
                "p",
                "The celebration opened with a Baci ceremony, in which elders tied white threads around participants’ wrists to wish them good health and luck, followed by the [[i:lamvong]] circle dance and a water-splashing festival.",
            ),
            (
                "img",
                "/uploads/2025/04/14/lao-students-dance-lamvong.jpg",
                "Lao students and local people dance the lamvong.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Điện Biên currently hosts about 700 Lao students at its schools and colleges. Many study medicine, agriculture and Vietnamese language, and some have stayed on to work for joint ventures between the two countries.",
            ),
            (
                "p",
                "“Celebrating Bunpimay here, we feel at home,” said Souliya Phommachanh, a nursing student from Oudomxay.",
            ),
        ],
        byline=["Thanh Xuân"],
        authors=["Thanh Xuân"],
        published=at(2025, 4, 14, 20, 30),
        modified=at(2025, 4, 15, 8, 10),
        family="b",
        date_form="time",
    ),
    Article(
        id="jauQLKX7g",
        category="doi-ngoai",
        title="Provincial leaders receive Yunnan delegation",
        lead=[
            "The provincial People’s Committee received a delegation from Jiangcheng county of China’s Yunnan province, led by its deputy head, to discuss border trade and the upgrading of the Ma Lù Thàng border gate."
        ],
        blocks=[
            (
                "p",
                "The two sides reviewed the results of cooperation since they signed a memorandum of understanding in Điện Biên Phủ on November 25 last year, noting progress in border management, trade promotion and epidemic prevention.",
            ),
            (
                "img",
                "/images/2024/12/yunnan-delegation-talks.jpg",
                "The talks between the two delegations.",
                "File photo",
            ),
            (
                "p",
                "They agreed to propose to their central governments that the border gate pair be upgraded, and to build a cargo inspection area so that farm produce can be cleared more quickly.",
            ),
            (
                "p",
                "The Chinese delegation also visited the Mường Thanh fields and a tea cooperative in Mường Ảng.",
            ),
        ],
        published=at(2024, 12, 2, 15, 0),
        family="c",
        date_form="month",
    ),
    Article(
        id="WELlnbQHg",
        category="van-hoa",
        aliases=("van-hoa%20the-thao",),
        title="Thái xòe dance lives on in Mường Lay",
        slug=slugify("Keeping the xoe dance alive in Muong Lay town"),
        lead=[
            "Every weekend evening, the square by the Đà River in Mường Lay fills with residents and visitors holding hands in the xòe circle, a dance of the Thái people recognized by UNESCO as an intangible cultural heritage of humanity."
        ],
        blocks=[
            (
                "p",
                "The ward now has 14 xòe clubs with more than 400 members, from schoolchildren to grandmothers in their seventies. Elders teach the six ancient xòe forms, including the scarf dance, the fan dance and the [[i:xòe nón]] with conical hats.",
            ),
            (
                "img",
                "/uploads/2025/11/13/xoe-circle-by-the-da-river.jpg",
                "Residents and visitors join the xòe circle by the Đà River.",
                "Photo: Trần Dũng",
            ),
            ("h", "From village rituals to the stage"),
            (
                "p",
                "Xòe was traditionally danced at weddings, new house celebrations and harvest festivals. Today, clubs also perform for tourists arriving by boat on the Đà River reservoir, earning extra income for members.",
            ),
            (
                "p",
                "Artisan Lò Văn Biến, 78, said the dance had always been a bond between people. “When we hold hands in the circle, rich or poor, young or old, we are all equal,” he said.",
            ),
            (
                "p",
                "The ward plans to open a xòe training room at the community culture house and to record the old songs that accompany the dance, so that young people can learn them in the Thái language.",
            ),
        ],
        byline=["Ngọc Bích"],
        authors=["Ngọc Bích"],
        published=at(2025, 11, 13, 15, 0),
        modified=at(2025, 11, 14, 9, 30),
        family="a",
        date_form="meta",
    ),
    Article(
        id="SU8iIoELR",
        category="van-hoa",
        title="Ban Flower Festival 2024 draws thousands of visitors",
        lead=[
            "The Ban Flower Festival opened in Điện Biên Phủ city on Friday evening, with a colourful art programme celebrating the white flower that symbolises the Thái people’s love and loyalty."
        ],
        blocks=[
            (
                "p",
                "The festival, held in the year of the 70th anniversary of the Điện Biên Phủ Victory, features a street parade, a ban flower beauty contest, a food fair and displays of traditional costumes from the province’s 19 ethnic groups.",
            ),
            (
                "img",
                "/uploads/2024/03/08/ban-flower-festival-parade.jpg",
                "A parade at the Ban Flower Festival.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Ban trees, a kind of bauhinia, bloom on the hillsides of the Northwest in March. Legend has it that the flower grew from the love of a Thái girl named Ban who died waiting for her lover.",
            ),
            (
                "p",
                "Organisers expected more than 50,000 visitors during the festival week, giving a boost to hotels, homestays and restaurants in the city.",
            ),
        ],
        byline=["Hoàng Châu"],
        authors=["Hoàng Châu"],
        published=at(2024, 3, 8, 9, 20),
        family="b",
        date_form="time",
    ),
    Article(
        id="9M4SGsfAR",
        category="van-hoa",
        title="Green chưng cakes turn Tết into season of sharing in Điện Biên",
        dateline="",
        lead=[
            "As the Lunar New Year draws near, the Mường Thanh Tourism Market offers a festive atmosphere where the aroma of glutinous rice, dong leaves and green beans drifts through the air."
        ],
        blocks=[
            (
                "p",
                "For the third year, the market has hosted a chưng cake wrapping day, where volunteers, students and soldiers wrap cakes to give to poor households, workers and patients at the provincial hospital.",
            ),
            (
                "p",
                "This year, more than 1,000 cakes were wrapped and boiled overnight in large pots over wood fires. Families from the Thái, Mông and Kinh communities showed visitors their own ways of wrapping the cake.",
            ),
            (
                "img",
                "/images/2026/02/volunteers-wrap-chung-cakes.jpg",
                "Volunteers wrap chưng cakes at the Mường Thanh Tourism Market.",
                None,
            ),
            (
                "p",
                "“A chưng cake is small, but it carries the spirit of Tết,” said Ms Điêu Thị Lan, a volunteer. “We want everyone in Điện Biên to have a warm holiday.”",
            ),
        ],
        byline=["Thu Hà"],
        authors=["Thu Hà"],
        published=at(2026, 2, 10, 16, 30),
        family="c",
        date_form="gmt",
    ),
    Article(
        id="7iYY6LtGg",
        category="van-hoa",
        title="Mông New Year games liven up Nậm Pồ",
        dateline="ĐBP – ",
        lead=[
            "Thousands of people flocked to the center of Nậm Pồ for the Mông New Year festival, featuring pao throwing, spinning tops, crossbow shooting and a market of traditional products."
        ],
        blocks=[
            (
                "p",
                "The Mông celebrate their New Year a month earlier than the Lunar New Year, after the harvest is in. Girls wear their finest skirts, which they have embroidered for months, while boys play the khèn pipes to invite friends to the games.",
            ),
            (
                "img",
                "/uploads/2025/01/20/pao-throwing-in-nam-po.jpg",
                "Young people play pao throwing.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "This year, organizers added a contest for the best-embroidered costumes and a photo exhibition on the daily life of Mông villages, aiming to promote community-based tourism in the district.",
            ),
        ],
        byline=["Minh Anh"],
        authors=["Minh Anh"],
        published=at(2025, 1, 20, 10, 10),
        family="a",
        date_form="meta",
    ),
    Article(
        id="yZjHZmyaR",
        category="van-hoa",
        title="Thái brocade weaving finds new buyers",
        lead=[
            "Thái women in Thanh Nưa commune are keeping their brocade weaving craft alive by making bags, scarves and cushion covers that sell well to tourists and online customers."
        ],
        blocks=[
            (
                "p",
                "The Thanh Nưa weaving cooperative has 35 members, who work at home between farming seasons. Each piece is woven on traditional looms with cotton dyed using leaves and roots from the forest.",
            ),
            (
                "img",
                "/images/2024/08/thai-woman-weaving-brocade.jpg",
                "A Thái woman weaves brocade in Thanh Nưa commune.",
                None,
            ),
            (
                "p",
                "With the help of young members, the cooperative has opened shops on e-commerce platforms, where orders have doubled this year. Designs have been adapted to modern tastes while keeping the traditional patterns of flowers, stars and the Nậm Rốm river.",
            ),
            (
                "p",
                "Ms Lò Thị Bun, head of the cooperative, said weaving now brings each member about VND 3 million a month. “Our grandmothers wove for their families. Now we weave for people all over the country,” she said.",
            ),
        ],
        byline=["Kim Oanh"],
        authors=["Kim Oanh"],
        published=at(2024, 8, 22, 9, 0),
        family="c",
        date_form="thu",
        encoding="entities",
    ),
    Article(
        id="y4ed1wPwR",
        category="van-hoa",
        title="Then singing club brings generations together",
        lead=[
            "On Sunday mornings, a stilt house in Noong Hẹt commune fills with the sound of the tính lute as members of the Then singing club rehearse the ancient songs of the Tày and Thái people."
        ],
        blocks=[
            (
                "p",
                "Then, a ritual practice combining singing, music and dance, was inscribed by UNESCO on the list of intangible cultural heritage in 2019. In Điện Biên, only a handful of elderly artisans still master its full repertoire.",
            ),
            (
                "p",
                "The club, founded three years ago, now has 28 members aged from 9 to 81. Children learn to play the tính lute and sing simple songs, while adults study the long ceremonial pieces with the help of recordings.",
            ),
            (
                "img",
                "/uploads/2025/09/18/then-singing-club-rehearses.jpg",
                "Members of the Then singing club rehearse.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "The club has performed at festivals across the province and plans to teach Then at two pre‑school and primary schools in the commune next year.",
            ),
        ],
        byline=["Hà Linh"],
        authors=["Hà Linh"],
        published=at(2025, 9, 18, 10, 0),
        modified=at(2025, 9, 19, 9, 0),
        family="b",
        date_form="time",
    ),
    Article(
        id="y4u8RkzmR",
        category="travel",
        title="Pha Đin Pass in the season of ban flowers",
        dateline="",
        lead=[
            "In March, the slopes of Pha Đin, one of the four great mountain passes of the Northwest, turn white with ban flowers."
        ],
        blocks=[
            (
                "img",
                "/uploads/2025/03/05/pha-din-pass-winding-road.jpg",
                "The road winds across Pha Đin Pass, 32 km long.",
                None,
            ),
            (
                "p",
                "Once a key supply route during the Điện Biên Phủ Campaign, the pass now draws photographers and motorbike travelers on their way between Sơn La and Điện Biên.",
            ),
            (
                "img",
                "/uploads/2025/03/05/ban-flowers-on-the-slopes.jpg",
                "Ban flowers bloom on the slopes.",
                None,
            ),
            (
                "img",
                "/uploads/2025/03/05/thai-girls-in-ban-flower-season.jpg",
                "Thái girls pose among the flowers.",
                None,
            ),
            (
                "img",
                "/uploads/2025/03/05/travelers-at-the-top-of-the-pass.jpg",
                "Travelers stop at the top of the pass.",
                None,
            ),
            (
                "img",
                "/uploads/2025/03/05/mong-children-sell-flowers.jpg",
                "Mông children sell bunches of ban flowers along the road.",
                None,
            ),
            ("p", "The flowers last for about three weeks, depending on the weather."),
        ],
        byline=["Photos: Trần Dũng - An Chi"],
        authors=["Trần Dũng", "An Chi"],
        published=at(2025, 3, 5, 7, 0),
        family="a",
        date_form="meta",
    ),
    Article(
        id="F8DKNZkjR",
        category="travel",
        title="Homestays in Mường Phăng welcome autumn travellers",
        dateline="ĐBP -  ",
        lead=[
            "Autumn, when the rice turns golden in the valleys around General Võ Nguyên Giáp’s former command headquarters, is the busiest season for homestays in Mường Phăng."
        ],
        blocks=[
            (
                "p",
                "About 20 Thái families in the commune now run homestays in their stilt houses, offering guests rooms, home-cooked meals and evenings of xòe dancing around the fire.",
            ),
            (
                "img",
                "/uploads/2024/10/15/stilt-house-homestay-in-muong-phang.jpg",
                "A stilt-house homestay in Mường Phăng.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Most visitors come from Hà Nội and abroad, many of them booking through a Điện Biên‑based travel cooperative or the commune’s [[a:https://www.facebook.com/dulichmuongphang|tourism fan page]]. Guests can cycle around the Pá Khoang lake, visit the historic headquarters in the forest and learn to cook Thái dishes such as grilled fish and sticky rice.",
            ),
            (
                "p",
                "Mr Lò Văn Inh, who opened one of the first homestays in 2016, said his family now earns more from tourism than from farming. “Guests want to live like us, so we just need to keep our house and our way of life as they are,” he said.",
            ),
        ],
        byline=["Ngọc Bích"],
        authors=["Ngọc Bích"],
        published=at(2024, 10, 15, 13, 30),
        family="b",
        date_form="time",
    ),
    Article(
        id="bGEuRtCuR",
        category="travel",
        title="Exploring Pá Khoang Lake by kayak",
        lead=[
            "Just 17 km from the center of Điện Biên Phủ, Pá Khoang Lake has become a favorite weekend destination for travelers looking for fresh air, quiet water and forested islands."
        ],
        blocks=[
            (
                "p",
                "Kayaks can be rented at the lakeside for about VND 100,000 an hour. Paddling early in the morning, visitors can watch the mist lift from the hills and fishermen pull in their nets.",
            ),
            (
                "img",
                "/images/2025/06/kayaks-on-pa-khoang-lake.jpg",
                "Kayaks on Pá Khoang Lake in the early morning.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Several islands in the lake have small resorts and camping sites. On the eastern shore, a forest trail leads to the former headquarters of the Điện Biên Phủ Campaign Command in Mường Phăng.",
            ),
            (
                "p",
                "Local authorities have asked operators to provide life jackets and keep the lake clean, and plan to build a lakeside walking path next year.",
            ),
        ],
        byline=["Phan Tuấn"],
        authors=["Phan Tuấn"],
        published=at(2025, 6, 26, 16, 0),
        family="c",
        date_form="pipe",
        encoding="nfd",
    ),
    Article(
        id="C3WPmETRR",
        category="travel",
        title="A day on the trail to the A Pa Chải border marker",
        lead=[
            "The tri-border marker at A Pa Chải, where Việt Nam, Laos and China meet, is the westernmost point of the country and a dream destination for many travelers."
        ],
        blocks=[
            ("h", "Setting off before dawn"),
            (
                "p",
                "The journey starts in Sín Thầu commune, about 250 km from Điện Biên Phủ. Travelers need a permit from the border post and usually hire a local guide for the climb of about 3 hours through forest and tea gardens.",
            ),
            (
                "img",
                "/uploads/2026/01/15/trail-to-a-pa-chai-border-marker.jpg",
                "The trail to the A Pa Chải border marker.",
                "Photo: Trần Dũng",
            ),
            ("h", "At the top"),
            (
                "p",
                "Marker No. 0 stands on the summit of Khoang La San mountain at 1,866 m. On clear days, visitors can see far into the three countries. Many travelers bring a flag to take a photo at the marker.",
            ),
            (
                "img",
                "/uploads/2026/01/15/travelers-at-marker-no-0.jpg",
                "Travelers pose at marker No. 0.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "The best time to visit is from October to April, when the weather is dry. Travelers should bring warm clothes, as temperatures at the summit can drop close to freezing in January.",
            ),
        ],
        byline=["Hoàng Châu"],
        authors=["Hoàng Châu"],
        published=at(2026, 1, 15, 10, 0),
        family="a",
        date_form="meta",
    ),
    Article(
        id="iPHnY4H5R",
        category="travel",
        title="Terraced fields of Điện Biên Đông at harvest time",
        lead=[
            "At the end of September, the terraced fields on the slopes of Điện Biên Đông turn golden, drawing photographers from across the country."
        ],
        blocks=[
            (
                "p",
                "The terraces, carved by generations of Mông and Khơ Mú farmers, are fed by streams that run down from the mountain tops through bamboo pipes and earthen canals.",
            ),
            (
                "img",
                "/uploads/2024/09/30/golden-terraces-in-dien-bien-dong.jpg",
                "Golden terraces in Phì Nhừ commune.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "The district has opened a viewpoint on the road to Phì Nhừ and is encouraging families to offer homestay services, so that visitors stay longer and farmers earn more from their fields.",
            ),
        ],
        published=at(2024, 9, 30, 6, 15),
        family="b",
        date_form="time-utc",
    ),
    Article(
        id="kQ2lyrBIg",
        category="the-thao",
        title="Điện Biên hosts Northwest youth football tournament",
        lead=[
            "Twelve teams from the northern mountainous provinces are competing in the Northwest under-15 football tournament, which kicked off at the Điện Biên provincial stadium on Monday."
        ],
        blocks=[
            (
                "p",
                "In the opening match, the hosts beat Lai Châu 2-1 thanks to a late header from striker Lò Văn Thắng, to the delight of several thousand fans in the stands.",
            ),
            (
                "img",
                "/images/2024/05/u15-footballers-in-opening-match.jpg",
                "Players of Điện Biên and Lai Châu in the opening match.",
                "Photo: C.T.V",
            ),
            (
                "p",
                "The tournament is a chance for scouts from professional clubs to spot young talent in the region. Organisers said several players from last year’s edition have since joined the youth academies of V-League clubs.",
            ),
            ("p", "The final will be played on June 2."),
        ],
        byline=["Phan Tuấn"],
        authors=["Phan Tuấn"],
        published=at(2024, 5, 27, 16, 45),
        family="c",
        date_form="month",
    ),
    Article(
        id="3fytlwlqg",
        category="the-thao",
        title="Runners race through Mường Thanh valley in first marathon",
        dateline="ĐBP — ",
        lead=[
            "More than 3,000 runners took part in the first Điện Biên marathon on Sunday, racing through the Mường Thanh fields and past historic sites of the Điện Biên Phủ Campaign."
        ],
        blocks=[
            (
                "p",
                "The race offered 5 km, 10 km, 21 km and 42 km courses. The full marathon started at Hill A1 at 4:30 a.m. and passed through villages, rice fields and the foot of the Him Lam hill.",
            ),
            (
                "img",
                "/uploads/2025/03/23/runners-pass-the-muong-thanh-fields.jpg",
                "Runners pass the Mường Thanh fields.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "Kenyan runner Daniel Kiprop won the men’s full marathon in 2 hours 31 minutes, while the women’s title went to Nguyễn Thị Ninh of Hà Nội.",
            ),
            (
                "p",
                "Organizers said the event would become an annual fixture to promote tourism and encourage residents to exercise.",
            ),
        ],
        byline=["Minh Anh"],
        authors=["Minh Anh"],
        published=at(2025, 3, 23, 18, 20),
        family="b",
        date_form="time",
    ),
    Article(
        id="FX0AsDlug",
        category="the-thao",
        title="Tuần Giáo tops medal table at provincial Sports Games",
        lead=[
            "Tuần Giáo finished first in the medal table of the 11th provincial Sports Games, which closed on Thursday evening after ten days of competition."
        ],
        blocks=[
            (
                "p",
                "The games brought together more than 1,500 athletes competing in 12 sports, from football, volleyball and athletics to traditional sports such as crossbow shooting, push-stick wrestling and tug of war.",
            ),
            ("h", "Records in athletics"),
            (
                "p",
                "Two provincial records were broken in athletics: in the women’s 1,500 m and in the men’s long jump. Tuần Giáo won 42 gold medals, followed by Điện Biên Phủ and Mường Ảng.",
            ),
            (
                "img",
                "/uploads/2025/08/28/athletes-in-the-womens-1500-m.jpg",
                "Athletes in the women’s 1,500 m final.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "The provincial Department of Culture, Sports and Tourism said outstanding athletes would be selected for training to compete at the 10th National Sports Games in 2026, with a budget of VND 2\u00a0billion.",
            ),
        ],
        byline=["By Quang Long"],
        authors=["Quang Long"],
        published=at(2025, 8, 28, 21, 10),
        modified=at(2025, 8, 29, 7, 0),
        family="a",
        date_form="meta",
    ),
    Article(
        id="ChHYHYr0R",
        category="the-thao",
        title="Crossbow and push-stick contests at Thanh Nưa year-end festival",
        dateline="",
        lead=[
            "Traditional sports drew large crowds to the year-end festival of the Thái people in Thanh Nưa commune, where young men competed in crossbow shooting, push-stick wrestling and pole climbing."
        ],
        blocks=[
            (
                "p",
                "Teams from 14 villages took part. In the push-stick event, two players face each other holding a long bamboo stick and try to push their opponent out of a circle, a test of strength and balance.",
            ),
            (
                "img",
                "/images/2026/01/push-stick-wrestling.jpg",
                "A push-stick wrestling match.",
                None,
            ),
            (
                "p",
                "The crossbow contest was won by Lường Văn Thành, 19, who hit the target with all five arrows. “My grandfather taught me when I was ten. I practice every evening after work,” he said.",
            ),
            (
                "p",
                "The commune plans to organize the contests every year and to introduce them to tourists as part of its [[b:community tourism]] program.",
            ),
        ],
        published=at(2026, 1, 11, 15, 30),
        family="c",
        date_form="thu",
    ),
    Article(
        id="2noa9f4Dg",
        category="the-thao",
        title="Young volleyball players train for national finals",
        lead=[
            "Điện Biên’s under-18 volleyball team has started an intensive training camp ahead of the national youth finals, the province’s first appearance at this level for a decade."
        ],
        blocks=[
            (
                "p",
                "The 14 players, most of them from ethnic minority families, train twice a day at the provincial sports centre. Their coach said the team’s strength lay in its speed and spirit.",
            ),
            (
                "img",
                "/uploads/2024/12/12/volleyball-players-in-training.jpg",
                "Players during a training session.",
                "Photo: Trần Dũng",
            ),
            (
                "p",
                "The team earned its place after finishing second in the northern qualifying round in Lào Cai, beating several teams from lowland provinces with well-established programmes.",
            ),
        ],
        byline=["Thanh Xuân"],
        authors=["Thanh Xuân"],
        published=at(2024, 12, 12, 19, 5),
        family="a",
        date_form="meta",
    ),
]


def validate(articles: list[Article]) -> None:
    """Raise ValueError when an article breaks a rule the templates and records rely on."""
    ids = {article.id for article in articles}
    if len(ids) != len(articles):
        raise ValueError("duplicate article id")
    for article in articles:
        problems = _problems(article, ids)
        if problems:
            raise ValueError(f"{article.id}: {'; '.join(problems)}")


def _problems(article: Article, ids: set[str]) -> list[str]:
    """Return what is wrong with one article (empty when nothing is)."""
    problems = []
    if not re.fullmatch(r"[A-Za-z0-9]{8}[Rg]", article.id):
        problems.append("id is not 9 characters ending in R or g")
    if article.category not in SECTION_BY_SLUG or not re.fullmatch(r"[a-z0-9-]+", article.slug):
        problems.append("bad category or slug")
    if article.date_form not in DATE_FORMS.get(article.family, ()):
        problems.append(f"date form {article.date_form!r} is not one of family {article.family!r}")
    if article.dateline not in DATELINES:
        problems.append(f"unknown dateline {article.dateline!r}")
    if not 1 <= len(article.lead) <= (1 if article.family == "c" else 2):
        problems.append("lead has too many paragraphs for its family")
    if article.published.utcoffset() != ICT.utcoffset(None):
        problems.append("publication time is not in +07:00")
    if article.modified and (article.family == "c" or article.modified <= article.published):
        problems.append("modification time not carried or earlier than publication")
    if article.encoding != "plain" and article.family != "c":
        problems.append("only family c pages use a legacy encoding")
    image_root = "/images/" if article.family == "c" else "/uploads/"
    texts = [article.title, *article.lead, *article.byline]
    for block in article.blocks:
        if block[0] == "img":
            if not block[1].startswith(image_root):
                problems.append(f"image {block[1]} is not under {image_root}")
            continue
        texts.append(block[1])
        for kind, target, _ in inline_parts(block[1]):
            if kind == "a" and target and "/" not in target and target not in ids:
                problems.append(f"link to unknown article {target}")
    if any(unicodedata.normalize("NFC", text) != text for text in texts):
        problems.append("text not in NFC")
    return problems
