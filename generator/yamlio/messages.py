"""The YAML parser's messages in Chinese, for editors (the line and column stay the parser's).

PyYAML (libyaml underneath, or its pure-Python parser when libyaml is missing) says what went
wrong in two English pieces: a context ("while parsing a flow sequence") and a problem ("did
not find expected ',' or ']'"). Each is a fixed string or one of a few patterns with a
character in it; :func:`chinese` maps both, and adds what editors most often need to do. A
string not known here (a newer parser's wording) becomes a general Chinese sentence rather
than English.
"""

from __future__ import annotations

import re

CONTEXTS = {
    "while parsing a flow sequence": "读取方括号列表 [ … ] 时",
    "while parsing a flow mapping": "读取花括号映射 { … } 时",
    "while parsing a block mapping": "读取“键: 值”各行时",
    "while parsing a block collection": "读取“- ”开头的列表时",
    "while parsing a block node": "读取一个值时",
    "while parsing a flow node": "读取括号中的一个值时",
    "while parsing a node": "读取一个值时",
    "while parsing a quoted scalar": "读取引号中的文字时",
    "while scanning a quoted scalar": "读取引号中的文字时",
    "while scanning a plain scalar": "读取一个值时",
    "while scanning a simple key": "读取一个键时",
    "while scanning a block scalar": "读取“|”或“>”开头的多行文字时",
    "while scanning for the next token": "读到这里时",
    "while scanning a directive": "读取“%”开头的指令时",
    "while scanning an anchor": "读取锚点（&）时",
    "while scanning an alias": "读取别名（*）时",
    "while scanning a tag": "读取标签（!）时",
    "while scanning a block mapping": "读取“键: 值”各行时",
    "while constructing a mapping": "读取映射时",
    "expected a single document in the stream": "一个文件只能有一份内容",
    "found duplicate anchor": "锚点重复",
}

PROBLEMS = {
    "did not find expected ',' or ']'": "没有找到应有的逗号“,”或右方括号“]”，请检查方括号是否配对",
    "did not find expected ',' or '}'": "没有找到应有的逗号“,”或右花括号“}”，请检查花括号是否配对",
    "did not find expected key": "这里应是一个“键: 值”，请检查缩进是否与上一行对齐",
    "did not find expected '-' indicator": "这里应是“- ”开头的列表项，请检查缩进",
    "did not find expected node content": "这里缺少值",
    "did not find expected <document start>": "文件开头的写法无法读取",
    "mapping values are not allowed in this context": "这里不能出现“键: 值”：常见原因是上一行缩进不对，或值中含有冒号加空格（请给值加引号）",
    "mapping values are not allowed here": "这里不能出现“键: 值”：常见原因是上一行缩进不对，或值中含有冒号加空格（请给值加引号）",
    "block sequence entries are not allowed in this context": "这里不能出现“- ”列表项，请检查缩进",
    "block sequence entries are not allowed here": "这里不能出现“- ”列表项，请检查缩进",
    "mapping keys are not allowed in this context": "这里不能出现“? ”键",
    "mapping keys are not allowed here": "这里不能出现“? ”键",
    "could not find expected ':'": "没有找到键后面的冒号“:”",
    "could not find expected ':' or '?' or '-'": "没有找到键后面的冒号“:”",
    "found character that cannot start any token": "这个字符不能出现在值的开头（如 @、`），请给值加引号",
    "found unexpected end of stream": "文件在引号配对之前就结束了，请检查引号是否配对",
    "found unexpected document indicator": "引号中的文字里出现了“---”或“...”，请检查引号是否配对",
    "found unknown escape character": "双引号中的反斜杠“\\”后面的字符无效；文字中的反斜杠请写两个“\\\\”，或改用单引号",
    "found unexpected ':'": "值中有冒号“:”，请给值加引号",
    "found a tab character that violates indentation": "缩进中有制表符（Tab），请改用空格",
    "found a tab character where an indentation space is expected": "缩进中有制表符（Tab），请改用空格",
    "found an indentation indicator equal to 0": "“|”或“>”后面的缩进数不能为 0",
    "did not find expected comment or line break": "这里应是行尾或“#”注释",
    "did not find expected alphabetic or numeric character": "这里应是字母或数字",
    "did not find expected directive name": "“%”后面缺少指令名",
    "found unexpected non-alphabetical character": "指令名中有不是字母的字符",
    "did not find expected whitespace or line break": "这里应是空格或行尾",
    "did not find expected tag URI": "标签写法无效",
    "did not find expected '>'": "标签缺少“>”",
    "did not find URI escaped octet": "标签写法无效",
    "did not find expected hexdecimal number": "转义符“\\x”“\\u”后面应是十六进制数",
    "found invalid Unicode character escape code": "转义符表示的字符无效",
    "found undefined alias": "别名（*）指向的锚点不存在",
    "found undefined tag handle": "标签写法无效",
    "found duplicate %YAML directive": "%YAML 指令重复",
    "found duplicate %TAG directive": "%TAG 指令重复",
    "found incompatible YAML document": "YAML 版本不受支持",
    "but found another document": "文件中出现了第二份内容（“---”），请删去多余的部分",
    "control characters are not allowed": "文件中有控制字符，请删去",
    "special characters are not allowed": "文件中有不可见的特殊字符，请删去",
    "invalid leading UTF-8 octet": "文件不是 UTF-8 编码",
    "invalid trailing UTF-8 octet": "文件不是 UTF-8 编码",
    "incomplete UTF-8 octet sequence": "文件不是 UTF-8 编码",
    "invalid length of a UTF-8 sequence": "文件不是 UTF-8 编码",
    "invalid Unicode character": "文件中有无效的字符",
    "input is too long": "文件过长",
    "second occurrence": "第二次出现",
    "first occurrence": "第一次出现",
}

PATTERNS = (
    # the pure-Python parser: "expected <block end>, but found '-'" and the like
    (re.compile(r"^expected <block end>, but found '?(.+?)'?$"), "这里不能出现“{0}”，请检查缩进是否与上一行对齐"),
    (re.compile(r"^expected ',' or '\]', but got '?(.+?)'?$"), "这里应是逗号“,”或右方括号“]”，却是“{0}”"),
    (re.compile(r"^expected ',' or '\}', but got '?(.+?)'?$"), "这里应是逗号“,”或右花括号“}}”，却是“{0}”"),
    (re.compile(r"^expected <document start>, but found '?(.+?)'?$"), "文件开头的写法无法读取"),
    (re.compile(r"^expected <block end>, but found (.+)$"), "这里的写法无法读取，请检查缩进是否与上一行对齐"),
    (re.compile(r"^expected (.+), but found (.+)$"), "这里的写法无法读取，请检查括号、引号和缩进"),
    (re.compile(r"^unacceptable character #x([0-9a-fA-F]+)"), "文件中有不可接受的字符 U+{0}，请删去"),
    (re.compile(r"^found unknown escape character '?(.+?)'?$"), "双引号中的“\\{0}”不是有效的转义；文字中的反斜杠请写两个“\\\\”，或改用单引号"),
    (re.compile(r"^expected escape sequence of \d+ hexadecimal numbers, but found (.+)$"), "转义符“\\x”“\\u”后面应是十六进制数"),
    (re.compile(r"^found character '?(.+?)'? that cannot start any token$"), "“{0}”不能出现在值的开头，请给值加引号"),
    (re.compile(r"^found a tab character"), "缩进中有制表符（Tab），请改用空格"),
)

GENERAL = "这里的写法无法读取，请检查括号和引号是否配对、缩进是否对齐"


def part(text: str) -> str:
    text = text.strip()
    known = CONTEXTS.get(text) or PROBLEMS.get(text)
    if known:
        return known
    for pattern, chinese_text in PATTERNS:
        m = pattern.search(text)
        if m:
            return chinese_text.format(*m.groups())
    return GENERAL


def chinese(context: str | None, problem: str | None) -> str:
    """The parser's context and problem as one Chinese sentence."""
    pieces = [part(p) for p in (context, problem) if p]
    if not pieces:
        return GENERAL
    if len(pieces) == 2 and pieces[0] == pieces[1] == GENERAL:
        return GENERAL
    return "，".join(dict.fromkeys(pieces))
