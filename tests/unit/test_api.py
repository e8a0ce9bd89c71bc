"""The public API is what __init__ exports; this test pins it."""

import pagemill


def test_public_api_is_pinned() -> None:
    assert sorted(pagemill.__all__) == [
        "Converter",
        "Corrupt",
        "Encrypted",
        "NotAPdf",
        "NotSupported",
        "OcrUnavailable",
        "Options",
        "PagemillError",
        "ResourceLimit",
        "Result",
        "Timeout",
        "TooLarge",
        "WrongPassword",
        "convert",
    ]


def test_unknown_option_is_an_error() -> None:
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        pagemill.Options(pagse="1-3")  # type: ignore[call-arg]
