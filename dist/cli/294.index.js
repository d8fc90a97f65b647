"use strict";
exports.id = 294;
exports.ids = [294];
exports.modules = {

/***/ 9294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dryRunHeadline: () => (/* binding */ dryRunHeadline),
/* harmony export */   schemaChangeLines: () => (/* binding */ schemaChangeLines),
/* harmony export */   uZ: () => (/* binding */ renderDryRunMarkdown)
/* harmony export */ });
/* unused harmony exports MAX_SECTION_ROWS, emulationLines */
/* harmony import */ var _report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6689);
/**
 * Markdown sections for the job summary and the pull-request comment: outcome, locks on
 * existing tables, schema changes. Findings are rendered by the report with the others.
 */

/** Rows of a section before it says "… N more": a long replay must not crowd out the verdict. */
const MAX_SECTION_ROWS = 200;
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
/** One sentence on what was replayed where, and one on where the time went: shared by the summary and the terminal. */
function dryRunHeadline(result) {
    const newOnes = result.migrations.filter((m) => m.phase === 'new');
    const applied = newOnes.filter((m) => m.status === 'applied').length;
    const base = result.migrations.filter((m) => m.phase === 'base');
    const baseApplied = base.filter((m) => m.status === 'applied').length;
    const server = `PostgreSQL ${result.server.version} (${result.server.kind === 'embedded' ? 'throwaway server' : 'provided server'})${result.supabaseBaseline ? ' with the Supabase baseline' : ''}`;
    const t = result.timings;
    const replayedNothing = result.migrations.length > 0 && !result.migrations.some((m) => m.status === 'applied');
    const outcome = replayedNothing
        ? `the dry-run replayed none of the ${result.migrations.length} migrations`
        : result.ok
            ? `${applied} new migration${applied === 1 ? '' : 's'} replayed cleanly`
            : `the dry-run failed`;
    const baseText = baseApplied === base.length ? `${base.length} base migration${base.length === 1 ? '' : 's'}` : `${baseApplied} of ${base.length} base migrations (the others could not be replayed)`;
    return {
        outcome: `${outcome} on ${server}, after ${baseText}.`,
        time: `${formatMs(t.totalMs)} (server ${formatMs(t.installMs + t.serverStartMs)}, baseline ${formatMs(t.baselineMs)}, base ${formatMs(t.baseReplayMs)}, new ${formatMs(t.newReplayMs)} incl. lock tracing ${formatMs(t.lockTracingMs)})`,
    };
}
const CHANGE_ICON = { added: '+', changed: '~', dropped: '-' };
/**
 * One line per change. Names, labels and defaults come from the migrations: a line break inside
 * one is shown as `\n`, so that it cannot start a line of its own in the diff block or the terminal.
 */
function schemaChangeLines(result) {
    return result.schemaChanges.map((c) => `${CHANGE_ICON[c.action]} ${visibleControlCharacters(c.summary)}`);
}
function visibleControlCharacters(text) {
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
function capped(rows, what) {
    if (rows.length <= MAX_SECTION_ROWS)
        return rows;
    return [...rows.slice(0, MAX_SECTION_ROWS), `… ${rows.length - MAX_SECTION_ROWS} more ${what}, see the JSON report`];
}
/** Which files were replayed against an emulation or a stand-in, per extension. */
function emulationLines(result) {
    const lines = [];
    for (const name of result.server.emulatedExtensions) {
        const files = result.migrations.filter((m) => m.emulated?.includes(name)).map((m) => (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(m.file.split('/').pop() ?? m.file, 300)));
        if (files.length)
            lines.push(`- ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)(name)}: replayed against an emulation in ${files.join(', ')}`);
    }
    for (const name of result.server.standInExtensions)
        lines.push(`- ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(name, 100))}: unknown to the dry-run, replayed as an empty stand-in`);
    return capped(lines, 'extensions');
}
function renderDryRunMarkdown(result) {
    const sections = [];
    const newOnes = result.migrations.filter((m) => m.phase === 'new');
    const headline = dryRunHeadline(result);
    sections.push(['### Dry-run', `${result.ok ? '✅' : '❌'} ${headline.outcome}`, '', `Time: ${headline.time}.`].join('\n'));
    if (result.notReplayed.length) {
        sections.push(['**Not replayed:**', ...capped(result.notReplayed.map((n) => `- ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(n.file, 300))}: ${(0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdText */ .bC)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(n.reason, 2000))}`), 'files')].join('\n'));
    }
    const emulation = emulationLines(result);
    if (emulation.length)
        sections.push(['**Emulated extensions** (the dry-run server lacks them; their objects exist, their behaviour is modelled, and no lock or rewrite claim is made for statements that use them):', ...emulation].join('\n'));
    const lockRows = [];
    for (const migration of newOnes) {
        for (const statement of migration.statements) {
            for (const lock of statement.locks ?? []) {
                lockRows.push((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdRow */ .cT)([
                    (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(`${migration.file}:${statement.line}`, 300)),
                    (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(statement.excerpt, 200)),
                    (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdCode */ .xs)((0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(lock.relation, 200)),
                    lock.mode,
                    lock.rewritten ? 'yes' : lock.dropped ? 'dropped' : 'no',
                    `${formatMs(statement.durationMs)} / ${formatMs(statement.heldUntilCommitMs ?? statement.durationMs)}`,
                ]));
            }
        }
    }
    if (lockRows.length) {
        const rows = capped(lockRows, 'locks');
        if (rows.length > lockRows.length)
            rows[rows.length - 1] = `\n_${rows[rows.length - 1]}._`;
        sections.push([
            '#### Locks on existing tables',
            'Locks are held until the migration commits. Times are from the empty dry-run database; on production data, rewrites and scans take longer.',
            '',
            '| Where | Statement | Table | Lock | Rewrite | Ran / held |',
            '| --- | --- | --- | --- | --- | --- |',
            ...rows,
        ].join('\n'));
    }
    if (result.schemaChanges.length) {
        const lines = capped(schemaChangeLines(result).map((line) => (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .clipText */ .gL)(line, 500)), 'changes');
        sections.push([`#### Schema changes${result.schemaChangesComplete ? '' : ' (up to the failure)'}`, (0,_report_markdown_safe__WEBPACK_IMPORTED_MODULE_0__/* .mdFence */ .F)(lines.join('\n'), 'diff')].join('\n'));
    }
    return sections;
}


/***/ })

};
;