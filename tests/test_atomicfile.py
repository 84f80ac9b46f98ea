"""``replace_file``: a file is replaced whole or not at all, keeping its permissions."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.atomicfile import replace_file

# A child process whose files may not grow past 50,000 bytes (a full disk, for real): replacing a file with more
# fails with EFBIG once the limit is reached (SIGXFSZ ignored, so write() returns the error).
FULL_DISK = """
import resource, signal, sys
from generator.atomicfile import replace_file
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
try:
    replace_file(sys.argv[1], "很" * 100_000)
except OSError as error:
    print(error.errno)
"""


def test_text_is_written_as_utf8_and_a_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "plan.yaml"
    replace_file(str(path), "标题: 一\n")
    assert path.read_bytes() == "标题: 一\n".encode("utf-8")
    path.chmod(0o640)
    replace_file(str(path), b"x")
    assert path.read_bytes() == b"x" and path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["plan.yaml"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
def test_a_write_that_fails_halfway_leaves_the_old_file_and_nothing_else(tmp_path):
    path = tmp_path / "departments.yaml"
    path.write_text("departments: []\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(path)], capture_output=True, text=True,
                          cwd=os.path.dirname(os.path.dirname(__file__)), check=True)
    assert done.stdout.strip() == "27"  # EFBIG: the write failed after 50,000 bytes
    assert path.read_text(encoding="utf-8") == "departments: []\n"
    assert os.listdir(tmp_path) == ["departments.yaml"]


def test_a_folder_that_does_not_exist_is_an_error_that_writes_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        replace_file(str(tmp_path / "missing" / "x.yaml"), "x")
    assert os.listdir(tmp_path) == []
