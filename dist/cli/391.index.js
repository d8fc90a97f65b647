"use strict";
exports.id = 391;
exports.ids = [391];
exports.modules = {

/***/ 4624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HY: () => (/* binding */ locateError),
/* harmony export */   hs: () => (/* binding */ locateErrorInStatement)
/* harmony export */ });
/* unused harmony exports errorOffsetInStatement, namedObjectFileOffset */
/** UTF-8 length of the first `count` code points of `text` (Postgres counts code points). */
function byteLengthOfCodePoints(text, count) {
    let bytes = 0;
    let seen = 0;
    for (const ch of text) {
        if (seen >= count)
            break;
        bytes += Buffer.byteLength(ch, 'utf8');
        seen++;
    }
    return bytes;
}
/** Byte offset, inside the statement, of the opening of its first dollar-quoted body, just after the quote. */
function dollarBodyStart(text) {
    const match = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text);
    return match ? Buffer.byteLength(text.slice(0, match.index + match[0].length), 'utf8') : undefined;
}
/**
 * Byte offset inside `statement.text` that the error points at, or undefined when Postgres gave
 * nothing to go on (then the statement's start is the best answer).
 */
function errorOffsetInStatement(statement, error) {
    const text = statement.text;
    const position = Number(error.position);
    if (Number.isInteger(position) && position > 0)
        return byteLengthOfCodePoints(text, position - 1);
    // Errors inside a function body or DO block: Postgres reports the position inside the inner
    // query; find that query in the statement when it appears there verbatim.
    const internal = Number(error.internalPosition);
    if (error.internalQuery && Number.isInteger(internal) && internal > 0) {
        const at = text.indexOf(error.internalQuery);
        if (at >= 0 && text.indexOf(error.internalQuery, at + 1) < 0) {
            return Buffer.byteLength(text.slice(0, at), 'utf8') + byteLengthOfCodePoints(error.internalQuery, internal - 1);
        }
    }
    // A DO block failing at run time names the line inside its body ("... inline_code_block line 4").
    const blockLine = error.where ? /inline_code_block line (\d+)/.exec(error.where) : null;
    if (statement.kind === 'DoStmt' && blockLine) {
        const bodyStart = dollarBodyStart(text);
        if (bodyStart !== undefined) {
            const bytes = Buffer.from(text, 'utf8');
            let offset = bodyStart;
            for (let line = 1; line < Number(blockLine[1]); line++) {
                const newline = bytes.indexOf(0x0a, offset);
                if (newline < 0)
                    return undefined;
                offset = newline + 1;
            }
            while (offset < bytes.length && (bytes[offset] === 0x20 || bytes[offset] === 0x09))
                offset++;
            return offset;
        }
    }
    return undefined;
}
function identifiers(list) {
    return Array.isArray(list) ? list.map((item) => item.String?.sval ?? '*') : [];
}
/** The parser's name for what a "does not exist" / "already exists" error names, and where it is. */
const NAMED_ERRORS = [
    {
        code: '42703', // undefined_column: column "x" does not exist / column t.x does not exist
        pattern: /^column "?([^"\s]+)"? (?:of relation "[^"]+" )?does not exist/,
        matches: (type, node, name) => {
            if (type !== 'ColumnRef')
                return false;
            const fields = identifiers(node.fields);
            return fields.slice(-name.length).join('.') === name.join('.');
        },
    },
    {
        code: '42P01', // undefined_table
        pattern: /^relation "([^"]+)" does not exist/,
        matches: (type, node, name) => type === 'RangeVar' && node.relname === name[name.length - 1] && (name.length === 1 || node.schemaname === name[0]),
    },
    {
        code: '3F000', // invalid_schema_name: schema "x" does not exist
        pattern: /^schema "([^"]+)" does not exist/,
        matches: (type, node, name) => (type === 'RangeVar' && node.schemaname === name[0]) ||
            ((type === 'FuncCall' || type === 'TypeName') && identifiers(type === 'FuncCall' ? node.funcname : node.names).length > 1 && identifiers(type === 'FuncCall' ? node.funcname : node.names)[0] === name[0]),
    },
    {
        code: '42P07', // duplicate_table
        pattern: /^relation "([^"]+)" already exists/,
        matches: (type, node, name) => type === 'RangeVar' && node.relname === name[name.length - 1],
    },
    {
        code: '42883', // undefined_function
        pattern: /^function ([^(\s]+)\(/,
        matches: (type, node, name) => type === 'FuncCall' && identifiers(node.funcname).slice(-name.length).join('.') === name.join('.'),
    },
    {
        code: '42704', // undefined_object: type "x" does not exist
        pattern: /^type "([^"]+)" does not exist/,
        matches: (type, node, name) => type === 'TypeName' && identifiers(node.names).slice(-name.length).join('.') === name.join('.'),
    },
    {
        code: '42704', // undefined_object: role "x" does not exist
        pattern: /^role "([^"]+)" does not exist/,
        matches: (type, node, name) => type === 'RoleSpec' && node.rolename === name[0],
    },
];
/**
 * The parse tree wraps some nodes in their type name ({"ColumnRef": {...}}) but not fields of a
 * fixed type ("relation": {"relname": ...}), so nodes are recognised by their shape.
 */
function nodeType(node) {
    if ('relname' in node)
        return 'RangeVar';
    if ('fields' in node)
        return 'ColumnRef';
    if ('funcname' in node && 'funcformat' in node)
        return 'FuncCall';
    if ('names' in node && 'typemod' in node)
        return 'TypeName';
    if ('roletype' in node)
        return 'RoleSpec';
    return undefined;
}
/** Earliest location of a node that `matches` accepts, searching the whole statement tree. */
function findNodeLocation(tree, matches) {
    const stack = [tree];
    let earliest;
    while (stack.length) {
        const value = stack.pop();
        if (Array.isArray(value)) {
            stack.push(...value);
            continue;
        }
        if (!value || typeof value !== 'object')
            continue;
        const node = value;
        const type = nodeType(node);
        if (type && typeof node.location === 'number' && node.location >= 0 && matches(type, node)) {
            earliest = earliest === undefined ? node.location : Math.min(earliest, node.location);
        }
        stack.push(...Object.values(node));
    }
    return earliest;
}
/**
 * Some errors carry no position (e.g. in a policy's expression, which Postgres analyses without
 * the statement text). When the message names the missing object, find it in the parse tree:
 * the parser recorded where each name appears in the file (as a byte offset).
 */
function namedObjectFileOffset(statement, error) {
    for (const rule of NAMED_ERRORS) {
        if (rule.code !== error.code)
            continue;
        const match = rule.pattern.exec(error.message);
        if (!match)
            continue;
        const name = match[1].split('.');
        return findNodeLocation({ [statement.kind]: statement.node }, (type, node) => rule.matches(type, node, name));
    }
    return undefined;
}
/** Line and column of a byte offset inside the statement, counted from where the statement starts in the file. */
function positionInStatement(statement, byteOffset) {
    let line = statement.line;
    let column = statement.column;
    let bytes = 0;
    for (const character of statement.text) {
        if (bytes >= byteOffset)
            break;
        bytes += Buffer.byteLength(character, 'utf8');
        if (character === '\n') {
            line++;
            column = 1;
        }
        else
            column++;
    }
    return { line, column };
}
/**
 * The same answer as `locateError`, from the statement alone (the deploy engine has the
 * statement, not a map of the whole file).
 */
function locateErrorInStatement(statement, error) {
    const offset = errorOffsetInStatement(statement, error);
    if (offset !== undefined)
        return positionInStatement(statement, offset);
    const named = namedObjectFileOffset(statement, error);
    if (named !== undefined && named >= statement.byteStart && named < statement.byteEnd)
        return positionInStatement(statement, named - statement.byteStart);
    return { line: statement.line, column: statement.column };
}
/** 1-based line and column in the file for an error raised by `statement`. */
function locateError(map, statement, error) {
    const offset = errorOffsetInStatement(statement, error);
    if (offset !== undefined)
        return map.position(statement.byteStart + offset);
    const named = namedObjectFileOffset(statement, error);
    if (named !== undefined && named >= statement.byteStart && named < statement.byteEnd)
        return map.position(named);
    return { line: statement.line, column: statement.column };
}


/***/ }),

/***/ 796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ redactPasswords)
/* harmony export */ });
/* unused harmony export REDACTED */
/**
 * Passwords written into migrations (`CREATE ROLE app LOGIN PASSWORD '...'`, `ALTER USER ...
 * ENCRYPTED PASSWORD '...'`) are replaced by `'***'` wherever statement text is shown, logged or
 * stored for display: report excerpts, deploy errors, the history's `statements` and audit rows.
 *
 * The literal after the keyword PASSWORD is found at any quoting depth, so the same secret inside
 * dynamic SQL (`execute 'create role x password ''secret'''`) is redacted too: at depth n a literal
 * opens with n quotes, and its own quotes are doubled at every level, so it ends in the first run
 * of quotes whose length modulo 2n is at least n (the rest of that run closes the outer levels). Dollar-quoted literals (`PASSWORD $$secret$$`) are
 * handled at the top level. What cannot be recognised (a password built by `format('%L', ...)`
 * or concatenation) is left as written.
 */
const REDACTED = '***';
const PASSWORD_KEYWORD = /\bpassword\s+(?=E?'|\$[A-Za-z_0-9]*\$)/gi;
/** End of a quoted literal that opened with `depth` quotes at `start` (just after them), or -1. */
function quotedLiteralEnd(text, start, depth) {
    let i = start;
    while (i < text.length) {
        const next = text.indexOf("'", i);
        if (next < 0)
            return -1;
        let run = next;
        while (run < text.length && text[run] === "'")
            run++;
        // 2n·j escaped quotes, then the n that close this literal, then up to n-1 closing outer ones.
        const extra = ((run - next) % (2 * depth)) - depth;
        if (extra >= 0)
            return run - extra;
        i = run;
    }
    return -1;
}
/** End of an `E'...'` literal, where a backslash escapes the next character (`\\'` included). */
function escapeStringEnd(text, start) {
    for (let i = start; i < text.length; i++) {
        if (text[i] === '\\')
            i++;
        else if (text[i] === "'") {
            if (text[i + 1] !== "'")
                return i + 1;
            i++;
        }
    }
    return -1;
}
function literalEnd(text, start) {
    const dollar = /^\$[A-Za-z_0-9]*\$/.exec(text.slice(start));
    if (dollar) {
        const tag = dollar[0];
        const close = text.indexOf(tag, start + tag.length);
        return close < 0 ? { end: text.length, open: tag, close: '' } : { end: close + tag.length, open: tag, close: tag };
    }
    let i = start;
    const prefix = text[i] === 'E' || text[i] === 'e' ? text[i++] : '';
    let depth = 0;
    while (text[i + depth] === "'")
        depth++;
    // An empty literal at depth n is 2n quotes: nothing to hide.
    if (depth === 0)
        return undefined;
    const end = prefix && depth === 1 ? escapeStringEnd(text, i + 1) : quotedLiteralEnd(text, i + depth, depth);
    const quotes = "'".repeat(depth);
    // Unterminated: an excerpt cut inside the literal. Everything after the quote is hidden.
    if (end < 0)
        return { end: text.length, open: `${prefix}${quotes}`, close: '' };
    return { end, open: `${prefix}${quotes}`, close: quotes };
}
/** `text` with every literal that follows the keyword PASSWORD replaced by `'***'`. */
function redactPasswords(text) {
    if (!/password/i.test(text))
        return text;
    let out = '';
    let copied = 0;
    for (const match of text.matchAll(PASSWORD_KEYWORD)) {
        const literalStart = match.index + match[0].length;
        if (literalStart < copied)
            continue;
        const literal = literalEnd(text, literalStart);
        if (!literal)
            continue;
        out += text.slice(copied, literalStart) + literal.open + REDACTED + literal.close;
        copied = literal.end;
    }
    return out + text.slice(copied);
}


/***/ })

};
;