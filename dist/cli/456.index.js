"use strict";
exports.id = 456;
exports.ids = [456];
exports.modules = {

/***/ 3456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   repairCommand: () => (/* binding */ repairCommand)
/* harmony export */ });
/* harmony import */ var _command__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _core_src_deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4907);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5942);



const USAGE = `Usage: migration-gate repair --status applied|reverted <version>... --database-url <url> [options]

Corrects the migration history without running any migration SQL, like
"supabase migration repair":
  --status applied    record the versions as applied, from their local files (name, statements,
                      checksum); on an already applied version this accepts an edited file
  --status reverted   remove the versions from the history (the next deploy runs them again)
The change is written under the deploy lock and audited in supabase_migrations.gate_audit.

Options:
  --status applied|reverted
  --dir <dir>                migrations folder (default: migrationsDir of .migration-gate.json, else supabase/migrations)
${_deploy__WEBPACK_IMPORTED_MODULE_2__.DATABASE_USAGE}
  --actor <name>             who repairs (default: $GITHUB_ACTOR, else the local user)
  --environment <name>       environment recorded in the audit row

Exit codes: 0 repaired; 2 bad arguments, missing files or database unreachable.`;
const repairCommand = {
    usage: USAGE,
    run: (argv) => (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.guard)(USAGE, async () => {
        const { values, positionals } = (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.parseCommandLine)(argv, {
            ..._deploy__WEBPACK_IMPORTED_MODULE_2__.DATABASE_OPTIONS,
            status: { type: 'string' },
            dir: { type: 'string' },
            actor: { type: 'string' },
            environment: { type: 'string' },
        });
        const status = values.status;
        if (status !== 'applied' && status !== 'reverted')
            throw new _deploy__WEBPACK_IMPORTED_MODULE_2__.UsageError('--status must be "applied" or "reverted".');
        if (positionals.length === 0)
            throw new _deploy__WEBPACK_IMPORTED_MODULE_2__.UsageError('Name the version(s) to repair, e.g. 20240101120000.');
        const format = (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.outputFormat)(values);
        const result = await (0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_1__/* .repairHistory */ .kd)({
            ...(0,_deploy__WEBPACK_IMPORTED_MODULE_2__.databaseOptions)(values),
            migrationsDir: await (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.migrationsDir)(values.dir, values),
            status,
            versions: positionals,
            context: (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.auditContext)(values),
            logger: (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.stderrLogger)({ ...values, quiet: true }),
        });
        if (format === 'json')
            (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.writeJson)(result);
        else
            process.stdout.write((0,_core_src_deploy__WEBPACK_IMPORTED_MODULE_1__/* .formatRepairResult */ .qd)(result) + '\n');
        return result.ok ? _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.ok : _command__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.usage;
    }),
};


/***/ })

};
;