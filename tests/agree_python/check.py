"""`biaozhu agree --json` against the implementations reviewers know.

Generates annotators' files of the same Han documents (seeded, so a failure
can be run again), runs `biaozhu agree --json` on them and compares its
figures with seqeval (strict IOB2 span F1, per label and micro overall),
scikit-learn's cohen_kappa_score over characters and the krippendorff
package's nominal alpha, to 1e-9. Usage: check.py BIAOZHU [BIAOZHU...]
(a debug and a release binary both, when there are both).
"""

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import krippendorff
import numpy as np
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2
from sklearn.metrics import cohen_kappa_score

sys.path.insert(0, str(Path(__file__).parent))
from peer import iob2  # noqa: E402

LABELS = ["PER", "LOC", "ORG", "TIME"]
TOLERANCE = 1e-9


def han_text(rng, used):
    while True:
        text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(8, 120)))
        if text not in used:
            used.add(text)
            return text


def flat_spans(rng, length):
    """Spans that do not overlap one another, as seqeval's tags can hold."""
    spans, at = [], 0
    while True:
        at += rng.randint(0, 12)
        size = rng.randint(1, 6)
        if at + size > length:
            return spans
        spans.append((at, at + size, rng.choice(LABELS)))
        at += size


def variant(rng, spans, length):
    """Another annotator's spans: most kept, some moved, relabelled, dropped, added."""
    out = []
    for s, e, label in spans:
        roll = rng.random()
        if roll < 0.55:
            out.append((s, e, label))
        elif roll < 0.7:
            out.append((s, max(s + 1, min(length, e + rng.choice([-1, 1]))), label))
        elif roll < 0.85:
            out.append((s, e, rng.choice(LABELS)))
        elif roll < 0.95:
            continue
        else:
            out.append((s, e, label))
            out.append((s, e, label))  # removed below when overlapping
    # Extras in the gaps, then keep it free of overlaps (first wins).
    out += flat_spans(rng, length)[: rng.randint(0, 2)]
    out.sort(key=lambda t: (t[0], -t[1], t[2]))
    flat, end = [], 0
    for s, e, label in out:
        if s >= end:
            flat.append((s, e, label))
            end = e
    return flat


def nested(rng, spans, length):
    """Spans with some overlapping or nested in one another."""
    out = list(spans)
    for s, e, label in spans:
        if rng.random() < 0.4:
            a = max(0, s - rng.randint(0, 3))
            b = min(length, e + rng.randint(0, 3))
            out.append((a, max(a + 1, b), rng.choice(LABELS)))
    rng.shuffle(out)
    return out


def write_doccano(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for text, spans in docs:
            f.write(json.dumps({"text": text, "label": [[s, e, l] for s, e, l in spans]}, ensure_ascii=False) + "\n")


def categories(text, spans):
    """The documented rule: the span starting first wins, then the longer, then the label sorting first."""
    cats = ["O"] * len(text)
    for s, e, label in sorted(spans, key=lambda t: (t[0], -t[1], t[2])):
        for i in range(s, e):
            if cats[i] == "O":
                cats[i] = label
    return cats


def agree(binary, files):
    out = subprocess.run([binary, "agree", *map(str, files), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout), out.stderr


failures = []


def close(what, ours, theirs):
    if ours is None or abs(ours - theirs) > TOLERANCE:
        failures.append(f"{what}: biaozhu {ours} vs {theirs}")


def check(binary, seed):
    rng = random.Random(seed)
    used = set()
    a, b, c, na, nb, nc = [], [], [], [], [], []
    for i in range(40):
        text = han_text(rng, used)
        spans = [] if i % 7 == 0 else flat_spans(rng, len(text))
        a.append((text, spans))
        b.append((text, [] if i % 7 == 0 and i % 2 else variant(rng, spans, len(text))))
        c.append((text, variant(rng, spans, len(text))))
        na.append((text, nested(rng, a[-1][1], len(text))))
        nb.append((text, nested(rng, b[-1][1], len(text))))
        nc.append((text, nested(rng, c[-1][1], len(text))))
    only_a = han_text(rng, used)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_doccano(tmp / "a.jsonl", a + [(only_a, [])])
        write_doccano(tmp / "b.jsonl", b)
        write_doccano(tmp / "c.jsonl", c)
        for name, docs in (("na", na), ("nb", nb), ("nc", nc)):
            write_doccano(tmp / f"{name}.jsonl", docs)
        two, stderr = agree(binary, [tmp / "a.jsonl", tmp / "b.jsonl"])
        three, _ = agree(binary, [tmp / "a.jsonl", tmp / "b.jsonl", tmp / "c.jsonl"])
        nested_two, _ = agree(binary, [tmp / "na.jsonl", tmp / "nb.jsonl"])
        nested_three, _ = agree(binary, [tmp / "na.jsonl", tmp / "nb.jsonl", tmp / "nc.jsonl"])

    tag = f"seed {seed}, {binary}"
    if two["documents"] != len(a) or [u["sha256"] for u in two["unmatched"]] == []:
        failures.append(f"{tag}: the document only a.jsonl has is not named: {two['unmatched']}")
    if "only in" not in stderr:
        failures.append(f"{tag}: stderr does not name the unmatched document: {stderr!r}")

    report = classification_report(
        [iob2(t, s) for t, s in a], [iob2(t, s) for t, s in b], mode="strict", scheme=IOB2, output_dict=True, zero_division=0
    )
    for label, ours in two["labels"].items():
        for key in ("precision", "recall", "f1"):
            close(f"{tag}: {label} {key}", ours[key], report[label]["f1-score" if key == "f1" else key])
    if set(two["labels"]) != {k for k in report if not k.endswith(" avg")}:
        failures.append(f"{tag}: labels differ: {sorted(two['labels'])} vs {sorted(report)}")
    for key in ("precision", "recall", "f1"):
        close(f"{tag}: overall {key}", two["overall"][key], report["micro avg"]["f1-score" if key == "f1" else key])

    for what, ours_two, ours_three, sides in (
        ("flat", two, three, (a, b, c)),
        ("nested", nested_two, nested_three, (na, nb, nc)),
    ):
        cats = [sum((categories(t, s) for t, s in docs), []) for docs in sides]
        close(f"{tag}: {what} cohen kappa", ours_two["overall"]["kappa"], cohen_kappa_score(cats[0], cats[1]))
        values = sorted(set(sum(cats, [])))
        data = np.array([[values.index(x) for x in row] for row in cats], dtype=float)
        close(f"{tag}: {what} alpha, 3", ours_three["overall"]["alpha"], krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        close(f"{tag}: {what} alpha, 2", ours_two["overall"]["alpha"], krippendorff.alpha(reliability_data=data[:2], level_of_measurement="nominal"))
        # The figures of three are still B against A.
        close(f"{tag}: {what} kappa of three", ours_three["overall"]["kappa"], ours_two["overall"]["kappa"])


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit("usage: check.py BIAOZHU [BIAOZHU...]")
    for binary in binaries:
        for seed in (1, 2, 3):
            check(binary, seed)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"agree: seqeval, scikit-learn and krippendorff agree with {', '.join(binaries)} to {TOLERANCE} (3 seeds)")


if __name__ == "__main__":
    main()
