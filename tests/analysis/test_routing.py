"""The learned routing suggestion (presscenter.analysis.routing): training on questions written for
the project (fixtures/routing_questions.csv, five agencies, with and without accents and teencode),
metrics against hand-computed values, model files that are refused, and the CLI."""

import hashlib
import json
import random
from pathlib import Path

import pytest
from sklearn.metrics import f1_score

from presscenter.analysis import routing
from presscenter.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "routing_questions.csv"


@pytest.fixture(scope="module")
def data():
    return routing.read_csv(FIXTURE)


@pytest.fixture(scope="module")
def model(data):
    return routing.train(data.texts, data.labels)


# --- the model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "agency"),
    [
        ("Xe buýt tuyến 09 có chạy đến 23 giờ không?", "so-giao-thong"),
        ("xe buyt 09 chay den may h", "so-giao-thong"),
        ("Bao giờ có điểm thi vào lớp 10?", "so-giao-duc"),
        ("diem thi lop 10 bao h co vay", "so-giao-duc"),
        ("bệnh viện có đủ thuốc không", "so-y-te"),
        ("bv co du thuoc ko", "so-y-te"),
        ("rác để mấy ngày không ai thu gom", "so-tai-nguyen"),
        ("lam ho chieu o dau", "cong-an"),
    ],
)
def test_questions_not_in_the_training_data_go_to_the_right_agency(model, question, agency):
    assert model.predict([question])[0][0][0] == agency


def test_the_same_question_with_or_without_accents_and_in_teencode_gets_the_same_probabilities(model):
    accented, plain, teencode = model.predict(
        ["Đăng ký tạm trú như thế nào?", "dang ky tam tru nhu the nao", "DANG KY TAM TRU NTN"]
    )
    assert accented == plain == teencode
    assert accented[0][0] == "cong-an"


def test_predictions_are_the_top_three_labels_by_probability(model):
    [ranked] = model.predict(["Học phí mầm non tăng bao nhiêu?"])
    assert len(ranked) == 3
    assert [probability for _, probability in ranked] == sorted((p for _, p in ranked), reverse=True)
    assert len({label for label, _ in ranked}) == 3
    full = model.probabilities(["Học phí mầm non tăng bao nhiêu?"])[0]
    assert abs(sum(full) - 1) < 1e-9
    assert model.predict(["x"], k=10)[0].__len__() == 5
    assert model.predict([]) == []


def test_the_temperature_is_fitted_and_changes_no_ranking(data, model):
    assert model.temperature != 1.0
    uncalibrated = routing.RoutingModel(model.features, model.classifier, model.labels, temperature=1.0)
    texts = data.texts[:20]
    assert [[label for label, _ in row] for row in uncalibrated.predict(texts)] == [
        [label for label, _ in row] for row in model.predict(texts)
    ]


def test_training_needs_two_labels():
    with pytest.raises(routing.DataError, match="hai nhãn"):
        routing.train(["a", "b"], ["x", "x"])
    with pytest.raises(TypeError):
        routing.train(["a", "b"], ["x", "y"], colour="blue")


def test_fit_temperature_recovers_the_temperature_that_made_the_labels():
    rng = random.Random(3)
    scores, targets = [], []
    for _ in range(4000):
        row = [rng.gauss(0, 3) for _ in range(4)]
        probabilities = routing._softmax([row], 2.0)[0]
        scores.append(row)
        targets.append(rng.choices(range(4), weights=probabilities)[0])
    assert routing.fit_temperature(scores, targets) == pytest.approx(2.0, rel=0.1)


def test_class_weights_go_from_none_to_balanced():
    labels = ["a"] * 6 + ["b"] * 2
    assert routing.class_weights(labels, 0) == {"a": 1.0, "b": 1.0}
    assert routing.class_weights(labels, 1) == pytest.approx({"a": 8 / 12, "b": 8 / 4})
    assert routing.class_weights(labels, 0.5) == pytest.approx({"a": (8 / 12) ** 0.5, "b": 2**0.5})


# --- metrics -----------------------------------------------------------------------------------


def test_accuracy_and_macro_f1_by_hand():
    truth = ["a", "a", "b", "b"]
    predicted = ["a", "b", "b", "b"]
    assert routing.accuracy(truth, predicted) == 0.75
    # a: tp 1, fn 1 -> F1 2/3; b: tp 2, fp 1 -> F1 4/5
    assert routing.macro_f1(truth, predicted) == pytest.approx((2 / 3 + 4 / 5) / 2)
    # a label only predicted counts (F1 0): c
    assert routing.macro_f1(["a", "b"], ["a", "c"]) == pytest.approx((1 + 0 + 0) / 3)
    assert routing.macro_f1([], []) == 0.0


def test_macro_f1_agrees_with_scikit_learn():
    rng = random.Random(7)
    truth = [rng.choice("abcde") for _ in range(300)]
    predicted = [label if rng.random() < 0.6 else rng.choice("abcdef") for label in truth]
    assert routing.macro_f1(truth, predicted) == pytest.approx(f1_score(truth, predicted, average="macro"))


def test_top_k_accuracy_by_hand():
    ranked = [["a", "b", "c"], ["b", "c", "d"], ["c", "a", "b"]]
    assert routing.top_k_accuracy(["a", "a", "b"], ranked) == pytest.approx(2 / 3)
    assert routing.top_k_accuracy(["a", "a", "b"], ranked, k=1) == pytest.approx(1 / 3)


def test_expected_calibration_error_by_hand():
    # 0.9 falls in bin 13 (0.8667, 0.9333]: accuracy 1/2, confidence 0.9, gap 0.4, weight 1/2;
    # 0.6 in bin 8 (0.5333, 0.6]: accuracy 1, gap 0.4, weight 1/2.
    assert routing.expected_calibration_error([0.9, 0.9, 0.6, 0.6], [True, False, True, True]) == pytest.approx(0.4)
    # right on a bin's upper edge: 0.6 and 0.55 share bin 8, mean confidence 0.575, accuracy 1/2
    assert routing.expected_calibration_error([0.6, 0.55], [True, False]) == pytest.approx(0.075)
    # perfectly calibrated: in the 0.75 bin three of four are right
    assert routing.expected_calibration_error([0.75] * 4, [True, True, True, False]) == pytest.approx(0.0)
    assert routing.expected_calibration_error([0.0, 1.0], [False, True]) == pytest.approx(0.0)
    assert routing.expected_calibration_error([], []) == 0.0


def test_measure_on_a_majority_baseline_by_hand():
    baseline = routing.MajorityBaseline.fit(["a", "a", "a", "b", "c"])
    assert baseline.labels == ["a", "b", "c"]
    metrics = routing.measure(baseline, ["q1", "q2", "q3", "q4"], ["a", "a", "b", "d"])
    assert metrics.accuracy == 0.5
    assert metrics.top3 == 0.75
    # confidence 0.6 everywhere, half right: ECE 0.1; F1: a 2/3, b 0, d 0
    assert metrics.ece == pytest.approx(0.1)
    assert metrics.macro_f1 == pytest.approx((2 / 3) / 3)


# --- split and evaluate ------------------------------------------------------------------------


def test_the_split_is_stratified_and_repeatable():
    texts = [f"t{i}" for i in range(31)]
    labels = ["a"] * 20 + ["b"] * 10 + ["c"]
    train_texts, train_labels, test_texts, test_labels = routing.split(texts, labels, 0.2, seed=5)
    assert sorted(test_labels) == ["a"] * 4 + ["b"] * 2  # "c", alone, stays for training
    assert sorted(train_texts + test_texts) == sorted(texts)
    assert not set(train_texts) & set(test_texts)
    assert routing.split(texts, labels, 0.2, seed=5) == (train_texts, train_labels, test_texts, test_labels)
    assert routing.split(texts, labels, 0.2, seed=6)[2] != test_texts
    with pytest.raises(routing.DataError):
        routing.split(texts, labels, 1.5)


def test_evaluate_trains_the_model_and_both_baselines_on_the_same_split(data):
    split = routing.split(data.texts, data.labels, 0.25, seed=1)
    evaluation = routing.evaluate(*split, seed=1)
    assert [row.name for row in evaluation.rows] == ["model", "tfidf", "majority"]
    assert (evaluation.n_train, evaluation.n_test, evaluation.n_labels) == (len(split[0]), len(split[2]), 5)
    rows = {row.name: row.metrics for row in evaluation.rows}
    assert rows["majority"].accuracy == pytest.approx(max(split[3].count(label) for label in set(split[3])) / 25)
    assert rows["model"].macro_f1 > rows["majority"].macro_f1
    assert rows["model"].top3 >= rows["model"].accuracy
    table = routing.format_table(evaluation)
    assert "Mô hình" in table and "TF-IDF + LR" in table and "Macro-F1" in table and "ECE" in table


# --- model files -------------------------------------------------------------------------------


def test_a_saved_model_loads_and_predicts_the_same(model, tmp_path):
    path = routing.save(model, tmp_path / "sub" / "model.bin")
    loaded = routing.load(path)
    questions = ["lam cccd o dau", "Giá đất bồi thường thế nào?"]
    assert loaded.predict(questions) == model.predict(questions)
    header, _ = routing.read_header(path)
    assert header["version"] == routing.FORMAT_VERSION
    assert header["labels"] == model.labels
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def _rewrite(path: Path, header_changes: dict, payload: bytes | None = None, fix_checksum: bool = True) -> None:
    raw = path.read_bytes()
    end = raw.index(b"\n", len(routing.MAGIC))
    header = json.loads(raw[len(routing.MAGIC) : end])
    body = raw[end + 1 :] if payload is None else payload
    header.update(header_changes)
    if fix_checksum:
        header.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    path.write_bytes(routing.MAGIC + json.dumps(header).encode() + b"\n" + body)


@pytest.fixture
def saved(model, tmp_path):
    return routing.save(model, tmp_path / "model.bin")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(routing.ModelFileError, match="không có tệp") as refused:
        routing.load(tmp_path / "none.bin")
    assert refused.value.path == tmp_path / "none.bin"


def test_a_truncated_file_is_refused(saved):
    saved.write_bytes(saved.read_bytes()[:-100])
    with pytest.raises(routing.ModelFileError, match="cắt cụt"):
        routing.load(saved)
    saved.write_bytes(routing.MAGIC + b'{"version": 1')
    with pytest.raises(routing.ModelFileError, match="cắt cụt"):
        routing.load(saved)


def test_an_edited_file_is_refused(saved):
    raw = bytearray(saved.read_bytes())
    raw[-50] ^= 0x01
    saved.write_bytes(bytes(raw))
    with pytest.raises(routing.ModelFileError, match="SHA-256"):
        routing.load(saved)


def test_a_file_of_another_format_version_is_refused(saved):
    _rewrite(saved, {"version": routing.FORMAT_VERSION + 1})
    with pytest.raises(routing.ModelFileError, match="phiên bản 2"):
        routing.load(saved)


def test_a_model_of_another_scikit_learn_is_refused(saved):
    _rewrite(saved, {"sklearn": "0.1"})
    with pytest.raises(routing.ModelFileError, match=r"scikit-learn 0\.1"):
        routing.load(saved)


@pytest.mark.parametrize("content", [b"", b"hello", b"PRESSCENTER-ROUTING-MODEL\nnot json\nxx"])
def test_other_files_are_refused(tmp_path, content):
    path = tmp_path / "model.bin"
    path.write_bytes(content)
    with pytest.raises(routing.ModelFileError):
        routing.load(path)


class _Planted:
    def __reduce__(self):
        return (Path.touch, (Path(self.target),))


def test_nothing_is_unpickled_before_the_checksum_is_verified(saved, tmp_path):
    import pickle

    planted = _Planted()
    planted.target = str(tmp_path / "unpickled")
    payload = pickle.dumps(planted)
    _rewrite(saved, {"size": len(payload)}, payload=payload, fix_checksum=False)
    with pytest.raises(routing.ModelFileError, match="SHA-256"):
        routing.load(saved)
    assert not (tmp_path / "unpickled").exists()


def test_a_checked_file_holding_something_else_is_refused(saved, tmp_path):
    import pickle

    _rewrite(saved, {}, payload=pickle.dumps({"not": "a model"}))
    with pytest.raises(routing.ModelFileError, match="không chứa mô hình"):
        routing.load(saved)


# --- CSV ---------------------------------------------------------------------------------------


def _csv(tmp_path, content, encoding="utf-8"):
    path = tmp_path / "data.csv"
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def test_read_csv_keeps_text_and_label_and_counts_empty_rows(tmp_path):
    path = _csv(tmp_path, "\ufeffid,Text,Label\n1,Hỏi về xe buýt,gt\n2,,gt\n3,Hỏi về thuốc,yt\n4,Hỏi tiếp,\n")
    data = routing.read_csv(path)
    assert (data.texts, data.labels, data.skipped) == (["Hỏi về xe buýt", "Hỏi về thuốc"], ["gt", "yt"], 2)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "trống"),
        ("  \n", "trống"),
        ("question,agency\nx,y\n", "thiếu cột: text, label"),
        ("text,category\nx,y\n", "thiếu cột: label"),
        ("text,label\n", "không có dòng dữ liệu"),
        ("text,label\nmột,a\nhai,a\n", "chỉ có một nhãn"),
        ("text,label\nC\xe2u h\xf3i,a\nx,b\n".encode("latin-1"), "không phải UTF-8"),
        ("text,label\nmột,a\nhai,b\n".encode("utf-16"), "không phải UTF-8"),
    ],
)
def test_read_csv_refuses_bad_files_with_the_reason(tmp_path, content, reason):
    with pytest.raises(routing.DataError, match=reason):
        routing.read_csv(_csv(tmp_path, content))


def test_read_csv_refuses_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(routing.DataError, match="Không tìm thấy"):
        routing.read_csv(tmp_path / "none.csv")
    with pytest.raises(routing.DataError, match="thư mục"):
        routing.read_csv(tmp_path)


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_evaluate_prints_the_table(capsys):
    assert main(["routing", "evaluate", "--csv", str(FIXTURE), "--test-size", "0.25", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "Huấn luyện: 77 câu; kiểm tra: 25 câu; số nhãn: 5." in out
    for heading in ("Độ chính xác", "Macro-F1", "Top-3", "ECE", "Mô hình", "TF-IDF + LR", "Nhãn phổ biến nhất"):
        assert heading in out


def test_cli_train_writes_a_model_that_loads(tmp_path, capsys):
    out = tmp_path / "models" / "routing.bin"
    assert main(["routing", "train", "--csv", str(FIXTURE), "--out", str(out)]) == 0
    assert f"mô hình lưu tại {out}" in capsys.readouterr().out
    assert routing.load(out).predict(["lam ho chieu o dau"])[0][0][0] == "cong-an"


def test_cli_train_writes_to_the_configured_path_by_default(tmp_path, settings, capsys):
    settings.ROUTING_MODEL_PATH = tmp_path / "configured.bin"
    assert main(["routing", "train", "--csv", str(FIXTURE)]) == 0
    assert routing.load(tmp_path / "configured.bin").labels == sorted(set(routing.read_csv(FIXTURE).labels))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "trống"),
        ("question,agency\nx,y\n", "thiếu cột"),
        ("text,label\nmột,a\nhai,a\n", "chỉ có một nhãn"),
        ("text,label\nC\xe2u,a\nx,b\n".encode("latin-1"), "không phải UTF-8"),
    ],
)
@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_cli_refuses_bad_csv_without_a_traceback(tmp_path, capsys, content, message, command):
    path = _csv(tmp_path, content)
    out = tmp_path / "model.bin"
    assert main(["routing", command, "--csv", str(path), "--out", str(out)][: 4 if command == "evaluate" else 6]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not out.exists()


def test_cli_reports_a_model_path_it_cannot_write(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["routing", "train", "--csv", str(FIXTURE), "--out", str(blocker / "model.bin")]) == 1
    assert "Không ghi được tệp mô hình" in capsys.readouterr().err


def test_cli_routing_needs_a_subcommand_and_a_csv(capsys):
    for argv in (["routing"], ["routing", "train"], ["routing", "evaluate", "--csv", "x", "--test-size", "a"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
