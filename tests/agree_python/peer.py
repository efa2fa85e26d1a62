"""What a reviewer would compute without biaozhu: seqeval's strict IOB2 span
figures and scikit-learn's Cohen's kappa over characters, from two doccano
JSONL files (documents matched by text). check.py uses its tagging;
scripts/bench/agree.mjs times it as the peer of `biaozhu agree`.

Usage: peer.py A.jsonl B.jsonl  -> {"f1": micro F1 of B against A, "kappa": ...}
"""

import json
import sys


def iob2(text, spans):
    """One tag a character; spans must not overlap (IOB2 cannot hold that)."""
    tags = ["O"] * len(text)
    for s, e, label in spans:
        tags[s] = "B-" + label
        for i in range(s + 1, e):
            tags[i] = "I-" + label
    return tags


def main(path_a, path_b):
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2
    from sklearn.metrics import cohen_kappa_score

    def read(path):
        with open(path, encoding="utf-8") as f:
            return {d["text"]: d["label"] for d in map(json.loads, f)}

    a, b = read(path_a), read(path_b)
    texts = [t for t in a if t in b]
    ta = [iob2(t, a[t]) for t in texts]
    tb = [iob2(t, b[t]) for t in texts]
    report = classification_report(ta, tb, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    categories = lambda tagged: [x[2:] if x != "O" else "O" for doc in tagged for x in doc]  # noqa: E731
    kappa = cohen_kappa_score(categories(ta), categories(tb))
    print(json.dumps({"f1": report["micro avg"]["f1-score"], "kappa": kappa}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
