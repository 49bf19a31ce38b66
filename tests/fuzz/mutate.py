"""A seeded mutator over real disclosures: the damage extraction tools, editors and people do.

`variant(sources, n)` is deterministic: the same n gives the same bytes, so a crash
found by the long run (benchmarks/fuzz.py) is replayed by its number alone
(tests/fuzz/test_fuzz.py keeps every such number as a regression case).

Text mutations work on lines and on the amounts in them (the parser's hot
spots); byte mutations on the encoded file (encodings, truncation, bit rot).
PDFs get byte mutations only.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

AMOUNT = re.compile(r"(?<![\d.])\d[\d,]*\.\d\d(?!\d)")
FULL = str.maketrans("0123456789.,-()", "０１２３４５６７８９．，－（）")
ODD = ["\u200b", "\ufeff", "\u3000", "\u00a0", "\u202e", "\x0c", "\x1b", "\t", "\r", "�", "𠀀", "\u2212", "\ufe63",
       "表", "合计", "万元", "元", "单位：", "（", "）", "%", "占", "年", "部门预算", "项目支出", " 1e309 ", " NaN ",
       "０", "９", "．", "，", "、", "—", "-", "(", ")", "\\", '"', "'", "<script>", "MATCH (n) DETACH DELETE n"]
TITLES = ["部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出预算表",
          "一般公共预算基本支出预算表", "项目支出绩效目标表", "政府性基金预算支出预算表", "表1-1", "表3-2", "表十二", "目录"]


PDF_EVERY = 20


@dataclass(frozen=True)
class Source:
    name: str
    data: bytes

    @property
    def pdf(self) -> bool:
        return self.data.lstrip()[:5] == b"%PDF-"


def sources(*folders: Path) -> list[Source]:
    """Every seed (*.txt) and PDF in the folders, in name order."""
    files = sorted(p for folder in folders for p in folder.glob("*") if p.suffix in (".txt", ".pdf"))
    return [Source(p.name, p.read_bytes()) for p in files]


# ---------------------------------------------------------------- text mutations (lines of str)

def _amount(rng: random.Random, m: re.Match) -> str:
    text = m.group(0)
    choice = rng.randrange(12)
    if choice == 0:
        return text + str(rng.randrange(10)) * rng.randint(1, 3)  # 3-5 decimals
    if choice == 1:
        return "9" * rng.randint(14, 40) + text  # too long to be an amount
    if choice == 2:
        return "-" + text
    if choice == 3:
        return f"({text})"
    if choice == 4:
        return text.translate(FULL)
    if choice == 5:
        return text.replace(".", "，", 1)
    if choice == 6:
        return "1e309"
    if choice == 7:
        whole, _, dec = text.replace(",", "").partition(".")
        return f"{int(whole):,}.{dec}"
    if choice == 8:
        return text.replace(".", "")  # a whole number
    if choice == 9:
        return "0.00"
    if choice == 10:
        return "1" + "0" * rng.randint(20, 400) + ".00"
    digits = list(text)
    i = rng.randrange(len(digits))
    if digits[i].isdigit():
        digits[i] = str(rng.randrange(10))
    return "".join(digits)


def _amounts(rng: random.Random, lines: list[str]) -> None:
    hits = [i for i, ln in enumerate(lines) if AMOUNT.search(ln)]
    for i in rng.sample(hits, min(len(hits), rng.randint(1, 8))):
        lines[i] = AMOUNT.sub(lambda m: _amount(rng, m) if rng.random() < 0.5 else m.group(0), lines[i])


def _delete(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        del lines[i:i + rng.choice([1, 1, 2, 5, 40, 400])]


def _duplicate(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        j = rng.randrange(len(lines))
        lines[j:j] = lines[i:i + rng.choice([1, 3, 30, 60])]


def _swap(rng: random.Random, lines: list[str]) -> None:
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]


def _insert(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        pos = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:pos] + rng.choice(ODD) * rng.choice([1, 1, 2, 50]) + lines[i][pos:]


def _title(rng: random.Random, lines: list[str]) -> None:
    if lines:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(TITLES))


def _identity(rng: random.Random, lines: list[str]) -> None:
    """Headings lose or change their unit and year."""
    for i, ln in enumerate(lines):
        if "年" in ln and ("预算" in ln or "决算" in ln) and rng.random() < 0.7:
            lines[i] = re.sub(r"20\d\d", rng.choice(["", "1999", "2099", "二〇二四", "20２4"]), ln)
            lines[i] = lines[i].replace("科学技术协会", rng.choice(["", "协会", "科学技术协会科学技术协会"]))


def _tabs(rng: random.Random, lines: list[str]) -> None:
    for i in rng.sample(range(len(lines)), min(len(lines), 40)) if lines else []:
        lines[i] = lines[i].replace("\t", " ") if "\t" in lines[i] else lines[i].replace(" ", "\t")


def _long_line(rng: random.Random, lines: list[str]) -> None:
    if lines:
        lines.insert(rng.randrange(len(lines)), "1,234.56 " * rng.choice([100, 400]))


TEXT: list[Callable[[random.Random, list[str]], None]] = [
    _amounts, _amounts, _amounts, _delete, _duplicate, _swap, _insert, _insert, _title, _identity, _tabs, _long_line,
]


# ---------------------------------------------------------------- byte mutations

def _encode(rng: random.Random, text: str) -> bytes:
    choice = rng.randrange(10)
    if choice == 0:
        return text.encode("gb18030")
    if choice == 1:
        return text.encode("utf-16")
    if choice == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if choice == 3:
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode("utf-8")


def _bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    choice = rng.randrange(5)
    if not data:
        return bytes(data)
    if choice == 0:  # truncated: an interrupted download
        return bytes(data[: rng.randrange(len(data))])
    if choice == 1:  # bit rot
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if choice == 2:  # a block zeroed
        i = rng.randrange(len(data))
        data[i:i + rng.randint(1, 4096)] = bytes(min(4096, len(data) - i))
        return bytes(data)
    if choice == 3:  # a block moved
        i, j = rng.randrange(len(data)), rng.randrange(len(data))
        block = data[i:i + rng.randint(1, 2048)]
        del data[i:i + len(block)]
        data[j:j] = block
        return bytes(data)
    return bytes(data) + bytes(data[: rng.randrange(len(data))])  # two files run together


def variant(all_sources: list[Source], n: int) -> tuple[str, bytes, list[str]]:
    """Variant number n: (the source's name, the mutated bytes, what was done to it)."""
    rng = random.Random(n)
    texts = [s for s in all_sources if not s.pdf] or all_sources
    pdfs = [s for s in all_sources if s.pdf]
    # One variant in PDF_EVERY is a PDF's: reading one takes 50 times as long as a text seed.
    source = pdfs[(n // PDF_EVERY) % len(pdfs)] if pdfs and n % PDF_EVERY == PDF_EVERY - 1 else texts[n % len(texts)]
    if source.pdf:
        data = source.data
        steps = [rng.choice(["truncate", "rot", "zero", "move", "append"]) for _ in range(rng.randint(1, 3))]
        for _ in steps:
            data = _bytes(rng, data)
        return source.name, data, ["pdf bytes"]
    text = source.data.decode("utf-8")
    lines = text.split("\n")
    done = []
    for _ in range(rng.randint(1, 4)):
        mutate = rng.choice(TEXT)
        mutate(rng, lines)
        done.append(mutate.__name__.lstrip("_"))
    if rng.random() < 0.15:
        other = all_sources[rng.randrange(len(all_sources))]
        if not other.pdf:
            lines += other.data.decode("utf-8").split("\n")[: rng.randrange(2000)]
            done.append("concatenate " + other.name)
    data = _encode(rng, "\n".join(lines))
    if rng.random() < 0.1:
        data = _bytes(rng, data)
        done.append("bytes")
    return source.name, data, done
