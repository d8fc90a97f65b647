/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 8835:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ EXIT),
/* harmony export */   m: () => (/* binding */ lazyCommand)
/* harmony export */ });
/** Exit codes shared by every command, the same in the CLI and the actions. */
const EXIT = {
    ok: 0,
    /** The check ran and found blocking problems (errors, or warnings with --fail-on warning). */
    findings: 1,
    /** The command could not run: bad arguments, unreadable input, unreachable database. */
    usage: 2,
};
/**
 * A command whose module is loaded only when it runs. In the bundle each command is its own chunk
 * (a dynamic `import()`), so `--help`, `--version` and every other command neither load nor
 * compile its code (seed's fake-data library alone takes ~0.4 s to load).
 */
function lazyCommand(name, summary, load, warmUp) {
    return { name, summary, load, warmUp };
}


/***/ }),

/***/ 7363:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  w: () => (/* binding */ TOOL_VERSION)
});

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.2.0"};
;// CONCATENATED MODULE: ./packages/core/src/version.ts

/** The package version, reported in every output so a report can be traced to the tool that wrote it. */
const TOOL_VERSION = package_namespaceObject.rE;


/***/ }),

/***/ 5892:
/***/ ((module) => {

module.exports = require("@faker-js/faker");

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = require("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = require("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = require("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = require("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = require("https");

/***/ }),

/***/ 5966:
/***/ ((module) => {

module.exports = require("libpg-query");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = require("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = require("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = require("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = require("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = require("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = require("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = require("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = require("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = require("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = require("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = require("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = require("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = require("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = require("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = require("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = require("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = require("node:util/types");

/***/ }),

/***/ 8877:
/***/ ((module) => {

module.exports = require("node:v8");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = require("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = require("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = require("os");

/***/ }),

/***/ 8150:
/***/ ((module) => {

module.exports = require("pg");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = require("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = require("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = require("util");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/ensure chunk */
/******/ 	(() => {
/******/ 		__nccwpck_require__.f = {};
/******/ 		// This file contains only the entry chunk.
/******/ 		// The chunk loading function for additional chunks
/******/ 		__nccwpck_require__.e = (chunkId) => {
/******/ 			return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 				__nccwpck_require__.f[key](chunkId, promises);
/******/ 				return promises;
/******/ 			}, []));
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/get javascript chunk filename */
/******/ 	(() => {
/******/ 		// This function allow to reference async chunks
/******/ 		__nccwpck_require__.u = (chunkId) => {
/******/ 			// return url for filenames based on template
/******/ 			return "" + chunkId + ".index.js";
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		// no baseURI
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		var installChunk = (chunk) => {
/******/ 			var moreModules = chunk.modules, chunkIds = chunk.ids, runtime = chunk.runtime;
/******/ 			for(var moduleId in moreModules) {
/******/ 				if(__nccwpck_require__.o(moreModules, moduleId)) {
/******/ 					__nccwpck_require__.m[moduleId] = moreModules[moduleId];
/******/ 				}
/******/ 			}
/******/ 			if(runtime) runtime(__nccwpck_require__);
/******/ 			for(var i = 0; i < chunkIds.length; i++)
/******/ 				installedChunks[chunkIds[i]] = 1;
/******/ 		
/******/ 		};
/******/ 		
/******/ 		// require() chunk loading for javascript
/******/ 		__nccwpck_require__.f.require = (chunkId, promises) => {
/******/ 			// "1" is the signal for "already loaded"
/******/ 			if(!installedChunks[chunkId]) {
/******/ 				if(true) { // all chunks have JS
/******/ 					installChunk(require("./" + __nccwpck_require__.u(chunkId)));
/******/ 				} else installedChunks[chunkId] = 1;
/******/ 			}
/******/ 		};
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./packages/cli/src/command.ts
var src_command = __nccwpck_require__(8835);
;// CONCATENATED MODULE: ./packages/cli/src/commands/index.ts

/** Every subcommand, in the order `--help` lists them. Modules load only when their command runs (each is a chunk of the bundle). */
const COMMANDS = [
    (0,src_command/* lazyCommand */.m)('validate', 'Check migrations: names, order, immutability, syntax, lint rules and a dry-run', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(186), __nccwpck_require__.e(454)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9454))).validateCommand, 
    // The parse worker's start-up (~60 ms on its own core) overlaps with loading the command's code;
    // a small folder then lets it go unused.
    () => void __nccwpck_require__.e(/* import() */ 946).then(__nccwpck_require__.bind(__nccwpck_require__, 9946)).then(({ prestartParseWorker }) => prestartParseWorker())),
    (0,src_command/* lazyCommand */.m)('plan', 'Show pending migrations and try them in a rolled-back transaction', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(775), __nccwpck_require__.e(942), __nccwpck_require__.e(246)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4246))).planCommand),
    (0,src_command/* lazyCommand */.m)('deploy', 'Apply pending migrations under an advisory lock, one transaction each', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(775), __nccwpck_require__.e(942)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5942))).deployCommand),
    (0,src_command/* lazyCommand */.m)('drift', 'Find changes made to a database outside the migrations (no Docker)', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(413), __nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(775), __nccwpck_require__.e(942), __nccwpck_require__.e(520), __nccwpck_require__.e(911), __nccwpck_require__.e(186), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 78))).driftCommand),
    (0,src_command/* lazyCommand */.m)('status', 'List applied, pending and drifted versions of a database', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(775), __nccwpck_require__.e(942), __nccwpck_require__.e(847)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2847))).statusCommand),
    (0,src_command/* lazyCommand */.m)('repair', 'Mark versions applied or reverted in the history table without running them', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(775), __nccwpck_require__.e(942), __nccwpck_require__.e(456)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3456))).repairCommand),
    (0,src_command/* lazyCommand */.m)('draft-fix', 'Draft a forward-fix migration that compensates an applied one', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(946), __nccwpck_require__.e(379), __nccwpck_require__.e(911), __nccwpck_require__.e(112)]).then(__nccwpck_require__.bind(__nccwpck_require__, 112))).draftFixCommand),
    (0,src_command/* lazyCommand */.m)('seed', 'Fill a development or staging database with synthetic, privacy-safe rows', async () => (await Promise.all(/* import() */[__nccwpck_require__.e(775), __nccwpck_require__.e(423)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3423))).seedCommand),
];

// EXTERNAL MODULE: ./packages/core/src/version.ts + 1 modules
var version = __nccwpck_require__(7363);
;// CONCATENATED MODULE: ./packages/cli/src/index.ts



function help(commands) {
    const width = Math.max(...commands.map((c) => c.name.length));
    return [
        'Usage: migration-gate <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
        '',
        'Run "migration-gate <command> --help" for a command\'s options, "migration-gate --version" for the version.',
    ].join('\n');
}
async function main(argv) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(help(COMMANDS) + '\n');
        return name ? src_command/* EXIT */.d.ok : src_command/* EXIT */.d.usage;
    }
    if (name === '--version' || name === '-v') {
        process.stdout.write(`${version/* TOOL_VERSION */.w}\n`);
        return src_command/* EXIT */.d.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        process.stderr.write(`Unknown command "${name}".\n\n${help(COMMANDS)}\n`);
        return src_command/* EXIT */.d.usage;
    }
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    if (!wantsHelp)
        command.warmUp?.();
    const module = await command.load();
    if (wantsHelp) {
        process.stdout.write(module.usage + '\n');
        return src_command/* EXIT */.d.ok;
    }
    return module.run(rest);
}

;// CONCATENATED MODULE: ./packages/cli/src/bin.ts


main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`migration-gate: ${err?.message ?? String(err)}\n`);
    process.exitCode = src_command/* EXIT */.d.usage;
});

module.exports = __webpack_exports__;
/******/ })()
;