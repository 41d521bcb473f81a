#!/usr/bin/env python3
"""The same admission checker from Python, through the C ABI with ctypes
(no package to install).

    WRIT_LIB=/usr/local/lib/libwrit.so python3 admission_check.py pss/restricted < review.json
"""
import ctypes
import ctypes.util
import os
import sys


def load_library():
    path = os.environ.get("WRIT_LIB") or ctypes.util.find_library("writ")
    if not path:
        sys.exit("libwrit not found: set WRIT_LIB to its path")
    lib = ctypes.CDLL(path)
    p, pp = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
    s, sp = ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)  # returned strings are freed with writ_string_free
    lib.writ_version.restype = s
    lib.writ_compile.argtypes = [ctypes.POINTER(s), ctypes.c_size_t, s, pp, sp]
    lib.writ_evaluator_new.argtypes = [p, ctypes.c_uint64, pp, sp]
    lib.writ_admission_review.argtypes = [p, s, ctypes.c_size_t, sp, sp]
    lib.writ_string_free.argtypes = [p]
    lib.writ_policy_set_free.argtypes = [p]
    lib.writ_evaluator_free.argtypes = [p]
    return lib


def take_string(lib, ptr):
    """Copies a string the library returned, then frees it."""
    if not ptr.value:
        return ""
    text = ctypes.cast(ptr, ctypes.c_char_p).value.decode()
    lib.writ_string_free(ptr)
    return text


def main():
    lib = load_library()
    policies = [a.encode() for a in sys.argv[1:]] or [b"pss/baseline"]
    names = (ctypes.c_char_p * len(policies))(*policies)
    set_, ev, out, err = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    review = sys.stdin.buffer.read()
    try:
        if lib.writ_compile(names, len(policies), None, ctypes.byref(set_), ctypes.byref(err)) != 0:
            sys.exit(take_string(lib, err))
        if lib.writ_evaluator_new(set_, 0, ctypes.byref(ev), ctypes.byref(err)) != 0:
            sys.exit(take_string(lib, err))
        if lib.writ_admission_review(ev, review, len(review), ctypes.byref(out), ctypes.byref(err)) != 0:
            sys.exit(take_string(lib, err))
        print(take_string(lib, out))
    finally:
        lib.writ_evaluator_free(ev)
        lib.writ_policy_set_free(set_)


if __name__ == "__main__":
    main()
