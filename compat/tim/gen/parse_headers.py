"""Reads C prototypes and callback typedefs from Tencent's TIM headers and from
include/huddle.h. Shared by gen_table.py (which writes compat/tim/src/table.rs)."""
import glob
import os
import re

HEADER_ORDER = [
    "TIMManager.h", "TIMConversationManager.h", "TIMGroupManager.h", "TIMMessageManager.h",
    "TIMFriendshipManager.h", "TIMCommunityManager.h", "TIMSignalingManager.h",
    "TIMOfflinePushManager.h", "TIMExperimentalAPI.h",
]


def clean(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^\s*#[^\n]*", " ", text, flags=re.M)
    return text


def norm_type(t):
    """'const char *' -> 'const char*', 'enum TIMConvType' -> 'TIMConvType', spaces squeezed."""
    t = " ".join(t.replace("*", " * ").split())
    t = t.replace(" *", "*")
    t = re.sub(r"^enum ", "", t)
    t = re.sub(r"^struct ", "", t)
    return t


def split_params(params):
    params = " ".join(params.split())
    if params in ("", "void"):
        return []
    out = []
    for p in params.split(","):
        p = p.strip()
        m = re.match(r"^(.*?)(\w+)$", p)
        out.append((norm_type(m.group(1)), m.group(2)))
    return out


def parse_typedefs(text):
    """Function-pointer typedefs: name -> (return type, [param types])."""
    out = {}
    for m in re.finditer(r"typedef\s+([^;()]*?)\s*\(\s*\*\s*(\w+)\s*\)\s*\(([^;]*?)\)\s*;", text, flags=re.S):
        out[m.group(2)] = (norm_type(m.group(1)), [t for t, _ in split_params(m.group(3))])
    return out


def parse_tencent(include_dir):
    """[(header, ret, name, [(type, name)])] in header order, and the callback typedefs."""
    decls, typedefs, enums = [], {}, set()
    for header in HEADER_ORDER:
        text = clean(open(os.path.join(include_dir, header), encoding="utf-8", errors="replace").read())
        typedefs.update(parse_typedefs(text))
        for m in re.finditer(r"\bTIM_API\s+([^;{]*?)\b(\w+)\s*\(([^;{]*?)\)\s*;", text, flags=re.S):
            decls.append((header, norm_type(m.group(1)), m.group(2), split_params(m.group(3))))
    for f in glob.glob(os.path.join(include_dir, "*.h")):
        text = clean(open(f, encoding="utf-8", errors="replace").read())
        typedefs.update(parse_typedefs(text))
        enums.update(re.findall(r"\benum\s+(\w+)\s*\{", text))
    return decls, typedefs, enums


def parse_huddle(path):
    text = clean(open(path, encoding="utf-8").read())
    typedefs = parse_typedefs(text)
    decls = {}
    for m in re.finditer(r"\bHUDDLE_API\s+([^;{]*?)\b(Huddle\w+)\s*\(([^;{]*?)\)\s*;", text, flags=re.S):
        decls[m.group(2)] = (norm_type(m.group(1)), split_params(m.group(3)))
    return decls, typedefs
