"use strict";
exports.id = 246;
exports.ids = [246];
exports.modules = {

/***/ 4246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   planCommand: () => (/* binding */ planCommand)
/* harmony export */ });
/* harmony import */ var _command__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _core_src_deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4907);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5942);



const USAGE = `Usage: migration-gate plan [dir] --database-url <url> [options]

Lists the migrations a deploy would apply and runs the transactional ones, in order, inside one
transaction that is always rolled back: failures are reported at file:line without changing the
database (migrations marked "-- transaction: none" are listed but not executed). Locks taken by
the statements are held until the rollback, bounded by the lock and statement timeouts.

Options:
${_deploy__WEBPACK_IMPORTED_MODULE_2__.DATABASE_USAGE}
${_deploy__WEBPACK_IMPORTED_MODULE_2__.EXECUTION_USAGE}
${_deploy__WEBPACK_IMPORTED_MODULE_2__.DRIFT_USAGE}

Exit codes: 0 the deploy would succeed (or there is nothing to do); 1 a migration would fail or the
deploy would be refused; 2 bad arguments or database unreachable.`;
const planCommand = {
    usage: USAGE,
    run: (argv) => (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.guard)(USAGE, async () => {
        const { values, positionals } = (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.parseCommandLine)(argv, { ..._deploy__WEBPACK_IMPORTED_MODULE_2__.DATABASE_OPTIONS, ..._deploy__WEBPACK_IMPORTED_MODULE_2__.DRIFT_OPTIONS, ..._deploy__WEBPACK_IMPORTED_MODULE_2__.EXECUTION_OPTIONS });
        if (positionals.length > 1)
            throw new _deploy__WEBPACK_IMPORTED_MODULE_2__.UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
        const format = (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.outputFormat)(values);
        const result = await (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_1__/* .deploy */ .gg)({
            ...(0,_deploy__WEBPACK_IMPORTED_MODULE_2__.databaseOptions)(values),
            migrationsDir: await (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.migrationsDir)(positionals[0], values),
            dryRun: true,
            allow: (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.driftAllowances)(values),
            execution: (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.executionSettings)(values),
            logger: (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.stderrLogger)(values),
        });
        if (format === 'json')
            (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.writeJson)(result);
        else
            process.stdout.write((0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_1__/* .formatDeployResult */ .m_)(result) + '\n');
        if (result.ok)
            return _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.ok;
        return result.outcome === 'connection-failed' ? _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.usage : _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.findings;
    }),
};


/***/ })

};
;