#!/usr/bin/env node
// Prints the CHANGELOG.md section of a release, for the GitHub release's notes:
//
//   node scripts/release-notes.mjs v0.2.0 [--root <dir>]
//
// and refuses (exit 1, a message on stderr) a tag that is not vX.Y.Z, a tag whose version is not
// the one in package.json (the tool reports that version, so the two must agree), and a version
// with no dated, non-empty section in CHANGELOG.md (Keep a Changelog: "## [0.2.0] - 2026-11-29").
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function fail(message) {
  process.stderr.write(`release-notes: ${message}\n`);
  process.exit(1);
}

function option(args, name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lines under `## [version] - date`, up to the next `## ` heading or the link definitions. */
function releaseSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[${escapeRegExp(version)}\\](?:\\s+-\\s+(\\S+))?\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return { found: false };
  const date = heading.exec(lines[start])[1];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^## /.test(line) || /^\[[^\]]+\]:\s/.test(line));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  return { found: true, date, body };
}

function main(args) {
  const tag = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
  const root = resolve(option(args, '--root', join(dirname(fileURLToPath(import.meta.url)), '..')));
  if (!tag) fail('usage: node scripts/release-notes.mjs vX.Y.Z [--root <dir>]');
  const match = /^v(\d+\.\d+\.\d+)$/.exec(tag);
  if (!match) fail(`"${tag}" is not a release tag: releases are tagged vX.Y.Z, e.g. v0.2.0.`);
  const version = match[1];

  const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (packageVersion !== version) {
    fail(`the tag is ${tag} but package.json says ${packageVersion}. Set "version": "${version}" in package.json (npm version ${version} --no-git-tag-version), commit, and tag that commit.`);
  }
  const section = releaseSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (!section.found) fail(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section: move the notes from [Unreleased] under it.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(section.date ?? '')) fail(`CHANGELOG.md's section [${version}] has no release date: write "## [${version}] - YYYY-MM-DD".`);
  if (!section.body) fail(`CHANGELOG.md's section [${version}] is empty.`);
  process.stdout.write(`${section.body}\n`);
}

main(process.argv.slice(2));
