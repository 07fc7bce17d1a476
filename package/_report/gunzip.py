"""Reading a gzip file as it is decompressed, up to the byte its damage starts.

``Gunzip(binary)`` is the data of a gzip file (its members one after another,
zero padding between them skipped), read on demand with ``read1``. zlib
checks each member's header, checksum and size. Where the data is damaged (a
corrupt block, a checksum that does not match, a file cut short) everything
decompressed before the damage is given first, and only then does a read
raise: ``zlib.error`` for corrupt data, ``EOFError`` for a file that ends
inside a member. Python's ``gzip`` module loses what the failing step had
decompressed (up to a buffer's worth of records); here the step is done again
a byte at a time, to the byte before the damage.
"""

from __future__ import annotations

import zlib
from typing import IO, Final, Protocol

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


class _Unzip(Protocol):
    """What is used of a zlib decompressor."""

    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes: ...
    @property
    def unconsumed_tail(self) -> bytes: ...
    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes: ...
    def copy(self) -> _Unzip: ...


class Gunzip:
    """The decompressed data of the gzip file ``binary`` (see the module's
    docstring)."""

    def __init__(self, binary: IO[bytes]) -> None:
        self._binary = binary
        #: The member being read; None between members.
        self._unzip: _Unzip | None = None
        #: Compressed bytes read and not yet given to zlib.
        self._input = b""
        #: Decompressed bytes not yet read.
        self._output = b""
        #: The damage met, raised once what came before it has been read.
        self._failure: zlib.error | None = None

    def read1(self, size: int, /) -> bytes:
        """Up to ``size`` (> 0) bytes of the data; b"" at its end."""
        if not self._output:
            self._output = self._fill()
        out, self._output = self._output[:size], self._output[size:]
        return out

    def peek(self, size: int, /) -> bytes:
        """The data not yet read, at least ``size`` bytes where it has them
        (one piece: b"" only at the end)."""
        if not self._output:
            self._output = self._fill()
        return self._output

    def _fill(self) -> bytes:
        """The next piece of the data; b"" at its end."""
        while True:
            if self._failure is not None:
                raise self._failure
            if not self._input:
                self._input = self._binary.read(_READ)
                if not self._input:
                    if self._unzip is not None:
                        raise EOFError
                    return b""
            if self._unzip is None:
                # Between members: zero padding, or the next member's header.
                self._input = self._input.lstrip(b"\x00")
                if not self._input:
                    continue
                self._unzip = zlib.decompressobj(_GZIP)
            out = self._decompress(self._unzip)
            if self._failure is not None:
                pass  # raised when what came before it has been read
            elif self._unzip.eof:
                self._input = self._unzip.unused_data
                self._unzip = None
            else:
                self._input = self._unzip.unconsumed_tail
            if out:
                return out

    def _decompress(self, unzip: _Unzip) -> bytes:
        """The next piece of output; on damage, what comes before it, with
        the damage kept to be raised next."""
        before = unzip.copy()
        try:
            return unzip.decompress(self._input, _MAKE)
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
