"use strict";
exports.id = 847;
exports.ids = [847];
exports.modules = {

/***/ 2847:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   statusCommand: () => (/* binding */ statusCommand)
/* harmony export */ });
/* harmony import */ var _command__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _core_src_deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4907);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5942);



const USAGE = `Usage: migration-gate status [dir] --database-url <url> [options]

Compares [dir] with the database's migration history (supabase_migrations.schema_migrations):
applied versions (verified by checksum, or by recorded statements for rows written by the
Supabase CLI), pending versions, drift (edited or missing applied files, out-of-order files), and
deploys that were interrupted (killed, or cut off by a server restart) with what they applied.
Only reads; works through any pooler.

Options:
${_deploy__WEBPACK_IMPORTED_MODULE_2__.DATABASE_USAGE}

Exit codes: 0 no drift; 1 drift or invalid files found; 2 bad arguments or database unreachable.`;
const statusCommand = {
    usage: USAGE,
    run: (argv) => (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.guard)(USAGE, async () => {
        const { values, positionals } = (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.parseCommandLine)(argv, _deploy__WEBPACK_IMPORTED_MODULE_2__.DATABASE_OPTIONS);
        if (positionals.length > 1)
            throw new _deploy__WEBPACK_IMPORTED_MODULE_2__.UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
        const format = (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.outputFormat)(values);
        const report = await (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_1__/* .migrationStatus */ .vd)({ ...(0,_deploy__WEBPACK_IMPORTED_MODULE_2__.databaseOptions)(values), migrationsDir: await (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.migrationsDir)(positionals[0], values) });
        if (format === 'json')
            (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.writeJson)(report);
        else
            process.stdout.write((0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_1__/* .formatStatusReport */ .qp)(report) + '\n');
        return report.drift.length > 0 || report.problems.length > 0 ? _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.findings : _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.ok;
    }),
};


/***/ })

};
;