"""Reading article files: what is refused (and why), how odd encodings are decoded, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ArticleSkipped, InputError
from kg.ingest.read import content_hash, discover, iter_articles, make_raw, read_article

TEXT = "Baltic ministers extend air mission\n\nDefence ministers agreed on Thursday to extend the mission.\n"
LIMIT = 10_000


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- finding files --------------------------------------------------------------------------

def test_missing_path_is_an_input_error_naming_it(tmp_path):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(InputError, match="no-such-folder: no such file or folder"):
        discover([missing])


def test_missing_path_is_not_a_skip():
    """A wrong path stops the build; only unusable articles are skipped."""
    with pytest.raises(InputError) as info:
        discover([Path("/nonexistent/kg-test/article.txt")])
    assert not isinstance(info.value, ArticleSkipped)


def test_folders_are_searched_recursively_for_txt_files_in_sorted_order(tmp_path):
    write(tmp_path, "b.txt", TEXT)
    write(tmp_path, "sub/a.txt", TEXT)
    write(tmp_path, "notes.md", TEXT)
    write(tmp_path, ".hidden.txt", TEXT)
    write(tmp_path, "manifest.csv", "file\nb.txt\n")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["b.txt", "sub/a.txt"]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    path = write(tmp_path, "story.text", TEXT)
    assert discover([path]) == [path]


# --- refusals: one article skipped with a reason --------------------------------------------

@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty", id="empty-file"),
        pytest.param(b"   \n\n\t \n", "empty", id="whitespace-only"),
        pytest.param(b"\xef\xbb\xbf\n  \n", "empty", id="bom-only"),
        pytest.param(b"PK\x03\x04\x00\x00\x08\x00binary zip header", "binary file (NUL bytes)",
                     id="nul-bytes"),
        pytest.param(bytes(range(1, 32)) * 20 + b"some text", "binary file (control characters)",
                     id="control-characters"),
    ],
)
def test_unusable_files_are_skipped_with_a_clear_reason(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(ArticleSkipped) as info:
        read_article(path, LIMIT)
    assert info.value.identifier == "bad.txt"
    assert reason in info.value.reason
    assert str(info.value).startswith("bad.txt: ")


def test_a_file_over_the_size_limit_is_skipped_and_the_reason_says_how_to_raise_it(tmp_path):
    path = write(tmp_path, "huge.txt", "word " * 3_000)
    with pytest.raises(ArticleSkipped) as info:
        read_article(path, LIMIT)
    assert "15,000 bytes" in info.value.reason
    assert "10,000-byte limit" in info.value.reason
    assert "--max-bytes" in info.value.reason


def test_a_file_at_the_size_limit_is_read(tmp_path):
    path = write(tmp_path, "edge.txt", "a" * LIMIT)
    assert len(read_article(path, LIMIT).text) == LIMIT


# --- decoding -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "text", "note"),
    [
        pytest.param("Caf\u00e9 owners in Vilnius met.".encode(), "Café owners in Vilnius met.", None,
                     id="utf8"),
        pytest.param(b"\xef\xbb\xbfCaf\xc3\xa9 owners met.", "Café owners met.", None,
                     id="utf8-bom-stripped"),
        pytest.param(b"caf\xe9 owners met.", "café owners met.", "not UTF-8: decoded as Windows-1252",
                     id="cp1252-e-acute"),
        pytest.param(b"\x93Ready,\x94 he said \x96 twice.", "“Ready,” he said – twice.",
                     "not UTF-8: decoded as Windows-1252", id="cp1252-smart-quotes"),
        pytest.param(b"One line\r\nnext line\rlast", "One line\nnext line\nlast", None, id="crlf-and-cr"),
        pytest.param("Cafe\u0301 decomposed".encode(), "Caf\u00e9 decomposed", None, id="nfc-normalised"),
    ],
)
def test_decoding(tmp_path, data, text, note):
    raw = read_article(write(tmp_path, "a.txt", data), LIMIT)
    assert raw.text == text
    assert raw.note == note
    assert not raw.text.startswith("\ufeff")


def test_raw_article_identity_is_its_file_name_and_folded_text_hash(tmp_path):
    raw = read_article(write(tmp_path, "a.txt", TEXT), LIMIT)
    assert raw.identifier == "a.txt"
    assert raw.path == tmp_path / "a.txt"
    assert raw.content_hash == content_hash(TEXT)
    assert len(raw.content_hash) == 64


def test_make_raw_refuses_blank_text():
    with pytest.raises(ArticleSkipped, match="empty"):
        make_raw("blank.txt", " \n\n ")


# --- the stream of a build: duplicates ------------------------------------------------------

def test_the_same_text_under_two_names_is_read_once(tmp_path):
    first = write(tmp_path, "a.txt", TEXT)
    second = write(tmp_path, "b.txt", TEXT)
    items = list(iter_articles([first, second], LIMIT))
    assert [type(i) for i in items] == [type(items[0]), ArticleSkipped]
    assert items[0].identifier == "a.txt"
    assert items[1].identifier == "b.txt"
    assert items[1].reason == "same text as a.txt"


def test_texts_differing_only_in_whitespace_are_duplicates(tmp_path):
    first = write(tmp_path, "a.txt", TEXT)
    second = write(tmp_path, "b.txt", TEXT.replace(" ", "  ").replace("\n", "\r\n"))
    items = list(iter_articles([first, second], LIMIT))
    assert isinstance(items[1], ArticleSkipped)
    assert "same text as a.txt" in items[1].reason


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    paths = [write(tmp_path, "a.txt", TEXT), write(tmp_path, "b.txt", b""),
             write(tmp_path, "c.txt", TEXT + "A different closing line.\n")]
    items = list(iter_articles(paths, LIMIT))
    assert [i.identifier for i in items] == ["a.txt", "b.txt", "c.txt"]
    assert [isinstance(i, ArticleSkipped) for i in items] == [False, True, False]


def test_a_file_that_vanished_is_skipped_not_raised(tmp_path):
    items = list(iter_articles([tmp_path / "gone.txt"], LIMIT))
    assert len(items) == 1
    assert isinstance(items[0], ArticleSkipped)
    assert "cannot read" in items[0].reason
