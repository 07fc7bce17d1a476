"""Reading a gzip file as it is decompressed, up to the byte its damage starts.

``Gunzip(binary)`` is the data of a gzip file (its members one after another,
zero padding between them skipped), read on demand. zlib checks each member's
header, checksum and size. Where the data is damaged (a corrupt block, a
checksum that does not match, a file cut short) everything decompressed
before the damage is given first, and only then does a read raise:
``zlib.error`` for corrupt data, ``EOFError`` for a file that ends inside a
member. Python's ``gzip`` module loses what the failing step had decompressed
(up to a buffer's worth of records); here the step is done again a byte at a
time, to the byte before the damage.
"""

from __future__ import annotations

import io
import zlib
from typing import IO, Final

__all__ = ["Gunzip"]

#: Compressed bytes read at a time, and decompressed bytes made at a time.
_READ: Final = 1 << 16
_MAKE: Final = 1 << 16
#: zlib's window bits for a gzip member (header and trailer checked).
_GZIP: Final = 31
#: zlib's words for damage (after "Error -3 while decompressing data: "), as
#: a user reads them; others are given as zlib says them.
_SAID: Final = {
    "incorrect data check": "CRC check failed: the data is not what was compressed",
    "incorrect length check": "the data's length is not the one recorded",
    "incorrect header check": "not a gzip member where one should start",
}


class Gunzip(io.BufferedIOBase):
    """The decompressed data of the gzip file ``binary`` (see the module's
    docstring)."""

    def __init__(self, binary: IO[bytes]) -> None:
        super().__init__()
        self._binary = binary
        self._unzip = zlib.decompressobj(_GZIP)
        #: Compressed bytes read and not yet given to zlib.
        self._input = b""
        #: Whether a member is begun and not yet ended.
        self._member = False
        #: Decompressed bytes not yet read, from ``_at`` on.
        self._output = b""
        self._at = 0
        #: The damage met, raised once what came before it has been read.
        self._failure: BaseException | None = None

    def readable(self) -> bool:
        return True

    def read1(self, size: int | None = -1, /) -> bytes:
        if self._at >= len(self._output) and not self._fill():
            return b""
        end = len(self._output) if size is None or size < 0 else self._at + size
        out = self._output[self._at : end]
        self._at += len(out)
        return out

    def read(self, size: int | None = -1, /) -> bytes:
        if size is not None and size >= 0:
            return self.read1(size)
        parts: list[bytes] = []
        while part := self.read1():
            parts.append(part)
        return b"".join(parts)

    def peek(self, size: int = 0, /) -> bytes:
        if self._at >= len(self._output):
            self._fill()
        return self._output[self._at :]

    def _fill(self) -> bool:
        """Decompress the next piece into ``_output``; False at the end."""
        while True:
            if self._failure is not None:
                raise self._failure
            if not self._input:
                self._input = self._binary.read(_READ)
                if not self._input:
                    if self._member:
                        raise EOFError("the gzip data ends inside a member")
                    return False
            if not self._member:
                # Between members: zero padding, or the next member's header.
                self._input = self._input.lstrip(b"\x00")
                if not self._input:
                    continue
                self._unzip = zlib.decompressobj(_GZIP)
                self._member = True
            out = self._decompress()
            if self._failure is not None:
                pass  # raised when what came before it has been read
            elif self._unzip.eof:
                self._input = self._unzip.unused_data
                self._member = False
            else:
                self._input = self._unzip.unconsumed_tail
            if out:
                self._output, self._at = out, 0
                return True

    def _decompress(self) -> bytes:
        """The next piece of output; on damage, what comes before it, with
        the damage kept to be raised next."""
        before = self._unzip.copy()
        try:
            return self._unzip.decompress(self._input, _MAKE)
        except zlib.error as exc:
            said = str(exc).rpartition(": ")[2]
            self._failure = zlib.error(_SAID.get(said, said))
        # Again from where this step began, a byte at a time, to the damage.
        made = bytearray()
        data = self._input
        try:
            for at in range(len(data)):
                made += before.decompress(data[at : at + 1])
        except zlib.error:
            pass
        return bytes(made)
