"""Routing quality (issue 11): the learned routing model beside its two baselines on real
labelled Vietnamese short texts (a CSV with columns text,label, kept outside the repository;
docs/routing.md says where ours came from).

    .venv/bin/python bench/routing_bench.py --csv /work/data/routing/uit-vsfc/uit-vsfc-topic.csv
    .venv/bin/python bench/routing_bench.py --csv FILE --tune     # choose C and class weights first

One stratified split holds out the test part (20 %, seed 0), never looked at while tuning:
`--tune` carves a validation part out of the training part and picks the parameters there. The
model and both baselines (majority class; TF-IDF word unigrams + logistic regression with
scikit-learn's defaults) are trained on the same training part and measured on the test part and
on a perturbed copy of it: accents removed, common words written in teencode (each with
probability 0.7), a typo in about one word of three letters or more in ten, as questions are
typed on a phone. Prints accuracy, macro-F1, top-3 accuracy,
expected calibration error (15 bins), training time and prediction latency per question.
"""

import argparse
import itertools
import os
import platform
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from presscenter.analysis import routing

# Words as people type them on a phone (folded forms: perturbation removes the accents first).
TEENCODE_OUT = {
    "khong": ["ko", "k", "hok", "khg"], "duoc": ["dc", "dk"], "gi": ["j"], "voi": ["vs"], "roi": ["r"],
    "cung": ["cx", "cg"], "nguoi": ["ng"], "biet": ["bik", "bjt"], "thich": ["thik"], "minh": ["mk", "mik"],
    "truoc": ["trc"], "nhieu": ["nhiu"], "qua": ["wa"], "luon": ["lun"], "phai": ["fai"], "vay": ["z"],
    "lam": ["lm"], "moi": ["ms"], "noi": ["ns"],
}  # fmt: skip
PHRASES_OUT = {"nhu the nao": "ntn", "bao nhieu": "bn", "giang vien": "gv", "sinh vien": "sv"}
WORD_RE = re.compile(r"\w+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def typo(word: str, rng: random.Random) -> str:
    position = rng.randrange(len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # two letters swapped
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if kind == 1:  # a letter dropped
        return word[:position] + word[position + 1 :]
    return word[:position] + word[position] + word[position:]  # a letter doubled


def perturb(text: str, rng: random.Random, typo_rate: float = 0.1, teencode_rate: float = 0.7) -> str:
    """The text without accents, with teencode for common words and phrases, and typos."""
    plain = strip_accents(text).lower()
    for phrase, short in PHRASES_OUT.items():
        if rng.random() < teencode_rate:
            plain = plain.replace(phrase, short)

    def word(match: re.Match[str]) -> str:
        value = match.group()
        if value in TEENCODE_OUT and rng.random() < teencode_rate:
            return strip_accents(rng.choice(TEENCODE_OUT[value]))
        if len(value) >= 3 and rng.random() < typo_rate:
            return typo(value, rng)
        return value

    return WORD_RE.sub(word, plain)


def tune(texts: list[str], labels: list[str], seed: int) -> dict[str, float]:
    """C and the class-weight power with the best macro-F1 on a validation part of the training part."""
    fit_texts, fit_labels, val_texts, val_labels = routing.split(texts, labels, 0.2, seed + 1)
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for c, power in itertools.product((3.0, 10.0, 30.0), (0.0, 0.5, 1.0)):
        params = {"c": c, "class_weight_power": power}
        model = routing.train(fit_texts, fit_labels, seed=seed, calibration_folds=0, **params)
        score = routing.measure(model, val_texts, val_labels).macro_f1
        print(f"  tune C={c:g} power={power:g}: validation macro-F1 {score:.4f}", flush=True)
        best = max(best, (score, params), key=lambda pair: pair[0])
    print(f"  chosen: {best[1]}", flush=True)
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", required=True, help="CSV with columns text,label")
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tune", action="store_true", help="choose C and class weights on a validation part")
    options = parser.parse_args()

    data = routing.read_csv(options.csv)
    train_texts, train_labels, test_texts, test_labels = routing.split(
        data.texts, data.labels, options.test_size, options.seed
    )
    rng = random.Random(options.seed)
    perturbed = [perturb(text, rng) for text in test_texts]
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    print(f"data: {options.csv}: {len(data.texts)} texts, {len(set(data.labels))} labels ({data.skipped} skipped)")
    print(f"split: seed {options.seed}, {len(train_texts)} train, {len(test_texts)} test")
    print("perturbed examples:")
    for original, changed in list(zip(test_texts, perturbed, strict=True))[:3]:
        print(f"  {original!r} -> {changed!r}")
    params = tune(train_texts, train_labels, options.seed) if options.tune else {}
    started = time.perf_counter()
    evaluation = routing.evaluate(train_texts, train_labels, test_texts, test_labels, seed=options.seed, **params)
    print(f"(all three trained and measured in {time.perf_counter() - started:.1f} s)")
    print(f"temperature: {evaluation.models['model'].temperature:.3f}")  # type: ignore[attr-defined]
    print()
    print("| model | test | accuracy | macro-F1 | top-3 | ECE | train s | predict ms/question |")
    print("|---|---|---|---|---|---|---|---|")
    for row in evaluation.rows:
        for name, texts in (("held-out", test_texts), ("no accents + teencode + typos", perturbed)):
            metrics = (
                row.metrics if texts is test_texts else routing.measure(evaluation.models[row.name], texts, test_labels)
            )
            print(
                f"| {row.name} | {name} | {metrics.accuracy:.3f} | {metrics.macro_f1:.3f} | {metrics.top3:.3f} "
                f"| {metrics.ece:.3f} | {row.train_seconds:.1f} | {row.predict_ms:.2f} |"
            )
    model, baseline = (next(row for row in evaluation.rows if row.name == name) for name in ("model", "tfidf"))
    margin = (model.metrics.macro_f1 - baseline.metrics.macro_f1) * 100
    print()
    print(
        f"macro-F1 margin over TF-IDF+LR: {margin:+.1f} points (target +3.0); model ECE {model.metrics.ece:.3f} (target ≤ 0.05)"
    )


if __name__ == "__main__":
    main()
