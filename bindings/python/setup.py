"""Builds the `huddle` wheel with the native library inside it.

The library is copied into the built package (never into the source tree)
from, in order: the file `$HUDDLE_LIBRARY` names; or
`$CARGO_TARGET_DIR` (default: the repository's `target/`) `/<profile>/`, with
profile `$HUDDLE_PROFILE`, or else `release` if it was built, else `debug`.
The wheel is tagged `py3-none-<platform>`: ctypes ties it to the platform of
the library, not to a Python version or ABI.
"""

import os
import shutil
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

if sys.platform == "darwin":
    LIB_NAME = "libhuddle.dylib"
elif sys.platform == "win32":
    LIB_NAME = "huddle.dll"
else:
    LIB_NAME = "libhuddle.so"


def native_library():
    explicit = os.environ.get("HUDDLE_LIBRARY")
    if explicit:
        if not os.path.isfile(explicit):
            sys.exit("HUDDLE_LIBRARY=%s: no such file" % explicit)
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(here, "..", "..", "target")
    profile = os.environ.get("HUDDLE_PROFILE")
    for p in [profile] if profile else ["release", "debug"]:
        path = os.path.join(target, p, LIB_NAME)
        if os.path.isfile(path):
            return path
    sys.exit("%s not found under %s (build it with `cargo build --lib --release`, "
             "or name it with HUDDLE_LIBRARY)" % (LIB_NAME, target))


class BuildPyWithLibrary(build_py):
    def run(self):
        super().run()
        source = native_library()
        dest = os.path.join(self.build_lib, "huddle", LIB_NAME)
        self.announce("bundling %s" % source, level=2)
        shutil.copyfile(source, dest)
        os.chmod(dest, 0o755)


class BinaryDistribution(Distribution):
    """A wheel with a native library in it is not pure Python."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(cmdclass={"build_py": BuildPyWithLibrary, "bdist_wheel": PlatformWheel}, distclass=BinaryDistribution)
