"use strict";
exports.id = 112;
exports.ids = [112];
exports.modules = {

/***/ 112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   draftFixCommand: () => (/* binding */ draftFixCommand)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_src_discovery__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8379);
/* harmony import */ var _core_src_draft_fix__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(911);
/* harmony import */ var _core_src_parser__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9646);
/* harmony import */ var _command__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8835);







const USAGE = `Usage: migration-gate draft-fix <file> [options]

Drafts a forward-fix migration that undoes an applied migration: compensating statements
derived from its syntax tree (create table -> drop table, add column -> drop column, ...),
in reverse order, with MANUAL notes for what cannot be undone automatically (data changes,
drops). It is a draft to review before committing; no database is touched.

Arguments:
  file                    the migration to undo

Options:
  --out <dir>             write <dir>/<version>_revert_<name>.sql instead of printing the draft
  --after <version>       make the draft's version sort after this one as well
                          (it always sorts after the migrations next to <file>)

Exit status: 0 drafted, 2 could not run.`;
function displayPath(file) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(process.cwd(), file);
    return (relative.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(relative) ? file : relative).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
}
/** The newest valid version among the migrations in `directory`: the draft must sort after all of them. */
function newestSiblingVersion(directory) {
    let newest;
    for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(directory)) {
        const version = _core_src_discovery__WEBPACK_IMPORTED_MODULE_3__/* .MIGRATION_FILE_PATTERN */ .T.exec(name)?.[1];
        if (version && (0,_core_src_discovery__WEBPACK_IMPORTED_MODULE_3__/* .isValidTimestamp */ .xP)(version) && (!newest || version > newest))
            newest = version;
    }
    return newest;
}
function fail(message) {
    process.stderr.write(`${message}\n`);
    return _command__WEBPACK_IMPORTED_MODULE_6__/* .EXIT */ .d.usage;
}
const draftFixCommand = {
    usage: USAGE,
    async run(argv) {
        let parsed;
        try {
            parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.parseArgs)({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, after: { type: 'string' } } });
        }
        catch (err) {
            return fail(`${err.message}\n\n${USAGE}`);
        }
        const { values, positionals } = parsed;
        if (positionals.length !== 1)
            return fail(`Expected one migration file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.\n\n${USAGE}`);
        if (values.after !== undefined && !(/^\d{14}$/.test(values.after) && (0,_core_src_discovery__WEBPACK_IMPORTED_MODULE_3__/* .isValidTimestamp */ .xP)(values.after))) {
            return fail(`--after must be a 14-digit migration version (yyyymmddhhmmss, UTC), got "${values.after}".`);
        }
        const file = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(positionals[0]);
        const shown = displayPath(file);
        let bytes;
        try {
            bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file);
        }
        catch (err) {
            const code = err.code;
            if (code === 'ENOENT')
                return fail(`Migration file "${shown}" does not exist.`);
            if (code === 'EISDIR')
                return fail(`"${shown}" is a folder; pass one migration file.`);
            return fail(`Cannot read "${shown}": ${err.message}`);
        }
        await (0,_core_src_parser__WEBPACK_IMPORTED_MODULE_5__/* .loadParser */ .qd)();
        const { migration, findings } = (0,_core_src_discovery__WEBPACK_IMPORTED_MODULE_3__/* .analyzeMigration */ .nl)(node_path__WEBPACK_IMPORTED_MODULE_1__.basename(file), bytes, shown, file);
        if (!migration.parsed) {
            const problems = findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`);
            return fail(`Cannot draft a fix for "${shown}": it must parse as SQL.\n${problems.join('\n')}`);
        }
        const newest = [newestSiblingVersion(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file)), values.after].filter((v) => !!v).sort().pop();
        const draft = (0,_core_src_draft_fix__WEBPACK_IMPORTED_MODULE_4__/* .draftForwardFix */ .y2)(migration, { latestVersion: newest });
        const manual = draft.manual.length === 0 ? 'nothing needs manual work' : `${draft.manual.length} need${draft.manual.length === 1 ? 's' : ''} manual work (marked MANUAL)`;
        const summary = `${draft.compensated} statement(s) undone, ${manual}. Review it before committing.`;
        if (values.out === undefined) {
            process.stdout.write(draft.sql);
            // On stderr, so that stdout stays the migration when redirected to a file.
            process.stderr.write(`Drafted ${draft.fileName}: ${summary}\n`);
            return _command__WEBPACK_IMPORTED_MODULE_6__/* .EXIT */ .d.ok;
        }
        const target = node_path__WEBPACK_IMPORTED_MODULE_1__.join(values.out, draft.fileName);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(values.out, { recursive: true });
            // The version is fresh, so an existing file means someone else's migration: never overwrite it.
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(target, draft.sql, { flag: 'wx' });
        }
        catch (err) {
            return fail(`Cannot write "${displayPath(target)}": ${err.message}`);
        }
        process.stdout.write(`Wrote ${displayPath(target)}: ${summary}\n`);
        return _command__WEBPACK_IMPORTED_MODULE_6__/* .EXIT */ .d.ok;
    },
};


/***/ })

};
;