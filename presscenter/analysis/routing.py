"""The learned routing suggestion: which organisation (a label) should handle a question, with a
calibrated probability. Imports no Django; scikit-learn is imported only when a model is trained
or used.

Real questions are short, typed with or without accents, with typos and teencode. Every text is
folded and its teencode expanded (`presscenter.text.teencode`) before features are taken, so
"Làm thế nào để đăng ký?" and "lam ntn de dang ky" read alike. Features: character 1–5-grams
within words (robust to typos and to words run together) and word 1–2-grams, both TF-IDF with
sublinear counts; a multinomial logistic regression. Its probabilities are calibrated by
temperature scaling: one temperature T, fitted on out-of-fold scores of the training data,
divides the scores before the softmax (Guo et al., 2017), which changes no ranking.

A saved model is one file: a magic line, a JSON header (format version, SHA-256 and size of the
payload, labels, scikit-learn version) and the pickled model. `load` checks everything before it
unpickles anything, and raises `ModelFileError` with the reason otherwise. The checksum catches
truncated, damaged and edited files, not a forger who can write the file: like the database, the
model file must be writable only by the service.

`evaluate` trains the model and two baselines (the majority class; TF-IDF word unigrams with a
logistic regression, scikit-learn's defaults) on the same training split and reports accuracy,
macro-F1, top-3 accuracy and expected calibration error (15 equal-width bins of the top-1
probability) on the same test split.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import math
import os
import pickle
import random
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from presscenter.text.teencode import normalize_informal

FORMAT_VERSION = 1
MAGIC = b"PRESSCENTER-ROUTING-MODEL\n"
# A header longer than this is not ours (the labels of a few thousand organisations fit).
MAX_HEADER_BYTES = 1_000_000
ECE_BINS = 15
TOP_K = 3
SPACE_SEPARATED = r"\S+"  # the words of normalized text


class RoutingError(Exception):
    """A refusal with a message for the operator, in Vietnamese."""


class DataError(RoutingError):
    """Training data that cannot be used (file, encoding, columns, labels)."""


class ModelFileError(RoutingError):
    """A model file that is missing, truncated, damaged, edited, or of another format version."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def normalize(text: str) -> str:
    """The text the features are taken from: folded, teencode expanded."""
    return normalize_informal(text)


# --- models ------------------------------------------------------------------------------------


class Classifier(Protocol):
    labels: list[str]

    def probabilities(self, texts: Sequence[str]) -> Any:  # numpy array, one row per text
        ...


def _softmax(scores: Any, temperature: float) -> Any:
    import numpy as np  # noqa: PLC0415 heavy

    scaled = np.asarray(scores, dtype=float) / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def _scores(classifier: Any, features: Any) -> Any:
    """Decision scores with one column per class (scikit-learn gives one column for two classes)."""
    import numpy as np  # noqa: PLC0415 heavy

    scores = classifier.decision_function(features)
    if scores.ndim == 1:
        scores = np.column_stack([-scores / 2, scores / 2])
    return scores


@dataclass
class RoutingModel:
    """A trained model: `predict(texts)` gives, per text, the top labels with their probabilities."""

    features: Any  # a fitted sklearn FeatureUnion of TF-IDF vectorizers (they normalize the text)
    classifier: Any  # a fitted sklearn LogisticRegression
    labels: list[str]
    temperature: float = 1.0
    trained_on: int = 0
    params: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, texts: Sequence[str]) -> Any:
        features = self.features.transform(list(texts))
        return _softmax(_scores(self.classifier, features), self.temperature)

    def predict(self, texts: Sequence[str], k: int = TOP_K) -> list[list[tuple[str, float]]]:
        if not texts:
            return []
        return top_k(self.probabilities(texts), self.labels, k)


def top_k(probabilities: Any, labels: Sequence[str], k: int) -> list[list[tuple[str, float]]]:
    result = []
    for row in probabilities:
        order = sorted(range(len(labels)), key=lambda index: (-row[index], labels[index]))[:k]
        result.append([(labels[index], float(row[index])) for index in order])
    return result


DEFAULT_PARAMS: dict[str, Any] = {
    "char_ngrams": (1, 5),
    "word_ngrams": (1, 2),
    "min_df": 1,
    "c": 3.0,
    "class_weight_power": 0.5,
    "calibration_folds": 3,
    "max_iter": 3000,
}


def _features(params: dict[str, Any]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 heavy
    from sklearn.pipeline import FeatureUnion  # noqa: PLC0415 heavy

    common = {"preprocessor": normalize, "min_df": params["min_df"], "sublinear_tf": True, "lowercase": False}
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(params["char_ngrams"]), **common)
    words = TfidfVectorizer(
        analyzer="word", ngram_range=tuple(params["word_ngrams"]), token_pattern=SPACE_SEPARATED, **common
    )
    return FeatureUnion([("chars", chars), ("words", words)])


def class_weights(labels: Sequence[str], power: float) -> dict[str, float]:
    """Weights (n / (k × n_label)) ** power: 0 weighs every question alike, 1 every label alike
    ("balanced"); in between, rare labels (an agency seldom asked) count more without swamping."""
    counts = Counter(labels)
    return {label: (len(labels) / (len(counts) * count)) ** power for label, count in counts.items()}


def _fit(texts: Sequence[str], labels: Sequence[str], params: dict[str, Any], seed: int) -> tuple[Any, Any]:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 heavy

    features = _features(params)
    matrix = features.fit_transform(list(texts))
    classifier = LogisticRegression(
        C=params["c"],
        class_weight=class_weights(labels, params["class_weight_power"]),
        max_iter=params["max_iter"],
        random_state=seed,
    )
    classifier.fit(matrix, list(labels))
    return features, classifier


def fit_temperature(scores: Any, targets: Sequence[int]) -> float:
    """The temperature minimising the negative log-likelihood of `targets` (column indexes) under
    softmax(scores / T); searched over T in [0.05, 20]."""
    import numpy as np  # noqa: PLC0415 heavy
    from scipy.optimize import minimize_scalar  # noqa: PLC0415 heavy

    scores = np.asarray(scores, dtype=float)
    rows = np.arange(len(targets))
    columns = np.asarray(targets)

    def nll(log_t: float) -> float:
        probabilities = _softmax(scores, math.exp(log_t))
        return float(-np.log(np.clip(probabilities[rows, columns], 1e-12, None)).mean())

    result = minimize_scalar(nll, bounds=(math.log(0.05), math.log(20.0)), method="bounded")
    return float(math.exp(result.x))


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """BLAS on one thread while training. The solver's steps are tiny; with OpenBLAS's threads on
    a busy machine (two cores shared with other processes) training 100 questions took 90 s
    instead of 3 s, the threads spinning against each other."""
    from threadpoolctl import threadpool_limits  # noqa: PLC0415 heavy

    with threadpool_limits(limits=1):
        yield


def train(texts: Sequence[str], labels: Sequence[str], *, seed: int = 0, **overrides: Any) -> RoutingModel:
    """Train on all of `texts`/`labels` (at least two labels). The temperature is fitted on
    out-of-fold scores (stratified folds of the same data), then the model is fitted on all of it."""
    with one_thread():
        return _train(texts, labels, seed, overrides)


def _train(texts: Sequence[str], labels: Sequence[str], seed: int, overrides: dict[str, Any]) -> RoutingModel:
    unknown = set(overrides) - set(DEFAULT_PARAMS)
    if unknown:
        raise TypeError(f"unknown parameters: {sorted(unknown)}")
    params = {**DEFAULT_PARAMS, **overrides}
    _check_training_data(texts, labels)
    text_list = list(texts)
    label_list = list(labels)
    features, classifier = _fit(text_list, label_list, params, seed)
    classes = [str(label) for label in classifier.classes_]
    temperature = 1.0
    folds = min(params["calibration_folds"], max(Counter(label_list).values()))
    if folds >= 2:
        temperature = _out_of_fold_temperature(text_list, label_list, classes, folds, params, seed)
    return RoutingModel(
        features=features,
        classifier=classifier,
        labels=classes,
        temperature=temperature,
        trained_on=len(label_list),
        params=params,
    )


def _out_of_fold_temperature(
    texts: list[str], labels: list[str], classes: list[str], folds: int, params: dict[str, Any], seed: int
) -> float:
    """The temperature fitted on scores each text got from a model trained without it. A label
    with fewer texts than folds is missing from some folds' training parts: there its score is
    far below the others (the model could not have named it), which rightly lowers confidence."""
    import numpy as np  # noqa: PLC0415 heavy
    from sklearn.model_selection import StratifiedKFold  # noqa: PLC0415 heavy

    column = {label: index for index, label in enumerate(classes)}
    oof = np.zeros((len(labels), len(classes)))
    with warnings.catch_warnings():  # "the least populated class has only 1 member": handled below
        warnings.simplefilter("ignore", UserWarning)
        parts = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(texts, labels))
    for fit_rows, held_rows in parts:
        fit_labels = [labels[i] for i in fit_rows]
        if len(set(fit_labels)) < 2:
            return 1.0
        fold_features, fold_classifier = _fit([texts[i] for i in fit_rows], fit_labels, params, seed)
        fold_scores = _scores(fold_classifier, fold_features.transform([texts[i] for i in held_rows]))
        known = [str(label) for label in fold_classifier.classes_]
        oof[held_rows, :] = fold_scores.min() - 10.0
        for position, label in enumerate(known):
            oof[held_rows, column[label]] = fold_scores[:, position]
    return fit_temperature(oof, [column[label] for label in labels])


def _check_training_data(texts: Sequence[str], labels: Sequence[str]) -> None:
    if len(texts) != len(labels):
        raise DataError(f"Số câu ({len(texts)}) khác số nhãn ({len(labels)}).")
    if len(set(labels)) < 2:
        raise DataError("Cần ít nhất hai nhãn khác nhau để huấn luyện.")


# --- baselines ---------------------------------------------------------------------------------


@dataclass
class MajorityBaseline:
    """Always the most frequent training label; its probabilities are the training frequencies."""

    labels: list[str]
    priors: list[float]

    @classmethod
    def fit(cls, labels: Sequence[str]) -> MajorityBaseline:
        counts = Counter(labels)
        ordered = sorted(counts, key=lambda label: (-counts[label], label))
        return cls(labels=ordered, priors=[counts[label] / len(labels) for label in ordered])

    def probabilities(self, texts: Sequence[str]) -> Any:
        import numpy as np  # noqa: PLC0415 heavy

        return np.tile(np.asarray(self.priors), (len(texts), 1))


@dataclass
class TfidfBaseline:
    """TF-IDF word unigrams and a logistic regression, scikit-learn's defaults, on the raw text."""

    pipeline: Any
    labels: list[str]

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], seed: int = 0) -> TfidfBaseline:
        from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 heavy
        from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 heavy
        from sklearn.pipeline import make_pipeline  # noqa: PLC0415 heavy

        pipeline = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000, random_state=seed))
        with one_thread():
            pipeline.fit(list(texts), list(labels))
        return cls(pipeline=pipeline, labels=[str(label) for label in pipeline.classes_])

    def probabilities(self, texts: Sequence[str]) -> Any:
        return self.pipeline.predict_proba(list(texts))


# --- metrics -----------------------------------------------------------------------------------


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth) if truth else 0.0


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """The unweighted mean of per-label F1 over every label that is true or predicted (as
    scikit-learn's f1_score(average="macro")); a label never predicted and never true is not counted."""
    labels = set(truth) | set(predicted)
    if not labels:
        return 0.0
    total = 0.0
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(labels)


def top_k_accuracy(truth: Sequence[str], ranked: Sequence[Sequence[str]], k: int = TOP_K) -> float:
    return sum(t in list(r)[:k] for t, r in zip(truth, ranked, strict=True)) / len(truth) if truth else 0.0


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS) -> float:
    """ECE over `bins` equal-width bins of the top-1 confidence: the bins' gaps between accuracy and
    mean confidence, weighted by their share of the questions. Bin i holds (i/bins, (i+1)/bins]; a
    confidence of 0 goes to the first."""
    if not confidences:
        return 0.0
    members: list[list[int]] = [[] for _ in range(bins)]
    for index, confidence in enumerate(confidences):
        members[max(0, min(bins - 1, math.ceil(confidence * bins) - 1))].append(index)
    total = 0.0
    for rows in members:
        if rows:
            gap = sum(correct[i] for i in rows) / len(rows) - sum(confidences[i] for i in rows) / len(rows)
            total += len(rows) / len(confidences) * abs(gap)
    return total


@dataclass(frozen=True)
class Metrics:
    accuracy: float
    macro_f1: float
    top3: float
    ece: float


def measure(model: Classifier, texts: Sequence[str], labels: Sequence[str]) -> Metrics:
    """The four figures of a model on labelled texts (a label the model never saw counts as wrong)."""
    ranked = top_k(model.probabilities(texts), model.labels, TOP_K) if texts else []
    predicted = [row[0][0] for row in ranked]
    confidences = [row[0][1] for row in ranked]
    return Metrics(
        accuracy=accuracy(labels, predicted),
        macro_f1=macro_f1(labels, predicted),
        top3=top_k_accuracy(labels, [[label for label, _ in row] for row in ranked]),
        ece=expected_calibration_error(confidences, [p == t for p, t in zip(predicted, labels, strict=True)]),
    )


# --- evaluation --------------------------------------------------------------------------------


MODEL_NAMES = {"model": "Mô hình", "tfidf": "TF-IDF + LR (đối chứng)", "majority": "Nhãn phổ biến nhất (đối chứng)"}


@dataclass
class Row:
    name: str  # "model", "tfidf", "majority"
    metrics: Metrics
    train_seconds: float
    predict_ms: float  # per question, one question at a time


@dataclass
class Evaluation:
    n_train: int
    n_test: int
    n_labels: int
    rows: list[Row]
    models: dict[str, Classifier] = field(default_factory=dict, repr=False)


def split(
    texts: Sequence[str], labels: Sequence[str], test_size: float = 0.2, seed: int = 0
) -> tuple[list[str], list[str], list[str], list[str]]:
    """A stratified split: each label gives round(n × test_size) of its n texts to the test part,
    at least one when it has two or more, none when it has one. Returns train texts, train labels,
    test texts, test labels."""
    if not 0 < test_size < 1:
        raise DataError("Tỉ lệ tập kiểm tra phải lớn hơn 0 và nhỏ hơn 1.")
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    test_rows: set[int] = set()
    for label in sorted(by_label):
        rows = by_label[label]
        rng.shuffle(rows)
        n_test = 0 if len(rows) < 2 else min(len(rows) - 1, max(1, round(len(rows) * test_size)))
        test_rows.update(rows[:n_test])
    train_rows = [i for i in range(len(texts)) if i not in test_rows]
    test_list = sorted(test_rows)
    return (
        [texts[i] for i in train_rows],
        [labels[i] for i in train_rows],
        [texts[i] for i in test_list],
        [labels[i] for i in test_list],
    )


def _latency_ms(model: Classifier, texts: Sequence[str], sample: int = 200) -> float:
    chosen = list(texts)[:sample]
    if not chosen:
        return 0.0
    start = time.perf_counter()
    for text in chosen:
        model.probabilities([text])
    return (time.perf_counter() - start) * 1000 / len(chosen)


def evaluate(
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    test_texts: Sequence[str],
    test_labels: Sequence[str],
    *,
    seed: int = 0,
    **params: Any,
) -> Evaluation:
    """Train the model and both baselines on the training part; measure all three on the test part."""
    _check_training_data(train_texts, train_labels)
    if not test_texts:
        raise DataError("Tập kiểm tra trống.")
    rows = []
    models: dict[str, Classifier] = {}
    builders: dict[str, Callable[[], Classifier]] = {
        "model": lambda: train(train_texts, train_labels, seed=seed, **params),
        "tfidf": lambda: TfidfBaseline.fit(train_texts, train_labels, seed=seed),
        "majority": lambda: MajorityBaseline.fit(train_labels),
    }
    for name, build in builders.items():
        start = time.perf_counter()
        model = build()
        seconds = time.perf_counter() - start
        models[name] = model
        rows.append(Row(name, measure(model, test_texts, test_labels), seconds, _latency_ms(model, test_texts)))
    return Evaluation(len(train_texts), len(test_texts), len(set(train_labels) | set(test_labels)), rows, models)


def format_table(evaluation: Evaluation) -> str:
    """The evaluation as a plain-text table (Vietnamese headings), for the terminal."""
    header = ("", "Độ chính xác", "Macro-F1", "Top-3", "ECE", "Huấn luyện (s)", "Dự đoán (ms/câu)")
    lines = [header] + [
        (
            MODEL_NAMES[row.name],
            f"{row.metrics.accuracy:.3f}",
            f"{row.metrics.macro_f1:.3f}",
            f"{row.metrics.top3:.3f}",
            f"{row.metrics.ece:.3f}",
            f"{row.train_seconds:.1f}",
            f"{row.predict_ms:.2f}",
        )
        for row in evaluation.rows
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    rendered = [
        "  ".join(cell.ljust(width) if column == 0 else cell.rjust(width) for column, (cell, width) in
                  enumerate(zip(line, widths, strict=True)))
        for line in lines
    ]  # fmt: skip
    summary = (
        f"Huấn luyện: {evaluation.n_train} câu; kiểm tra: {evaluation.n_test} câu; số nhãn: {evaluation.n_labels}."
    )
    return "\n".join([summary, *rendered])


# --- CSV ---------------------------------------------------------------------------------------


@dataclass
class Dataset:
    texts: list[str]
    labels: list[str]
    skipped: int = 0  # rows with an empty text or label


def read_csv(path: Path | str) -> Dataset:
    """Read a UTF-8 CSV with the columns `text` and `label` (others are ignored). Raises
    DataError with the reason in Vietnamese."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise DataError(f"{path} là một thư mục, không phải tệp CSV.") from None
    except OSError as error:
        raise DataError(f"Không đọc được tệp {path}: {error.strerror}.") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            f"Tệp {path} không phải UTF-8 (byte lạ ở vị trí {error.start}). Hãy lưu lại tệp với mã hóa UTF-8."
        ) from None
    if not content.strip():
        raise DataError(f"Tệp {path} trống.")
    try:
        reader = csv.DictReader(content.splitlines())
        columns = [name.strip().lower() for name in reader.fieldnames or []]
        missing = [name for name in ("text", "label") if name not in columns]
        if missing:
            raise DataError(
                f"Tệp {path} thiếu cột: {', '.join(missing)}. Dòng đầu phải có các cột text,label "
                f"(đang có: {', '.join(reader.fieldnames or []) or 'không có cột nào'})."
            )
        reader.fieldnames = columns
        texts, labels, skipped = [], [], 0
        for row in reader:
            text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
            if text and label:
                texts.append(text)
                labels.append(label)
            else:
                skipped += 1
    except csv.Error as error:
        raise DataError(f"Tệp {path} không đúng định dạng CSV: {error}.") from None
    if not texts:
        raise DataError(f"Tệp {path} không có dòng dữ liệu nào (cần cả text và label).")
    if len(set(labels)) < 2:
        raise DataError(f"Tệp {path} chỉ có một nhãn ({labels[0]}): cần ít nhất hai nhãn khác nhau.")
    return Dataset(texts, labels, skipped)


# --- model files -------------------------------------------------------------------------------


def _sklearn_version() -> str:
    import sklearn  # noqa: PLC0415 heavy

    return str(sklearn.__version__)


def save(model: RoutingModel, path: Path | str) -> Path:
    """Write the model to `path` atomically (a temporary file in the same folder, then renamed)."""
    path = Path(path)
    payload = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    header = {
        "format": "presscenter-routing",
        "version": FORMAT_VERSION,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size": len(payload),
        "labels": model.labels,
        "trained_on": model.trained_on,
        "temperature": model.temperature,
        "sklearn": _sklearn_version(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(MAGIC)
            file.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read_header(path: Path | str) -> tuple[dict[str, Any], bytes]:
    """The header and payload of a model file, checked (magic, version, size, checksum) but not
    unpickled."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelFileError(path, "không có tệp mô hình") from None
    except OSError as error:
        raise ModelFileError(path, f"không đọc được tệp ({error.strerror})") from None
    if not raw.startswith(MAGIC):
        raise ModelFileError(path, "không phải tệp mô hình định tuyến")
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES)
    if end < 0:
        raise ModelFileError(path, "tệp bị cắt cụt (thiếu phần đầu)")
    try:
        header = json.loads(raw[len(MAGIC) : end])
        version, checksum, size = header["version"], header["sha256"], header["size"]
    except (ValueError, KeyError, TypeError):
        raise ModelFileError(path, "phần đầu của tệp bị hỏng") from None
    if version != FORMAT_VERSION:
        raise ModelFileError(
            path, f"định dạng phiên bản {version}, phần mềm này đọc phiên bản {FORMAT_VERSION}: hãy huấn luyện lại"
        )
    payload = raw[end + 1 :]
    if len(payload) != size:
        raise ModelFileError(path, f"tệp bị cắt cụt hoặc thừa dữ liệu ({len(payload)} byte thay vì {size})")
    if not isinstance(checksum, str) or hashlib.sha256(payload).hexdigest() != checksum:
        raise ModelFileError(path, "tổng kiểm tra SHA-256 không khớp: tệp đã bị sửa hoặc hỏng")
    return header, payload


def load(path: Path | str) -> RoutingModel:
    """The model saved at `path`; ModelFileError (with the reason) for any file that is not one."""
    header, payload = read_header(path)
    installed = _sklearn_version()
    if header.get("sklearn") != installed:
        raise ModelFileError(
            path, f"mô hình huấn luyện với scikit-learn {header.get('sklearn')}, máy này có {installed}: "
            "hãy huấn luyện lại"
        )  # fmt: skip
    try:
        model = pickle.loads(payload)  # noqa: S301 (our own file, its checksum verified above)
    except Exception:
        raise ModelFileError(path, "không đọc được mô hình trong tệp") from None
    if not isinstance(model, RoutingModel):
        raise ModelFileError(path, "tệp không chứa mô hình định tuyến")
    return model
